//! `EmrCancelStep`: <https://docs.aws.amazon.com/step-functions/latest/dg/connect-emr.html>.

use cfn_model::iam::PolicyStatement;
use stepfunctions::TaskError;
use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration};

use super::{check_cluster_id, cluster_arn};
use crate::util::literal;

/// Cancels a pending step of a running cluster (`arn:aws:states:::elasticmapreduce:cancelStep`,
/// EMR's `CancelSteps` with one step). Returns the `CancelStepsInfo` of the step.
///
/// Supports request-response only.
///
/// IAM: `elasticmapreduce:CancelSteps` on the cluster (`cluster/<id>`, or the account's
/// `cluster/*` when the id is read from the input), as in emr-iam
/// (<https://docs.aws.amazon.com/step-functions/latest/dg/emr-iam.html>). Deviation from the
/// CDK, reviewed in the parity test: the CDK grants every cluster of the account for a literal
/// cluster id.
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::EmrCancelStep;
/// let task = Task::new(
///     "Cancel Step",
///     EmrCancelStep::new(JsonPath::string_at("$.ClusterId"), JsonPath::string_at("$.StepId")),
/// );
/// let r = stepfunctions::testing::render_state(task).unwrap();
/// assert_eq!(r["States"]["Cancel Step"]["Parameters"]["StepId.$"], "$.StepId");
/// ```
///
/// Cancelling has no job to wait for:
///
/// ```compile_fail
/// use stepfunctions::prelude::*;
/// let t = Task::new("Cancel", stepfunctions_tasks::EmrCancelStep::new("j-1", "s-1")).run_job();
/// ```
#[derive(Debug, Clone)]
pub struct EmrCancelStep {
    cluster_id: Payload,
    step_id: Payload,
}

impl EmrCancelStep {
    /// Cancels the step `step_id` of the cluster `cluster_id` (each a literal, a CloudFormation
    /// value or read from the input).
    ///
    /// ```
    /// let c = stepfunctions_tasks::EmrCancelStep::new("j-2AXXXXXXGAPLF", "s-3M1XXXXXXXX2E");
    /// ```
    pub fn new(cluster_id: impl Into<Payload>, step_id: impl Into<Payload>) -> Self {
        EmrCancelStep {
            cluster_id: cluster_id.into(),
            step_id: step_id.into(),
        }
    }
}

impl ServiceIntegration for EmrCancelStep {
    const SERVICE: &'static str = "elasticmapreduce";
    const API: &'static str = "cancelStep";

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        Some(Payload::from_object([
            ("ClusterId", self.cluster_id.clone()),
            ("StepId", self.step_id.clone()),
        ]))
    }

    fn policy_statements(&self, _pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        vec![PolicyStatement::allow(
            ["elasticmapreduce:CancelSteps"],
            [cluster_arn(&self.cluster_id)],
        )]
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        check_cluster_id(&self.cluster_id)?;
        if literal(&self.step_id) == Some("") {
            return Err(TaskError::field("StepId", "the step id may not be empty"));
        }
        Ok(())
    }
}
