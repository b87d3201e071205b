//! What several integrations share: ARNs in the stack's partition, region and account, and the
//! statement for the EventBridge rule that Step Functions manages to learn a job's end (`.sync`).

use cfn_model::iam::PolicyStatement;
use cfn_model::Expr;

/// `arn:${AWS::Partition}:<service>:${AWS::Region}:${AWS::AccountId}:<resource>`, the ARN of a
/// resource in the stack's own region and account.
pub(crate) fn stack_arn(service: &str, resource: impl Into<Expr>) -> Expr {
    Expr::concat([
        Expr::lit("arn:"),
        Expr::partition(),
        Expr::lit(format!(":{service}:")),
        Expr::region(),
        Expr::lit(":"),
        Expr::account_id(),
        Expr::lit(":"),
        resource.into(),
    ])
}

/// `events:PutTargets`, `events:PutRule`, `events:DescribeRule` on the managed rule that Step
/// Functions creates for the run-a-job pattern
/// (<https://docs.aws.amazon.com/step-functions/latest/dg/service-integration-iam-templates.html>).
/// The rule names differ in spelling between services: copy them exactly.
pub(crate) fn managed_rule_statement(rule_name: &str) -> PolicyStatement {
    PolicyStatement::allow(
        ["events:PutTargets", "events:PutRule", "events:DescribeRule"],
        [stack_arn("events", format!("rule/{rule_name}"))],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stack_arn_uses_the_pseudo_parameters() {
        assert_eq!(
            stack_arn("events", "rule/R").to_string(),
            "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/R"
        );
    }

    #[test]
    fn managed_rule_statement_names_the_rule() {
        let st = managed_rule_statement("StepFunctionsGetEventForCodeBuildStartBuildRule");
        assert_eq!(
            st.actions(),
            ["events:PutTargets", "events:PutRule", "events:DescribeRule"]
        );
        assert!(st.resources()[0]
            .to_string()
            .ends_with(":rule/StepFunctionsGetEventForCodeBuildStartBuildRule"));
    }
}
