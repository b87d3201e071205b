//! `EmrModifyInstanceFleetByName`:
//! <https://docs.aws.amazon.com/step-functions/latest/dg/connect-emr.html>.

use cfn_model::iam::PolicyStatement;
use stepfunctions::TaskError;
use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration};

use super::{check_cluster_id, cluster_arn};
use crate::util::literal;

/// Sets the target On-Demand and Spot capacities of a cluster's instance fleet, found by name
/// (`arn:aws:states:::elasticmapreduce:modifyInstanceFleetByName`, EMR's `ModifyInstanceFleet`;
/// Step Functions looks the fleet id up with `ListInstanceFleets`).
///
/// Supports request-response only.
///
/// IAM: `elasticmapreduce:ModifyInstanceFleet` and `elasticmapreduce:ListInstanceFleets` on the
/// cluster (`cluster/<id>`, or the account's `cluster/*` when the id is read from the input), as
/// in emr-iam (<https://docs.aws.amazon.com/step-functions/latest/dg/emr-iam.html>). Deviation
/// from the CDK, reviewed in the parity test: the CDK grants every cluster of the account for a
/// literal cluster id.
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::EmrModifyInstanceFleetByName;
/// let task = Task::new(
///     "Resize",
///     EmrModifyInstanceFleetByName::new(JsonPath::string_at("$.ClusterId"), "Core", JsonPath::number_at("$.nodes"), 0),
/// );
/// let r = stepfunctions::testing::render_state(task).unwrap();
/// assert_eq!(r["States"]["Resize"]["Parameters"]["InstanceFleet"]["TargetOnDemandCapacity.$"], "$.nodes");
/// ```
///
/// There is no job to wait for:
///
/// ```compile_fail
/// use stepfunctions::prelude::*;
/// let t = Task::new("R", stepfunctions_tasks::EmrModifyInstanceFleetByName::new("j-1", "Core", 2, 0)).run_job();
/// ```
#[derive(Debug, Clone)]
pub struct EmrModifyInstanceFleetByName {
    cluster_id: Payload,
    instance_fleet_name: Payload,
    target_on_demand_capacity: Payload,
    target_spot_capacity: Payload,
}

impl EmrModifyInstanceFleetByName {
    /// Sets the fleet `instance_fleet_name` of the cluster `cluster_id` to these capacities
    /// (numbers of units, or read from the input); the names and ids are literals,
    /// CloudFormation values or read from the input.
    ///
    /// ```
    /// let m = stepfunctions_tasks::EmrModifyInstanceFleetByName::new("ClusterId", "InstanceFleetName", 2, 0);
    /// ```
    pub fn new(
        cluster_id: impl Into<Payload>,
        instance_fleet_name: impl Into<Payload>,
        target_on_demand_capacity: impl Into<Payload>,
        target_spot_capacity: impl Into<Payload>,
    ) -> Self {
        EmrModifyInstanceFleetByName {
            cluster_id: cluster_id.into(),
            instance_fleet_name: instance_fleet_name.into(),
            target_on_demand_capacity: target_on_demand_capacity.into(),
            target_spot_capacity: target_spot_capacity.into(),
        }
    }
}

/// Checks a capacity: a whole number of at least 0, or read from the input.
pub(crate) fn check_count(what: &str, value: &Payload) -> Result<(), String> {
    match value {
        Payload::Number(n) if n.as_u64().is_some() => Ok(()),
        Payload::Path(_) | Payload::Intrinsic(_) | Payload::Jsonata(_) => Ok(()),
        other => Err(format!(
            "the {what} must be a whole number of at least 0, or read from the input; got {}",
            serde_json::to_string(other).unwrap_or_default()
        )),
    }
}

impl ServiceIntegration for EmrModifyInstanceFleetByName {
    const SERVICE: &'static str = "elasticmapreduce";
    const API: &'static str = "modifyInstanceFleetByName";

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        Some(Payload::from_object([
            ("ClusterId", self.cluster_id.clone()),
            ("InstanceFleetName", self.instance_fleet_name.clone()),
            (
                "InstanceFleet",
                Payload::from_object([
                    ("TargetOnDemandCapacity", self.target_on_demand_capacity.clone()),
                    ("TargetSpotCapacity", self.target_spot_capacity.clone()),
                ]),
            ),
        ]))
    }

    fn policy_statements(&self, _pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        vec![PolicyStatement::allow(
            [
                "elasticmapreduce:ModifyInstanceFleet",
                "elasticmapreduce:ListInstanceFleets",
            ],
            [cluster_arn(&self.cluster_id)],
        )]
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        check_cluster_id(&self.cluster_id)?;
        if literal(&self.instance_fleet_name) == Some("") {
            return Err(TaskError::field(
                "InstanceFleetName",
                "the instance fleet name may not be empty",
            ));
        }
        check_count("target On-Demand capacity", &self.target_on_demand_capacity)?;
        check_count("target Spot capacity", &self.target_spot_capacity).map_err(TaskError::from)
    }
}
