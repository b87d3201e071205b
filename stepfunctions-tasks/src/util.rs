//! What several integrations share: ARNs in the stack's partition, region and account, the
//! statement for the EventBridge rule that Step Functions manages to learn a job's end (`.sync`),
//! and checks of literal values.

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
#[allow(dead_code)] // for the run-job integrations
pub(crate) fn managed_rule_statement(rule_name: &str) -> PolicyStatement {
    PolicyStatement::allow(
        ["events:PutTargets", "events:PutRule", "events:DescribeRule"],
        [stack_arn("events", format!("rule/{rule_name}"))],
    )
}

/// Whether text is standard base64 (padding included).
pub(crate) fn is_base64(text: &str) -> bool {
    text.len() % 4 == 0
        && text.trim_end_matches('=').len() + 2 >= text.len()
        && text
            .trim_end_matches('=')
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/'))
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
    fn base64_is_recognized() {
        for ok in [
            "",
            "aGk=",
            "aGVsbG8=",
            "dGhpcyB0ZXh0IGlzIGJhc2U2NC1lbmNvZGVk",
            "U3Vubnk=",
        ] {
            assert!(is_base64(ok), "{ok}");
        }
        for bad in ["a", "aGk", "a===", "not base64!", "aG=k"] {
            assert!(!is_base64(bad), "{bad}");
        }
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
