//! `CallApiGatewayHttpApiEndpoint`:
//! <https://docs.aws.amazon.com/step-functions/latest/dg/connect-api-gateway.html>.

use cfn_model::iam::PolicyStatement;
use cfn_model::Expr;
use stepfunctions::TaskError;
use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration, SupportsWaitForTaskToken};

use super::{request_setters, HttpApi, HttpMethod, Request};

/// Calls a route of an API Gateway HTTP API (`arn:aws:states:::apigateway:invoke`). The task's
/// result holds the response's status, headers and body.
///
/// Supports request-response (default) and wait-for-task-token (pass
/// [`JsonPath::task_token`](stepfunctions::JsonPath::task_token) in the headers, the query or the
/// body, for the backend to call `SendTaskSuccess` with).
///
/// IAM: `execute-api:Invoke` on `arn:<partition>:execute-api:<region>:<account>:<api id>/<stage>/<METHOD>/<path>`
/// with [`AuthType::IamRole`](super::AuthType::IamRole) only (the stage is `$default` when none
/// is given); nothing with `NO_AUTH` (the default) or `RESOURCE_POLICY`
/// (<https://docs.aws.amazon.com/step-functions/latest/dg/api-gateway-iam.html>). A literal path
/// is granted exactly, no path as the stage root (`<METHOD>/`), any other path as `<METHOD>/*`.
/// Deviations from CDK, which grants `execute-api:Invoke` unless the auth type is set to
/// `NO_AUTH` explicitly, so also for `RESOURCE_POLICY` and for the default `NO_AUTH` it renders,
/// on an ARN that holds the text `undefined` where the stage or the path is not given.
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{AuthType, CallApiGatewayHttpApiEndpoint, HttpApi, HttpMethod};
/// let task = Task::new(
///     "Call HTTP API",
///     CallApiGatewayHttpApiEndpoint::new(HttpApi::from_id("a1b2c3d4e5"), HttpMethod::Get)
///         .api_path("/orders")
///         .auth_type(AuthType::IamRole),
/// );
/// let asl = StateMachine::new("M", task).render_asl().unwrap();
/// assert!(!asl.definition.contains("\"Stage\""));
/// ```
#[derive(Debug, Clone)]
pub struct CallApiGatewayHttpApiEndpoint {
    api: HttpApi,
    stage: Option<Expr>,
    request: Request,
}

impl CallApiGatewayHttpApiEndpoint {
    /// Calls `method` on `api`.
    ///
    /// ```
    /// use stepfunctions_tasks::{CallApiGatewayHttpApiEndpoint, HttpApi, HttpMethod};
    /// let call = CallApiGatewayHttpApiEndpoint::new(HttpApi::from_id("a1b2c3d4e5"), HttpMethod::Get);
    /// ```
    pub fn new(api: HttpApi, method: HttpMethod) -> Self {
        CallApiGatewayHttpApiEndpoint {
            api,
            stage: None,
            request: Request::new(method),
        }
    }

    /// The stage to call. Default: none (the `$default` stage).
    ///
    /// ```
    /// use stepfunctions_tasks::{CallApiGatewayHttpApiEndpoint, HttpApi, HttpMethod};
    /// let call = CallApiGatewayHttpApiEndpoint::new(HttpApi::from_id("a1b2c3d4e5"), HttpMethod::Get).stage_name("beta");
    /// ```
    #[must_use]
    pub fn stage_name(mut self, stage_name: impl Into<Expr>) -> Self {
        self.stage = Some(stage_name.into());
        self
    }
}

request_setters!(
    CallApiGatewayHttpApiEndpoint,
    "CallApiGatewayHttpApiEndpoint::new(HttpApi::from_id(\"a1b2c3d4e5\"), HttpMethod::Get)"
);

impl ServiceIntegration for CallApiGatewayHttpApiEndpoint {
    const SERVICE: &'static str = "apigateway";
    const API: &'static str = "invoke";

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        Some(self.request.parameters(self.api.id(), self.stage.as_ref()))
    }

    fn policy_statements(&self, _pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        let stage = self.stage.clone().unwrap_or_else(|| Expr::lit("$default"));
        self.request.policy_statements(self.api.id(), &stage)
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        if let Some(stage) = self.stage.as_ref().and_then(Expr::as_literal) {
            let valid = stage == "$default"
                || !stage.is_empty()
                    && stage.len() <= 128
                    && stage
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'));
            if !valid {
                return Err(TaskError::field(
                    "Stage",
                    format!(
                    "the stage name `{stage}` must be `$default` or 1 to 128 letters, digits, hyphens or underscores"
                ),
                ));
            }
        }
        self.request.validate().map_err(TaskError::from)
    }
}

impl SupportsWaitForTaskToken for CallApiGatewayHttpApiEndpoint {}
