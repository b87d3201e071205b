//! Task states: the service-integration trait that every task implements, integration
//! patterns, timeouts and credentials.

use cfn_model::iam::PolicyStatement;
use cfn_model::{cfn_concat, Expr};

use crate::builder::chain::{Chain, Parts};
use crate::builder::setters::ql::{JsonPath, Jsonata, Language};
use crate::builder::setters::sealed::Sealed;
use crate::builder::setters::{Assign, ErrorHandling, InputOutput, JsonataOutput, ResultPath, ResultSelector, State};
use crate::model::{Credentials, Payload, Retry, State as Node, StateKind as Kind, TaskState, Timeout};
use crate::Error;

/// How a task waits for its service.
///
/// ```
/// use stepfunctions::IntegrationPattern;
/// assert_eq!(IntegrationPattern::RunJob.resource_suffix(), ".sync");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IntegrationPattern {
    /// Call the API and go on once it answers.
    RequestResponse,
    /// Start a job and wait for it to finish (`.sync`).
    RunJob,
    /// Call the API with a task token and wait until `SendTaskSuccess` or `SendTaskFailure`
    /// returns it (`.waitForTaskToken`).
    WaitForTaskToken,
}

impl IntegrationPattern {
    /// The suffix of the Resource ARN.
    ///
    /// ```
    /// assert_eq!(stepfunctions::IntegrationPattern::WaitForTaskToken.resource_suffix(), ".waitForTaskToken");
    /// ```
    pub const fn resource_suffix(self) -> &'static str {
        match self {
            IntegrationPattern::RequestResponse => "",
            IntegrationPattern::RunJob => ".sync",
            IntegrationPattern::WaitForTaskToken => ".waitForTaskToken",
        }
    }
}

/// `arn:${AWS::Partition}:states:::<service>:<api>[.sync|.waitForTaskToken]`, the Resource of an
/// optimized service integration.
///
/// ```
/// use stepfunctions::{integration_resource_arn, IntegrationPattern};
/// let arn = integration_resource_arn("lambda", "invoke", IntegrationPattern::WaitForTaskToken);
/// assert_eq!(arn.to_string(), "arn:${AWS::Partition}:states:::lambda:invoke.waitForTaskToken");
/// ```
pub fn integration_resource_arn(service: &str, api: &str, pattern: IntegrationPattern) -> Expr {
    let suffix = pattern.resource_suffix();
    let mut tail = String::with_capacity(10 + service.len() + 1 + api.len() + suffix.len());
    for part in [":states:::", service, ":", api, suffix] {
        tail.push_str(part);
    }
    cfn_concat!("arn:", Expr::partition(), tail)
}

/// A service integration: what a Task state calls, with which parameters and permissions.
///
/// The task crates implement it once per API; everything every task shares (comment, paths,
/// result selector, timeouts, credentials, retry, catch, the integration-pattern check) lives
/// in [`Task`].
///
/// ```
/// use cfn_model::{iam::PolicyStatement, Expr};
/// use stepfunctions::prelude::*;
/// use stepfunctions::{IntegrationPattern, ServiceIntegration};
///
/// /// SQS SendMessage, reduced to the queue and the body.
/// #[derive(Debug, Clone)]
/// struct SendMessage { queue_url: Expr, queue_arn: Expr, body: Payload }
///
/// impl ServiceIntegration for SendMessage {
///     const SERVICE: &'static str = "sqs";
///     const API: &'static str = "sendMessage";
///     fn parameters(&self, _: IntegrationPattern) -> Option<Payload> {
///         Some(Payload::from_object([("QueueUrl", self.queue_url.clone().into()), ("MessageBody", self.body.clone())]))
///     }
///     fn policy_statements(&self, _: IntegrationPattern) -> Vec<PolicyStatement> {
///         vec![PolicyStatement::allow(["sqs:SendMessage"], [self.queue_arn.clone()])]
///     }
/// }
///
/// let task = Task::new("Send", SendMessage {
///     queue_url: Expr::reference("Queue"),
///     queue_arn: Expr::get_att("Queue", "Arn"),
///     body: JsonPath::string_at("$.message"),
/// });
/// let asl = StateMachine::new("M", task).render_asl().unwrap();
/// assert!(asl.definition.contains("\"MessageBody.$\": \"$.message\""));
/// ```
pub trait ServiceIntegration {
    /// The service's name in the integration ARN, e.g. `lambda`.
    const SERVICE: &'static str;
    /// The API's name in the integration ARN, e.g. `invoke`.
    const API: &'static str;
    /// The pattern used when none is chosen.
    const DEFAULT_PATTERN: IntegrationPattern = IntegrationPattern::RequestResponse;

    /// The state's `Resource`. Default: [`integration_resource_arn`].
    fn resource(&self, pattern: IntegrationPattern) -> Expr {
        integration_resource_arn(Self::SERVICE, Self::API, pattern)
    }

    /// The task's input (rendered as `Parameters`).
    fn parameters(&self, pattern: IntegrationPattern) -> Option<Payload>;

    /// The IAM statements the state machine's role needs to run this task.
    fn policy_statements(&self, pattern: IntegrationPattern) -> Vec<PolicyStatement>;

    /// Retriers added before the user's. Default: none.
    fn default_retries(&self) -> Vec<Retry> {
        Vec::new()
    }

    /// Checks the integration's own settings: what is wrong, and with which field where one is
    /// at fault. Reported at synthesis as [`Error::InvalidTask`] with the state's name.
    /// Default: nothing to check.
    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        Ok(())
    }

    /// Everything the Task state takes from the integration, consuming it. The default calls
    /// the methods above; an integration that owns large values (a payload) may override it to
    /// move them instead of cloning, and must then give what the methods above give.
    ///
    /// ```
    /// use cfn_model::{iam::PolicyStatement, Expr};
    /// use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration};
    ///
    /// struct Ping;
    /// impl ServiceIntegration for Ping {
    ///     const SERVICE: &'static str = "sqs";
    ///     const API: &'static str = "sendMessage";
    ///     fn parameters(&self, _: IntegrationPattern) -> Option<Payload> {
    ///         Some(Payload::from_object([("MessageBody", "ping".into())]))
    ///     }
    ///     fn policy_statements(&self, _: IntegrationPattern) -> Vec<PolicyStatement> {
    ///         vec![PolicyStatement::allow(["sqs:SendMessage"], [Expr::get_att("Queue", "Arn")])]
    ///     }
    /// }
    ///
    /// let parts = Ping.into_parts(IntegrationPattern::RequestResponse);
    /// assert_eq!(parts.resource, Ping.resource(IntegrationPattern::RequestResponse));
    /// assert_eq!(parts.policy.len(), 1);
    /// assert!(parts.retries.is_empty() && parts.check.is_ok());
    /// ```
    fn into_parts(self, pattern: IntegrationPattern) -> IntegrationParts
    where
        Self: Sized,
    {
        IntegrationParts {
            check: self.validate(pattern),
            resource: self.resource(pattern),
            parameters: self.parameters(pattern),
            policy: self.policy_statements(pattern),
            retries: self.default_retries(),
        }
    }
}

/// What a Task state takes from its integration ([`ServiceIntegration::into_parts`]).
///
/// ```
/// use stepfunctions::{IntegrationParts, integration_resource_arn, IntegrationPattern};
/// let parts = IntegrationParts {
///     resource: integration_resource_arn("sqs", "sendMessage", IntegrationPattern::RequestResponse),
///     parameters: None,
///     policy: Vec::new(),
///     retries: Vec::new(),
///     check: Ok(()),
/// };
/// assert!(parts.check.is_ok());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct IntegrationParts {
    /// The state's `Resource` ([`ServiceIntegration::resource`]).
    pub resource: Expr,
    /// The task's input ([`ServiceIntegration::parameters`]).
    pub parameters: Option<Payload>,
    /// The role's statements ([`ServiceIntegration::policy_statements`]).
    pub policy: Vec<PolicyStatement>,
    /// Retriers added before the user's ([`ServiceIntegration::default_retries`]).
    pub retries: Vec<Retry>,
    /// The integration's own check ([`ServiceIntegration::validate`]).
    pub check: Result<(), TaskError>,
}

/// What a task's integration found wrong with its settings ([`ServiceIntegration::validate`]):
/// the field at fault, as the service's API names it (`Payload`, `Item.id`), where one is, and
/// why.
///
/// ```
/// use stepfunctions::TaskError;
/// let e = TaskError::field("ClientContext", "must be base64-encoded");
/// assert_eq!(e.to_string(), "ClientContext: must be base64-encoded");
/// let plain: TaskError = "the item has no attribute".into();
/// assert_eq!(plain.field, None);
/// assert_eq!(TaskError::new("too long").at("Name").field.as_deref(), Some("Name"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskError {
    /// The field at fault, if one is.
    pub field: Option<String>,
    /// What is wrong.
    pub reason: String,
}

impl TaskError {
    /// An error of the settings as a whole.
    ///
    /// ```
    /// let e = stepfunctions::TaskError::new("set a table or a table ARN");
    /// assert!(e.field.is_none());
    /// ```
    pub fn new(reason: impl Into<String>) -> Self {
        TaskError {
            field: None,
            reason: reason.into(),
        }
    }

    /// An error of one field.
    ///
    /// ```
    /// let e = stepfunctions::TaskError::field("DelaySeconds", "must be 0 to 900");
    /// assert_eq!(e.field.as_deref(), Some("DelaySeconds"));
    /// ```
    pub fn field(field: impl Into<String>, reason: impl Into<String>) -> Self {
        TaskError {
            field: Some(field.into()),
            reason: reason.into(),
        }
    }

    /// The same error, about `field` (kept if it names one already).
    ///
    /// ```
    /// let e = stepfunctions::TaskError::new("is empty").at("MessageBody");
    /// assert_eq!(e.to_string(), "MessageBody: is empty");
    /// ```
    #[must_use]
    pub fn at(mut self, field: impl Into<String>) -> Self {
        if self.field.is_none() {
            self.field = Some(field.into());
        }
        self
    }
}

impl std::fmt::Display for TaskError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.field {
            Some(field) => write!(f, "{field}: {}", self.reason),
            None => f.write_str(&self.reason),
        }
    }
}

impl From<String> for TaskError {
    fn from(reason: String) -> Self {
        TaskError::new(reason)
    }
}

impl From<&str> for TaskError {
    fn from(reason: &str) -> Self {
        TaskError::new(reason)
    }
}

/// The integration can wait for a job to finish ([`Task::run_job`]).
pub trait SupportsRunJob: ServiceIntegration {}

/// The integration can wait for a task token ([`Task::wait_for_task_token`]).
pub trait SupportsWaitForTaskToken: ServiceIntegration {}

/// The integration can call and go on ([`Task::request_response`]), for integrations whose
/// default is another pattern.
pub trait SupportsRequestResponse: ServiceIntegration {}

/// A Task state that calls a service integration `I`.
///
/// Integration patterns are chosen with [`run_job`](Task::run_job),
/// [`wait_for_task_token`](Task::wait_for_task_token) and
/// [`request_response`](Task::request_response), which exist only where the integration
/// supports the pattern: an unsupported pattern does not compile.
///
/// ```compile_fail
/// # use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration, Task};
/// # #[derive(Debug)] struct Get;
/// # impl ServiceIntegration for Get {
/// #     const SERVICE: &'static str = "dynamodb"; const API: &'static str = "getItem";
/// #     fn parameters(&self, _: IntegrationPattern) -> Option<Payload> { None }
/// #     fn policy_statements(&self, _: IntegrationPattern) -> Vec<cfn_model::iam::PolicyStatement> { vec![] }
/// # }
/// // `Get` implements no `SupportsRunJob`: there is no `run_job` to call.
/// let task = Task::new("Get", Get).run_job();
/// ```
///
/// [`Task::jsonata`] gives a JSONata task: its input is written as `Arguments`, and it has
/// `output` instead of the JSONPath setters.
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions::model::Jsonata;
/// use stepfunctions::StepFunctionsInvokeActivity;
/// let work = StepFunctionsInvokeActivity::new("arn:aws:states:us-east-1:123456789012:activity:Work")
///     .parameters(Payload::from_object([("id", Jsonata::states_input().field("id").into())]));
/// let t = Task::jsonata("Work", work).output(Jsonata::states_result().field("done").into());
/// let asl = StateMachine::new("M", t).query_language(QueryLanguage::Jsonata).render_asl().unwrap();
/// assert!(asl.definition.contains(r#""Arguments": {"#));
/// ```
#[derive(Debug, Clone)]
pub struct Task<I, L = JsonPath> {
    parts: Parts,
    integration: I,
    pattern: IntegrationPattern,
    timeout: Option<Timeout>,
    heartbeat: Option<Timeout>,
    credentials: Option<Credentials>,
    language: std::marker::PhantomData<L>,
}

impl<I: ServiceIntegration> Task<I> {
    /// A Task state that calls `integration` with its default pattern, in the state machine's
    /// query language, with the JSONPath setters.
    ///
    /// ```
    /// use stepfunctions::{Task, StepFunctionsInvokeActivity};
    /// let t = Task::new("Submit Job", StepFunctionsInvokeActivity::new(cfn_model::Expr::reference("SubmitJob")));
    /// ```
    pub fn new(name: impl Into<String>, integration: I) -> Self {
        Task::with_language(name, integration, None)
    }

    /// A JSONPath task: `QueryLanguage` is JSONPath whatever the state machine's.
    ///
    /// ```
    /// use stepfunctions::{Task, StepFunctionsInvokeActivity};
    /// let t = Task::json_path("Submit Job", StepFunctionsInvokeActivity::new(cfn_model::Expr::reference("SubmitJob")));
    /// ```
    pub fn json_path(name: impl Into<String>, integration: I) -> Self {
        Task::with_language(name, integration, Some(crate::model::QueryLanguage::JsonPath))
    }
}

impl<I: ServiceIntegration> Task<I, Jsonata> {
    /// A JSONata task: its input is written as `Arguments` (paths the integration writes become
    /// their JSONata equivalents), with `output` and `assign`.
    ///
    /// ```
    /// use stepfunctions::{Task, StepFunctionsInvokeActivity};
    /// let t = Task::jsonata("Submit Job", StepFunctionsInvokeActivity::new(cfn_model::Expr::reference("SubmitJob")));
    /// ```
    pub fn jsonata(name: impl Into<String>, integration: I) -> Self {
        Task::with_language(name, integration, Some(crate::model::QueryLanguage::Jsonata))
    }
}

impl<I: ServiceIntegration, L: Language> Task<I, L> {
    fn with_language(name: impl Into<String>, integration: I, language: Option<crate::model::QueryLanguage>) -> Self {
        let mut node = Node::new(name, Kind::Task(Box::new(TaskState::new(Expr::lit("")))));
        node.query_language = language;
        Task {
            parts: Parts::new(node),
            integration,
            pattern: I::DEFAULT_PATTERN,
            timeout: None,
            heartbeat: None,
            credentials: None,
            language: std::marker::PhantomData,
        }
    }

    /// The integration.
    ///
    /// ```
    /// use stepfunctions::{Task, StepFunctionsInvokeActivity};
    /// let t = Task::new("T", StepFunctionsInvokeActivity::new(cfn_model::Expr::reference("A")));
    /// let _ = t.integration();
    /// ```
    pub fn integration(&self) -> &I {
        &self.integration
    }

    /// The integration pattern in use.
    ///
    /// ```
    /// use stepfunctions::{IntegrationPattern, StepFunctionsInvokeActivity, Task};
    /// let t = Task::new("T", StepFunctionsInvokeActivity::new(cfn_model::Expr::reference("A")));
    /// assert_eq!(t.pattern(), IntegrationPattern::RequestResponse);
    /// ```
    pub fn pattern(&self) -> IntegrationPattern {
        self.pattern
    }

    /// How long the task may run (`TimeoutSeconds` or `TimeoutSecondsPath`), once: a second
    /// call is an error at synthesis, not a silent replacement. Default: the
    /// state machine's timeout (60 s for activities and Lambda-free tasks per the service).
    ///
    /// ```
    /// use stepfunctions::{StepFunctionsInvokeActivity, Task, Timeout};
    /// let t = Task::new("T", StepFunctionsInvokeActivity::new(cfn_model::Expr::reference("A"))).timeout(Timeout::seconds(300));
    /// ```
    #[must_use]
    pub fn timeout(mut self, timeout: Timeout) -> Self {
        if self.timeout.replace(timeout).is_some() {
            self.set_twice("timeout (TimeoutSeconds or TimeoutSecondsPath)");
        }
        self
    }

    /// How long between heartbeats at most (`HeartbeatSeconds` or `HeartbeatSecondsPath`);
    /// must be below the timeout; set once. Default: none.
    ///
    /// ```
    /// use stepfunctions::{StepFunctionsInvokeActivity, Task, Timeout};
    /// let t = Task::new("T", StepFunctionsInvokeActivity::new(cfn_model::Expr::reference("A"))).heartbeat(Timeout::seconds(60));
    /// ```
    #[must_use]
    pub fn heartbeat(mut self, heartbeat: Timeout) -> Self {
        if self.heartbeat.replace(heartbeat).is_some() {
            self.set_twice("heartbeat (HeartbeatSeconds or HeartbeatSecondsPath)");
        }
        self
    }

    /// Reports a setting given twice: the second would silently replace the first.
    fn set_twice(&mut self, what: &str) {
        let state = self.parts.node.name.clone();
        self.parts.errors.push(Error::InvalidTimeout {
            state,
            reason: format!(
                "the {what} is set twice; set it once, fixed (Timeout::seconds) or from the input (Timeout::at)"
            ),
        });
    }

    /// A role to assume for the call. Default: the state machine's role.
    ///
    /// ```
    /// use stepfunctions::{Credentials, StepFunctionsInvokeActivity, Task};
    /// let t = Task::new("T", StepFunctionsInvokeActivity::new(cfn_model::Expr::reference("A")))
    ///     .credentials(Credentials::role("arn:aws:iam::111122223333:role/Cross"));
    /// ```
    #[must_use]
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }
}

impl<I: SupportsRunJob, L: Language> Task<I, L> {
    /// Waits for the job to finish (`.sync`).
    ///
    /// ```ignore
    /// let t = Task::new("Build", CodeBuildStartBuild::new(project)).run_job();
    /// ```
    #[must_use]
    pub fn run_job(mut self) -> Self {
        self.pattern = IntegrationPattern::RunJob;
        self
    }
}

impl<I: SupportsWaitForTaskToken, L: Language> Task<I, L> {
    /// Waits for the task token to come back (`.waitForTaskToken`); the task's input must pass
    /// [`JsonPath::task_token`](crate::JsonPath::task_token), or rendering fails.
    ///
    /// ```ignore
    /// let t = Task::new("Invoke with callback", LambdaInvoke::new(f).payload(..)).wait_for_task_token();
    /// ```
    #[must_use]
    pub fn wait_for_task_token(mut self) -> Self {
        self.pattern = IntegrationPattern::WaitForTaskToken;
        self
    }
}

impl<I: SupportsRequestResponse, L: Language> Task<I, L> {
    /// Calls the API and goes on once it answers.
    ///
    /// ```ignore
    /// let t = Task::new("Submit", BatchSubmitJob::new(..)).request_response();
    /// ```
    #[must_use]
    pub fn request_response(mut self) -> Self {
        self.pattern = IntegrationPattern::RequestResponse;
        self
    }
}

impl<I, L> Sealed for Task<I, L> {
    fn parts_mut(&mut self) -> &mut Parts {
        &mut self.parts
    }
    fn parts(&self) -> &Parts {
        &self.parts
    }
}

impl<I: ServiceIntegration, L: Language> State for Task<I, L> {}
impl<I: ServiceIntegration, L: Language> ErrorHandling for Task<I, L> {}
impl<I: ServiceIntegration, L: Language> Assign for Task<I, L> {}
impl<I: ServiceIntegration> InputOutput for Task<I> {}
impl<I: ServiceIntegration> ResultPath for Task<I> {}
impl<I: ServiceIntegration> ResultSelector for Task<I> {}
impl<I: ServiceIntegration> JsonataOutput for Task<I, Jsonata> {}

impl<I: ServiceIntegration, L: Language> From<Task<I, L>> for Chain {
    fn from(task: Task<I, L>) -> Chain {
        let Task {
            mut parts,
            integration,
            pattern,
            timeout,
            heartbeat,
            credentials,
            ..
        } = task;
        let IntegrationParts {
            resource,
            parameters,
            mut policy,
            mut retries,
            check,
        } = integration.into_parts(pattern);
        if let Err(TaskError { field, reason }) = check {
            parts.errors.push(Error::InvalidTask {
                state: parts.node.name.clone(),
                field,
                reason,
            });
        }
        if pattern == IntegrationPattern::WaitForTaskToken
            && !parameters.as_ref().is_some_and(Payload::contains_task_token)
        {
            parts.errors.push(Error::InvalidTask {
                state: parts.node.name.clone(),
                field: None,
                reason:
                    "the wait-for-task-token pattern needs the task token in the task's input (JsonPath::task_token(), or $states.context.Task.Token in JSONata)"
                        .into(),
            });
        }
        if let Some(c) = &credentials {
            policy.push(c.policy());
        }
        retries.reserve_exact(parts.node.retry.len());
        retries.append(&mut parts.node.retry);
        parts.node.retry = retries;
        parts.node.kind = Kind::Task(Box::new(TaskState {
            resource,
            input: parameters,
            timeout,
            heartbeat,
            credentials,
            policy,
        }));
        parts.into_chain()
    }
}

/// Invokes an activity: a worker that polls Step Functions with `GetActivityTask` does the work.
/// The state machine's role needs no permission for it, unless the activity is encrypted with a
/// customer managed key (see [`StepFunctionsInvokeActivity::of`]).
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions::{Activity, StepFunctionsInvokeActivity};
/// let activity = Activity::new("SubmitJob");
/// let task = Task::new("Submit Job", StepFunctionsInvokeActivity::new(activity.arn()));
/// ```
#[derive(Debug, Clone)]
pub struct StepFunctionsInvokeActivity {
    activity_arn: Expr,
    parameters: Option<Payload>,
    /// The customer managed key the activity is encrypted with.
    key: Option<Expr>,
}

impl StepFunctionsInvokeActivity {
    /// Invokes the activity with this ARN (see [`Activity::arn`](crate::Activity::arn)).
    ///
    /// ```
    /// let i = stepfunctions::StepFunctionsInvokeActivity::new("arn:aws:states:us-east-1:123456789012:activity:Work");
    /// ```
    pub fn new(activity_arn: impl Into<Expr>) -> Self {
        StepFunctionsInvokeActivity {
            activity_arn: activity_arn.into(),
            parameters: None,
            key: None,
        }
    }

    /// Invokes an activity of the template: its ARN, and, where it is encrypted with a
    /// customer managed key, the role's grant on that key for this activity.
    ///
    /// ```
    /// use stepfunctions::{Activity, CustomerManagedKey, KmsKey, StepFunctionsInvokeActivity};
    /// let activity = Activity::new("Worker").encryption(CustomerManagedKey::new(KmsKey::create("WorkerKey")));
    /// let invoke = StepFunctionsInvokeActivity::of(&activity);
    /// ```
    pub fn of(activity: &crate::Activity) -> Self {
        StepFunctionsInvokeActivity {
            key: activity.key_arn(),
            ..Self::new(activity.arn())
        }
    }

    /// The customer managed key an activity defined elsewhere is encrypted with: the role gets
    /// `kms:Decrypt` and `kms:GenerateDataKey` on it for this activity. Default: none.
    ///
    /// ```
    /// let i = stepfunctions::StepFunctionsInvokeActivity::new("arn:aws:states:us-east-1:123456789012:activity:Work")
    ///     .encrypted_with("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");
    /// ```
    #[must_use]
    pub fn encrypted_with(mut self, key_arn: impl Into<Expr>) -> Self {
        self.key = Some(key_arn.into());
        self
    }

    /// The input sent to the worker. Default: the state input.
    ///
    /// ```
    /// use stepfunctions::{JsonPath, Payload, StepFunctionsInvokeActivity};
    /// let i = StepFunctionsInvokeActivity::new("arn:aws:states:us-east-1:123456789012:activity:Work")
    ///     .parameters(Payload::from_object([("id", JsonPath::string_at("$.id"))]));
    /// ```
    #[must_use]
    pub fn parameters(mut self, parameters: Payload) -> Self {
        self.parameters = Some(parameters);
        self
    }
}

impl ServiceIntegration for StepFunctionsInvokeActivity {
    const SERVICE: &'static str = "states";
    const API: &'static str = "activity";

    fn resource(&self, _pattern: IntegrationPattern) -> Expr {
        self.activity_arn.clone()
    }

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        self.parameters.clone()
    }

    fn policy_statements(&self, _pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        self.key
            .iter()
            .map(|key| crate::encryption::data_key_statement(key.clone(), "activityArn", self.activity_arn.clone()))
            .collect()
    }
}
