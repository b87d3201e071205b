//! Amazon EMR on EKS (EMR containers): create and delete virtual clusters, start job runs.
//!
//! See <https://docs.aws.amazon.com/step-functions/latest/dg/connect-emr-eks.html>.

mod create_virtual_cluster;
mod delete_virtual_cluster;
mod execution_role;
mod start_job_run;

use std::borrow::Cow;

use cfn_model::iam::PolicyStatement;
use cfn_model::{DeletionPolicy, Expr, Resource, Template, Value};
use indexmap::IndexMap;
use stepfunctions::Payload;

pub use create_virtual_cluster::EmrContainersCreateVirtualCluster;
pub use delete_virtual_cluster::EmrContainersDeleteVirtualCluster;
pub use execution_role::{EmrContainersExecutionRole, EmrContainersExecutionRoleDefinition};
pub use start_job_run::EmrContainersStartJobRun;

use crate::eks::EksCluster;
use crate::util::{literal, partition_arn, stack_arn, static_value};

/// The virtual cluster a job runs on or that is deleted: by id (literal, or a template
/// expression such as a parameter), or read from the input.
///
/// ```
/// use stepfunctions::JsonPath;
/// use stepfunctions_tasks::VirtualClusterInput;
/// let by_id = VirtualClusterInput::from_virtual_cluster_id("de92jdei2910fwedz");
/// let from_input = VirtualClusterInput::from_task_input(JsonPath::string_at("$.VirtualClusterId"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct VirtualClusterInput {
    id: Payload,
}

impl VirtualClusterInput {
    /// The virtual cluster with this id.
    ///
    /// ```
    /// let v = stepfunctions_tasks::VirtualClusterInput::from_virtual_cluster_id(cfn_model::Expr::reference("VirtualClusterId"));
    /// ```
    pub fn from_virtual_cluster_id(id: impl Into<Expr>) -> Self {
        VirtualClusterInput {
            id: Payload::String(id.into()),
        }
    }

    /// The virtual cluster whose id is this task input: a path (the role may then use any
    /// virtual cluster of the account) or text.
    ///
    /// ```
    /// let v = stepfunctions_tasks::VirtualClusterInput::from_task_input(stepfunctions::JsonPath::string_at("$.id"));
    /// ```
    pub fn from_task_input(input: impl Into<Payload>) -> Self {
        VirtualClusterInput { id: input.into() }
    }

    /// The id, as the task sends it.
    ///
    /// ```
    /// let v = stepfunctions_tasks::VirtualClusterInput::from_virtual_cluster_id("abc");
    /// assert_eq!(v.id(), &stepfunctions::Payload::from("abc"));
    /// ```
    pub fn id(&self) -> &Payload {
        &self.id
    }

    /// The id when it is known before run time.
    pub(crate) fn static_id(&self) -> Option<&Expr> {
        static_value(&self.id)
    }

    /// `arn:<partition>:emr-containers:<region>:<account>:/virtualclusters/<id><suffix>`, or
    /// `/virtualclusters/*` when the id is read at run time.
    pub(crate) fn arn(&self, suffix: &str) -> Expr {
        virtual_cluster_arn(self.static_id(), suffix)
    }

    /// Checks a literal id.
    pub(crate) fn check(&self) -> Result<(), String> {
        match &self.id {
            Payload::String(_) | Payload::Path(_) | Payload::Intrinsic(_) | Payload::Jsonata(_) => {}
            _ => return Err("the virtual cluster id must be a string".into()),
        }
        match literal(&self.id) {
            Some(id) => check_virtual_cluster_id(id),
            None => Ok(()),
        }
    }
}

/// The ARN of a virtual cluster (`*` for one read at run time), with a suffix.
pub(crate) fn virtual_cluster_arn(id: Option<&Expr>, suffix: &str) -> Expr {
    match id {
        Some(id) => stack_arn(
            "emr-containers",
            Expr::concat([Expr::lit("/virtualclusters/"), id.clone(), Expr::lit(suffix)]),
        ),
        None => stack_arn("emr-containers", "/virtualclusters/*"),
    }
}

/// A virtual cluster id: 1 to 64 lower-case letters and digits (the EMR on EKS API reference).
pub(crate) fn check_virtual_cluster_id(id: &str) -> Result<(), String> {
    if (1..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(format!(
            "virtual cluster id `{id}` must be 1 to 64 lower-case letters and digits"
        ))
    }
}

/// A name of the EMR on EKS API (virtual cluster, job run): 1 to 64 letters, digits and
/// `.-_/#`.
pub(crate) fn check_resource_name(what: &str, name: &str) -> Result<(), String> {
    let ok = (1..=64).contains(&name.chars().count())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '/' | '#'));
    if ok {
        Ok(())
    } else {
        Err(format!("{what} `{name}` must be 1 to 64 letters, digits and `.-_/#`"))
    }
}

/// Checks tags: at most 50, keys of 1 to 128 characters, values of at most 256 (literals).
pub(crate) fn check_tags(tags: &IndexMap<String, Expr>) -> Result<(), String> {
    if tags.len() > 50 {
        return Err(format!("at most 50 tags are allowed; got {}", tags.len()));
    }
    for (key, value) in tags {
        if !(1..=128).contains(&key.chars().count()) {
            return Err(format!("tag key `{key}` must be 1 to 128 characters"));
        }
        if value.as_literal().is_some_and(|v| v.chars().count() > 256) {
            return Err(format!("the value of tag `{key}` is over 256 characters"));
        }
    }
    Ok(())
}

/// Tags as a task parameter.
pub(crate) fn tags_payload(tags: &IndexMap<String, Expr>) -> Payload {
    Payload::from_object(tags.iter().map(|(k, v)| (k.clone(), Payload::String(v.clone()))))
}

/// The EKS cluster that a virtual cluster maps to: a cluster (its name), a name, or a task
/// input holding the name (text, or a path read at run time).
///
/// ```
/// use stepfunctions::Payload;
/// use stepfunctions_tasks::{EksCluster, EksClusterInput};
/// let from_input = EksClusterInput::from_task_input(Payload::from_text("clusterId"));
/// let cluster = EksCluster::from_attributes("my-eks-cluster", "https://e.gr7.us-east-1.eks.amazonaws.com", "Zm9v");
/// let from_cluster = EksClusterInput::from_cluster(&cluster);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EksClusterInput {
    name: Payload,
}

impl EksClusterInput {
    /// The name of this cluster.
    ///
    /// ```
    /// let c = stepfunctions_tasks::EksCluster::from_logical_id("Cluster");
    /// let i = stepfunctions_tasks::EksClusterInput::from_cluster(&c);
    /// ```
    pub fn from_cluster(cluster: &EksCluster) -> Self {
        EksClusterInput {
            name: Payload::String(cluster.name().clone()),
        }
    }

    /// The cluster with this name: a literal or a template expression (a parameter, say).
    ///
    /// ```
    /// let i = stepfunctions_tasks::EksClusterInput::from_cluster_name(cfn_model::Expr::reference("EksClusterName"));
    /// ```
    pub fn from_cluster_name(name: impl Into<Expr>) -> Self {
        EksClusterInput {
            name: Payload::String(name.into()),
        }
    }

    /// The cluster named by this task input.
    ///
    /// ```
    /// let i = stepfunctions_tasks::EksClusterInput::from_task_input(stepfunctions::JsonPath::string_at("$.cluster"));
    /// ```
    pub fn from_task_input(input: impl Into<Payload>) -> Self {
        EksClusterInput { name: input.into() }
    }

    /// The cluster name, as the task sends it.
    ///
    /// ```
    /// let i = stepfunctions_tasks::EksClusterInput::from_task_input("c");
    /// assert_eq!(i.name(), &stepfunctions::Payload::from("c"));
    /// ```
    pub fn name(&self) -> &Payload {
        &self.name
    }
}

/// The Amazon EMR release a job runs with (`ReleaseLabel`): one of the constants, or any label
/// of <https://docs.aws.amazon.com/emr/latest/EMR-on-EKS-DevelopmentGuide/emr-eks-releases.html>.
///
/// ```
/// use stepfunctions_tasks::ReleaseLabel;
/// assert_eq!(ReleaseLabel::EMR_6_2_0.label(), "emr-6.2.0-latest");
/// assert_eq!(ReleaseLabel::latest(7, 1, 0).label(), "emr-7.1.0-latest");
/// assert_eq!(ReleaseLabel::new("emr-6.15.0-20231109").label(), "emr-6.15.0-20231109");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReleaseLabel(Cow<'static, str>);

impl ReleaseLabel {
    /// `emr-5.32.0-latest`.
    pub const EMR_5_32_0: ReleaseLabel = ReleaseLabel(Cow::Borrowed("emr-5.32.0-latest"));
    /// `emr-5.33.0-latest`.
    pub const EMR_5_33_0: ReleaseLabel = ReleaseLabel(Cow::Borrowed("emr-5.33.0-latest"));
    /// `emr-6.2.0-latest`.
    pub const EMR_6_2_0: ReleaseLabel = ReleaseLabel(Cow::Borrowed("emr-6.2.0-latest"));
    /// `emr-6.3.0-latest`.
    pub const EMR_6_3_0: ReleaseLabel = ReleaseLabel(Cow::Borrowed("emr-6.3.0-latest"));

    /// A release label as written (`emr-6.15.0-latest`, `emr-6.15.0-20231109`).
    ///
    /// ```
    /// let l = stepfunctions_tasks::ReleaseLabel::new("emr-7.0.0-latest");
    /// ```
    pub fn new(label: impl Into<String>) -> Self {
        ReleaseLabel(Cow::Owned(label.into()))
    }

    /// `emr-<major>.<minor>.<patch>-latest`: the latest build of a release.
    ///
    /// ```
    /// assert_eq!(stepfunctions_tasks::ReleaseLabel::latest(6, 15, 0).label(), "emr-6.15.0-latest");
    /// ```
    pub fn latest(major: u32, minor: u32, patch: u32) -> Self {
        ReleaseLabel(Cow::Owned(format!("emr-{major}.{minor}.{patch}-latest")))
    }

    /// The label.
    ///
    /// ```
    /// assert_eq!(stepfunctions_tasks::ReleaseLabel::EMR_6_3_0.label(), "emr-6.3.0-latest");
    /// ```
    pub fn label(&self) -> &str {
        &self.0
    }

    /// 1 to 64 letters, digits and `.-_/` (the API's pattern).
    pub(crate) fn check(&self) -> Result<(), String> {
        let l = self.label();
        let ok = (1..=64).contains(&l.len())
            && l.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '/'));
        if ok {
            Ok(())
        } else {
            Err(format!(
                "release label `{l}` must be 1 to 64 letters, digits and `.-_/`"
            ))
        }
    }
}

/// The classification of an application configuration: which configuration file its
/// properties go to.
///
/// ```
/// use stepfunctions_tasks::Classification;
/// assert_eq!(Classification::SPARK_DEFAULTS.name(), "spark-defaults");
/// let other = Classification::new("emrfs-site");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classification(Cow<'static, str>);

impl Classification {
    /// `spark`: Amazon EMR's `maximizeResourceAllocation`.
    pub const SPARK: Classification = Classification(Cow::Borrowed("spark"));
    /// `spark-defaults`: `spark-defaults.conf`.
    pub const SPARK_DEFAULTS: Classification = Classification(Cow::Borrowed("spark-defaults"));
    /// `spark-env`: `spark-env.sh`.
    pub const SPARK_ENV: Classification = Classification(Cow::Borrowed("spark-env"));
    /// `spark-hive-site`: Spark's `hive-site.xml`.
    pub const SPARK_HIVE_SITE: Classification = Classification(Cow::Borrowed("spark-hive-site"));
    /// `spark-log4j`: Spark's `log4j.properties`.
    pub const SPARK_LOG4J: Classification = Classification(Cow::Borrowed("spark-log4j"));
    /// `spark-metrics`: Spark's `metrics.properties`.
    pub const SPARK_METRICS: Classification = Classification(Cow::Borrowed("spark-metrics"));

    /// Another classification, by name.
    ///
    /// ```
    /// let c = stepfunctions_tasks::Classification::new("spark-log4j2");
    /// ```
    pub fn new(name: impl Into<String>) -> Self {
        Classification(Cow::Owned(name.into()))
    }

    /// The classification's name.
    ///
    /// ```
    /// assert_eq!(stepfunctions_tasks::Classification::SPARK.name(), "spark");
    /// ```
    pub fn name(&self) -> &str {
        &self.0
    }
}

/// Configuration of an application of the job run (`ConfigurationOverrides.ApplicationConfiguration`):
/// a classification with properties, nested configurations, or both.
///
/// ```
/// use stepfunctions_tasks::{ApplicationConfiguration, Classification};
/// let c = ApplicationConfiguration::new(Classification::SPARK_DEFAULTS)
///     .property("spark.executor.instances", "1")
///     .property("spark.executor.memory", "512M");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ApplicationConfiguration {
    classification: Classification,
    properties: IndexMap<String, Expr>,
    nested: Vec<ApplicationConfiguration>,
}

impl ApplicationConfiguration {
    /// A configuration of this classification; give it properties or nested configurations.
    ///
    /// ```
    /// let c = stepfunctions_tasks::ApplicationConfiguration::new(stepfunctions_tasks::Classification::SPARK_ENV);
    /// ```
    pub fn new(classification: Classification) -> Self {
        ApplicationConfiguration {
            classification,
            properties: IndexMap::new(),
            nested: Vec::new(),
        }
    }

    /// Sets a property (at most 100). Default: none.
    ///
    /// ```
    /// let c = stepfunctions_tasks::ApplicationConfiguration::new(stepfunctions_tasks::Classification::SPARK_DEFAULTS)
    ///     .property("spark.dynamicAllocation.enabled", "false");
    /// ```
    #[must_use]
    pub fn property(mut self, key: impl Into<String>, value: impl Into<Expr>) -> Self {
        self.properties.insert(key.into(), value.into());
        self
    }

    /// Adds a nested configuration (at most 100), such as the `export` block of `spark-env`.
    /// Default: none.
    ///
    /// ```
    /// use stepfunctions_tasks::{ApplicationConfiguration, Classification};
    /// let c = ApplicationConfiguration::new(Classification::SPARK_ENV).nested_config(
    ///     ApplicationConfiguration::new(Classification::new("export")).property("PYSPARK_PYTHON", "python3"),
    /// );
    /// ```
    #[must_use]
    pub fn nested_config(mut self, config: ApplicationConfiguration) -> Self {
        self.nested.push(config);
        self
    }

    fn payload(&self) -> Payload {
        let mut p = vec![("Classification", Payload::from(self.classification.name()))];
        if !self.properties.is_empty() {
            p.push((
                "Properties",
                Payload::from_object(
                    self.properties
                        .iter()
                        .map(|(k, v)| (k.clone(), Payload::String(v.clone()))),
                ),
            ));
        }
        if !self.nested.is_empty() {
            p.push((
                "Configurations",
                Payload::Array(self.nested.iter().map(Self::payload).collect()),
            ));
        }
        Payload::from_object(p)
    }

    /// At most 100 properties and 100 nested configurations, at least one of either, a
    /// classification of 1 to 1024 characters; nested configurations likewise.
    fn check(&self) -> Result<(), String> {
        let name = self.classification.name();
        if !(1..=1024).contains(&name.chars().count()) {
            return Err("a classification is 1 to 1024 characters".into());
        }
        if self.properties.is_empty() && self.nested.is_empty() {
            return Err(format!(
                "application configuration `{name}` needs properties or nested configurations"
            ));
        }
        if self.properties.len() > 100 {
            return Err(format!(
                "application configuration `{name}` has {} properties; at most 100 are allowed",
                self.properties.len()
            ));
        }
        check_configurations(&self.nested)
    }
}

/// Checks a list of application configurations: at most 100, each valid.
pub(crate) fn check_configurations(configs: &[ApplicationConfiguration]) -> Result<(), String> {
    if configs.len() > 100 {
        return Err(format!(
            "at most 100 application configurations are allowed in a list; got {}",
            configs.len()
        ));
    }
    configs.iter().try_for_each(ApplicationConfiguration::check)
}

/// A Spark job: the application to run (`SparkSubmitJobDriver`).
///
/// ```
/// use stepfunctions_tasks::SparkSubmitJobDriver;
/// let d = SparkSubmitJobDriver::new("local:///usr/lib/spark/examples/src/main/python/pi.py")
///     .spark_submit_parameters("--conf spark.executor.instances=2 --conf spark.executor.memory=2G");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SparkSubmitJobDriver {
    entry_point: Payload,
    entry_point_arguments: Option<Payload>,
    spark_submit_parameters: Option<Payload>,
}

impl SparkSubmitJobDriver {
    /// Runs the application at `entry_point` (a jar or Python file, `s3://` or `local://`, 1 to
    /// 256 characters), literal or read from the input.
    ///
    /// ```
    /// let d = stepfunctions_tasks::SparkSubmitJobDriver::new(stepfunctions::JsonPath::string_at("$.script"));
    /// ```
    pub fn new(entry_point: impl Into<Payload>) -> Self {
        SparkSubmitJobDriver {
            entry_point: entry_point.into(),
            entry_point_arguments: None,
            spark_submit_parameters: None,
        }
    }

    /// The application's arguments (`EntryPointArguments`): a list of 1 to 10280 strings, or a
    /// path or intrinsic function giving the list at run time. Default: none.
    ///
    /// ```
    /// use stepfunctions::JsonPath;
    /// use stepfunctions_tasks::SparkSubmitJobDriver;
    /// let listed = SparkSubmitJobDriver::new("s3://bucket/job.py")
    ///     .entry_point_arguments(stepfunctions::Payload::from_json(serde_json::json!(["60", "--fast"])));
    /// let from_input = SparkSubmitJobDriver::new("s3://bucket/job.py").entry_point_arguments(JsonPath::list_at("$.args"));
    /// ```
    #[must_use]
    pub fn entry_point_arguments(mut self, arguments: impl Into<Payload>) -> Self {
        self.entry_point_arguments = Some(arguments.into());
        self
    }

    /// The `spark-submit` options (`SparkSubmitParameters`), 1 to 102400 characters. Default:
    /// none.
    ///
    /// ```
    /// let d = stepfunctions_tasks::SparkSubmitJobDriver::new("s3://bucket/job.py")
    ///     .spark_submit_parameters("--conf spark.driver.cores=1");
    /// ```
    #[must_use]
    pub fn spark_submit_parameters(mut self, parameters: impl Into<Payload>) -> Self {
        self.spark_submit_parameters = Some(parameters.into());
        self
    }

    fn payload(&self) -> Payload {
        let mut p = vec![("EntryPoint", self.entry_point.clone())];
        if let Some(a) = &self.entry_point_arguments {
            p.push(("EntryPointArguments", a.clone()));
        }
        if let Some(s) = &self.spark_submit_parameters {
            p.push(("SparkSubmitParameters", s.clone()));
        }
        Payload::from_object(p)
    }

    fn check(&self) -> Result<(), String> {
        check_string("the entry point", &self.entry_point, 1, 256)?;
        match &self.entry_point_arguments {
            None | Some(Payload::Path(_) | Payload::Intrinsic(_) | Payload::Jsonata(_)) => {}
            Some(Payload::Array(items)) => {
                if !(1..=10280).contains(&items.len()) {
                    return Err(format!(
                        "the entry point arguments are 1 to 10280 strings; got {}",
                        items.len()
                    ));
                }
                if !items.iter().all(|i| matches!(i, Payload::String(_))) {
                    return Err("every entry point argument must be a string".into());
                }
            }
            Some(_) => {
                return Err(
                    "the entry point arguments must be a list of strings, or a path or intrinsic function giving one"
                        .into(),
                )
            }
        }
        if let Some(s) = &self.spark_submit_parameters {
            check_string("the spark-submit parameters", s, 1, 102_400)?;
        }
        Ok(())
    }
}

/// A string input: a literal of `min..=max` characters, a template expression, a path or an
/// intrinsic function.
pub(crate) fn check_string(what: &str, value: &Payload, min: usize, max: usize) -> Result<(), String> {
    match value {
        Payload::String(e) => match e.as_literal() {
            Some(text) if !(min..=max).contains(&text.chars().count()) => Err(format!(
                "{what} must be {min} to {max} characters (it has {})",
                text.chars().count()
            )),
            _ => Ok(()),
        },
        Payload::Path(_) | Payload::Intrinsic(_) | Payload::Jsonata(_) => Ok(()),
        _ => Err(format!("{what} must be a string")),
    }
}

/// What the job runs (`JobDriver`).
///
/// ```
/// use stepfunctions_tasks::{JobDriver, SparkSubmitJobDriver};
/// let d: JobDriver = SparkSubmitJobDriver::new("s3://bucket/job.py").into();
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum JobDriver {
    /// A Spark application run with `spark-submit`.
    SparkSubmit(SparkSubmitJobDriver),
}

impl From<SparkSubmitJobDriver> for JobDriver {
    fn from(d: SparkSubmitJobDriver) -> Self {
        JobDriver::SparkSubmit(d)
    }
}

impl JobDriver {
    fn payload(&self) -> Payload {
        match self {
            JobDriver::SparkSubmit(d) => Payload::from_object([("SparkSubmitJobDriver", d.payload())]),
        }
    }

    fn check(&self) -> Result<(), String> {
        match self {
            JobDriver::SparkSubmit(d) => d.check(),
        }
    }
}

/// Where a job run sends its logs (`ConfigurationOverrides.MonitoringConfiguration`): a
/// CloudWatch Logs log group, an S3 bucket, both or neither, and whether the Spark history
/// server keeps the job's UI (persistent application UI).
///
/// The job execution role must be allowed to write there: an execution role defined with
/// [`EmrContainersExecutionRole::define`] gets [`Monitoring::statements`] when given the
/// monitoring; grant them yourself to a role given by ARN.
///
/// ```
/// use cfn_model::Expr;
/// use stepfunctions_tasks::Monitoring;
/// // a log group and a bucket of the template (or parameters)
/// let m = Monitoring::new()
///     .log_group(Expr::reference("LogGroup"))
///     .log_stream_name_prefix("spark")
///     .log_bucket(Expr::reference("LogBucket"));
/// let none = Monitoring::new();
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Monitoring {
    log_group: Option<Expr>,
    log_stream_name_prefix: Option<String>,
    log_bucket: Option<Expr>,
    persistent_app_ui: bool,
}

impl Default for Monitoring {
    fn default() -> Self {
        Self::new()
    }
}

impl Monitoring {
    /// No logs, the persistent application UI on (what a job run gets by default).
    ///
    /// ```
    /// let m = stepfunctions_tasks::Monitoring::new();
    /// ```
    pub fn new() -> Self {
        Monitoring {
            log_group: None,
            log_stream_name_prefix: None,
            log_bucket: None,
            persistent_app_ui: true,
        }
    }

    /// Defines a log group and a bucket for the logs in the template (CDK's
    /// `monitoring: { logging: true }`): see [`MonitoringDefinition`].
    ///
    /// ```
    /// let mut t = cfn_model::Template::new();
    /// let m = stepfunctions_tasks::Monitoring::define("Job Monitoring").add_to(&mut t).unwrap();
    /// assert!(t.resource("JobMonitoringLogGroup").is_some() && t.resource("JobMonitoringBucket").is_some());
    /// ```
    pub fn define(id: impl Into<String>) -> MonitoringDefinition {
        MonitoringDefinition {
            id: id.into(),
            log_stream_name_prefix: None,
            retention_in_days: 731,
            removal_policy: DeletionPolicy::Retain,
        }
    }

    /// Sends the logs to this CloudWatch Logs log group, by name (`CloudWatchMonitoringConfiguration`).
    /// Default: none.
    ///
    /// ```
    /// let m = stepfunctions_tasks::Monitoring::new().log_group("/emr-on-eks/jobs");
    /// ```
    #[must_use]
    pub fn log_group(mut self, name: impl Into<Expr>) -> Self {
        self.log_group = Some(name.into());
        self
    }

    /// Starts the log streams' names with this prefix (`LogStreamNamePrefix`); needs a log
    /// group. Default: none.
    ///
    /// ```
    /// let m = stepfunctions_tasks::Monitoring::new().log_group("/emr-on-eks/jobs").log_stream_name_prefix("pi");
    /// ```
    #[must_use]
    pub fn log_stream_name_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.log_stream_name_prefix = Some(prefix.into());
        self
    }

    /// Sends the logs to this S3 bucket, by name (`S3MonitoringConfiguration.LogUri` is
    /// `s3://<bucket>`). Default: none.
    ///
    /// ```
    /// let m = stepfunctions_tasks::Monitoring::new().log_bucket(cfn_model::Expr::reference("LogBucket"));
    /// ```
    #[must_use]
    pub fn log_bucket(mut self, bucket_name: impl Into<Expr>) -> Self {
        self.log_bucket = Some(bucket_name.into());
        self
    }

    /// Keeps the job's Spark UI after it ends (`PersistentAppUI`). Default: on.
    ///
    /// ```
    /// let m = stepfunctions_tasks::Monitoring::new().persistent_app_ui(false);
    /// ```
    #[must_use]
    pub fn persistent_app_ui(mut self, enabled: bool) -> Self {
        self.persistent_app_ui = enabled;
        self
    }

    /// The log group's name, if any.
    ///
    /// ```
    /// assert!(stepfunctions_tasks::Monitoring::new().log_group_name().is_none());
    /// ```
    pub fn log_group_name(&self) -> Option<&Expr> {
        self.log_group.as_ref()
    }

    /// The bucket's name, if any.
    ///
    /// ```
    /// assert!(stepfunctions_tasks::Monitoring::new().log_bucket_name().is_none());
    /// ```
    pub fn log_bucket_name(&self) -> Option<&Expr> {
        self.log_bucket.as_ref()
    }

    /// What a job execution role needs to write the logs: `logs:CreateLogStream`,
    /// `logs:PutLogEvents` and `logs:DescribeLogStreams` on the log group,
    /// `logs:DescribeLogGroups` in the account and region; `s3:PutObject` and `s3:GetObject`
    /// on the bucket's objects and `s3:ListBucket` on the bucket (the permissions of
    /// <https://docs.aws.amazon.com/emr/latest/EMR-on-EKS-DevelopmentGuide/creating-job-execution-role.html>,
    /// scoped to the log group and the bucket).
    ///
    /// ```
    /// let s = stepfunctions_tasks::Monitoring::new().log_bucket("logs").statements();
    /// assert_eq!(s.len(), 2);
    /// ```
    pub fn statements(&self) -> Vec<PolicyStatement> {
        let mut out = Vec::new();
        if let Some(name) = &self.log_group {
            let group = stack_arn("logs", Expr::concat([Expr::lit("log-group:"), name.clone()]));
            let streams = Expr::concat([group.clone(), Expr::lit(":*")]);
            out.push(PolicyStatement::allow(
                ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                [group, streams],
            ));
            out.push(PolicyStatement::allow(
                ["logs:DescribeLogGroups"],
                [stack_arn("logs", "*")],
            ));
        }
        if let Some(bucket) = &self.log_bucket {
            out.push(PolicyStatement::allow(
                ["s3:PutObject", "s3:GetObject"],
                [partition_arn("s3", Expr::concat([bucket.clone(), Expr::lit("/*")]))],
            ));
            out.push(PolicyStatement::allow(
                ["s3:ListBucket"],
                [partition_arn("s3", bucket.clone())],
            ));
        }
        out
    }

    fn payload(&self) -> Payload {
        let mut p = Vec::new();
        if let Some(group) = &self.log_group {
            let mut cw = vec![("LogGroupName", Payload::String(group.clone()))];
            if let Some(prefix) = &self.log_stream_name_prefix {
                cw.push(("LogStreamNamePrefix", prefix.as_str().into()));
            }
            p.push(("CloudWatchMonitoringConfiguration", Payload::from_object(cw)));
        }
        p.push((
            "PersistentAppUI",
            if self.persistent_app_ui { "ENABLED" } else { "DISABLED" }.into(),
        ));
        if let Some(bucket) = &self.log_bucket {
            p.push((
                "S3MonitoringConfiguration",
                Payload::from_object([(
                    "LogUri",
                    Payload::String(Expr::concat([Expr::lit("s3://"), bucket.clone()])),
                )]),
            ));
        }
        Payload::from_object(p)
    }

    fn check(&self) -> Result<(), String> {
        if self.log_stream_name_prefix.is_some() && self.log_group.is_none() {
            return Err("a log stream name prefix needs a log group".into());
        }
        if let Some(prefix) = &self.log_stream_name_prefix {
            if !(1..=256).contains(&prefix.chars().count()) {
                return Err("the log stream name prefix must be 1 to 256 characters".into());
            }
        }
        if let Some(name) = self.log_group.as_ref().and_then(Expr::as_literal) {
            let ok = (1..=512).contains(&name.len())
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '/' | '#'));
            if !ok {
                return Err(format!(
                    "log group name `{name}` must be 1 to 512 letters, digits and `.-_/#`"
                ));
            }
        }
        if let Some(name) = self.log_bucket.as_ref().and_then(Expr::as_literal) {
            let ok = (3..=63).contains(&name.len())
                && name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'-'));
            if !ok {
                return Err(format!(
                    "bucket name `{name}` must be 3 to 63 lower-case letters, digits, `.` and `-` (a name, not an s3:// URI)"
                ));
            }
        }
        Ok(())
    }
}

/// Log retention periods CloudWatch Logs accepts, in days.
const RETENTION_DAYS: [u32; 22] = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/// A log group and a bucket for a job run's logs, added to the template: see
/// [`Monitoring::define`].
#[derive(Debug, Clone)]
pub struct MonitoringDefinition {
    id: String,
    log_stream_name_prefix: Option<String>,
    retention_in_days: u32,
    removal_policy: DeletionPolicy,
}

impl MonitoringDefinition {
    /// Starts the log streams' names with this prefix. Default: none.
    ///
    /// ```
    /// let d = stepfunctions_tasks::Monitoring::define("Monitoring").log_stream_name_prefix("pi");
    /// ```
    #[must_use]
    pub fn log_stream_name_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.log_stream_name_prefix = Some(prefix.into());
        self
    }

    /// How long the log group keeps the logs, in days (one of CloudWatch Logs' periods).
    /// Default: 731 (two years, as CDK's log groups).
    ///
    /// ```
    /// let d = stepfunctions_tasks::Monitoring::define("Monitoring").retention_in_days(30);
    /// ```
    #[must_use]
    pub fn retention_in_days(mut self, days: u32) -> Self {
        self.retention_in_days = days;
        self
    }

    /// What CloudFormation does with the log group and the bucket when they leave the stack.
    /// Default: retain (the logs outlive the stack, as with CDK; a bucket with objects cannot
    /// be deleted by CloudFormation anyway).
    ///
    /// ```
    /// let d = stepfunctions_tasks::Monitoring::define("Monitoring").removal_policy(cfn_model::DeletionPolicy::Delete);
    /// ```
    #[must_use]
    pub fn removal_policy(mut self, policy: DeletionPolicy) -> Self {
        self.removal_policy = policy;
        self
    }

    /// Adds `<id>LogGroup` (`AWS::Logs::LogGroup`) and `<id>Bucket` (`AWS::S3::Bucket`, public
    /// access blocked, encrypted with S3 managed keys) to a template; returns the monitoring
    /// that sends the logs there.
    ///
    /// ```
    /// let mut t = cfn_model::Template::new();
    /// let m = stepfunctions_tasks::Monitoring::define("Logs").add_to(&mut t).unwrap();
    /// assert_eq!(m.log_group_name(), Some(&cfn_model::Expr::reference("LogsLogGroup")));
    /// assert_eq!(m.log_bucket_name(), Some(&cfn_model::Expr::reference("LogsBucket")));
    /// ```
    pub fn add_to(self, template: &mut Template) -> Result<Monitoring, stepfunctions::Error> {
        if !RETENTION_DAYS.contains(&self.retention_in_days) {
            return Err(stepfunctions::Error::InvalidResource {
                construct: self.id,
                field: "RetentionInDays",
                reason: format!(
                    "{} is not a retention period of CloudWatch Logs ({RETENTION_DAYS:?})",
                    self.retention_in_days
                ),
            });
        }
        let group = Resource::new("AWS::Logs::LogGroup")
            .property("RetentionInDays", Value::from(self.retention_in_days))
            .removal_policy(self.removal_policy);
        let group_id = template.add_resource(&format!("{} Log Group", self.id), group)?;
        let bucket = Resource::new("AWS::S3::Bucket")
            .property(
                "BucketEncryption",
                Value::map([(
                    "ServerSideEncryptionConfiguration",
                    Value::list([Value::map([(
                        "ServerSideEncryptionByDefault",
                        Value::map([("SSEAlgorithm", Value::from("AES256"))]),
                    )])]),
                )]),
            )
            .property(
                "PublicAccessBlockConfiguration",
                Value::map([
                    ("BlockPublicAcls", Value::from(true)),
                    ("BlockPublicPolicy", Value::from(true)),
                    ("IgnorePublicAcls", Value::from(true)),
                    ("RestrictPublicBuckets", Value::from(true)),
                ]),
            )
            .removal_policy(self.removal_policy);
        let bucket_id = template.add_resource(&format!("{} Bucket", self.id), bucket)?;
        let mut monitoring = Monitoring::new()
            .log_group(Expr::reference(group_id.as_str()))
            .log_bucket(Expr::reference(bucket_id.as_str()));
        monitoring.log_stream_name_prefix = self.log_stream_name_prefix;
        Ok(monitoring)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn virtual_cluster_ids_are_checked() {
        assert!(check_virtual_cluster_id("de92jdei2910fwedz").is_ok());
        assert!(check_virtual_cluster_id("").is_err());
        assert!(check_virtual_cluster_id("ABC").is_err());
        assert!(check_virtual_cluster_id(&"a".repeat(65)).is_err());
    }

    #[test]
    fn resource_names_are_checked() {
        assert!(check_resource_name("name", "EMR-Containers-Job/1#a.b_c").is_ok());
        assert!(check_resource_name("name", "").is_err());
        assert!(check_resource_name("name", "a b").is_err());
        assert!(check_resource_name("name", &"a".repeat(65)).is_err());
    }

    #[test]
    fn release_labels_are_checked() {
        assert!(ReleaseLabel::EMR_6_2_0.check().is_ok());
        assert!(ReleaseLabel::new("").check().is_err());
        assert!(ReleaseLabel::new("emr 6").check().is_err());
    }
}
