//! AWS Step Functions: start an execution of another state machine.
//!
//! See <https://docs.aws.amazon.com/step-functions/latest/dg/connect-stepfunctions.html>.
//! (Invoking an activity is [`stepfunctions::StepFunctionsInvokeActivity`].)

mod start_execution;

use cfn_model::{Expr, ListExpr};
use stepfunctions::Rendered;

pub use start_execution::StepFunctionsStartExecution;

/// A state machine to start: by ARN (a literal, a parameter, an import), or one defined in the
/// same template ([`Rendered`], what [`StateMachine::add_to`](stepfunctions::StateMachine::add_to)
/// returns).
///
/// ```
/// use stepfunctions_tasks::StateMachineRef;
/// let imported = StateMachineRef::from_arn("arn:aws:states:us-east-1:123456789012:stateMachine:Child");
/// assert_eq!(
///     imported.executions_arn().to_string(),
///     "arn:aws:states:us-east-1:123456789012:execution:Child:*"
/// );
///
/// let mut t = cfn_model::Template::new();
/// let child = stepfunctions::StateMachine::new("Child", stepfunctions::Pass::new("P")).add_to(&mut t).unwrap();
/// let defined = StateMachineRef::from(&child);
/// assert_eq!(defined.arn(), &cfn_model::Expr::reference("Child"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct StateMachineRef {
    arn: Expr,
    /// The ARN IAM authorizes `StartExecution` on: a version or alias qualifier removed.
    unqualified_arn: Expr,
    /// `arn:...:execution:<name>:*`, the executions of this state machine.
    executions_arn: Expr,
    /// Why a literal ARN is not a state machine ARN.
    invalid: Option<String>,
}

impl StateMachineRef {
    /// The state machine with this ARN.
    ///
    /// A literal ARN is checked when the task renders, and its parts give the executions' ARN;
    /// for an expression (a parameter, an import) the parts are taken apart in the template
    /// (`Fn::Select` over `Fn::Split`). A literal ARN with a version or alias qualifier
    /// (`...:stateMachine:Name:PROD`) is started as given; IAM authorizes the call on the
    /// unqualified ARN, which is what the role is granted.
    ///
    /// ```
    /// let child = stepfunctions_tasks::StateMachineRef::from_arn(cfn_model::Expr::reference("ChildArn"));
    /// ```
    pub fn from_arn(arn: impl Into<Expr>) -> Self {
        let arn = arn.into();
        match arn.as_literal() {
            Some(text) => match parse_arn(text) {
                Ok(parts) => StateMachineRef {
                    unqualified_arn: Expr::lit(format!(
                        "arn:{}:states:{}:{}:stateMachine:{}",
                        parts.partition, parts.region, parts.account, parts.name
                    )),
                    executions_arn: Expr::lit(format!(
                        "arn:{}:states:{}:{}:execution:{}:*",
                        parts.partition, parts.region, parts.account, parts.name
                    )),
                    arn,
                    invalid: None,
                },
                Err(reason) => StateMachineRef {
                    unqualified_arn: arn.clone(),
                    executions_arn: arn.clone(),
                    arn,
                    invalid: Some(reason),
                },
            },
            None => {
                let part = |i| Expr::select(i, ListExpr::split(":", arn.clone()));
                StateMachineRef {
                    unqualified_arn: arn.clone(),
                    executions_arn: Expr::concat([
                        Expr::lit("arn:"),
                        part(1),
                        Expr::lit(":states:"),
                        part(3),
                        Expr::lit(":"),
                        part(4),
                        Expr::lit(":execution:"),
                        part(6),
                        Expr::lit(":*"),
                    ]),
                    arn,
                    invalid: None,
                }
            }
        }
    }

    /// The state machine's ARN.
    ///
    /// ```
    /// let child = stepfunctions_tasks::StateMachineRef::from_arn("arn:aws:states:us-east-1:123456789012:stateMachine:Child");
    /// assert_eq!(child.arn().as_literal(), Some("arn:aws:states:us-east-1:123456789012:stateMachine:Child"));
    /// ```
    pub fn arn(&self) -> &Expr {
        &self.arn
    }

    /// The ARN that matches every execution of the state machine and nothing else:
    /// `arn:<partition>:states:<region>:<account>:execution:<name>:*`.
    ///
    /// ```
    /// let child = stepfunctions_tasks::StateMachineRef::from_arn("arn:aws:states:eu-west-1:111122223333:stateMachine:Child:PROD");
    /// assert_eq!(child.executions_arn().to_string(), "arn:aws:states:eu-west-1:111122223333:execution:Child:*");
    /// ```
    pub fn executions_arn(&self) -> &Expr {
        &self.executions_arn
    }

    pub(crate) fn unqualified_arn(&self) -> &Expr {
        &self.unqualified_arn
    }

    pub(crate) fn invalid(&self) -> Option<&str> {
        self.invalid.as_deref()
    }
}

impl From<&Rendered> for StateMachineRef {
    /// A state machine of the same template: its `Ref` (the ARN) and, for its executions, its
    /// `Name` attribute in the stack's partition, region and account.
    fn from(rendered: &Rendered) -> Self {
        let arn = rendered.arn();
        StateMachineRef {
            unqualified_arn: arn.clone(),
            executions_arn: crate::util::stack_arn(
                "states",
                Expr::concat([Expr::lit("execution:"), rendered.name(), Expr::lit(":*")]),
            ),
            arn,
            invalid: None,
        }
    }
}

impl From<Rendered> for StateMachineRef {
    fn from(rendered: Rendered) -> Self {
        StateMachineRef::from(&rendered)
    }
}

struct ArnParts<'a> {
    partition: &'a str,
    region: &'a str,
    account: &'a str,
    name: &'a str,
}

/// `arn:<partition>:states:<region>:<account>:stateMachine:<name>[:<qualifier>]`.
fn parse_arn(arn: &str) -> Result<ArnParts<'_>, String> {
    let parts: Vec<&str> = arn.split(':').collect();
    let ok = (7..=8).contains(&parts.len())
        && parts[0] == "arn"
        && parts[2] == "states"
        && parts[5] == "stateMachine"
        && parts.iter().all(|p| !p.is_empty());
    if !ok {
        return Err(format!(
            "`{arn}` is not a state machine ARN (arn:<partition>:states:<region>:<account>:stateMachine:<name>)"
        ));
    }
    Ok(ArnParts {
        partition: parts[1],
        region: parts[3],
        account: parts[4],
        name: parts[6],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_state_machine_arns() {
        let p = parse_arn("arn:aws-cn:states:cn-north-1:123456789012:stateMachine:M").unwrap();
        assert_eq!(
            (p.partition, p.region, p.account, p.name),
            ("aws-cn", "cn-north-1", "123456789012", "M")
        );
        assert!(parse_arn("arn:aws:states:us-east-1:123456789012:stateMachine:M:1").is_ok());
        assert!(parse_arn("arn:aws:states:us-east-1:123456789012:activity:A").is_err());
        assert!(parse_arn("arn:aws:states:us-east-1::stateMachine:M").is_err());
        assert!(parse_arn("MyStateMachine").is_err());
    }

    #[test]
    fn an_expression_arn_is_taken_apart_in_the_template() {
        let r = StateMachineRef::from_arn(Expr::reference("ChildArn"));
        assert_eq!(
            serde_json::to_value(r.executions_arn()).unwrap()["Fn::Sub"][0],
            "arn:${Var1}:states:${Var2}:${Var3}:execution:${Var4}:*"
        );
    }
}
