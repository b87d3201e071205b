//! `EmrContainersStartJobRun`: <https://docs.aws.amazon.com/step-functions/latest/dg/connect-emr-eks.html>.

use cfn_model::iam::PolicyStatement;
use cfn_model::Expr;
use indexmap::IndexMap;
use stepfunctions::TaskError;
use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration, SupportsRequestResponse, SupportsRunJob};

use super::{
    check_configurations, check_resource_name, check_tags, tags_payload, ApplicationConfiguration,
    EmrContainersExecutionRole, JobDriver, Monitoring, ReleaseLabel, VirtualClusterInput,
};
use crate::util::literal;

/// Starts a job run on an EMR on EKS virtual cluster
/// (`arn:aws:states:::emr-containers:startJobRun`): a Spark application run with the job
/// execution role's permissions. By default the task waits for the run to end (run-job, as in
/// CDK) and returns it; with [`request_response`](stepfunctions::Task::request_response) it
/// returns the run's `id` at once.
///
/// Supports run-job (default) and request-response.
///
/// IAM, as in <https://docs.aws.amazon.com/step-functions/latest/dg/emr-eks-iam.html> and the
/// CDK: `emr-containers:StartJobRun` on the virtual cluster, on condition that
/// `emr-containers:ExecutionRoleArn` is the task's execution role; run-job adds
/// `emr-containers:DescribeJobRun` and `emr-containers:CancelJobRun` on the virtual cluster's
/// `jobruns/*`. A virtual cluster read from the input widens to the account's
/// `/virtualclusters/*`. With tags, `emr-containers:TagResource` on the job runs too: EMR on EKS
/// authorizes tags on create with it (the service authorization reference maps `StartJobRun` to
/// `StartJobRun` and `TagResource`); neither the Step Functions template nor the CDK grant it.
///
/// No `iam:PassRole`, as in the Step Functions template and the CDK: with IAM roles for service
/// accounts (IRSA), the setup this library's execution role definition makes, the
/// `emr-containers:ExecutionRoleArn` condition controls which role a job may run as
/// (<https://docs.aws.amazon.com/emr/latest/EMR-on-EKS-DevelopmentGuide/iam-execution-role.html>).
/// A virtual cluster set up for EKS Pod Identity also needs `iam:PassRole` on the role with
/// `iam:PassedToService` = `pods.eks.amazonaws.com`: add it with
/// [`StateMachine::add_to_role_policy`](stepfunctions::StateMachine::add_to_role_policy).
///
/// The execution role is given by ARN or defined in the template with its trust policy
/// ([`EmrContainersExecutionRole`]); the logs go where [`Monitoring`] says, to a log group and
/// a bucket of the template ([`Monitoring::define`], CDK's `logging: true`) or existing ones.
/// Where the CDK creates the role and the log resources inside the task, they are explicit
/// here; a role defined for one virtual cluster must run jobs on that one, and may only be
/// given monitoring it was allowed to write (checked).
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{
///     EmrContainersExecutionRole, EmrContainersStartJobRun, ReleaseLabel, SparkSubmitJobDriver, VirtualClusterInput,
/// };
/// let task = Task::new(
///     "EMR Containers Start Job Run",
///     EmrContainersStartJobRun::new(
///         VirtualClusterInput::from_task_input(JsonPath::string_at("$.VirtualClusterId")),
///         ReleaseLabel::EMR_6_2_0,
///         EmrContainersExecutionRole::from_arn("arn:aws:iam::123456789012:role/JobExecutionRole"),
///         SparkSubmitJobDriver::new("local:///usr/lib/spark/examples/src/main/python/pi.py"),
///     )
///     .job_name("EMR-Containers-Job"),
/// );
/// let r = stepfunctions::testing::render_state(task).unwrap();
/// assert_eq!(
///     r["DefinitionSubstitutions"]["StatesEmrContainersStartJobRunSync"]["Fn::Sub"],
///     "arn:${AWS::Partition}:states:::emr-containers:startJobRun.sync"
/// );
/// ```
///
/// EMR on EKS has no callback pattern:
///
/// ```compile_fail
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::*;
/// let t = Task::new("Run", EmrContainersStartJobRun::new(
///     VirtualClusterInput::from_virtual_cluster_id("abc"),
///     ReleaseLabel::EMR_6_2_0,
///     EmrContainersExecutionRole::from_arn("arn:aws:iam::123456789012:role/R"),
///     SparkSubmitJobDriver::new("s3://b/job.py"),
/// )).wait_for_task_token();
/// ```
#[derive(Debug, Clone)]
pub struct EmrContainersStartJobRun {
    virtual_cluster: VirtualClusterInput,
    release_label: ReleaseLabel,
    execution_role: EmrContainersExecutionRole,
    job_driver: JobDriver,
    job_name: Option<Payload>,
    application_config: Vec<ApplicationConfiguration>,
    monitoring: Monitoring,
    tags: IndexMap<String, Expr>,
}

impl EmrContainersStartJobRun {
    /// Runs `job_driver` on the virtual cluster with this EMR release, as `execution_role`.
    ///
    /// ```
    /// use stepfunctions_tasks::*;
    /// let run = EmrContainersStartJobRun::new(
    ///     VirtualClusterInput::from_virtual_cluster_id("de92jdei2910fwedz"),
    ///     ReleaseLabel::EMR_6_2_0,
    ///     EmrContainersExecutionRole::from_arn(cfn_model::Expr::reference("JobExecutionRoleArn")),
    ///     SparkSubmitJobDriver::new("local:///usr/lib/spark/examples/src/main/python/pi.py"),
    /// );
    /// ```
    pub fn new(
        virtual_cluster: VirtualClusterInput,
        release_label: ReleaseLabel,
        execution_role: EmrContainersExecutionRole,
        job_driver: impl Into<JobDriver>,
    ) -> Self {
        EmrContainersStartJobRun {
            virtual_cluster,
            release_label,
            execution_role,
            job_driver: job_driver.into(),
            job_name: None,
            application_config: Vec::new(),
            monitoring: Monitoring::new(),
            tags: IndexMap::new(),
        }
    }

    /// The job run's name (`Name`), 1 to 64 letters, digits and `.-_/#`, literal or read from
    /// the input. Default: none.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let run = EmrContainersStartJobRun::new(VirtualClusterInput::from_virtual_cluster_id("abc"), ReleaseLabel::EMR_6_2_0,
    /// #     EmrContainersExecutionRole::from_arn("arn:aws:iam::123456789012:role/R"), SparkSubmitJobDriver::new("s3://b/job.py"));
    /// let run = run.job_name("EMR-Containers-Job");
    /// ```
    #[must_use]
    pub fn job_name(mut self, name: impl Into<Payload>) -> Self {
        self.job_name = Some(name.into());
        self
    }

    /// Adds an application configuration (at most 100). Default: none.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let run = EmrContainersStartJobRun::new(VirtualClusterInput::from_virtual_cluster_id("abc"), ReleaseLabel::EMR_6_2_0,
    /// #     EmrContainersExecutionRole::from_arn("arn:aws:iam::123456789012:role/R"), SparkSubmitJobDriver::new("s3://b/job.py"));
    /// let run = run.application_config(
    ///     ApplicationConfiguration::new(Classification::SPARK_DEFAULTS).property("spark.executor.instances", "1"),
    /// );
    /// ```
    #[must_use]
    pub fn application_config(mut self, config: ApplicationConfiguration) -> Self {
        self.application_config.push(config);
        self
    }

    /// Where the logs go. Default: [`Monitoring::new`] (no logs, the persistent application
    /// UI on).
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let run = EmrContainersStartJobRun::new(VirtualClusterInput::from_virtual_cluster_id("abc"), ReleaseLabel::EMR_6_2_0,
    /// #     EmrContainersExecutionRole::from_arn("arn:aws:iam::123456789012:role/R"), SparkSubmitJobDriver::new("s3://b/job.py"));
    /// let run = run.monitoring(Monitoring::new().log_group("/emr-on-eks/jobs").persistent_app_ui(false));
    /// ```
    #[must_use]
    pub fn monitoring(mut self, monitoring: Monitoring) -> Self {
        self.monitoring = monitoring;
        self
    }

    /// Tags the job run. Default: none.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let run = EmrContainersStartJobRun::new(VirtualClusterInput::from_virtual_cluster_id("abc"), ReleaseLabel::EMR_6_2_0,
    /// #     EmrContainersExecutionRole::from_arn("arn:aws:iam::123456789012:role/R"), SparkSubmitJobDriver::new("s3://b/job.py"));
    /// let run = run.tag("team", "data");
    /// ```
    #[must_use]
    pub fn tag(mut self, key: impl Into<String>, value: impl Into<Expr>) -> Self {
        self.tags.insert(key.into(), value.into());
        self
    }

    /// A role defined for a virtual cluster trusts that cluster's namespace only, and may only
    /// write the logs it was given.
    fn check_role(&self) -> Result<(), String> {
        self.execution_role.check()?;
        if let Some(trusted) = self.execution_role.virtual_cluster() {
            if self.virtual_cluster.static_id() != Some(trusted) {
                return Err(format!(
                    "the execution role was defined for virtual cluster {trusted}, whose namespace its trust policy \
                     names; this task runs on {}: define a role for that virtual cluster, or give one by ARN",
                    serde_json::to_string(self.virtual_cluster.id()).unwrap_or_default()
                ));
            }
        }
        if let Some(granted) = self.execution_role.granted() {
            if let Some(group) = self.monitoring.log_group_name() {
                if !granted.log_groups.contains(group) {
                    return Err(format!(
                        "the execution role may not write to log group {group}: give the monitoring to \
                         EmrContainersExecutionRole::define(..).monitoring(..)"
                    ));
                }
            }
            if let Some(bucket) = self.monitoring.log_bucket_name() {
                if !granted.buckets.contains(bucket) {
                    return Err(format!(
                        "the execution role may not write to bucket {bucket}: give the monitoring to \
                         EmrContainersExecutionRole::define(..).monitoring(..)"
                    ));
                }
            }
        }
        Ok(())
    }
}

impl ServiceIntegration for EmrContainersStartJobRun {
    const SERVICE: &'static str = "emr-containers";
    const API: &'static str = "startJobRun";
    const DEFAULT_PATTERN: IntegrationPattern = IntegrationPattern::RunJob;

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        let mut p = vec![("VirtualClusterId", self.virtual_cluster.id().clone())];
        if let Some(name) = &self.job_name {
            p.push(("Name", name.clone()));
        }
        p.push(("ExecutionRoleArn", Payload::String(self.execution_role.arn().clone())));
        p.push(("ReleaseLabel", self.release_label.label().into()));
        p.push(("JobDriver", self.job_driver.payload()));
        let mut overrides = Vec::new();
        if !self.application_config.is_empty() {
            overrides.push((
                "ApplicationConfiguration",
                Payload::Array(
                    self.application_config
                        .iter()
                        .map(ApplicationConfiguration::payload)
                        .collect(),
                ),
            ));
        }
        overrides.push(("MonitoringConfiguration", self.monitoring.payload()));
        p.push(("ConfigurationOverrides", Payload::from_object(overrides)));
        if !self.tags.is_empty() {
            p.push(("Tags", tags_payload(&self.tags)));
        }
        Some(Payload::from_object(p))
    }

    fn policy_statements(&self, pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        let mut out = vec![
            PolicyStatement::allow(["emr-containers:StartJobRun"], [self.virtual_cluster.arn("")]).condition(
                "StringEquals",
                "emr-containers:ExecutionRoleArn",
                [self.execution_role.arn().clone()],
            ),
        ];
        if pattern == IntegrationPattern::RunJob {
            out.push(PolicyStatement::allow(
                ["emr-containers:DescribeJobRun", "emr-containers:CancelJobRun"],
                [self.virtual_cluster.arn("/jobruns/*")],
            ));
        }
        if !self.tags.is_empty() {
            out.push(PolicyStatement::allow(
                ["emr-containers:TagResource"],
                [self.virtual_cluster.arn("/jobruns/*")],
            ));
        }
        out
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        self.virtual_cluster.check()?;
        self.release_label.check()?;
        self.job_driver.check()?;
        check_configurations(&self.application_config)?;
        self.monitoring.check()?;
        if let Some(name) = &self.job_name {
            match name {
                Payload::String(_) | Payload::Path(_) | Payload::Intrinsic(_) | Payload::Jsonata(_) => {}
                _ => return Err(TaskError::field("Name", "the job name must be a string")),
            }
            if let Some(text) = literal(name) {
                check_resource_name("job name", text)?;
            }
        }
        check_tags(&self.tags)?;
        self.check_role().map_err(TaskError::from)
    }
}

impl SupportsRunJob for EmrContainersStartJobRun {}
impl SupportsRequestResponse for EmrContainersStartJobRun {}
