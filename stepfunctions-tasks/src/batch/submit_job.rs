//! `BatchSubmitJob`: <https://docs.aws.amazon.com/step-functions/latest/dg/connect-batch.html>.

use std::time::Duration;

use cfn_model::iam::PolicyStatement;
use cfn_model::Expr;
use indexmap::IndexMap;
use stepfunctions::model::Path;
use stepfunctions::TaskError;
use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration, SupportsRequestResponse, SupportsRunJob};

use super::{BatchJobDefinition, BatchJobQueue};
use crate::util::{managed_rule_statement, stack_arn, static_value};

/// The EventBridge rule Step Functions manages to learn that a Batch job ended.
const RULE: &str = "StepFunctionsGetEventsForBatchJobsRule";

/// What the job's container gets instead of its job definition's settings.
///
/// ```
/// use stepfunctions::JsonPath;
/// use stepfunctions_tasks::BatchContainerOverrides;
/// let o = BatchContainerOverrides::new()
///     .command(["python", "main.py"])
///     .environment("STAGE", "prod")
///     .environment("ORDER_ID", JsonPath::string_at("$.orderId"))
///     .memory_mib(2048)
///     .vcpus(2);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BatchContainerOverrides {
    command: Option<Vec<String>>,
    environment: IndexMap<String, Payload>,
    instance_type: Option<String>,
    memory_mib: Option<u64>,
    vcpus: Option<u32>,
    gpu_count: Option<u32>,
}

impl BatchContainerOverrides {
    /// No override.
    ///
    /// ```
    /// let o = stepfunctions_tasks::BatchContainerOverrides::new();
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// The command run instead of the image's or job definition's. Default: theirs.
    ///
    /// ```
    /// let o = stepfunctions_tasks::BatchContainerOverrides::new().command(["echo", "hello"]);
    /// ```
    #[must_use]
    pub fn command<S: Into<String>>(mut self, command: impl IntoIterator<Item = S>) -> Self {
        self.command = Some(command.into_iter().map(Into::into).collect());
        self
    }

    /// Sets an environment variable, a literal or a value read from the input. Names starting
    /// with `AWS_BATCH` are reserved for Batch. Default: the job definition's variables.
    ///
    /// ```
    /// let o = stepfunctions_tasks::BatchContainerOverrides::new().environment("STAGE", "prod");
    /// ```
    #[must_use]
    pub fn environment(mut self, name: impl Into<String>, value: impl Into<Payload>) -> Self {
        self.environment.insert(name.into(), value.into());
        self
    }

    /// The instance type, for a multi-node parallel job only. Default: the job definition's.
    ///
    /// ```
    /// let o = stepfunctions_tasks::BatchContainerOverrides::new().instance_type("m5.large");
    /// ```
    #[must_use]
    pub fn instance_type(mut self, instance_type: impl Into<String>) -> Self {
        self.instance_type = Some(instance_type.into());
        self
    }

    /// Memory for the container in MiB (`ResourceRequirements` type `MEMORY`). Default: the job
    /// definition's.
    ///
    /// ```
    /// let o = stepfunctions_tasks::BatchContainerOverrides::new().memory_mib(4096);
    /// ```
    #[must_use]
    pub fn memory_mib(mut self, mib: u64) -> Self {
        self.memory_mib = Some(mib);
        self
    }

    /// vCPUs for the container (`ResourceRequirements` type `VCPU`). Default: the job
    /// definition's.
    ///
    /// ```
    /// let o = stepfunctions_tasks::BatchContainerOverrides::new().vcpus(4);
    /// ```
    #[must_use]
    pub fn vcpus(mut self, vcpus: u32) -> Self {
        self.vcpus = Some(vcpus);
        self
    }

    /// Physical GPUs reserved for the container (`ResourceRequirements` type `GPU`). Default:
    /// none.
    ///
    /// ```
    /// let o = stepfunctions_tasks::BatchContainerOverrides::new().gpu_count(1);
    /// ```
    #[must_use]
    pub fn gpu_count(mut self, gpus: u32) -> Self {
        self.gpu_count = Some(gpus);
        self
    }

    fn render(&self) -> Payload {
        let mut p = vec![];
        if let Some(c) = &self.command {
            p.push(("Command", Payload::Array(c.iter().map(|s| s.as_str().into()).collect())));
        }
        if !self.environment.is_empty() {
            let vars = self
                .environment
                .iter()
                .map(|(name, value)| Payload::from_object([("Name", name.as_str().into()), ("Value", value.clone())]));
            p.push(("Environment", Payload::Array(vars.collect())));
        }
        if let Some(t) = &self.instance_type {
            p.push(("InstanceType", t.as_str().into()));
        }
        let requirement =
            |kind: &str, value: String| Payload::from_object([("Type", kind.into()), ("Value", value.into())]);
        let mut requirements = vec![];
        if let Some(g) = self.gpu_count {
            requirements.push(requirement("GPU", g.to_string()));
        }
        if let Some(m) = self.memory_mib {
            requirements.push(requirement("MEMORY", m.to_string()));
        }
        if let Some(v) = self.vcpus {
            requirements.push(requirement("VCPU", v.to_string()));
        }
        if !requirements.is_empty() {
            p.push(("ResourceRequirements", Payload::Array(requirements)));
        }
        Payload::from_object(p)
    }

    fn validate(&self) -> Result<(), String> {
        if let Some(name) = self.environment.keys().find(|k| k.starts_with("AWS_BATCH")) {
            return Err(format!(
                "environment variable `{name}`: names starting with AWS_BATCH are reserved for AWS Batch"
            ));
        }
        if let Some(name) = self.environment.keys().find(|k| k.is_empty()) {
            return Err(format!("environment variable `{name}` has no name"));
        }
        if self.memory_mib == Some(0) || self.vcpus == Some(0) || self.gpu_count == Some(0) {
            return Err("memory, vCPUs and GPUs, when overridden, must be at least 1".into());
        }
        Ok(())
    }
}

/// How a job waits for the job it depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchDependencyType {
    /// Each index of an array job waits for the same index of the other (`N_TO_N`).
    NToN,
    /// Each index of an array job waits for the previous index (`SEQUENTIAL`).
    Sequential,
}

/// A job the submitted job waits for.
///
/// ```
/// use stepfunctions::JsonPath;
/// use stepfunctions_tasks::{BatchDependencyType, BatchJobDependency};
/// let d = BatchJobDependency::new(JsonPath::string_at("$.previous.JobId")).dependency_type(BatchDependencyType::NToN);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct BatchJobDependency {
    job_id: Payload,
    dependency_type: Option<BatchDependencyType>,
}

impl BatchJobDependency {
    /// Waits for the job with this id, usually read from the input.
    ///
    /// ```
    /// let d = stepfunctions_tasks::BatchJobDependency::new(stepfunctions::JsonPath::string_at("$.JobId"));
    /// ```
    pub fn new(job_id: impl Into<Payload>) -> Self {
        BatchJobDependency {
            job_id: job_id.into(),
            dependency_type: None,
        }
    }

    /// The dependency type, for array jobs. Default: none (the whole job).
    ///
    /// ```
    /// use stepfunctions_tasks::{BatchDependencyType, BatchJobDependency};
    /// let d = BatchJobDependency::new("job-1").dependency_type(BatchDependencyType::Sequential);
    /// ```
    #[must_use]
    pub fn dependency_type(mut self, kind: BatchDependencyType) -> Self {
        self.dependency_type = Some(kind);
        self
    }

    fn render(&self) -> Payload {
        let mut p = vec![("JobId", self.job_id.clone())];
        if let Some(t) = self.dependency_type {
            let t = match t {
                BatchDependencyType::NToN => "N_TO_N",
                BatchDependencyType::Sequential => "SEQUENTIAL",
            };
            p.push(("Type", t.into()));
        }
        Payload::from_object(p)
    }
}

/// Submits a Batch job from a job definition to a job queue
/// (`arn:aws:states:::batch:submitJob`). By default the task waits for the job to end and
/// returns its description; with [`request_response`](stepfunctions::Task::request_response)
/// it returns the job's id at once.
///
/// Supports run-job (default) and request-response.
///
/// The job's timeout is [`attempt_duration`](BatchSubmitJob::attempt_duration), rendered as
/// `Parameters.Timeout.AttemptDurationSeconds`; the task's own
/// [`timeout`](stepfunctions::Task::timeout) stays the state's `TimeoutSeconds`.
///
/// IAM:
/// - `batch:SubmitJob` on the job definition (with its revision, or all its revisions, see
///   [`BatchJobDefinition`]) and on the job queue; a job definition or queue read from the
///   input widens to the account's `job-definition/*` or `job-queue/*`;
/// - run-job adds `batch:DescribeJobs` on `*` (the action has no resource type),
///   `batch:TerminateJob` on the account's `job/*` (Step Functions terminates the job when the
///   execution stops or the task times out), and `events:PutTargets`, `events:PutRule`,
///   `events:DescribeRule` on the managed rule `StepFunctionsGetEventsForBatchJobsRule`, as in
///   the Step Functions IAM template for Batch
///   (<https://docs.aws.amazon.com/step-functions/latest/dg/batch-iam.html>);
/// - with [`tag`](BatchSubmitJob::tag)s, `batch:TagResource` on the same job definition and job
///   queue resources: Batch authorizes the tags of a job it creates with it (the service
///   authorization reference maps the `SubmitJob` operation to `batch:SubmitJob` and
///   `batch:TagResource`,
///   <https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsbatch.html>).
///   The reference does not say on which resource; `TagResource` accepts the
///   `job-definition-revision` and `job-queue` types, and the access denied error of a tagged
///   `SubmitJob` without it names the job definition revision. Batch has no condition key that limits
///   `TagResource` to tagging on create (unlike `ecs:CreateAction`).
///
/// Deviations from the CDK, reviewed in the parity test: the CDK grants `batch:SubmitJob` on
/// every job definition of the account (`job-definition/*`), omits `batch:DescribeJobs` and
/// `batch:TerminateJob` for run-job, grants the EventBridge rule for request-response too, and
/// grants no `batch:TagResource` for a tagged job.
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{BatchJobDefinition, BatchJobQueue, BatchSubmitJob};
/// let task = Task::new(
///     "Submit Job",
///     BatchSubmitJob::new(
///         BatchJobDefinition::from_arn("arn:aws:batch:us-east-1:123456789012:job-definition/MyJobDefinition:1"),
///         "MyJob",
///         BatchJobQueue::from_arn("arn:aws:batch:us-east-1:123456789012:job-queue/MyJobQueue"),
///     )
///     .attempt_duration(std::time::Duration::from_secs(600)),
/// );
/// let r = stepfunctions::testing::render_state(task).unwrap();
/// assert_eq!(r["States"]["Submit Job"]["Parameters"]["Timeout"]["AttemptDurationSeconds"], 600);
/// ```
///
/// Batch has no callback pattern:
///
/// ```compile_fail
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{BatchJobDefinition, BatchJobQueue, BatchSubmitJob};
/// let submit = BatchSubmitJob::new(
///     BatchJobDefinition::from_json_path("$.def"),
///     "MyJob",
///     BatchJobQueue::from_json_path("$.queue"),
/// );
/// let t = Task::new("Submit Job", submit).wait_for_task_token();
/// ```
#[derive(Debug, Clone)]
pub struct BatchSubmitJob {
    job_definition: BatchJobDefinition,
    job_name: Payload,
    job_queue: BatchJobQueue,
    array_size: Option<u32>,
    container_overrides: Option<BatchContainerOverrides>,
    depends_on: Vec<BatchJobDependency>,
    payload: Option<Payload>,
    attempts: Option<u32>,
    tags: IndexMap<String, String>,
    attempt_duration: Option<Result<Payload, String>>,
}

impl BatchSubmitJob {
    /// Submits a job named `job_name` (a literal of up to 128 letters, digits, hyphens and
    /// underscores starting with a letter or digit, or a value read from the input).
    ///
    /// ```
    /// use stepfunctions_tasks::{BatchJobDefinition, BatchJobQueue, BatchSubmitJob};
    /// let s = BatchSubmitJob::new(
    ///     BatchJobDefinition::from_arn(cfn_model::Expr::reference("JobDefinitionArn")),
    ///     stepfunctions::JsonPath::string_at("$.jobName"),
    ///     BatchJobQueue::from_arn(cfn_model::Expr::reference("JobQueueArn")),
    /// );
    /// ```
    pub fn new(job_definition: BatchJobDefinition, job_name: impl Into<Payload>, job_queue: BatchJobQueue) -> Self {
        BatchSubmitJob {
            job_definition,
            job_name: job_name.into(),
            job_queue,
            array_size: None,
            container_overrides: None,
            depends_on: Vec::new(),
            payload: None,
            attempts: None,
            tags: IndexMap::new(),
            attempt_duration: None,
        }
    }

    /// Makes it an array job of this many children, 2 to 10,000. Default: a single job.
    ///
    /// ```
    /// # use stepfunctions_tasks::{BatchJobDefinition, BatchJobQueue, BatchSubmitJob};
    /// # let s = BatchSubmitJob::new(BatchJobDefinition::from_json_path("$.d"), "J", BatchJobQueue::from_json_path("$.q"));
    /// let s = s.array_size(100);
    /// ```
    #[must_use]
    pub fn array_size(mut self, size: u32) -> Self {
        self.array_size = Some(size);
        self
    }

    /// Overrides of the container's command, environment and resources. Default: none.
    ///
    /// ```
    /// # use stepfunctions_tasks::{BatchJobDefinition, BatchJobQueue, BatchSubmitJob};
    /// # let s = BatchSubmitJob::new(BatchJobDefinition::from_json_path("$.d"), "J", BatchJobQueue::from_json_path("$.q"));
    /// let s = s.container_overrides(stepfunctions_tasks::BatchContainerOverrides::new().vcpus(2));
    /// ```
    #[must_use]
    pub fn container_overrides(mut self, overrides: BatchContainerOverrides) -> Self {
        self.container_overrides = Some(overrides);
        self
    }

    /// Adds a job to wait for (at most 20). Default: none.
    ///
    /// ```
    /// # use stepfunctions_tasks::{BatchJobDefinition, BatchJobQueue, BatchSubmitJob};
    /// # let s = BatchSubmitJob::new(BatchJobDefinition::from_json_path("$.d"), "J", BatchJobQueue::from_json_path("$.q"));
    /// use stepfunctions_tasks::BatchJobDependency;
    /// let s = s.depends_on(BatchJobDependency::new(stepfunctions::JsonPath::string_at("$.first.JobId")));
    /// ```
    #[must_use]
    pub fn depends_on(mut self, dependency: BatchJobDependency) -> Self {
        self.depends_on.push(dependency);
        self
    }

    /// The job's parameters (`Parameters`), which replace `Ref::name` placeholders of the job
    /// definition's command: an object of strings, or read from the input. Default: none.
    ///
    /// ```
    /// # use stepfunctions_tasks::{BatchJobDefinition, BatchJobQueue, BatchSubmitJob};
    /// # let s = BatchSubmitJob::new(BatchJobDefinition::from_json_path("$.d"), "J", BatchJobQueue::from_json_path("$.q"));
    /// use stepfunctions::{JsonPath, Payload};
    /// let s = s.payload(Payload::from_object([("inputFile", JsonPath::string_at("$.file"))]));
    /// ```
    #[must_use]
    pub fn payload(mut self, payload: Payload) -> Self {
        self.payload = Some(payload);
        self
    }

    /// How many times Batch runs the job before it fails, 1 to 10 (`RetryStrategy.Attempts`).
    /// Default: the job definition's.
    ///
    /// ```
    /// # use stepfunctions_tasks::{BatchJobDefinition, BatchJobQueue, BatchSubmitJob};
    /// # let s = BatchSubmitJob::new(BatchJobDefinition::from_json_path("$.d"), "J", BatchJobQueue::from_json_path("$.q"));
    /// let s = s.attempts(3);
    /// ```
    #[must_use]
    pub fn attempts(mut self, attempts: u32) -> Self {
        self.attempts = Some(attempts);
        self
    }

    /// Adds a tag to the job (at most 50; keys of 1 to 128 characters, values of at most 256).
    /// Default: none.
    ///
    /// ```
    /// # use stepfunctions_tasks::{BatchJobDefinition, BatchJobQueue, BatchSubmitJob};
    /// # let s = BatchSubmitJob::new(BatchJobDefinition::from_json_path("$.d"), "J", BatchJobQueue::from_json_path("$.q"));
    /// let s = s.tag("team", "data");
    /// ```
    #[must_use]
    pub fn tag(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.tags.insert(key.into(), value.into());
        self
    }

    /// How long an attempt may run before Batch terminates it, at least 60 s, whole seconds
    /// (`Timeout.AttemptDurationSeconds`). Default: the job definition's.
    ///
    /// ```
    /// # use stepfunctions_tasks::{BatchJobDefinition, BatchJobQueue, BatchSubmitJob};
    /// # let s = BatchSubmitJob::new(BatchJobDefinition::from_json_path("$.d"), "J", BatchJobQueue::from_json_path("$.q"));
    /// let s = s.attempt_duration(std::time::Duration::from_secs(3600));
    /// ```
    #[must_use]
    pub fn attempt_duration(mut self, duration: Duration) -> Self {
        self.attempt_duration = Some(if duration.subsec_nanos() != 0 {
            Err(format!("the attempt duration must be whole seconds, not {duration:?}"))
        } else if duration.as_secs() < 60 {
            Err(format!(
                "the attempt duration must be at least 60 seconds; got {} seconds",
                duration.as_secs()
            ))
        } else {
            Ok(duration.as_secs().into())
        });
        self
    }

    /// [`attempt_duration`](BatchSubmitJob::attempt_duration) in seconds read from the input.
    ///
    /// ```
    /// # use stepfunctions_tasks::{BatchJobDefinition, BatchJobQueue, BatchSubmitJob};
    /// # let s = BatchSubmitJob::new(BatchJobDefinition::from_json_path("$.d"), "J", BatchJobQueue::from_json_path("$.q"));
    /// let s = s.attempt_duration_at("$.timeoutSeconds");
    /// ```
    #[must_use]
    pub fn attempt_duration_at(mut self, path: impl Into<String>) -> Self {
        self.attempt_duration = Some(Ok(Payload::Path(Path::new(path))));
        self
    }
}

impl ServiceIntegration for BatchSubmitJob {
    const SERVICE: &'static str = "batch";
    const API: &'static str = "submitJob";
    const DEFAULT_PATTERN: IntegrationPattern = IntegrationPattern::RunJob;

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        let mut p = vec![
            ("JobDefinition", self.job_definition.arn().clone()),
            ("JobName", self.job_name.clone()),
            ("JobQueue", self.job_queue.arn().clone()),
        ];
        if let Some(payload) = &self.payload {
            p.push(("Parameters", payload.clone()));
        }
        if let Some(size) = self.array_size {
            p.push(("ArrayProperties", Payload::from_object([("Size", size.into())])));
        }
        if let Some(o) = &self.container_overrides {
            p.push(("ContainerOverrides", o.render()));
        }
        if !self.depends_on.is_empty() {
            p.push((
                "DependsOn",
                Payload::Array(self.depends_on.iter().map(BatchJobDependency::render).collect()),
            ));
        }
        if let Some(a) = self.attempts {
            p.push(("RetryStrategy", Payload::from_object([("Attempts", a.into())])));
        }
        if !self.tags.is_empty() {
            let tags = self.tags.iter().map(|(k, v)| (k.clone(), Payload::from(v.as_str())));
            p.push(("Tags", Payload::from_object(tags)));
        }
        if let Some(Ok(seconds)) = &self.attempt_duration {
            p.push((
                "Timeout",
                Payload::from_object([("AttemptDurationSeconds", seconds.clone())]),
            ));
        }
        Some(Payload::from_object(p))
    }

    fn policy_statements(&self, pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        let mut submit = self.job_definition.submit_resources();
        submit.push(self.job_queue.submit_resource());
        let mut statements = vec![PolicyStatement::allow(["batch:SubmitJob"], submit.clone())];
        if !self.tags.is_empty() {
            // Tag on create: SubmitJob with tags also authorizes batch:TagResource.
            statements.push(PolicyStatement::allow(["batch:TagResource"], submit));
        }
        if pattern == IntegrationPattern::RunJob {
            statements.extend([
                PolicyStatement::allow(["batch:DescribeJobs"], [Expr::lit("*")]),
                PolicyStatement::allow(["batch:TerminateJob"], [stack_arn("batch", "job/*")]),
                managed_rule_statement(RULE),
            ]);
        }
        statements
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        self.job_definition.validate()?;
        self.job_queue.validate()?;
        if let Some(name) = static_value(&self.job_name).and_then(Expr::as_literal) {
            let valid = name.len() <= 128
                && name.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            if !valid {
                return Err(TaskError::field("JobName", format!(
                    "job name `{name}`: up to 128 letters, digits, hyphens and underscores, starting with a letter or digit"
                )));
            }
        }
        if let Some(size) = self.array_size {
            if !(2..=10_000).contains(&size) {
                return Err(TaskError::field(
                    "ArrayProperties.Size",
                    format!("the array size must be 2 to 10,000; got {size}"),
                ));
            }
        }
        if let Some(a) = self.attempts {
            if !(1..=10).contains(&a) {
                return Err(TaskError::field(
                    "RetryStrategy.Attempts",
                    format!("attempts must be 1 to 10; got {a}"),
                ));
            }
        }
        if self.depends_on.len() > 20 {
            return Err(TaskError::field(
                "DependsOn",
                format!("a job depends on at most 20 jobs; got {}", self.depends_on.len()),
            ));
        }
        if let Some(o) = &self.container_overrides {
            o.validate()?;
        }
        if self.tags.len() > 50 {
            return Err(TaskError::field(
                "Tags",
                format!("a job has at most 50 tags; got {}", self.tags.len()),
            ));
        }
        for (k, v) in &self.tags {
            if k.is_empty() || k.chars().count() > 128 {
                return Err(TaskError::field(
                    "Tags",
                    format!("tag key `{k}` must be 1 to 128 characters"),
                ));
            }
            if v.chars().count() > 256 {
                return Err(TaskError::field(
                    "Tags",
                    format!("the value of tag `{k}` is longer than 256 characters"),
                ));
            }
        }
        if let Some(Err(e)) = &self.attempt_duration {
            return Err(TaskError::new(e.clone()));
        }
        Ok(())
    }
}

impl SupportsRunJob for BatchSubmitJob {}
impl SupportsRequestResponse for BatchSubmitJob {}
