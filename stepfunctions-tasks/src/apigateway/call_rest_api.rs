//! `CallApiGatewayRestApiEndpoint`:
//! <https://docs.aws.amazon.com/step-functions/latest/dg/connect-api-gateway.html>.

use cfn_model::iam::PolicyStatement;
use cfn_model::Expr;
use stepfunctions::TaskError;
use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration, SupportsWaitForTaskToken};

use super::{request_setters, HttpMethod, Request, RestApi};

/// Calls a method of an API Gateway REST API (`arn:aws:states:::apigateway:invoke`). The task's
/// result holds the response's status, headers and body.
///
/// Supports request-response (default) and wait-for-task-token (pass
/// [`JsonPath::task_token`](stepfunctions::JsonPath::task_token) in the headers, the query or the
/// body, for the backend to call `SendTaskSuccess` with). Private APIs cannot be called.
///
/// IAM: `execute-api:Invoke` on `arn:<partition>:execute-api:<region>:<account>:<api id>/<stage>/<METHOD>/<path>`
/// with [`AuthType::IamRole`](super::AuthType::IamRole) only; nothing with `NO_AUTH` (the
/// default) or `RESOURCE_POLICY`, which the API's resource policy authorizes for
/// `states.amazonaws.com`
/// (<https://docs.aws.amazon.com/step-functions/latest/dg/api-gateway-iam.html>). A literal path
/// is granted exactly, no path as the stage root (`<METHOD>/`), any other path as `<METHOD>/*`.
/// Deviations from CDK, which grants `execute-api:Invoke` (on `<METHOD>/*` without a path) unless
/// the auth type is set to `NO_AUTH` explicitly, so also for `RESOURCE_POLICY` and for the default
/// `NO_AUTH` it renders, and writes the raw `States.Format(...)` text of a path read at run time
/// into the ARN.
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{CallApiGatewayRestApiEndpoint, HttpMethod, RestApi};
/// let api = RestApi::from_id("abc123defg");
/// let task = Task::new(
///     "Endpoint",
///     CallApiGatewayRestApiEndpoint::new(api, "Stage", HttpMethod::Put)
///         .headers(Payload::from_object([("TaskToken", JsonPath::array([JsonPath::task_token().into()]))])),
/// )
/// .wait_for_task_token();
/// let asl = StateMachine::new("M", task).render_asl().unwrap();
/// assert!(asl.definition.contains("\"TaskToken.$\": \"States.Array($$.Task.Token)\""));
/// ```
#[derive(Debug, Clone)]
pub struct CallApiGatewayRestApiEndpoint {
    api: RestApi,
    stage: Expr,
    request: Request,
}

impl CallApiGatewayRestApiEndpoint {
    /// Calls `method` on the stage `stage_name` of `api`.
    ///
    /// ```
    /// use stepfunctions_tasks::{CallApiGatewayRestApiEndpoint, HttpMethod, RestApi};
    /// let call = CallApiGatewayRestApiEndpoint::new(RestApi::from_id("abc123defg"), "prod", HttpMethod::Get);
    /// ```
    pub fn new(api: RestApi, stage_name: impl Into<Expr>, method: HttpMethod) -> Self {
        CallApiGatewayRestApiEndpoint {
            api,
            stage: stage_name.into(),
            request: Request::new(method),
        }
    }
}

request_setters!(
    CallApiGatewayRestApiEndpoint,
    "CallApiGatewayRestApiEndpoint::new(RestApi::from_id(\"abc123defg\"), \"prod\", HttpMethod::Get)"
);

impl ServiceIntegration for CallApiGatewayRestApiEndpoint {
    const SERVICE: &'static str = "apigateway";
    const API: &'static str = "invoke";

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        Some(self.request.parameters(self.api.id(), Some(&self.stage)))
    }

    fn policy_statements(&self, _pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        self.request.policy_statements(self.api.id(), &self.stage)
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        if let Some(stage) = self.stage.as_literal() {
            let valid = !stage.is_empty()
                && stage.len() <= 128
                && stage
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'));
            if !valid {
                return Err(TaskError::field(
                    "Stage",
                    format!("the stage name `{stage}` must be 1 to 128 letters, digits, hyphens or underscores"),
                ));
            }
        }
        self.request.validate().map_err(TaskError::from)
    }
}

impl SupportsWaitForTaskToken for CallApiGatewayRestApiEndpoint {}
