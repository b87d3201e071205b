//! `EmrTerminateCluster`: <https://docs.aws.amazon.com/step-functions/latest/dg/connect-emr.html>.

use cfn_model::iam::PolicyStatement;
use stepfunctions::TaskError;
use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration, SupportsRequestResponse, SupportsRunJob};

use super::{check_cluster_id, cluster_arn, TERMINATE_JOB_FLOWS_RULE};
use crate::util::managed_rule_statement;

/// Shuts a cluster down (`arn:aws:states:::elasticmapreduce:terminateCluster`, EMR's
/// `TerminateJobFlows`). By default the task waits until the cluster is terminated (run-job);
/// with [`request_response`](stepfunctions::Task::request_response) it goes on once EMR has
/// the request.
///
/// Supports run-job (default) and request-response.
///
/// IAM: `elasticmapreduce:TerminateJobFlows` on the cluster (`cluster/<id>`, or the account's
/// `cluster/*` when the id is read from the input); run-job adds
/// `elasticmapreduce:DescribeCluster` on the same resource and `events:PutTargets`,
/// `events:PutRule`, `events:DescribeRule` on the managed rule
/// `StepFunctionsGetEventForEMRTerminateJobFlowsRule` (emr-iam,
/// <https://docs.aws.amazon.com/step-functions/latest/dg/emr-iam.html>).
///
/// Deviations from the CDK, reviewed in the parity test: the CDK grants every cluster of the
/// account (`cluster/*`) for a literal cluster id, and `DescribeCluster` for request-response
/// too.
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::EmrTerminateCluster;
/// let task = Task::new("Terminate", EmrTerminateCluster::new(JsonPath::string_at("$.ClusterId")));
/// let r = stepfunctions::testing::render_state(task).unwrap();
/// assert_eq!(r["States"]["Terminate"]["Parameters"]["ClusterId.$"], "$.ClusterId");
/// ```
///
/// EMR has no callback pattern:
///
/// ```compile_fail
/// use stepfunctions::prelude::*;
/// let t = Task::new("T", stepfunctions_tasks::EmrTerminateCluster::new("j-1")).wait_for_task_token();
/// ```
#[derive(Debug, Clone)]
pub struct EmrTerminateCluster {
    cluster_id: Payload,
}

impl EmrTerminateCluster {
    /// Terminates the cluster `cluster_id` (a literal, a CloudFormation value or read from the
    /// input).
    ///
    /// ```
    /// let t = stepfunctions_tasks::EmrTerminateCluster::new(cfn_model::Expr::reference("ClusterId"));
    /// ```
    pub fn new(cluster_id: impl Into<Payload>) -> Self {
        EmrTerminateCluster {
            cluster_id: cluster_id.into(),
        }
    }
}

impl ServiceIntegration for EmrTerminateCluster {
    const SERVICE: &'static str = "elasticmapreduce";
    const API: &'static str = "terminateCluster";
    const DEFAULT_PATTERN: IntegrationPattern = IntegrationPattern::RunJob;

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        Some(Payload::from_object([("ClusterId", self.cluster_id.clone())]))
    }

    fn policy_statements(&self, pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        let cluster = cluster_arn(&self.cluster_id);
        if pattern == IntegrationPattern::RunJob {
            vec![
                PolicyStatement::allow(
                    ["elasticmapreduce:TerminateJobFlows", "elasticmapreduce:DescribeCluster"],
                    [cluster],
                ),
                managed_rule_statement(TERMINATE_JOB_FLOWS_RULE),
            ]
        } else {
            vec![PolicyStatement::allow(
                ["elasticmapreduce:TerminateJobFlows"],
                [cluster],
            )]
        }
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        check_cluster_id(&self.cluster_id).map_err(TaskError::from)
    }
}

impl SupportsRunJob for EmrTerminateCluster {}
impl SupportsRequestResponse for EmrTerminateCluster {}
