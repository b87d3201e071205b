//! Evaluate a JavaScript expression over state paths (`$.waitMilliseconds / 1000`) in a
//! Lambda function, without writing the function: CDK's `EvaluateExpression`.
//!
//! The function is explicit here, because a task cannot add resources to a template: define it
//! once with [`EvaluateExpressionFunction`] and give it to every [`EvaluateExpression`] (or
//! define one per task, as aws-cdk-lib 2.276.0 does).

mod paths;

use cfn_model::iam::{PolicyStatement, Role};
use cfn_model::{Expr, Resource, Template, Value};
use stepfunctions::model::Path;
use stepfunctions::TaskError;
use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration};

use crate::lambda::LambdaFunction;

/// The code of every evaluation function: aws-cdk-lib 2.276.0's handler, CommonJS.
const HANDLER: &str = include_str!("handler.js");

/// The role every evaluation function of a template runs as (logical id as in CDK: the
/// singleton role of its eval functions).
pub const EVAL_ROLE_ID: &str = "EvalServiceRolef4f556a4ef7a49cd8036c5b0567376fd";

/// The Lambda function that evaluates expressions, defined in the template with its code
/// inline (`Code.ZipFile`, no asset to upload): Node.js, handler `index.handler`, running as
/// the template's evaluation role ([`EVAL_ROLE_ID`], created with the first function and shared
/// by the others; it may write logs and nothing else).
///
/// The code is aws-cdk-lib 2.276.0's: each state path of the expression is replaced by its value
/// from the task's input, passed as data (never pasted into the code as text), and the
/// expression is evaluated with `eval`. Only expressions written in the state machine reach it,
/// but anyone who may invoke the function may run code as its role.
///
/// ```
/// use stepfunctions_tasks::{EvaluateExpressionFunction, EVAL_ROLE_ID};
/// let mut t = cfn_model::Template::new();
/// let eval = EvaluateExpressionFunction::new("EvalFunction").add_to(&mut t).unwrap();
/// assert_eq!(eval.arn(), &cfn_model::Expr::get_att("EvalFunction", "Arn"));
/// assert!(t.resource(EVAL_ROLE_ID).is_some());
/// ```
#[derive(Debug, Clone)]
pub struct EvaluateExpressionFunction {
    construct_id: String,
    runtime: String,
    arm64: bool,
    timeout_seconds: Option<u32>,
}

impl EvaluateExpressionFunction {
    /// A function with the logical id derived from `construct_id`.
    ///
    /// ```
    /// let f = stepfunctions_tasks::EvaluateExpressionFunction::new("EvalFunction");
    /// ```
    pub fn new(construct_id: impl Into<String>) -> Self {
        EvaluateExpressionFunction {
            construct_id: construct_id.into(),
            runtime: "nodejs24.x".into(),
            arm64: false,
            timeout_seconds: None,
        }
    }

    /// The Node.js runtime, `nodejs20.x` or later (CDK's older runtimes can no longer be
    /// created). Default: `nodejs24.x`, the latest, as CDK's default.
    ///
    /// ```
    /// let f = stepfunctions_tasks::EvaluateExpressionFunction::new("EvalFunction").runtime("nodejs22.x");
    /// ```
    #[must_use]
    pub fn runtime(mut self, runtime: impl Into<String>) -> Self {
        self.runtime = runtime.into();
        self
    }

    /// Runs on Graviton (`arm64`) instead of `x86_64`. Default: false.
    ///
    /// ```
    /// let f = stepfunctions_tasks::EvaluateExpressionFunction::new("EvalFunction").arm64(true);
    /// ```
    #[must_use]
    pub fn arm64(mut self, arm64: bool) -> Self {
        self.arm64 = arm64;
        self
    }

    /// The function's timeout, 1 to 900 seconds. Default: Lambda's (3 s).
    ///
    /// ```
    /// let f = stepfunctions_tasks::EvaluateExpressionFunction::new("EvalFunction").timeout_seconds(10);
    /// ```
    #[must_use]
    pub fn timeout_seconds(mut self, seconds: u32) -> Self {
        self.timeout_seconds = Some(seconds);
        self
    }

    /// Adds the function (and the evaluation role, unless the template has it already);
    /// returns the function for [`EvaluateExpression::new`].
    ///
    /// ```
    /// use stepfunctions_tasks::EvaluateExpressionFunction;
    /// let mut t = cfn_model::Template::new();
    /// let a = EvaluateExpressionFunction::new("A").add_to(&mut t).unwrap();
    /// let b = EvaluateExpressionFunction::new("B").runtime("nodejs22.x").add_to(&mut t).unwrap();
    /// assert_eq!(t.resources().len(), 3, "two functions, one role");
    /// assert!(EvaluateExpressionFunction::new("C").runtime("nodejs14.x").add_to(&mut t).is_err());
    /// ```
    pub fn add_to(self, template: &mut Template) -> Result<LambdaFunction, stepfunctions::Error> {
        let invalid = |field, reason: String| stepfunctions::Error::InvalidResource {
            construct: self.construct_id.clone(),
            field,
            reason,
        };
        let major = self
            .runtime
            .strip_prefix("nodejs")
            .and_then(|r| r.strip_suffix(".x"))
            .and_then(|v| v.parse::<u32>().ok());
        if !major.is_some_and(|m| m >= 20) {
            return Err(invalid(
                "Runtime",
                format!(
                    "`{}` is not a supported Node.js runtime; use nodejs20.x or later",
                    self.runtime
                ),
            ));
        }
        if let Some(t) = self.timeout_seconds {
            if !(1..=900).contains(&t) {
                return Err(invalid("Timeout", format!("{t} s is not 1 to 900 seconds")));
            }
        }
        match template.resource(EVAL_ROLE_ID) {
            Some(r) if r.resource_type() == "AWS::IAM::Role" => {}
            Some(r) => {
                return Err(invalid(
                    "Role",
                    format!("the template's {EVAL_ROLE_ID} is a {}, not a role", r.resource_type()),
                ))
            }
            None => {
                let role = Role::for_service("lambda.amazonaws.com").managed_policy(Expr::sub(
                    "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
                ));
                template.add_resource(EVAL_ROLE_ID, role.into_resource())?;
            }
        }
        let function = Resource::new("AWS::Lambda::Function")
            .property("Code", Value::map([("ZipFile", Value::from(HANDLER))]))
            .property("Handler", "index.handler".into())
            .property("Role", Expr::get_att(EVAL_ROLE_ID, "Arn").into())
            .property("Runtime", self.runtime.as_str().into())
            .property_opt("Architectures", self.arm64.then(|| Value::list(["arm64".into()])))
            .property_opt("Timeout", self.timeout_seconds.map(Value::from));
        let id = template.add_resource(&self.construct_id, function)?;
        Ok(LambdaFunction::from_arn(Expr::get_att(id.as_str(), "Arn")))
    }
}

/// Evaluates a JavaScript expression over state paths in an [`EvaluateExpressionFunction`]; the
/// task's result is the expression's value.
///
/// The state invokes the function directly (its ARN is the `Resource`) with
/// `{"expression": ..., "expressionAttributeValues": {"$.a.$": "$.a", ...}}`: every path of the
/// expression (`$.` or `$[` followed by letters, digits, `.`, `[`, `]`, `-`, `_`) with its value.
/// A path is resolved where it is code (`$.a + $.b`, `` `${$.count} items` ``), not inside a
/// string or the text of a template literal (`'total: $.n'`): such an expression is rejected,
/// as CDK rejects it. Context paths (`$$.`) are not supported.
///
/// Request-response only (there is no integration pattern to choose). No retrier is added.
///
/// IAM: `lambda:InvokeFunction` on the function and its versions and aliases (`ARN`, `ARN:*`).
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{EvaluateExpression, EvaluateExpressionFunction};
/// let mut template = cfn_model::Template::new();
/// let eval = EvaluateExpressionFunction::new("EvalFunction").add_to(&mut template).unwrap();
/// let convert = Task::new("Convert to seconds", EvaluateExpression::new(&eval, "$.waitMilliseconds / 1000"))
///     .result_path("$.waitSeconds");
/// let asl = StateMachine::new("M", convert).render_asl().unwrap();
/// assert!(asl.definition.contains("\"$.waitMilliseconds.$\": \"$.waitMilliseconds\""));
/// ```
///
/// There is no pattern to choose:
///
/// ```compile_fail
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{EvaluateExpression, LambdaFunction};
/// let f = LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:Eval");
/// let t = Task::new("Eval", EvaluateExpression::new(&f, "$.a + 1")).wait_for_task_token();
/// ```
#[derive(Debug, Clone)]
pub struct EvaluateExpression {
    function: LambdaFunction,
    expression: String,
}

impl EvaluateExpression {
    /// Evaluates `expression` in `function` (see [`EvaluateExpressionFunction`]).
    ///
    /// ```
    /// use stepfunctions_tasks::{EvaluateExpression, LambdaFunction};
    /// let f = LambdaFunction::from_arn(cfn_model::Expr::get_att("EvalFunction", "Arn"));
    /// let message = EvaluateExpression::new(&f, "`Now waiting ${$.waitSeconds} seconds...`");
    /// ```
    pub fn new(function: &LambdaFunction, expression: impl Into<String>) -> Self {
        EvaluateExpression {
            function: function.clone(),
            expression: expression.into(),
        }
    }
}

impl ServiceIntegration for EvaluateExpression {
    const SERVICE: &'static str = "lambda";
    const API: &'static str = "invoke";

    fn resource(&self, _pattern: IntegrationPattern) -> Expr {
        self.function.arn().clone()
    }

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        let values = paths::distinct(&self.expression)
            .into_iter()
            .map(|p| (p, Payload::Path(Path::new(p))));
        Some(Payload::from_object([
            ("expression", Payload::String(Expr::lit(&self.expression))),
            ("expressionAttributeValues", Payload::from_object(values)),
        ]))
    }

    fn policy_statements(&self, _pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        let arn = self.function.arn().clone();
        vec![PolicyStatement::allow(
            ["lambda:InvokeFunction"],
            [arn.clone(), Expr::concat([arn, Expr::lit(":*")])],
        )]
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        if self.expression.trim().is_empty() {
            return Err(TaskError::field("expression", "the expression is empty"));
        }
        if let Some((_, path)) = paths::matches(&self.expression)
            .into_iter()
            .find(|(at, _)| *at > 0 && self.expression.as_bytes()[at - 1] == b'$')
        {
            return Err(TaskError::field(
                "expression",
                format!(
                    "`${path}` is a context path; the expression can only read the state input (`$.`): pass the \
                 value in the input, with InputPath or a Pass state"
                ),
            ));
        }
        let literal = paths::inside_literals(&self.expression);
        if let Some((first, _)) = literal.iter().find(|(_, kind)| *kind == paths::Literal::PlainString) {
            let all: Vec<&str> = literal
                .iter()
                .filter(|(_, k)| *k == paths::Literal::PlainString)
                .map(|(p, _)| *p)
                .collect();
            return Err(TaskError::field(
                "expression",
                format!(
                    "state path(s) {all:?} are literal text inside a string of the expression, where they are not \
                 resolved; use a template literal with interpolation instead, e.g. `...${{{first}}}...`"
                ),
            ));
        }
        if let Some((first, _)) = literal.first() {
            let all: Vec<&str> = literal.iter().map(|(p, _)| *p).collect();
            return Err(TaskError::field(
                "expression",
                format!(
                    "state path(s) {all:?} are literal text inside a template literal of the expression, where they \
                 are not resolved; interpolate them instead, like ${{{first}}}"
                ),
            ));
        }
        Ok(())
    }
}
