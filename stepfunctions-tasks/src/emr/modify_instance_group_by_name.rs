//! `EmrModifyInstanceGroupByName`:
//! <https://docs.aws.amazon.com/step-functions/latest/dg/connect-emr.html>.

use std::time::Duration;

use cfn_model::iam::PolicyStatement;
use cfn_model::Expr;
use stepfunctions::TaskError;
use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration};

use super::modify_instance_fleet_by_name::check_count;
use super::{check_cluster_id, cluster_arn, exprs, render_configurations, string_list, EmrConfiguration};
use crate::util::literal;

/// Which instances to protect or terminate when a group shrinks (`InstanceResizePolicy`).
///
/// ```
/// use std::time::Duration;
/// let p = stepfunctions_tasks::EmrInstanceResizePolicy::new()
///     .instances_to_protect(["i-0123456789abcdef0"])
///     .instance_termination_timeout(Duration::from_secs(600));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EmrInstanceResizePolicy {
    instances_to_protect: Vec<Expr>,
    instances_to_terminate: Vec<Expr>,
    instance_termination_timeout: Option<Duration>,
}

impl EmrInstanceResizePolicy {
    /// No instance named.
    ///
    /// ```
    /// let p = stepfunctions_tasks::EmrInstanceResizePolicy::new();
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Instances kept when the group shrinks. Default: none.
    ///
    /// ```
    /// let p = stepfunctions_tasks::EmrInstanceResizePolicy::new().instances_to_protect(["i-0123456789abcdef0"]);
    /// ```
    #[must_use]
    pub fn instances_to_protect<S: Into<Expr>>(mut self, ids: impl IntoIterator<Item = S>) -> Self {
        self.instances_to_protect = exprs(ids);
        self
    }

    /// Instances terminated when the group shrinks. Default: none.
    ///
    /// ```
    /// let p = stepfunctions_tasks::EmrInstanceResizePolicy::new().instances_to_terminate(["i-0123456789abcdef0"]);
    /// ```
    #[must_use]
    pub fn instances_to_terminate<S: Into<Expr>>(mut self, ids: impl IntoIterator<Item = S>) -> Self {
        self.instances_to_terminate = exprs(ids);
        self
    }

    /// The decommissioning timeout of the instances to terminate, whole seconds. Default: the
    /// shrink policy's.
    ///
    /// ```
    /// let p = stepfunctions_tasks::EmrInstanceResizePolicy::new().instance_termination_timeout(std::time::Duration::from_secs(300));
    /// ```
    #[must_use]
    pub fn instance_termination_timeout(mut self, timeout: Duration) -> Self {
        self.instance_termination_timeout = Some(timeout);
        self
    }

    fn render(&self) -> Payload {
        let mut p = vec![];
        if !self.instances_to_protect.is_empty() {
            p.push(("InstancesToProtect", string_list(&self.instances_to_protect)));
        }
        if !self.instances_to_terminate.is_empty() {
            p.push(("InstancesToTerminate", string_list(&self.instances_to_terminate)));
        }
        if let Some(t) = self.instance_termination_timeout {
            p.push(("InstanceTerminationTimeout", t.as_secs().into()));
        }
        Payload::from_object(p)
    }
}

/// How a group shrinks (`ShrinkPolicy`): the decommissioning timeout, and which instances to
/// protect or terminate.
///
/// ```
/// use std::time::Duration;
/// use stepfunctions_tasks::{EmrInstanceResizePolicy, EmrShrinkPolicy};
/// let s = EmrShrinkPolicy::new()
///     .decommission_timeout(Duration::from_secs(3600))
///     .instance_resize_policy(EmrInstanceResizePolicy::new().instances_to_protect(["i-0123456789abcdef0"]));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EmrShrinkPolicy {
    decommission_timeout: Option<Duration>,
    instance_resize_policy: Option<EmrInstanceResizePolicy>,
}

impl EmrShrinkPolicy {
    /// Nothing set.
    ///
    /// ```
    /// let s = stepfunctions_tasks::EmrShrinkPolicy::new();
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// How long YARN may decommission a node, whole seconds. Default: YARN's.
    ///
    /// ```
    /// let s = stepfunctions_tasks::EmrShrinkPolicy::new().decommission_timeout(std::time::Duration::from_secs(600));
    /// ```
    #[must_use]
    pub fn decommission_timeout(mut self, timeout: Duration) -> Self {
        self.decommission_timeout = Some(timeout);
        self
    }

    /// Which instances to protect or terminate. Default: none.
    ///
    /// ```
    /// use stepfunctions_tasks::{EmrInstanceResizePolicy, EmrShrinkPolicy};
    /// let s = EmrShrinkPolicy::new().instance_resize_policy(EmrInstanceResizePolicy::new().instances_to_terminate(["i-0123456789abcdef0"]));
    /// ```
    #[must_use]
    pub fn instance_resize_policy(mut self, policy: EmrInstanceResizePolicy) -> Self {
        self.instance_resize_policy = Some(policy);
        self
    }

    fn render(&self) -> Payload {
        let mut p = vec![];
        if let Some(t) = self.decommission_timeout {
            p.push(("DecommissionTimeout", t.as_secs().into()));
        }
        if let Some(r) = &self.instance_resize_policy {
            p.push(("InstanceResizePolicy", r.render()));
        }
        Payload::from_object(p)
    }

    fn validate(&self) -> Result<(), String> {
        let timeouts = [
            self.decommission_timeout,
            self.instance_resize_policy
                .as_ref()
                .and_then(|r| r.instance_termination_timeout),
        ];
        if timeouts.iter().flatten().any(|t| t.subsec_nanos() != 0) {
            return Err("shrink policy timeouts are whole seconds".into());
        }
        Ok(())
    }
}

/// The change to an instance group (`InstanceGroupModifyConfig`, without the group id, which
/// Step Functions finds from the name): its size, instances to terminate, how it shrinks, and
/// new configurations.
///
/// ```
/// use stepfunctions::JsonPath;
/// let scale = stepfunctions_tasks::EmrInstanceGroupModifyConfig::new().instance_count(JsonPath::number_at("$.nodes"));
/// let fixed = stepfunctions_tasks::EmrInstanceGroupModifyConfig::new().instance_count(1);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EmrInstanceGroupModifyConfig {
    configurations: Vec<EmrConfiguration>,
    ec2_instance_ids_to_terminate: Vec<Expr>,
    instance_count: Option<Payload>,
    shrink_policy: Option<EmrShrinkPolicy>,
}

impl EmrInstanceGroupModifyConfig {
    /// No change yet (set at least one).
    ///
    /// ```
    /// let c = stepfunctions_tasks::EmrInstanceGroupModifyConfig::new();
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a configuration to apply to the group. Default: none.
    ///
    /// ```
    /// let c = stepfunctions_tasks::EmrInstanceGroupModifyConfig::new()
    ///     .configuration(stepfunctions_tasks::EmrConfiguration::new("yarn-site").property("yarn.nodemanager.resource.memory-mb", "8192"));
    /// ```
    #[must_use]
    pub fn configuration(mut self, configuration: EmrConfiguration) -> Self {
        self.configurations.push(configuration);
        self
    }

    /// EC2 instances to terminate; the group does not return to its former size. Default:
    /// none.
    ///
    /// ```
    /// let c = stepfunctions_tasks::EmrInstanceGroupModifyConfig::new().ec2_instance_ids_to_terminate(["i-0123456789abcdef0"]);
    /// ```
    #[must_use]
    pub fn ec2_instance_ids_to_terminate<S: Into<Expr>>(mut self, ids: impl IntoIterator<Item = S>) -> Self {
        self.ec2_instance_ids_to_terminate = exprs(ids);
        self
    }

    /// The group's target size, a number or read from the input. Default: unchanged.
    ///
    /// ```
    /// let c = stepfunctions_tasks::EmrInstanceGroupModifyConfig::new().instance_count(4);
    /// ```
    #[must_use]
    pub fn instance_count(mut self, count: impl Into<Payload>) -> Self {
        self.instance_count = Some(count.into());
        self
    }

    /// How the group shrinks. Default: EMR's.
    ///
    /// ```
    /// use stepfunctions_tasks::{EmrInstanceGroupModifyConfig, EmrShrinkPolicy};
    /// let c = EmrInstanceGroupModifyConfig::new().instance_count(1).shrink_policy(EmrShrinkPolicy::new().decommission_timeout(std::time::Duration::from_secs(600)));
    /// ```
    #[must_use]
    pub fn shrink_policy(mut self, policy: EmrShrinkPolicy) -> Self {
        self.shrink_policy = Some(policy);
        self
    }

    fn render(&self) -> Payload {
        let mut p = vec![];
        if !self.configurations.is_empty() {
            p.push(("Configurations", render_configurations(&self.configurations)));
        }
        if !self.ec2_instance_ids_to_terminate.is_empty() {
            p.push((
                "EC2InstanceIdsToTerminate",
                string_list(&self.ec2_instance_ids_to_terminate),
            ));
        }
        if let Some(c) = &self.instance_count {
            p.push(("InstanceCount", c.clone()));
        }
        if let Some(s) = &self.shrink_policy {
            p.push(("ShrinkPolicy", s.render()));
        }
        Payload::from_object(p)
    }

    fn validate(&self) -> Result<(), String> {
        if self == &Self::default() {
            return Err(
                "the instance group modification changes nothing: set the instance count, instances to terminate, a shrink policy or configurations"
                    .into(),
            );
        }
        if let Some(c) = &self.instance_count {
            check_count("instance count", c)?;
        }
        if let Some(s) = &self.shrink_policy {
            s.validate()?;
        }
        self.configurations.iter().try_for_each(EmrConfiguration::validate)
    }
}

/// Resizes or reconfigures a cluster's instance group, found by name
/// (`arn:aws:states:::elasticmapreduce:modifyInstanceGroupByName`, EMR's
/// `ModifyInstanceGroups`; Step Functions looks the group id up with `ListInstanceGroups`).
///
/// Supports request-response only.
///
/// IAM: `elasticmapreduce:ModifyInstanceGroups` and `elasticmapreduce:ListInstanceGroups` on the
/// cluster (`cluster/<id>`, or the account's `cluster/*` when the id is read from the input).
/// emr-iam (<https://docs.aws.amazon.com/step-functions/latest/dg/emr-iam.html>) scopes the
/// static case to the cluster and widens the dynamic one to `*`; the request names its cluster
/// either way, so the dynamic case is scoped to the account's clusters as for the other EMR
/// tasks (and the CDK). Deviation from the CDK, reviewed in the parity test: the CDK grants
/// every cluster of the account for a literal cluster id.
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{EmrInstanceGroupModifyConfig, EmrModifyInstanceGroupByName};
/// let task = Task::new(
///     "Resize Core",
///     EmrModifyInstanceGroupByName::new(
///         JsonPath::string_at("$.ClusterId"),
///         "Core",
///         EmrInstanceGroupModifyConfig::new().instance_count(4),
///     ),
/// );
/// let r = stepfunctions::testing::render_state(task).unwrap();
/// assert_eq!(r["States"]["Resize Core"]["Parameters"]["InstanceGroup"]["InstanceCount"], 4);
/// ```
///
/// There is no job to wait for:
///
/// ```compile_fail
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{EmrInstanceGroupModifyConfig, EmrModifyInstanceGroupByName};
/// let t = Task::new("R", EmrModifyInstanceGroupByName::new("j-1", "Core", EmrInstanceGroupModifyConfig::new().instance_count(1))).run_job();
/// ```
#[derive(Debug, Clone)]
pub struct EmrModifyInstanceGroupByName {
    cluster_id: Payload,
    instance_group_name: Payload,
    instance_group: EmrInstanceGroupModifyConfig,
}

impl EmrModifyInstanceGroupByName {
    /// Applies `instance_group` to the group `instance_group_name` of the cluster `cluster_id`
    /// (each a literal, a CloudFormation value or read from the input).
    ///
    /// ```
    /// use stepfunctions_tasks::{EmrInstanceGroupModifyConfig, EmrModifyInstanceGroupByName};
    /// let m = EmrModifyInstanceGroupByName::new("ClusterId", "Task", EmrInstanceGroupModifyConfig::new().instance_count(0));
    /// ```
    pub fn new(
        cluster_id: impl Into<Payload>,
        instance_group_name: impl Into<Payload>,
        instance_group: EmrInstanceGroupModifyConfig,
    ) -> Self {
        EmrModifyInstanceGroupByName {
            cluster_id: cluster_id.into(),
            instance_group_name: instance_group_name.into(),
            instance_group,
        }
    }
}

impl ServiceIntegration for EmrModifyInstanceGroupByName {
    const SERVICE: &'static str = "elasticmapreduce";
    const API: &'static str = "modifyInstanceGroupByName";

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        Some(Payload::from_object([
            ("ClusterId", self.cluster_id.clone()),
            ("InstanceGroupName", self.instance_group_name.clone()),
            ("InstanceGroup", self.instance_group.render()),
        ]))
    }

    fn policy_statements(&self, _pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        vec![PolicyStatement::allow(
            [
                "elasticmapreduce:ModifyInstanceGroups",
                "elasticmapreduce:ListInstanceGroups",
            ],
            [cluster_arn(&self.cluster_id)],
        )]
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        check_cluster_id(&self.cluster_id)?;
        if literal(&self.instance_group_name) == Some("") {
            return Err(TaskError::field(
                "InstanceGroupName",
                "the instance group name may not be empty",
            ));
        }
        self.instance_group.validate().map_err(TaskError::from)
    }
}
