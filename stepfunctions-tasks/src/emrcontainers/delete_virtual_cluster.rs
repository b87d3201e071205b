//! `EmrContainersDeleteVirtualCluster`:
//! <https://docs.aws.amazon.com/step-functions/latest/dg/connect-emr-eks.html>.

use cfn_model::iam::PolicyStatement;
use stepfunctions::TaskError;
use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration, SupportsRunJob};

use super::VirtualClusterInput;

/// Deletes an EMR on EKS virtual cluster (`arn:aws:states:::emr-containers:deleteVirtualCluster`).
/// With [`run_job`](stepfunctions::Task::run_job) the task waits until the virtual cluster is
/// deleted.
///
/// Supports request-response (default) and run-job.
///
/// IAM, as in <https://docs.aws.amazon.com/step-functions/latest/dg/emr-eks-iam.html> and the
/// CDK: `emr-containers:DeleteVirtualCluster` on the virtual cluster; run-job adds
/// `emr-containers:DescribeVirtualCluster`, with which Step Functions watches the deletion. An
/// id read from the input widens to the account's `/virtualclusters/*`.
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::EmrContainersDeleteVirtualCluster;
/// let task = Task::new(
///     "Delete a Virtual Cluster",
///     EmrContainersDeleteVirtualCluster::new(Payload::from_json_path_at("$.virtualCluster")),
/// )
/// .run_job();
/// let r = stepfunctions::testing::render_state(task).unwrap();
/// assert_eq!(r["States"]["Delete a Virtual Cluster"]["Parameters"]["Id.$"], "$.virtualCluster");
/// ```
///
/// Deleting a virtual cluster has no callback pattern:
///
/// ```compile_fail
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::EmrContainersDeleteVirtualCluster;
/// let t = Task::new("Delete", EmrContainersDeleteVirtualCluster::new("abc")).wait_for_task_token();
/// ```
#[derive(Debug, Clone)]
pub struct EmrContainersDeleteVirtualCluster {
    virtual_cluster: VirtualClusterInput,
}

impl EmrContainersDeleteVirtualCluster {
    /// Deletes the virtual cluster with this id: literal, a template expression, or read from
    /// the input.
    ///
    /// ```
    /// let d = stepfunctions_tasks::EmrContainersDeleteVirtualCluster::new("de92jdei2910fwedz");
    /// let from_input = stepfunctions_tasks::EmrContainersDeleteVirtualCluster::new(stepfunctions::JsonPath::string_at("$.id"));
    /// ```
    pub fn new(virtual_cluster_id: impl Into<Payload>) -> Self {
        EmrContainersDeleteVirtualCluster {
            virtual_cluster: VirtualClusterInput::from_task_input(virtual_cluster_id),
        }
    }
}

impl ServiceIntegration for EmrContainersDeleteVirtualCluster {
    const SERVICE: &'static str = "emr-containers";
    const API: &'static str = "deleteVirtualCluster";

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        Some(Payload::from_object([("Id", self.virtual_cluster.id().clone())]))
    }

    fn policy_statements(&self, pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        let mut actions = vec!["emr-containers:DeleteVirtualCluster"];
        if pattern == IntegrationPattern::RunJob {
            actions.push("emr-containers:DescribeVirtualCluster");
        }
        vec![PolicyStatement::allow(actions, [self.virtual_cluster.arn("")])]
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        self.virtual_cluster.check().map_err(TaskError::from)
    }
}

impl SupportsRunJob for EmrContainersDeleteVirtualCluster {}
