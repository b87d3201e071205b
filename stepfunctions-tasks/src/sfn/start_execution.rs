//! `StepFunctionsStartExecution`:
//! <https://docs.aws.amazon.com/step-functions/latest/dg/connect-stepfunctions.html>.

use cfn_model::iam::PolicyStatement;
use cfn_model::Expr;
use stepfunctions::model::Jsonata;
use stepfunctions::TaskError;
use stepfunctions::{
    integration_resource_arn, IntegrationPattern, JsonPath, Payload, ServiceIntegration, SupportsRunJob,
    SupportsWaitForTaskToken,
};

use super::StateMachineRef;
use crate::util::managed_rule_statement;

/// The input field that links a child execution to the execution that started it.
const STARTED_BY: &str = "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID";

/// Starts an execution of another state machine (a nested workflow) through the optimized
/// integration (`arn:aws:states:::states:startExecution`).
///
/// Supports request-response (default: the task's result is `StartExecution`'s answer, the
/// execution's ARN and start date), run-a-job (`.sync:2`: waits for the child execution to end;
/// the result holds its output as JSON, not as an escaped string as plain `.sync` would) and
/// wait-for-task-token (the child calls `SendTaskSuccess` with the token passed in its input).
///
/// IAM: `states:StartExecution` on the state machine (on its unqualified ARN when a literal
/// ARN names a version or alias: IAM authorizes the call on the state machine). Run-a-job adds
/// `states:DescribeExecution` and `states:StopExecution` on the state machine's executions,
/// `arn:<partition>:states:<region>:<account>:execution:<name>:*`, and the EventBridge rule
/// `StepFunctionsGetEventsForStepFunctionsExecutionRule`
/// (<https://docs.aws.amazon.com/step-functions/latest/dg/stepfunctions-iam.html>). CDK grants
/// the executions as `execution:<name>*`, which also matches the executions of every state
/// machine whose name starts with this one's; this library writes `execution:<name>:*`, as the
/// AWS documentation does.
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{StateMachineRef, StepFunctionsStartExecution};
/// let child = StateMachineRef::from_arn("arn:aws:states:us-east-1:123456789012:stateMachine:Child");
/// let task = Task::new(
///     "Run child",
///     StepFunctionsStartExecution::new(child)
///         .input(Payload::from_object([("order", JsonPath::string_at("$.order"))]))
///         .associate_with_parent(true),
/// )
/// .run_job();
/// let asl = StateMachine::new("Parent", task).render_asl().unwrap();
/// assert!(asl.definition.contains("\"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$\": \"$$.Execution.Id\""));
/// let (_, resource) = asl.substitutions.iter().next().unwrap();
/// assert_eq!(resource.to_string(), "arn:${AWS::Partition}:states:::states:startExecution.sync:2");
/// ```
#[derive(Debug, Clone)]
pub struct StepFunctionsStartExecution {
    state_machine: StateMachineRef,
    input: Option<Payload>,
    name: Option<Payload>,
    associate_with_parent: bool,
}

impl StepFunctionsStartExecution {
    /// Starts an execution of `state_machine`: a [`StateMachineRef`], or the
    /// [`Rendered`](stepfunctions::Rendered) of a state machine in the same template.
    ///
    /// ```
    /// use stepfunctions_tasks::{StateMachineRef, StepFunctionsStartExecution};
    /// let mut t = cfn_model::Template::new();
    /// let child = stepfunctions::StateMachine::new("Child", stepfunctions::Pass::new("P")).add_to(&mut t).unwrap();
    /// let start = StepFunctionsStartExecution::new(&child);
    /// let imported = StepFunctionsStartExecution::new(StateMachineRef::from_arn(cfn_model::Expr::reference("ChildArn")));
    /// ```
    pub fn new(state_machine: impl Into<StateMachineRef>) -> Self {
        StepFunctionsStartExecution {
            state_machine: state_machine.into(),
            input: None,
            name: None,
            associate_with_parent: false,
        }
    }

    /// The execution's input. Default: the state input (`Input.$: "$"`); with
    /// [`associate_with_parent`](Self::associate_with_parent), only the parent's execution id.
    ///
    /// ```
    /// use stepfunctions::{JsonPath, Payload};
    /// use stepfunctions_tasks::{StateMachineRef, StepFunctionsStartExecution};
    /// let start = StepFunctionsStartExecution::new(StateMachineRef::from_arn("arn:aws:states:us-east-1:123456789012:stateMachine:Child"))
    ///     .input(Payload::from_object([("token", JsonPath::task_token()), ("foo", "bar".into())]));
    /// ```
    #[must_use]
    pub fn input(mut self, input: Payload) -> Self {
        self.input = Some(input);
        self
    }

    /// The execution's name: literal text (1 to 80 characters, no whitespace, brackets,
    /// wildcards, control characters or any of `" # % \ ^ | ~ ` $ & , ; : /`), or a path or
    /// intrinsic function resolved at run time. A name is unique per state machine for 90 days.
    /// Default: a UUID chosen by Step Functions.
    ///
    /// ```
    /// use stepfunctions::JsonPath;
    /// use stepfunctions_tasks::{StateMachineRef, StepFunctionsStartExecution};
    /// let child = StateMachineRef::from_arn("arn:aws:states:us-east-1:123456789012:stateMachine:Child");
    /// let fixed = StepFunctionsStartExecution::new(child.clone()).name("MyExecutionName");
    /// let dynamic = StepFunctionsStartExecution::new(child).name(JsonPath::string_at("$.orderId"));
    /// ```
    #[must_use]
    pub fn name(mut self, name: impl Into<Payload>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Passes the parent's execution id in the input as `AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID`,
    /// so that the console links the child execution to its parent
    /// (<https://docs.aws.amazon.com/step-functions/latest/dg/concepts-nested-workflows.html>).
    /// The input must then be an object ([`Payload::from_object`]) or left out; a left-out input
    /// sends only that field, not the state input (as CDK does). Default: false.
    ///
    /// ```
    /// use stepfunctions_tasks::{StateMachineRef, StepFunctionsStartExecution};
    /// let start = StepFunctionsStartExecution::new(StateMachineRef::from_arn("arn:aws:states:us-east-1:123456789012:stateMachine:Child"))
    ///     .associate_with_parent(true);
    /// ```
    #[must_use]
    pub fn associate_with_parent(mut self, associate: bool) -> Self {
        self.associate_with_parent = associate;
        self
    }

    fn rendered_input(&self) -> Payload {
        if !self.associate_with_parent {
            return self.input.clone().unwrap_or_else(JsonPath::entire_payload);
        }
        let mut fields = match &self.input {
            Some(Payload::Object(fields)) => fields.clone(),
            // JSONata: the expression's object, merged with the parent's id.
            Some(Payload::Jsonata(e)) => {
                return Payload::Jsonata(Jsonata::new(format!(
                    "$merge([{}, {{'{STARTED_BY}': $states.context.Execution.Id}}])",
                    e.as_str()
                )))
            }
            // Rejected by `validate`.
            Some(other) => return other.clone(),
            None => Default::default(),
        };
        fields.insert(STARTED_BY.to_owned(), JsonPath::execution_id());
        Payload::Object(fields)
    }
}

impl ServiceIntegration for StepFunctionsStartExecution {
    const SERVICE: &'static str = "states";
    const API: &'static str = "startExecution";

    /// `.sync:2` for run-a-job: the child's output as JSON.
    fn resource(&self, pattern: IntegrationPattern) -> Expr {
        let arn = integration_resource_arn(Self::SERVICE, Self::API, pattern);
        match pattern {
            IntegrationPattern::RunJob => Expr::concat([arn, Expr::lit(":2")]),
            _ => arn,
        }
    }

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        let mut p = vec![
            ("Input", self.rendered_input()),
            ("StateMachineArn", Payload::String(self.state_machine.arn().clone())),
        ];
        if let Some(name) = &self.name {
            p.push(("Name", name.clone()));
        }
        Some(Payload::from_object(p))
    }

    fn policy_statements(&self, pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        let mut statements = vec![PolicyStatement::allow(
            ["states:StartExecution"],
            [self.state_machine.unqualified_arn().clone()],
        )];
        if pattern == IntegrationPattern::RunJob {
            statements.push(PolicyStatement::allow(
                ["states:DescribeExecution", "states:StopExecution"],
                [self.state_machine.executions_arn().clone()],
            ));
            statements.push(managed_rule_statement(
                "StepFunctionsGetEventsForStepFunctionsExecutionRule",
            ));
        }
        statements
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        if let Some(reason) = self.state_machine.invalid() {
            return Err(TaskError::new(reason.to_owned()));
        }
        if self.associate_with_parent && !matches!(self.input, None | Some(Payload::Object(_) | Payload::Jsonata(_))) {
            return Err(TaskError::field(
                "Input",
                format!(
                    "associate_with_parent adds {STARTED_BY} to the input, which must then be an object \
                 (Payload::from_object), a JSONata expression, or left out"
                ),
            ));
        }
        if let Some(Payload::String(Expr::Literal(text))) = &self.input {
            if serde_json::from_str::<serde_json::Value>(text).is_err() {
                return Err(TaskError::field(
                    "Input",
                    format!("the input `{text}` is a string that is not JSON text; StartExecution rejects it"),
                ));
            }
        }
        match &self.name {
            None | Some(Payload::Path(_) | Payload::Intrinsic(_) | Payload::Jsonata(_)) => Ok(()),
            Some(Payload::String(name)) => match name.as_literal() {
                Some(text) => check_execution_name(text).map_err(TaskError::from),
                None => Ok(()),
            },
            Some(_) => Err(TaskError::field(
                "Name",
                "the execution name must be a string, a path or an intrinsic function",
            )),
        }
    }
}

impl SupportsRunJob for StepFunctionsStartExecution {}
impl SupportsWaitForTaskToken for StepFunctionsStartExecution {}

/// The rules of `StartExecution`'s `name`
/// (<https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html>).
fn check_execution_name(name: &str) -> Result<(), String> {
    let length = name.chars().count();
    if !(1..=80).contains(&length) {
        return Err(format!(
            "the execution name `{name}` must be 1 to 80 characters long (it has {length})"
        ));
    }
    let forbidden = |c: char| {
        c.is_whitespace()
            || "<>{}[]?*\"#%\\^|~`$&,;:/".contains(c)
            || matches!(c as u32, 0x00..=0x1f | 0x7f..=0x9f | 0xfffe..=0xffff)
    };
    if let Some(c) = name.chars().find(|c| forbidden(*c)) {
        return Err(format!(
            "the execution name `{name}` contains `{}`; names may not contain whitespace, brackets, \
             wildcards, control characters or any of \" # % \\ ^ | ~ ` $ & , ; : /",
            c.escape_default()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn execution_names() {
        assert!(check_execution_name("MyExecutionName").is_ok());
        assert!(check_execution_name("order-42_retry.1").is_ok());
        assert!(check_execution_name("").is_err());
        assert!(check_execution_name(&"a".repeat(81)).is_err());
        for bad in ["a b", "a:b", "a/b", "a$b", "a{b", "a\u{7}b", "a\u{85}b", "a`b"] {
            assert!(check_execution_name(bad).is_err(), "{bad:?}");
        }
    }
}
