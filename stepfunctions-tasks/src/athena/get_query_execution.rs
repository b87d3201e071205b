//! `AthenaGetQueryExecution`: <https://docs.aws.amazon.com/step-functions/latest/dg/connect-athena.html>.

use cfn_model::iam::PolicyStatement;
use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration};

use super::any_workgroup;

/// Gets a query execution: its state, statistics and result location
/// (`arn:aws:states:::athena:getQueryExecution`).
///
/// Supports request-response only.
///
/// IAM: `athena:getQueryExecution` on every workgroup of the stack's account and region
/// (`workgroup/*`), as in <https://docs.aws.amazon.com/step-functions/latest/dg/athena-iam.html>:
/// the request names no workgroup. The CDK grants `*` (any account and region).
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::AthenaGetQueryExecution;
/// let task = Task::new(
///     "Get Query Execution",
///     AthenaGetQueryExecution::new(JsonPath::string_at("$.QueryExecutionId")),
/// );
/// let r = stepfunctions::testing::render_state(task).unwrap();
/// assert_eq!(r["States"]["Get Query Execution"]["Parameters"]["QueryExecutionId.$"], "$.QueryExecutionId");
/// ```
#[derive(Debug, Clone)]
pub struct AthenaGetQueryExecution {
    query_execution_id: Payload,
}

impl AthenaGetQueryExecution {
    /// Gets the execution with this id, usually read from the input.
    ///
    /// ```
    /// use stepfunctions::JsonPath;
    /// let t = stepfunctions_tasks::AthenaGetQueryExecution::new(JsonPath::string_at("$.QueryExecutionId"));
    /// ```
    pub fn new(query_execution_id: impl Into<Payload>) -> Self {
        AthenaGetQueryExecution {
            query_execution_id: query_execution_id.into(),
        }
    }
}

impl ServiceIntegration for AthenaGetQueryExecution {
    const SERVICE: &'static str = "athena";
    const API: &'static str = "getQueryExecution";

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        Some(Payload::from_object([(
            "QueryExecutionId",
            self.query_execution_id.clone(),
        )]))
    }

    fn policy_statements(&self, _pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        vec![PolicyStatement::allow(["athena:getQueryExecution"], [any_workgroup()])]
    }
}
