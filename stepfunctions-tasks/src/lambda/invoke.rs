//! `LambdaInvoke`: <https://docs.aws.amazon.com/step-functions/latest/dg/connect-lambda.html>.

use std::time::Duration;

use cfn_model::iam::PolicyStatement;
use cfn_model::Expr;
use serde::Serialize;
use stepfunctions::TaskError;
use stepfunctions::{
    IntegrationParts, IntegrationPattern, Payload, Retry, ServiceIntegration, SupportsWaitForTaskToken,
};

use super::LambdaFunction;

/// How Lambda runs the function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum LambdaInvocationType {
    /// Synchronously; the task gets the function's response.
    RequestResponse,
    /// Asynchronously; the task goes on at once.
    Event,
    /// Checks permissions and parameters without running the function.
    DryRun,
}

impl LambdaInvocationType {
    fn as_str(self) -> &'static str {
        match self {
            LambdaInvocationType::RequestResponse => "RequestResponse",
            LambdaInvocationType::Event => "Event",
            LambdaInvocationType::DryRun => "DryRun",
        }
    }
}

/// The retrier on Lambda's transient service errors that both forms add by default.
pub(crate) fn service_exception_retry() -> Retry {
    Retry::on([
        "Lambda.ClientExecutionTimeoutException",
        "Lambda.ServiceException",
        "Lambda.AWSLambdaException",
        "Lambda.SdkClientException",
    ])
    .interval(Duration::from_secs(2))
    .max_attempts(6)
    .backoff_rate(2.0)
}

/// `lambda:InvokeFunction` on the function and its versions and aliases (`ARN:*`); on exactly
/// the alias or version invoked (a qualified function, or a qualifier).
pub(crate) fn invoke_statement(function: &LambdaFunction, qualifier: Option<&str>) -> PolicyStatement {
    let arn = function.arn().clone();
    let resources = match qualifier {
        Some(q) => vec![Expr::concat([arn, Expr::lit(format!(":{q}"))])],
        None if function.is_qualified() => vec![arn],
        None => vec![arn.clone(), Expr::concat([arn, Expr::lit(":*")])],
    };
    PolicyStatement::allow(["lambda:InvokeFunction"], resources)
}

/// `Invoke`'s parameters.
fn invoke_parameters(
    function_arn: Expr,
    payload: Option<Payload>,
    invocation_type: Option<LambdaInvocationType>,
    client_context: Option<&str>,
    qualifier: Option<&str>,
) -> Payload {
    let mut p = Vec::with_capacity(5);
    p.push(("FunctionName", Payload::String(function_arn)));
    p.push(("Payload", payload.unwrap_or_else(|| Payload::Path("$".into()))));
    if let Some(t) = invocation_type {
        p.push(("InvocationType", t.as_str().into()));
    }
    if let Some(c) = client_context {
        p.push(("ClientContext", c.into()));
    }
    if let Some(q) = qualifier {
        p.push(("Qualifier", q.into()));
    }
    Payload::from_object(p)
}

/// Invokes a Lambda function through the optimized integration (`arn:aws:states:::lambda:invoke`).
/// The task's result is Lambda's response, with the function's output under `Payload`.
///
/// Supports request-response (default) and wait-for-task-token. By default it retries
/// Lambda's transient service errors (interval 2 s, backoff 2, 6 attempts) before any retrier
/// of yours.
///
/// IAM: `lambda:InvokeFunction` on the function ARN and `ARN:*`; with a qualifier, on
/// `ARN:qualifier` only (CDK grants the unqualified ARN and `ARN:*` too: broader than Lambda
/// needs to authorize a qualified call).
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{LambdaFunction, LambdaInvoke};
/// let f = LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:MyFn");
/// let task = Task::new("Invoke with callback", LambdaInvoke::new(f).payload(Payload::from_object([
///     ("token", JsonPath::task_token()),
///     ("input", JsonPath::string_at("$.someField")),
/// ])))
/// .wait_for_task_token();
/// let asl = StateMachine::new("M", task).render_asl().unwrap();
/// let (_, resource) = asl.substitutions.iter().next().unwrap();
/// assert_eq!(resource.to_string(), "arn:${AWS::Partition}:states:::lambda:invoke.waitForTaskToken");
/// ```
#[derive(Debug, Clone)]
pub struct LambdaInvoke {
    function: LambdaFunction,
    payload: Option<Payload>,
    invocation_type: Option<LambdaInvocationType>,
    client_context: Option<String>,
    qualifier: Option<String>,
    retry_on_service_exceptions: bool,
}

impl LambdaInvoke {
    /// Invokes `function` with the state input as the payload.
    ///
    /// ```
    /// use stepfunctions_tasks::{LambdaFunction, LambdaInvoke};
    /// let i = LambdaInvoke::new(LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:F"));
    /// ```
    pub fn new(function: LambdaFunction) -> Self {
        LambdaInvoke {
            function,
            payload: None,
            invocation_type: None,
            client_context: None,
            qualifier: None,
            retry_on_service_exceptions: true,
        }
    }

    /// Puts the function's ARN straight into `Resource`: the task's result is the function's
    /// output itself, not Lambda's response (CDK's `payloadResponseOnly`). This form has no
    /// integration pattern, invocation type, client context or qualifier, so those cannot be
    /// combined with it.
    ///
    /// ```
    /// use stepfunctions_tasks::{LambdaFunction, LambdaInvoke};
    /// let i = LambdaInvoke::payload_response_only(LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:F"));
    /// ```
    ///
    /// Combining it with an integration pattern does not compile:
    ///
    /// ```compile_fail
    /// use stepfunctions::prelude::*;
    /// use stepfunctions_tasks::{LambdaFunction, LambdaInvoke};
    /// let f = LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:F");
    /// let t = Task::new("T", LambdaInvoke::payload_response_only(f)).wait_for_task_token();
    /// ```
    pub fn payload_response_only(function: LambdaFunction) -> LambdaInvokeResponseOnly {
        LambdaInvokeResponseOnly {
            function,
            payload: None,
            retry_on_service_exceptions: true,
        }
    }

    /// The payload. Default: the state input (`Payload.$: "$"`).
    ///
    /// ```
    /// use stepfunctions::Payload;
    /// use stepfunctions_tasks::{LambdaFunction, LambdaInvoke};
    /// let i = LambdaInvoke::new(LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:F"))
    ///     .payload(Payload::from_json_path_at("$.Payload"));
    /// ```
    #[must_use]
    pub fn payload(mut self, payload: Payload) -> Self {
        self.payload = Some(payload);
        self
    }

    /// How Lambda runs the function. Default: Lambda's (`RequestResponse`).
    ///
    /// ```
    /// use stepfunctions_tasks::{LambdaFunction, LambdaInvocationType, LambdaInvoke};
    /// let i = LambdaInvoke::new(LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:F"))
    ///     .invocation_type(LambdaInvocationType::Event);
    /// ```
    #[must_use]
    pub fn invocation_type(mut self, invocation_type: LambdaInvocationType) -> Self {
        self.invocation_type = Some(invocation_type);
        self
    }

    /// Client context passed to the function: base64-encoded, at most 3,583 bytes. Default:
    /// none.
    ///
    /// ```
    /// use stepfunctions_tasks::{LambdaFunction, LambdaInvoke};
    /// let i = LambdaInvoke::new(LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:F"))
    ///     .client_context("eyJjdXN0b20iOnsia2V5IjoidmFsdWUifX0=");
    /// ```
    #[must_use]
    pub fn client_context(mut self, base64: impl Into<String>) -> Self {
        self.client_context = Some(base64.into());
        self
    }

    /// A version or alias to invoke. Default: `$LATEST`.
    ///
    /// ```
    /// use stepfunctions_tasks::{LambdaFunction, LambdaInvoke};
    /// let i = LambdaInvoke::new(LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:F")).qualifier("live");
    /// ```
    #[must_use]
    pub fn qualifier(mut self, qualifier: impl Into<String>) -> Self {
        self.qualifier = Some(qualifier.into());
        self
    }

    /// Whether to retry Lambda's transient service errors. Default: true.
    ///
    /// ```
    /// use stepfunctions_tasks::{LambdaFunction, LambdaInvoke};
    /// let i = LambdaInvoke::new(LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:F"))
    ///     .retry_on_service_exceptions(false);
    /// ```
    #[must_use]
    pub fn retry_on_service_exceptions(mut self, retry: bool) -> Self {
        self.retry_on_service_exceptions = retry;
        self
    }
}

impl ServiceIntegration for LambdaInvoke {
    const SERVICE: &'static str = "lambda";
    const API: &'static str = "invoke";

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        Some(invoke_parameters(
            self.function.arn().clone(),
            self.payload.clone(),
            self.invocation_type,
            self.client_context.as_deref(),
            self.qualifier.as_deref(),
        ))
    }

    fn into_parts(self, pattern: IntegrationPattern) -> IntegrationParts {
        // The same parts as the methods, with the function's ARN and the payload moved.
        let check = self.validate(pattern);
        let policy = self.policy_statements(pattern);
        let retries = self.default_retries();
        let resource = self.resource(pattern);
        let parameters = Some(invoke_parameters(
            self.function.arn,
            self.payload,
            self.invocation_type,
            self.client_context.as_deref(),
            self.qualifier.as_deref(),
        ));
        IntegrationParts {
            resource,
            parameters,
            policy,
            retries,
            check,
        }
    }

    fn policy_statements(&self, _pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        vec![invoke_statement(&self.function, self.qualifier.as_deref())]
    }

    fn default_retries(&self) -> Vec<Retry> {
        if self.retry_on_service_exceptions {
            vec![service_exception_retry()]
        } else {
            Vec::new()
        }
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        if let Some(c) = &self.client_context {
            if c.len() > 3583 {
                return Err(TaskError::field(
                    "ClientContext",
                    format!("the client context is {} bytes; Lambda accepts at most 3583", c.len()),
                ));
            }
            if !crate::util::is_base64(c) {
                return Err(TaskError::field(
                    "ClientContext",
                    "the client context must be base64-encoded",
                ));
            }
        }
        if let Some(q) = &self.qualifier {
            if self.function.is_qualified() {
                return Err(TaskError::field(
                    "Qualifier",
                    "the function is an alias or a version already: give the unqualified function, or no qualifier",
                ));
            }
            if q.is_empty() || q.len() > 128 {
                return Err(TaskError::field(
                    "Qualifier",
                    "the qualifier must be 1 to 128 characters",
                ));
            }
        }
        Ok(())
    }
}

impl SupportsWaitForTaskToken for LambdaInvoke {}

/// [`LambdaInvoke::payload_response_only`]: the function's ARN as `Resource`, the payload as
/// `Parameters`, and the function's output as the result.
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{LambdaFunction, LambdaInvoke};
/// let f = LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:MyFn");
/// let task = Task::new("Invoke", LambdaInvoke::payload_response_only(f)).result_path("$.fn");
/// ```
#[derive(Debug, Clone)]
pub struct LambdaInvokeResponseOnly {
    function: LambdaFunction,
    payload: Option<Payload>,
    retry_on_service_exceptions: bool,
}

impl LambdaInvokeResponseOnly {
    /// The payload. Default: the state input.
    ///
    /// ```
    /// use stepfunctions::Payload;
    /// use stepfunctions_tasks::{LambdaFunction, LambdaInvoke};
    /// let i = LambdaInvoke::payload_response_only(LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:F"))
    ///     .payload(Payload::from_object([("k", "v".into())]));
    /// ```
    #[must_use]
    pub fn payload(mut self, payload: Payload) -> Self {
        self.payload = Some(payload);
        self
    }

    /// Whether to retry Lambda's transient service errors. Default: true.
    ///
    /// ```
    /// use stepfunctions_tasks::{LambdaFunction, LambdaInvoke};
    /// let i = LambdaInvoke::payload_response_only(LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:F"))
    ///     .retry_on_service_exceptions(false);
    /// ```
    #[must_use]
    pub fn retry_on_service_exceptions(mut self, retry: bool) -> Self {
        self.retry_on_service_exceptions = retry;
        self
    }
}

impl ServiceIntegration for LambdaInvokeResponseOnly {
    const SERVICE: &'static str = "lambda";
    const API: &'static str = "invoke";

    fn resource(&self, _pattern: IntegrationPattern) -> Expr {
        self.function.arn().clone()
    }

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        self.payload.clone()
    }

    fn into_parts(self, pattern: IntegrationPattern) -> IntegrationParts {
        // The same parts as the methods, with the payload moved.
        IntegrationParts {
            check: self.validate(pattern),
            resource: self.resource(pattern),
            policy: self.policy_statements(pattern),
            retries: self.default_retries(),
            parameters: self.payload,
        }
    }

    fn policy_statements(&self, _pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        vec![invoke_statement(&self.function, None)]
    }

    fn default_retries(&self) -> Vec<Retry> {
        if self.retry_on_service_exceptions {
            vec![service_exception_retry()]
        } else {
            Vec::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use stepfunctions::JsonPath;

    fn by_reference<I: ServiceIntegration>(i: &I, pattern: IntegrationPattern) -> IntegrationParts {
        IntegrationParts {
            resource: i.resource(pattern),
            parameters: i.parameters(pattern),
            policy: i.policy_statements(pattern),
            retries: i.default_retries(),
            check: i.validate(pattern),
        }
    }

    #[test]
    fn moved_parts_are_the_borrowed_ones() {
        let f = LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:F");
        let payload = Payload::from_object([("id", JsonPath::string_at("$.id"))]);
        let invokes = [
            LambdaInvoke::new(f.clone()),
            LambdaInvoke::new(f.clone())
                .payload(payload.clone())
                .invocation_type(LambdaInvocationType::Event)
                .client_context("e30=")
                .qualifier("live")
                .retry_on_service_exceptions(false),
            LambdaInvoke::new(f.clone()).client_context("not base64!"),
        ];
        for pattern in [
            IntegrationPattern::RequestResponse,
            IntegrationPattern::WaitForTaskToken,
        ] {
            for invoke in &invokes {
                assert_eq!(invoke.clone().into_parts(pattern), by_reference(invoke, pattern));
            }
        }
        assert!(invokes[2]
            .clone()
            .into_parts(IntegrationPattern::RequestResponse)
            .check
            .is_err());
        for only in [
            LambdaInvoke::payload_response_only(f.clone()),
            LambdaInvoke::payload_response_only(f.clone())
                .payload(payload.clone())
                .retry_on_service_exceptions(false),
        ] {
            let pattern = IntegrationPattern::RequestResponse;
            assert_eq!(only.clone().into_parts(pattern), by_reference(&only, pattern));
        }
    }
}
