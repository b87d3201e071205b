//! `EmrAddStep`: <https://docs.aws.amazon.com/step-functions/latest/dg/connect-emr.html>.

use cfn_model::iam::PolicyStatement;
use cfn_model::Expr;
use indexmap::IndexMap;
use stepfunctions::TaskError;
use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration, SupportsRequestResponse, SupportsRunJob};

use super::{check_cluster_id, cluster_arn, ADD_JOB_FLOW_STEPS_RULE};
use crate::util::{is_role_arn, literal, managed_rule_statement};

api_enum! {
    /// What the cluster does when the step fails (`StepConfig.ActionOnFailure`).
    ActionOnFailure {
        /// Terminates the cluster.
        TerminateCluster => "TERMINATE_CLUSTER",
        /// Cancels the pending steps and waits (`WAITING`).
        CancelAndWait => "CANCEL_AND_WAIT",
        /// Goes on with the next step.
        Continue => "CONTINUE",
    }
}

/// Adds a step to a running cluster (`arn:aws:states:::elasticmapreduce:addStep`, EMR's
/// `AddJobFlowSteps` with one step): a JAR run with `hadoop jar` (`command-runner.jar` runs
/// commands such as `spark-submit`). By default the task waits for the step to end (run-job);
/// with [`request_response`](stepfunctions::Task::request_response) it returns the `StepId` at
/// once.
///
/// Supports run-job (default) and request-response.
///
/// IAM: `elasticmapreduce:AddJobFlowSteps` on the cluster (`cluster/<id>`, or the account's
/// `cluster/*` when the id is read from the input); run-job adds
/// `elasticmapreduce:DescribeStep` and `elasticmapreduce:CancelSteps` (Step Functions cancels
/// the step when the execution stops) on the same resource and `events:PutTargets`,
/// `events:PutRule`, `events:DescribeRule` on the managed rule
/// `StepFunctionsGetEventForEMRAddJobFlowStepsRule` (emr-iam,
/// <https://docs.aws.amazon.com/step-functions/latest/dg/emr-iam.html>). A step with an
/// [`execution_role_arn`](EmrAddStep::execution_role_arn) needs nothing more of the state
/// machine's role: the cluster assumes the runtime role, which must trust the cluster's
/// instance role.
///
/// Deviations from the CDK, reviewed in the parity test: the CDK grants every cluster of the
/// account (`cluster/*`) for a literal cluster id, and `DescribeStep` and `CancelSteps` for
/// request-response too.
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{ActionOnFailure, EmrAddStep};
/// let task = Task::new(
///     "Run Spark",
///     EmrAddStep::new(JsonPath::string_at("$.ClusterId"), "SparkPi", "command-runner.jar")
///         .args(["spark-example", "SparkPi", "10"])
///         .action_on_failure(ActionOnFailure::CancelAndWait),
/// );
/// let r = stepfunctions::testing::render_state(task).unwrap();
/// assert_eq!(r["States"]["Run Spark"]["Parameters"]["Step"]["ActionOnFailure"], "CANCEL_AND_WAIT");
/// ```
///
/// EMR has no callback pattern:
///
/// ```compile_fail
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::EmrAddStep;
/// let t = Task::new("Step", EmrAddStep::new("j-1", "S", "command-runner.jar")).wait_for_task_token();
/// ```
#[derive(Debug, Clone)]
pub struct EmrAddStep {
    cluster_id: Payload,
    name: Payload,
    jar: Payload,
    action_on_failure: ActionOnFailure,
    main_class: Option<Payload>,
    args: Option<Payload>,
    properties: IndexMap<String, Payload>,
    execution_role_arn: Option<Payload>,
}

impl EmrAddStep {
    /// Adds a step named `name` running the JAR at `jar` (an S3 URI, a path on the nodes, or
    /// `command-runner.jar`) to the cluster `cluster_id`; each a literal, a CloudFormation value
    /// or read from the input.
    ///
    /// ```
    /// let s = stepfunctions_tasks::EmrAddStep::new(stepfunctions::JsonPath::string_at("$.ClusterId"), "StepName", "s3://my-bucket/job.jar");
    /// ```
    pub fn new(cluster_id: impl Into<Payload>, name: impl Into<Payload>, jar: impl Into<Payload>) -> Self {
        EmrAddStep {
            cluster_id: cluster_id.into(),
            name: name.into(),
            jar: jar.into(),
            action_on_failure: ActionOnFailure::Continue,
            main_class: None,
            args: None,
            properties: IndexMap::new(),
            execution_role_arn: None,
        }
    }

    /// What the cluster does when the step fails. Default: `CONTINUE`.
    ///
    /// ```
    /// use stepfunctions_tasks::{ActionOnFailure, EmrAddStep};
    /// let s = EmrAddStep::new("j-1", "S", "command-runner.jar").action_on_failure(ActionOnFailure::TerminateCluster);
    /// ```
    #[must_use]
    pub fn action_on_failure(mut self, action: ActionOnFailure) -> Self {
        self.action_on_failure = action;
        self
    }

    /// The class whose `main` runs. Default: the JAR manifest's `Main-Class`.
    ///
    /// ```
    /// let s = stepfunctions_tasks::EmrAddStep::new("j-1", "S", "s3://b/job.jar").main_class("com.example.Job");
    /// ```
    #[must_use]
    pub fn main_class(mut self, class: impl Into<Payload>) -> Self {
        self.main_class = Some(class.into());
        self
    }

    /// The arguments of `main`, literals or CloudFormation values. Default: none.
    ///
    /// ```
    /// let s = stepfunctions_tasks::EmrAddStep::new("j-1", "S", "command-runner.jar").args(["spark-submit", "s3://b/app.py"]);
    /// ```
    #[must_use]
    pub fn args<S: Into<Expr>>(mut self, args: impl IntoIterator<Item = S>) -> Self {
        self.args = Some(Payload::Array(
            args.into_iter().map(|a| Payload::String(a.into())).collect(),
        ));
        self
    }

    /// The arguments as a whole list computed at run time: a list read from the input
    /// ([`JsonPath::list_at`](stepfunctions::JsonPath::list_at)) or built with
    /// [`JsonPath::array`](stepfunctions::JsonPath::array). Default: none.
    ///
    /// ```
    /// use stepfunctions::JsonPath;
    /// let s = stepfunctions_tasks::EmrAddStep::new("j-1", "S", "command-runner.jar")
    ///     .args_from(JsonPath::array(["spark-submit".into(), JsonPath::string_at("$.script").into()]));
    /// ```
    #[must_use]
    pub fn args_from(mut self, args: Payload) -> Self {
        self.args = Some(args);
        self
    }

    /// Sets a Java property of the step's JVM (`HadoopJarStep.Properties`). Default: none.
    ///
    /// ```
    /// let s = stepfunctions_tasks::EmrAddStep::new("j-1", "S", "s3://b/job.jar").property("env", "prod");
    /// ```
    #[must_use]
    pub fn property(mut self, key: impl Into<String>, value: impl Into<Payload>) -> Self {
        self.properties.insert(key.into(), value.into());
        self
    }

    /// The runtime role the step runs with (`ExecutionRoleArn`; the cluster needs a security
    /// configuration that allows runtime roles, EMR 6.7.0 and later). Default: the cluster's
    /// instance role.
    ///
    /// ```
    /// let s = stepfunctions_tasks::EmrAddStep::new("j-1", "S", "command-runner.jar")
    ///     .execution_role_arn("arn:aws:iam::123456789012:role/EmrStepRuntimeRole");
    /// ```
    #[must_use]
    pub fn execution_role_arn(mut self, arn: impl Into<Payload>) -> Self {
        self.execution_role_arn = Some(arn.into());
        self
    }
}

impl ServiceIntegration for EmrAddStep {
    const SERVICE: &'static str = "elasticmapreduce";
    const API: &'static str = "addStep";
    const DEFAULT_PATTERN: IntegrationPattern = IntegrationPattern::RunJob;

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        let mut jar = vec![("Jar", self.jar.clone())];
        if let Some(c) = &self.main_class {
            jar.push(("MainClass", c.clone()));
        }
        if let Some(a) = &self.args {
            jar.push(("Args", a.clone()));
        }
        if !self.properties.is_empty() {
            let props = self
                .properties
                .iter()
                .map(|(k, v)| Payload::from_object([("Key", k.as_str().into()), ("Value", v.clone())]));
            jar.push(("Properties", Payload::Array(props.collect())));
        }
        let mut p = vec![("ClusterId", self.cluster_id.clone())];
        if let Some(arn) = &self.execution_role_arn {
            p.push(("ExecutionRoleArn", arn.clone()));
        }
        p.push((
            "Step",
            Payload::from_object([
                ("Name", self.name.clone()),
                ("ActionOnFailure", self.action_on_failure.as_str().into()),
                ("HadoopJarStep", Payload::from_object(jar)),
            ]),
        ));
        Some(Payload::from_object(p))
    }

    fn policy_statements(&self, pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        let cluster = cluster_arn(&self.cluster_id);
        if pattern == IntegrationPattern::RunJob {
            vec![
                PolicyStatement::allow(
                    [
                        "elasticmapreduce:AddJobFlowSteps",
                        "elasticmapreduce:DescribeStep",
                        "elasticmapreduce:CancelSteps",
                    ],
                    [cluster],
                ),
                managed_rule_statement(ADD_JOB_FLOW_STEPS_RULE),
            ]
        } else {
            vec![PolicyStatement::allow(["elasticmapreduce:AddJobFlowSteps"], [cluster])]
        }
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        check_cluster_id(&self.cluster_id)?;
        if let Some(name) = literal(&self.name) {
            if name.is_empty() || name.chars().count() > 256 {
                return Err(TaskError::field(
                    "Step.Name",
                    format!("step name `{name}` must be 1 to 256 characters"),
                ));
            }
        }
        if literal(&self.jar) == Some("") {
            return Err(TaskError::field(
                "Step.HadoopJarStep.Jar",
                "the step needs a JAR (command-runner.jar runs commands)",
            ));
        }
        if let Some(args) = &self.args {
            if !matches!(
                args,
                Payload::Array(_) | Payload::Path(_) | Payload::Intrinsic(_) | Payload::Jsonata(_)
            ) {
                return Err(TaskError::field(
                    "Step.HadoopJarStep.Args",
                    "the step's arguments must be a list, a path to one, or JsonPath::array",
                ));
            }
        }
        if let Some(k) = self.properties.keys().find(|k| k.is_empty()) {
            return Err(TaskError::field(
                "Step.HadoopJarStep.Properties",
                format!("step property `{k}` has no name"),
            ));
        }
        if let Some(arn) = self.execution_role_arn.as_ref().and_then(literal) {
            if !is_role_arn(arn) {
                return Err(TaskError::field(
                    "ExecutionRoleArn",
                    format!(
                        "execution role `{arn}` is not an IAM role ARN (arn:<partition>:iam::<account>:role/<name>)"
                    ),
                ));
            }
        }
        Ok(())
    }
}

impl SupportsRunJob for EmrAddStep {}
impl SupportsRequestResponse for EmrAddStep {}
