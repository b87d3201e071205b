//! `EmrCreateCluster`: <https://docs.aws.amazon.com/step-functions/latest/dg/connect-emr.html>.

use std::time::Duration;

use cfn_model::iam::PolicyStatement;
use cfn_model::Expr;
use indexmap::IndexMap;
use stepfunctions::TaskError;
use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration, SupportsRequestResponse, SupportsRunJob};

use super::cluster_config::{
    EmrApplication, EmrBootstrapAction, EmrInstancesConfig, EmrKerberosAttributes, EmrManagedScalingPolicy,
};
use super::{any_cluster, render_configurations, EmrClusterRoles, EmrConfiguration, RUN_JOB_FLOW_RULE};
use crate::util::{literal, managed_rule_statement};

api_enum! {
    /// How instances are terminated when the cluster scales in or a group is resized.
    EmrClusterScaleDownBehavior {
        /// At the instance-hour boundary (EMR 5.1.0 and later; the default there).
        TerminateAtInstanceHour => "TERMINATE_AT_INSTANCE_HOUR",
        /// After the node's tasks are drained, whatever the instance hour.
        TerminateAtTaskCompletion => "TERMINATE_AT_TASK_COMPLETION",
    }
}

/// Creates and starts an EMR cluster (`arn:aws:states:::elasticmapreduce:createCluster`,
/// EMR's `RunJobFlow`). By default the task waits until the cluster is up and `WAITING` for
/// steps (run-job) and returns its description; with
/// [`request_response`](stepfunctions::Task::request_response) it returns the `ClusterId` at
/// once.
///
/// Supports run-job (default) and request-response.
///
/// The cluster keeps running when it has no steps (`KeepJobFlowAliveWhenNoSteps` is always
/// `true`) and Step Functions does not terminate it when the execution stops: end the workflow
/// with [`EmrTerminateCluster`](crate::EmrTerminateCluster), or set
/// [`auto_termination_idle_timeout`](EmrCreateCluster::auto_termination_idle_timeout).
///
/// The roles are given, or created in the template, with [`EmrClusterRoles`]. Instance fleets
/// take no auto-scaling role; an instance group with an automatic scaling policy needs one.
///
/// IAM:
/// - `elasticmapreduce:RunJobFlow` on `*` (the action has no resource type);
/// - `iam:PassRole` on the service role, the cluster role and the auto-scaling role (RunJobFlow
///   passes them);
/// - `iam:CreateServiceLinkedRole` on the `AWSServiceRoleForEMRCleanup` service-linked role,
///   for `elasticmapreduce.amazonaws.com(.cn)` only, which EMR creates at the account's first
///   cluster (connect-emr: "you must have configured the necessary permissions to create the
///   service-linked role");
/// - with tags, `elasticmapreduce:AddTags` on the account's `cluster/*` (RunJobFlow authorizes
///   tagging on create with it, per the EMR service authorization reference);
/// - run-job adds `elasticmapreduce:DescribeCluster` and `elasticmapreduce:TerminateJobFlows` on
///   the account's `cluster/*` and `events:PutTargets`, `events:PutRule`, `events:DescribeRule`
///   on the managed rule `StepFunctionsGetEventForEMRRunJobFlowRule` (emr-iam,
///   <https://docs.aws.amazon.com/step-functions/latest/dg/emr-iam.html>).
///
/// Deviations from the CDK, reviewed in the parity test: the CDK grants
/// `elasticmapreduce:AddTags` on `*` with or without tags, and `DescribeCluster` and
/// `TerminateJobFlows` on `*` (emr-iam's template too) where both actions are authorized on
/// clusters only; the CDK also passes a given cluster role's name as `JobFlowRole` without the
/// instance profile EMR needs under that name (here the instance profile is explicit:
/// [`EmrInstanceProfile`](crate::EmrInstanceProfile)).
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{EmrApplication, EmrClusterRoles, EmrCreateCluster, EmrInstanceGroup, EmrInstanceProfile, EmrInstanceRoleType, EmrInstancesConfig, EmrRole};
/// let roles = EmrClusterRoles::new(EmrRole::from_name("EMR_DefaultRole"), EmrInstanceProfile::from_role_name("EMR_EC2_DefaultRole"));
/// let task = Task::new(
///     "Create Cluster",
///     EmrCreateCluster::new(
///         JsonPath::string_at("$.ClusterName"),
///         EmrInstancesConfig::instance_groups([
///             EmrInstanceGroup::new(EmrInstanceRoleType::Master, "m5.xlarge", 1),
///             EmrInstanceGroup::new(EmrInstanceRoleType::Core, "m5.xlarge", 2),
///         ]),
///         roles,
///     )
///     .release_label("emr-7.1.0")
///     .application(EmrApplication::new("Spark"))
///     .step_concurrency_level(10),
/// );
/// let r = stepfunctions::testing::render_state(task).unwrap();
/// assert_eq!(r["States"]["Create Cluster"]["Parameters"]["StepConcurrencyLevel"], 10);
/// ```
///
/// EMR has no callback pattern:
///
/// ```compile_fail
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{EmrClusterRoles, EmrCreateCluster, EmrInstanceProfile, EmrInstancesConfig, EmrRole};
/// let roles = EmrClusterRoles::new(EmrRole::from_name("EMR_DefaultRole"), EmrInstanceProfile::from_role_name("EMR_EC2_DefaultRole"));
/// let t = Task::new("Create", EmrCreateCluster::new("c", EmrInstancesConfig::new(), roles)).wait_for_task_token();
/// ```
#[derive(Debug, Clone)]
pub struct EmrCreateCluster {
    name: Payload,
    instances: EmrInstancesConfig,
    roles: EmrClusterRoles,
    additional_info: Option<Expr>,
    applications: Vec<EmrApplication>,
    bootstrap_actions: Vec<EmrBootstrapAction>,
    configurations: Vec<EmrConfiguration>,
    custom_ami_id: Option<Expr>,
    ebs_root_volume_size: Option<u32>,
    ebs_root_volume_iops: Option<u32>,
    ebs_root_volume_throughput: Option<u32>,
    kerberos_attributes: Option<EmrKerberosAttributes>,
    log_uri: Option<Payload>,
    managed_scaling_policy: Option<EmrManagedScalingPolicy>,
    release_label: Option<Payload>,
    scale_down_behavior: Option<EmrClusterScaleDownBehavior>,
    security_configuration: Option<Payload>,
    step_concurrency_level: Option<u32>,
    tags: IndexMap<String, Expr>,
    visible_to_all_users: bool,
    auto_termination_idle_timeout: Option<Duration>,
}

impl EmrCreateCluster {
    /// Creates a cluster named `name` (a literal, a CloudFormation value or read from the
    /// input) with these instances and roles.
    ///
    /// ```
    /// use stepfunctions_tasks::{EmrClusterRoles, EmrCreateCluster, EmrInstanceProfile, EmrInstancesConfig, EmrRole};
    /// let roles = EmrClusterRoles::new(EmrRole::from_name("EMR_DefaultRole"), EmrInstanceProfile::from_role_name("EMR_EC2_DefaultRole"));
    /// let c = EmrCreateCluster::new("nightly", EmrInstancesConfig::uniform("m5.xlarge", "m5.xlarge", 3), roles);
    /// ```
    pub fn new(name: impl Into<Payload>, instances: EmrInstancesConfig, roles: EmrClusterRoles) -> Self {
        let mut tags = IndexMap::new();
        if roles.needs_managed_policy_tag() {
            tags.insert(super::roles::MANAGED_POLICY_TAG.to_owned(), Expr::lit("true"));
        }
        EmrCreateCluster {
            name: name.into(),
            instances,
            roles,
            additional_info: None,
            applications: Vec::new(),
            bootstrap_actions: Vec::new(),
            configurations: Vec::new(),
            custom_ami_id: None,
            ebs_root_volume_size: None,
            ebs_root_volume_iops: None,
            ebs_root_volume_throughput: None,
            kerberos_attributes: None,
            log_uri: None,
            managed_scaling_policy: None,
            release_label: None,
            scale_down_behavior: None,
            security_configuration: None,
            step_concurrency_level: None,
            tags,
            visible_to_all_users: true,
            auto_termination_idle_timeout: None,
        }
    }

    /// A JSON string selecting additional features (`AdditionalInfo`). Default: none.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let c = EmrCreateCluster::new("c", EmrInstancesConfig::new(), EmrClusterRoles::new(EmrRole::from_name("S"), EmrInstanceProfile::from_role_name("I")));
    /// let c = c.additional_info("{\"key\": \"value\"}");
    /// ```
    #[must_use]
    pub fn additional_info(mut self, json: impl Into<Expr>) -> Self {
        self.additional_info = Some(json.into());
        self
    }

    /// Adds an application to install. Default: EMR's selection for the release.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let c = EmrCreateCluster::new("c", EmrInstancesConfig::new(), EmrClusterRoles::new(EmrRole::from_name("S"), EmrInstanceProfile::from_role_name("I")));
    /// let c = c.application(EmrApplication::new("Spark")).application(EmrApplication::new("Hive"));
    /// ```
    #[must_use]
    pub fn application(mut self, application: EmrApplication) -> Self {
        self.applications.push(application);
        self
    }

    /// Adds a bootstrap action. Default: none.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let c = EmrCreateCluster::new("c", EmrInstancesConfig::new(), EmrClusterRoles::new(EmrRole::from_name("S"), EmrInstanceProfile::from_role_name("I")));
    /// let c = c.bootstrap_action(EmrBootstrapAction::new("Setup", "s3://my-bucket/setup.sh"));
    /// ```
    #[must_use]
    pub fn bootstrap_action(mut self, action: EmrBootstrapAction) -> Self {
        self.bootstrap_actions.push(action);
        self
    }

    /// Adds a configuration of the cluster's applications. Default: none.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let c = EmrCreateCluster::new("c", EmrInstancesConfig::new(), EmrClusterRoles::new(EmrRole::from_name("S"), EmrInstanceProfile::from_role_name("I")));
    /// let c = c.configuration(EmrConfiguration::new("spark").property("maximizeResourceAllocation", "true"));
    /// ```
    #[must_use]
    pub fn configuration(mut self, configuration: EmrConfiguration) -> Self {
        self.configurations.push(configuration);
        self
    }

    /// A custom Amazon EBS-backed Linux AMI for the instances. Default: EMR's AMI.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let c = EmrCreateCluster::new("c", EmrInstancesConfig::new(), EmrClusterRoles::new(EmrRole::from_name("S"), EmrInstanceProfile::from_role_name("I")));
    /// let c = c.custom_ami_id("ami-0123456789abcdef0");
    /// ```
    #[must_use]
    pub fn custom_ami_id(mut self, ami_id: impl Into<Expr>) -> Self {
        self.custom_ami_id = Some(ami_id.into());
        self
    }

    /// The size of each instance's EBS root volume, 15 to 100 GiB. Default: EMR's.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let c = EmrCreateCluster::new("c", EmrInstancesConfig::new(), EmrClusterRoles::new(EmrRole::from_name("S"), EmrInstanceProfile::from_role_name("I")));
    /// let c = c.ebs_root_volume_size_gib(30);
    /// ```
    #[must_use]
    pub fn ebs_root_volume_size_gib(mut self, gib: u32) -> Self {
        self.ebs_root_volume_size = Some(gib);
        self
    }

    /// The IOPS of each instance's gp3 EBS root volume, 3,000 to 16,000 (EMR 6.15.0 and later).
    /// Default: EMR's.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let c = EmrCreateCluster::new("c", EmrInstancesConfig::new(), EmrClusterRoles::new(EmrRole::from_name("S"), EmrInstanceProfile::from_role_name("I")));
    /// let c = c.ebs_root_volume_iops(6000);
    /// ```
    #[must_use]
    pub fn ebs_root_volume_iops(mut self, iops: u32) -> Self {
        self.ebs_root_volume_iops = Some(iops);
        self
    }

    /// The throughput of each instance's gp3 EBS root volume, 125 to 1,000 MiB/s (EMR 6.15.0 and
    /// later). Default: EMR's.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let c = EmrCreateCluster::new("c", EmrInstancesConfig::new(), EmrClusterRoles::new(EmrRole::from_name("S"), EmrInstanceProfile::from_role_name("I")));
    /// let c = c.ebs_root_volume_throughput_mib(250);
    /// ```
    #[must_use]
    pub fn ebs_root_volume_throughput_mib(mut self, mib_per_second: u32) -> Self {
        self.ebs_root_volume_throughput = Some(mib_per_second);
        self
    }

    /// Kerberos settings (with a security configuration that enables Kerberos). Default: none.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let c = EmrCreateCluster::new("c", EmrInstancesConfig::new(), EmrClusterRoles::new(EmrRole::from_name("S"), EmrInstanceProfile::from_role_name("I")));
    /// let c = c.kerberos_attributes(EmrKerberosAttributes::new("EC2.INTERNAL").kdc_admin_password(stepfunctions::JsonPath::string_at("$.kdc")));
    /// ```
    #[must_use]
    pub fn kerberos_attributes(mut self, attributes: EmrKerberosAttributes) -> Self {
        self.kerberos_attributes = Some(attributes);
        self
    }

    /// Where EMR writes the cluster's logs, an S3 URI. Default: no logs in S3.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let c = EmrCreateCluster::new("c", EmrInstancesConfig::new(), EmrClusterRoles::new(EmrRole::from_name("S"), EmrInstanceProfile::from_role_name("I")));
    /// let c = c.log_uri("s3://my-logs/emr/");
    /// ```
    #[must_use]
    pub fn log_uri(mut self, uri: impl Into<Payload>) -> Self {
        self.log_uri = Some(uri.into());
        self
    }

    /// Managed scaling limits. Default: none.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let c = EmrCreateCluster::new("c", EmrInstancesConfig::new(), EmrClusterRoles::new(EmrRole::from_name("S"), EmrInstanceProfile::from_role_name("I")));
    /// let c = c.managed_scaling_policy(EmrManagedScalingPolicy::new(EmrManagedScalingUnit::Instances, 2, 8));
    /// ```
    #[must_use]
    pub fn managed_scaling_policy(mut self, policy: EmrManagedScalingPolicy) -> Self {
        self.managed_scaling_policy = Some(policy);
        self
    }

    /// The EMR release, `emr-<major>.<minor>.<patch>`. Default: EMR's latest.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let c = EmrCreateCluster::new("c", EmrInstancesConfig::new(), EmrClusterRoles::new(EmrRole::from_name("S"), EmrInstanceProfile::from_role_name("I")));
    /// let c = c.release_label("emr-7.1.0");
    /// ```
    #[must_use]
    pub fn release_label(mut self, label: impl Into<Payload>) -> Self {
        self.release_label = Some(label.into());
        self
    }

    /// How instances are terminated on scale-in. Default: EMR's.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let c = EmrCreateCluster::new("c", EmrInstancesConfig::new(), EmrClusterRoles::new(EmrRole::from_name("S"), EmrInstanceProfile::from_role_name("I")));
    /// let c = c.scale_down_behavior(EmrClusterScaleDownBehavior::TerminateAtTaskCompletion);
    /// ```
    #[must_use]
    pub fn scale_down_behavior(mut self, behavior: EmrClusterScaleDownBehavior) -> Self {
        self.scale_down_behavior = Some(behavior);
        self
    }

    /// The name of an EMR security configuration. Default: none.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let c = EmrCreateCluster::new("c", EmrInstancesConfig::new(), EmrClusterRoles::new(EmrRole::from_name("S"), EmrInstanceProfile::from_role_name("I")));
    /// let c = c.security_configuration("my-security-configuration");
    /// ```
    #[must_use]
    pub fn security_configuration(mut self, name: impl Into<Payload>) -> Self {
        self.security_configuration = Some(name.into());
        self
    }

    /// How many steps may run at once, 1 to 256; above 1 needs release 5.28.0 or later.
    /// Default: 1.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let c = EmrCreateCluster::new("c", EmrInstancesConfig::new(), EmrClusterRoles::new(EmrRole::from_name("S"), EmrInstanceProfile::from_role_name("I")));
    /// let c = c.release_label("emr-6.15.0").step_concurrency_level(10);
    /// ```
    #[must_use]
    pub fn step_concurrency_level(mut self, level: u32) -> Self {
        self.step_concurrency_level = Some(level);
        self
    }

    /// Adds a tag to the cluster (and its EC2 instances). Default: none.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let c = EmrCreateCluster::new("c", EmrInstancesConfig::new(), EmrClusterRoles::new(EmrRole::from_name("S"), EmrInstanceProfile::from_role_name("I")));
    /// let c = c.tag("team", "data");
    /// ```
    #[must_use]
    pub fn tag(mut self, key: impl Into<String>, value: impl Into<Expr>) -> Self {
        self.tags.insert(key.into(), value.into());
        self
    }

    /// Whether every IAM principal of the account with the permissions may act on the cluster.
    /// Default: `true`.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let c = EmrCreateCluster::new("c", EmrInstancesConfig::new(), EmrClusterRoles::new(EmrRole::from_name("S"), EmrInstanceProfile::from_role_name("I")));
    /// let c = c.visible_to_all_users(false);
    /// ```
    #[must_use]
    pub fn visible_to_all_users(mut self, visible: bool) -> Self {
        self.visible_to_all_users = visible;
        self
    }

    /// Terminates the cluster after it has been idle this long, whole seconds, 60 s to 7 days
    /// (`AutoTerminationPolicy.IdleTimeout`). Default: no automatic termination.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let c = EmrCreateCluster::new("c", EmrInstancesConfig::new(), EmrClusterRoles::new(EmrRole::from_name("S"), EmrInstanceProfile::from_role_name("I")));
    /// let c = c.auto_termination_idle_timeout(std::time::Duration::from_secs(3600));
    /// ```
    #[must_use]
    pub fn auto_termination_idle_timeout(mut self, idle: Duration) -> Self {
        self.auto_termination_idle_timeout = Some(idle);
        self
    }

    /// The literal release label's version, if it is one.
    fn release_version(&self) -> Option<Result<(u32, u32, u32), String>> {
        let label = literal(self.release_label.as_ref()?)?;
        Some(parse_release_label(label))
    }
}

/// `emr-<major>.<minor>.<patch>` as numbers.
fn parse_release_label(label: &str) -> Result<(u32, u32, u32), String> {
    let bad = || format!("release label `{label}` is not of the form emr-<major>.<minor>.<patch>, like emr-7.1.0");
    let version = label.strip_prefix("emr-").ok_or_else(bad)?;
    let parts: Vec<u32> = version
        .split('.')
        .map(|p| {
            (!p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
                .ok_or_else(bad)
        })
        .collect::<Result<_, _>>()?;
    match parts[..] {
        [major, minor, patch] => Ok((major, minor, patch)),
        _ => Err(bad()),
    }
}

impl ServiceIntegration for EmrCreateCluster {
    const SERVICE: &'static str = "elasticmapreduce";
    const API: &'static str = "createCluster";
    const DEFAULT_PATTERN: IntegrationPattern = IntegrationPattern::RunJob;

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        let roles = &self.roles;
        let mut p = vec![
            ("Instances", self.instances.render()),
            ("JobFlowRole", Payload::String(roles.cluster_role().name().clone())),
            ("Name", self.name.clone()),
            ("ServiceRole", Payload::String(roles.service_role().name().clone())),
        ];
        let string = |e: &Option<Expr>| e.clone().map(Payload::String);
        let mut opt = |key, value: Option<Payload>| {
            if let Some(v) = value {
                p.push((key, v));
            }
        };
        opt("AdditionalInfo", string(&self.additional_info));
        opt(
            "Applications",
            (!self.applications.is_empty())
                .then(|| Payload::Array(self.applications.iter().map(EmrApplication::render).collect())),
        );
        opt(
            "AutoScalingRole",
            roles.auto_scaling_role_name().cloned().map(Payload::String),
        );
        opt(
            "BootstrapActions",
            (!self.bootstrap_actions.is_empty())
                .then(|| Payload::Array(self.bootstrap_actions.iter().map(EmrBootstrapAction::render).collect())),
        );
        opt(
            "Configurations",
            (!self.configurations.is_empty()).then(|| render_configurations(&self.configurations)),
        );
        opt("CustomAmiId", string(&self.custom_ami_id));
        opt("EbsRootVolumeSize", self.ebs_root_volume_size.map(Payload::from));
        opt("EbsRootVolumeIops", self.ebs_root_volume_iops.map(Payload::from));
        opt(
            "EbsRootVolumeThroughput",
            self.ebs_root_volume_throughput.map(Payload::from),
        );
        opt(
            "KerberosAttributes",
            self.kerberos_attributes.as_ref().map(EmrKerberosAttributes::render),
        );
        opt("LogUri", self.log_uri.clone());
        opt(
            "ManagedScalingPolicy",
            self.managed_scaling_policy
                .as_ref()
                .map(EmrManagedScalingPolicy::render),
        );
        opt("ReleaseLabel", self.release_label.clone());
        opt("ScaleDownBehavior", self.scale_down_behavior.map(|b| b.as_str().into()));
        opt("SecurityConfiguration", self.security_configuration.clone());
        opt("StepConcurrencyLevel", self.step_concurrency_level.map(Payload::from));
        opt(
            "Tags",
            (!self.tags.is_empty()).then(|| {
                let tags = self.tags.iter().map(|(k, v)| {
                    Payload::from_object([("Key", k.as_str().into()), ("Value", Payload::String(v.clone()))])
                });
                Payload::Array(tags.collect())
            }),
        );
        opt("VisibleToAllUsers", Some(self.visible_to_all_users.into()));
        opt(
            "AutoTerminationPolicy",
            self.auto_termination_idle_timeout
                .map(|d| Payload::from_object([("IdleTimeout", d.as_secs().into())])),
        );
        Some(Payload::from_object(p))
    }

    fn policy_statements(&self, pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        let mut statements = vec![
            PolicyStatement::allow(["elasticmapreduce:RunJobFlow"], [Expr::lit("*")]),
            PolicyStatement::allow(["iam:PassRole"], self.roles.pass_role_arns()),
            PolicyStatement::allow(
                ["iam:CreateServiceLinkedRole"],
                [Expr::concat([
                    Expr::lit("arn:"),
                    Expr::partition(),
                    Expr::lit(":iam::"),
                    Expr::account_id(),
                    Expr::lit(":role/aws-service-role/elasticmapreduce.amazonaws.com*/AWSServiceRoleForEMRCleanup*"),
                ])],
            )
            .condition(
                "StringEquals",
                "iam:AWSServiceName",
                [
                    Expr::lit("elasticmapreduce.amazonaws.com"),
                    Expr::lit("elasticmapreduce.amazonaws.com.cn"),
                ],
            )
            .sid("ElasticMapReduceServiceLinkedRole"),
        ];
        if !self.tags.is_empty() {
            statements.push(PolicyStatement::allow(["elasticmapreduce:AddTags"], [any_cluster()]));
        }
        if pattern == IntegrationPattern::RunJob {
            statements.push(PolicyStatement::allow(
                ["elasticmapreduce:DescribeCluster", "elasticmapreduce:TerminateJobFlows"],
                [any_cluster()],
            ));
            statements.push(managed_rule_statement(RUN_JOB_FLOW_RULE));
        }
        statements
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        if literal(&self.name) == Some("") {
            return Err(TaskError::field("Name", "the cluster needs a name"));
        }
        self.instances.validate()?;
        self.roles.cluster_role().validate()?;
        if self.instances.has_fleets() && self.roles.has_auto_scaling_role() {
            return Err(
                "instance fleets take no auto-scaling role: use EmrClusterRoles without one (EmrClusterRoles::define(..).without_auto_scaling_role())"
                    .into(),
            );
        }
        if self.instances.has_auto_scaling_policy() && !self.roles.has_auto_scaling_role() {
            return Err(
                "an instance group has an automatic scaling policy but the cluster has no auto-scaling role".into(),
            );
        }
        let version = self.release_version().transpose()?;
        if let Some(level) = self.step_concurrency_level {
            if !(1..=256).contains(&level) {
                return Err(TaskError::field(
                    "StepConcurrencyLevel",
                    format!("the step concurrency level must be 1 to 256; got {level}"),
                ));
            }
            if let Some(v @ (major, minor, patch)) = version {
                if level > 1 && v < (5, 28, 0) {
                    return Err(TaskError::field("StepConcurrencyLevel", format!(
                        "a step concurrency level above 1 needs EMR release 5.28.0 or later; the release label is emr-{major}.{minor}.{patch}"
                    )));
                }
            }
        }
        if let Some(gib) = self.ebs_root_volume_size {
            if !(15..=100).contains(&gib) {
                return Err(TaskError::field(
                    "EbsRootVolumeSize",
                    format!("the EBS root volume size must be 15 to 100 GiB; got {gib}"),
                ));
            }
        }
        for (field, value, range, unit) in [
            ("EbsRootVolumeIops", self.ebs_root_volume_iops, 3_000..=16_000, "IOPS"),
            (
                "EbsRootVolumeThroughput",
                self.ebs_root_volume_throughput,
                125..=1_000,
                "MiB/s",
            ),
        ] {
            let Some(value) = value else { continue };
            if !range.contains(&value) {
                return Err(TaskError::field(
                    field,
                    format!("must be {} to {} {unit}; got {value}", range.start(), range.end()),
                ));
            }
            if let Some((major, minor, patch)) = version {
                if (major, minor, patch) < (6, 15, 0) {
                    return Err(TaskError::field(
                        field,
                        format!("needs EMR release 6.15.0 or later; the release label is emr-{major}.{minor}.{patch}"),
                    ));
                }
            }
        }
        if let Some(idle) = self.auto_termination_idle_timeout {
            if idle.subsec_nanos() != 0 || !(60..=604_800).contains(&idle.as_secs()) {
                return Err(TaskError::field(
                    "AutoTerminationPolicy.IdleTimeout",
                    format!("the auto-termination idle timeout is whole seconds, 60 to 604800 (7 days); got {idle:?}"),
                ));
            }
        }
        self.applications.iter().try_for_each(EmrApplication::validate)?;
        self.bootstrap_actions
            .iter()
            .try_for_each(EmrBootstrapAction::validate)?;
        self.configurations.iter().try_for_each(EmrConfiguration::validate)?;
        if let Some(k) = &self.kerberos_attributes {
            k.validate()?;
        }
        if let Some(m) = &self.managed_scaling_policy {
            m.validate()?;
        }
        if self.tags.len() > 50 {
            return Err(TaskError::field(
                "Tags",
                format!("a cluster has at most 50 tags; got {}", self.tags.len()),
            ));
        }
        for key in self.tags.keys() {
            if key.is_empty() || key.chars().count() > 128 || key.starts_with("aws:") {
                return Err(TaskError::field(
                    "Tags",
                    format!("tag key `{key}` must be 1 to 128 characters and not start with aws:"),
                ));
            }
        }
        Ok(())
    }
}

impl SupportsRunJob for EmrCreateCluster {}
impl SupportsRequestResponse for EmrCreateCluster {}

#[cfg(test)]
mod tests {
    use super::parse_release_label;

    #[test]
    fn release_labels() {
        assert_eq!(parse_release_label("emr-5.28.0"), Ok((5, 28, 0)));
        assert_eq!(parse_release_label("emr-7.10.1"), Ok((7, 10, 1)));
        for bad in ["5.28.0", "emr-5.28", "emr-5..0", "emr-5.28.x", "emr-6.1.0.1", "emr-"] {
            assert!(parse_release_label(bad).is_err(), "{bad}");
        }
    }
}
