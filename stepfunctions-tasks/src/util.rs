//! What several integrations share: ARNs in the stack's partition, region and account, and the
//! statement for the EventBridge rule that Step Functions manages to learn a job's end (`.sync`).

use cfn_model::iam::PolicyStatement;
use cfn_model::Expr;
use stepfunctions::Payload;

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

/// `arn:${AWS::Partition}:<service>:::<resource>`, the ARN of a resource with no region or
/// account (S3 buckets and objects).
pub(crate) fn partition_arn(service: &str, resource: impl Into<Expr>) -> Expr {
    Expr::concat([
        Expr::lit("arn:"),
        Expr::partition(),
        Expr::lit(format!(":{service}:::")),
        resource.into(),
    ])
}

/// The value of a task input known when the template is made (a literal or a CloudFormation
/// expression), or `None` when it is read at run time (a path or an intrinsic function): IAM
/// resources are scoped to the first and widened to `*` for the second, as the Step Functions
/// IAM templates do for "dynamic resources".
pub(crate) fn static_value(input: &Payload) -> Option<&Expr> {
    match input {
        Payload::String(e) => Some(e),
        _ => None,
    }
}

/// The length of a literal text input, `None` otherwise: checks apply to literals only.
pub(crate) fn literal_len(input: &Payload) -> Option<usize> {
    static_value(input)
        .and_then(Expr::as_literal)
        .map(|s| s.chars().count())
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
    fn partition_arn_has_no_region_or_account() {
        assert_eq!(
            partition_arn("s3", "b/k/*").to_string(),
            "arn:${AWS::Partition}:s3:::b/k/*"
        );
    }

    #[test]
    fn static_values_are_literals_and_expressions() {
        assert_eq!(static_value(&"x".into()), Some(&Expr::lit("x")));
        assert_eq!(static_value(&Payload::Path("$.x".into())), None);
        assert_eq!(literal_len(&"abc".into()), Some(3));
        assert_eq!(literal_len(&Expr::reference("P").into()), None);
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
