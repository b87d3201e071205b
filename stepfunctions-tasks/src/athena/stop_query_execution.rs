//! `AthenaStopQueryExecution`: <https://docs.aws.amazon.com/step-functions/latest/dg/connect-athena.html>.

use cfn_model::iam::PolicyStatement;
use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration};

use super::any_workgroup;

/// Stops a running query (`arn:aws:states:::athena:stopQueryExecution`).
///
/// Supports request-response only.
///
/// IAM: `athena:stopQueryExecution` on every workgroup of the stack's account and region
/// (`workgroup/*`), as in <https://docs.aws.amazon.com/step-functions/latest/dg/athena-iam.html>:
/// the request names no workgroup. The CDK grants `*` (any account and region).
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::AthenaStopQueryExecution;
/// let task = Task::new(
///     "Stop Query Execution",
///     AthenaStopQueryExecution::new(JsonPath::string_at("$.QueryExecutionId")),
/// );
/// let r = stepfunctions::testing::render_state(task).unwrap();
/// assert_eq!(r["PolicyStatements"][0]["Action"], "athena:stopQueryExecution");
/// ```
#[derive(Debug, Clone)]
pub struct AthenaStopQueryExecution {
    query_execution_id: Payload,
}

impl AthenaStopQueryExecution {
    /// Stops the execution with this id, usually read from the input.
    ///
    /// ```
    /// use stepfunctions::JsonPath;
    /// let t = stepfunctions_tasks::AthenaStopQueryExecution::new(JsonPath::string_at("$.QueryExecutionId"));
    /// ```
    pub fn new(query_execution_id: impl Into<Payload>) -> Self {
        AthenaStopQueryExecution {
            query_execution_id: query_execution_id.into(),
        }
    }
}

impl ServiceIntegration for AthenaStopQueryExecution {
    const SERVICE: &'static str = "athena";
    const API: &'static str = "stopQueryExecution";

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        Some(Payload::from_object([(
            "QueryExecutionId",
            self.query_execution_id.clone(),
        )]))
    }

    fn policy_statements(&self, _pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        vec![PolicyStatement::allow(["athena:stopQueryExecution"], [any_workgroup()])]
    }
}
