//! Amazon EMR: create and terminate clusters, set termination protection, add and cancel steps,
//! resize instance fleets and groups.
//!
//! See <https://docs.aws.amazon.com/step-functions/latest/dg/connect-emr.html>; the IAM
//! statements follow <https://docs.aws.amazon.com/step-functions/latest/dg/emr-iam.html> and
//! the EMR service authorization reference
//! (<https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticmapreduce.html>).
//!
//! The CDK's nested `EmrCreateCluster.XxxProperty` and
//! `EmrModifyInstanceGroupByName.XxxProperty` types are `EmrXxx` here (`InstancesConfigProperty`
//! is [`EmrInstancesConfig`], `ConfigurationProperty` is [`EmrConfiguration`], ...).
//!
//! A cluster id is a literal, a CloudFormation value (a template `Parameter`) or read from the
//! input: the IAM statements name that cluster (`cluster/<id>`) when the id is known before run
//! time, and every cluster of the stack's account and region (`cluster/*`) when it is read at
//! run time.

/// A closed set of values of the EMR API: a Rust enum and the text each variant stands for.
macro_rules! api_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident => $text:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vm])* $variant),*
        }

        impl $name {
            /// The value as the EMR API spells it.
            pub(crate) fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),*
                }
            }
        }
    };
}

mod add_step;
mod cancel_step;
mod cluster_config;
mod create_cluster;
mod modify_instance_fleet_by_name;
mod modify_instance_group_by_name;
mod roles;
mod set_cluster_termination_protection;
mod terminate_cluster;

use cfn_model::Expr;
use indexmap::IndexMap;
use stepfunctions::Payload;

pub use add_step::{ActionOnFailure, EmrAddStep};
pub use cancel_step::EmrCancelStep;
pub use cluster_config::{
    EmrAlarmComparisonOperator, EmrAlarmStatistic, EmrAlarmUnit, EmrApplication, EmrAutoScalingPolicy, EmrBidPrice,
    EmrBootstrapAction, EmrCapacityReservationPreference, EmrCloudWatchAlarm, EmrEbsBlockDevice, EmrEbsConfiguration,
    EmrEbsVolumeType, EmrInstanceFleet, EmrInstanceGroup, EmrInstanceMarket, EmrInstanceRoleType,
    EmrInstanceTypeConfig, EmrInstancesConfig, EmrKerberosAttributes, EmrManagedScalingPolicy, EmrManagedScalingUnit,
    EmrOnDemandAllocationStrategy, EmrOnDemandProvisioning, EmrScalingAdjustmentType, EmrScalingRule,
    EmrSpotAllocationStrategy, EmrSpotProvisioning, EmrSpotTimeoutAction,
};
pub use create_cluster::{EmrClusterScaleDownBehavior, EmrCreateCluster};
pub use modify_instance_fleet_by_name::EmrModifyInstanceFleetByName;
pub use modify_instance_group_by_name::{
    EmrInstanceGroupModifyConfig, EmrInstanceResizePolicy, EmrModifyInstanceGroupByName, EmrShrinkPolicy,
};
pub use roles::{EmrClusterRoles, EmrClusterRolesDefinition, EmrInstanceProfile, EmrRole};
pub use set_cluster_termination_protection::EmrSetClusterTerminationProtection;
pub use terminate_cluster::EmrTerminateCluster;

use crate::util::stack_arn;

/// The rule Step Functions manages to learn that a cluster is up (`createCluster.sync`).
const RUN_JOB_FLOW_RULE: &str = "StepFunctionsGetEventForEMRRunJobFlowRule";
/// The rule for `terminateCluster.sync`.
const TERMINATE_JOB_FLOWS_RULE: &str = "StepFunctionsGetEventForEMRTerminateJobFlowsRule";
/// The rule for `addStep.sync`.
const ADD_JOB_FLOW_STEPS_RULE: &str = "StepFunctionsGetEventForEMRAddJobFlowStepsRule";

/// Every cluster of the stack's account and region: the resource for a cluster whose id is read
/// at run time, or not known yet (the one `createCluster` makes).
pub(crate) fn any_cluster() -> Expr {
    stack_arn("elasticmapreduce", "cluster/*")
}

/// The IAM resource of the cluster a task works on: `cluster/<id>` when the id is known before
/// run time, [`any_cluster`] when it is read from the input.
pub(crate) fn cluster_arn(cluster_id: &Payload) -> Expr {
    match cluster_id {
        Payload::String(id) => stack_arn("elasticmapreduce", Expr::concat([Expr::lit("cluster/"), id.clone()])),
        _ => any_cluster(),
    }
}

/// Checks a cluster id: text (literal, CloudFormation value or path); a literal may not be
/// empty or hold characters that would change the meaning of the IAM resource
/// `cluster/<id>` (`*`, `?`, `/`, `:`, whitespace).
pub(crate) fn check_cluster_id(cluster_id: &Payload) -> Result<(), String> {
    match cluster_id {
        Payload::String(Expr::Literal(id)) => {
            if id.is_empty() || id.chars().count() > 256 {
                return Err(format!("cluster id `{id}` must be 1 to 256 characters"));
            }
            if let Some(c) = id
                .chars()
                .find(|c| matches!(c, '*' | '?' | '/' | ':') || c.is_whitespace())
            {
                return Err(format!(
                    "cluster id `{id}` may not contain `{c}`: it names the IAM resource cluster/<id>"
                ));
            }
            Ok(())
        }
        Payload::String(_) | Payload::Path(_) | Payload::Intrinsic(_) | Payload::Jsonata(_) => Ok(()),
        _ => Err("the cluster id must be a string (a literal, a CloudFormation value or a path)".into()),
    }
}

/// A list of strings, as a Payload array.
pub(crate) fn string_list(items: &[Expr]) -> Payload {
    Payload::Array(items.iter().cloned().map(Payload::String).collect())
}

/// Collects strings.
pub(crate) fn exprs<S: Into<Expr>>(items: impl IntoIterator<Item = S>) -> Vec<Expr> {
    items.into_iter().map(Into::into).collect()
}

/// Configuration of an application on the cluster: a classification, its properties, and
/// nested configurations (for example `hadoop-env` holding an `export` configuration). EMR
/// calls the type `Configuration`; the CDK `EmrCreateCluster.ConfigurationProperty`.
///
/// ```
/// use stepfunctions_tasks::EmrConfiguration;
/// let c = EmrConfiguration::new("spark-defaults").property("spark.executor.memory", "4g");
/// let env = EmrConfiguration::new("hadoop-env")
///     .configuration(EmrConfiguration::new("export").property("JAVA_HOME", "/usr/lib/jvm/java-17"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EmrConfiguration {
    classification: Option<Expr>,
    properties: IndexMap<String, Expr>,
    configurations: Vec<EmrConfiguration>,
}

impl EmrConfiguration {
    /// A configuration of a classification (`spark-defaults`, `core-site`, `hive-site`, ...).
    ///
    /// ```
    /// let c = stepfunctions_tasks::EmrConfiguration::new("spark");
    /// ```
    pub fn new(classification: impl Into<Expr>) -> Self {
        EmrConfiguration {
            classification: Some(classification.into()),
            properties: IndexMap::new(),
            configurations: Vec::new(),
        }
    }

    /// A configuration with no classification, only nested configurations or properties.
    ///
    /// ```
    /// let c = stepfunctions_tasks::EmrConfiguration::unclassified().property("k", "v");
    /// ```
    pub fn unclassified() -> Self {
        EmrConfiguration {
            classification: None,
            properties: IndexMap::new(),
            configurations: Vec::new(),
        }
    }

    /// Sets a property. Default: none.
    ///
    /// ```
    /// let c = stepfunctions_tasks::EmrConfiguration::new("spark").property("maximizeResourceAllocation", "true");
    /// ```
    #[must_use]
    pub fn property(mut self, key: impl Into<String>, value: impl Into<Expr>) -> Self {
        self.properties.insert(key.into(), value.into());
        self
    }

    /// Adds a nested configuration. Default: none.
    ///
    /// ```
    /// use stepfunctions_tasks::EmrConfiguration;
    /// let c = EmrConfiguration::new("spark-env").configuration(EmrConfiguration::new("export").property("PYSPARK_PYTHON", "/usr/bin/python3"));
    /// ```
    #[must_use]
    pub fn configuration(mut self, nested: EmrConfiguration) -> Self {
        self.configurations.push(nested);
        self
    }

    pub(crate) fn render(&self) -> Payload {
        let mut p = vec![];
        if let Some(c) = &self.classification {
            p.push(("Classification", Payload::String(c.clone())));
        }
        if !self.properties.is_empty() {
            let props = self
                .properties
                .iter()
                .map(|(k, v)| (k.clone(), Payload::String(v.clone())));
            p.push(("Properties", Payload::from_object(props)));
        }
        if !self.configurations.is_empty() {
            p.push(("Configurations", render_configurations(&self.configurations)));
        }
        Payload::from_object(p)
    }

    pub(crate) fn validate(&self) -> Result<(), String> {
        if self.classification.as_ref().and_then(Expr::as_literal) == Some("") {
            return Err("a configuration's classification may not be empty".into());
        }
        if self.classification.is_none() && self.properties.is_empty() && self.configurations.is_empty() {
            return Err("a configuration needs a classification, properties or nested configurations".into());
        }
        if let Some(k) = self.properties.keys().find(|k| k.is_empty()) {
            return Err(format!("configuration property `{k}` has no name"));
        }
        self.configurations.iter().try_for_each(EmrConfiguration::validate)
    }
}

/// Renders a list of configurations.
pub(crate) fn render_configurations(configurations: &[EmrConfiguration]) -> Payload {
    Payload::Array(configurations.iter().map(EmrConfiguration::render).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cluster_arns() {
        assert_eq!(
            cluster_arn(&"j-123".into()).to_string(),
            "arn:${AWS::Partition}:elasticmapreduce:${AWS::Region}:${AWS::AccountId}:cluster/j-123"
        );
        assert_eq!(
            cluster_arn(&Payload::Path("$.ClusterId".into())).to_string(),
            "arn:${AWS::Partition}:elasticmapreduce:${AWS::Region}:${AWS::AccountId}:cluster/*"
        );
    }

    #[test]
    fn cluster_ids_are_checked() {
        assert!(check_cluster_id(&"j-2AXXXXXXGAPLF".into()).is_ok());
        assert!(check_cluster_id(&Expr::reference("ClusterId").into()).is_ok());
        assert!(check_cluster_id(&Payload::Path("$.id".into())).is_ok());
        assert!(check_cluster_id(&"".into()).is_err());
        assert!(check_cluster_id(&"j-*".into()).is_err());
        assert!(check_cluster_id(&"a b".into()).is_err());
        assert!(check_cluster_id(&1.into()).is_err());
    }
}
