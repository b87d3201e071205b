//! What several integrations share: ARNs in the stack's partition, region and account, the
//! statement for the EventBridge rule that Step Functions manages to learn a job's end (`.sync`),
//! and checks of literal values.

use cfn_model::iam::PolicyStatement;
use cfn_model::{Expr, ListExpr, Pseudo};
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

/// Checks the literal name of a topic or queue defined in the template: 1 to `max_len`
/// letters, digits, `-` or `_`, ending in `.fifo` exactly when the resource is FIFO (the SNS
/// and SQS naming rules; `kind` is "topic" or "queue").
pub(crate) fn check_fifo_capable_name(kind: &str, name: &str, fifo: bool, max_len: usize) -> Result<(), String> {
    let base = name.strip_suffix(".fifo").unwrap_or(name);
    let valid = !base.is_empty()
        && name.len() <= max_len
        && base
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'));
    if !valid {
        return Err(format!(
            "{kind} name `{name}` must be 1 to {max_len} letters, digits, `-` or `_` (`.fifo` included at the end of a FIFO {kind}'s)"
        ));
    }
    if fifo != name.ends_with(".fifo") {
        return Err(format!(
            "{kind} name `{name}`: a FIFO {kind}'s name ends in `.fifo`, and only a FIFO {kind}'s"
        ));
    }
    Ok(())
}

/// `kms:GenerateDataKey` and `kms:Decrypt` on a customer managed key: what a producer needs to
/// send to an SNS topic or SQS queue encrypted with it (the SNS and SQS developer guides, "Key
/// management": the publisher or producer "must have the `kms:GenerateDataKey` and
/// `kms:Decrypt` permissions").
pub(crate) fn kms_producer_statement(key_arn: &Expr) -> PolicyStatement {
    PolicyStatement::allow(["kms:GenerateDataKey", "kms:Decrypt"], [key_arn.clone()])
}

/// An object of the fields that are set, in the order given.
pub(crate) fn object_of_set<'a>(fields: impl IntoIterator<Item = (&'a str, Option<Payload>)>) -> Payload {
    Payload::from_object(fields.into_iter().filter_map(|(k, v)| v.map(|v| (k, v))))
}

/// The text of a literal string value, if it is one.
pub(crate) fn literal(p: &Payload) -> Option<&str> {
    static_value(p).and_then(Expr::as_literal)
}

/// `arn:<partition>:iam::<12 digits>:role/<name>`: an IAM role's ARN.
pub(crate) fn is_role_arn(arn: &str) -> bool {
    let fields: Vec<&str> = arn.splitn(6, ':').collect();
    fields.len() == 6
        && fields[0] == "arn"
        && fields[1].starts_with("aws")
        && fields[2] == "iam"
        && fields[3].is_empty()
        && fields[4].len() == 12
        && fields[4].bytes().all(|b| b.is_ascii_digit())
        && fields[5].strip_prefix("role/").is_some_and(|n| !n.is_empty())
}

/// The last `:`-separated field of a literal ARN (a topic's or queue's name).
pub(crate) fn literal_arn_name(arn: &Expr) -> Option<&str> {
    arn.as_literal()
        .filter(|a| a.starts_with("arn:"))
        .and_then(|a| a.rsplit(':').next())
}

/// A name for a FIFO topic or queue defined without one: `<logical id>-<stack UUID>.fifo`, the
/// logical id cut so that the name has at most `max_len` characters. Unique per stack and
/// resource, and of a known length: CloudFormation generates no FIFO topic names, and the FIFO
/// queue names it generates from the stack name can exceed SQS's 80 characters
/// (aws-cloudformation/cloudformation-coverage-roadmap#280).
pub(crate) fn generated_fifo_name(logical_id: &str, max_len: usize) -> Expr {
    const UUID_AND_SUFFIX: usize = 1 + 36 + 5; // `-`, the UUID, `.fifo`
    let prefix: String = logical_id.chars().take(max_len - UUID_AND_SUFFIX).collect();
    let stack_uuid = Expr::select(2, ListExpr::split("/", Expr::pseudo(Pseudo::StackId)));
    Expr::concat([Expr::lit(format!("{prefix}-")), stack_uuid, Expr::lit(".fifo")])
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

/// Checks the key of an encrypted topic or queue: a literal must be a key's ARN, since an alias
/// or a key id cannot be the resource of an IAM statement that lets the role use the key.
pub(crate) fn check_kms_key_arn(key: &Expr) -> Result<(), String> {
    match key.as_literal() {
        Some(text) if !(text.starts_with("arn:") && text.split(':').nth(5).is_some_and(|r| r.starts_with("key/"))) => {
            Err(format!(
                "encryption key `{text}` must be a KMS key ARN (`arn:<partition>:kms:<region>:<account>:key/<id>`): \
                 the role is granted its use on that resource"
            ))
        }
        _ => Ok(()),
    }
}

/// `[-]digits[.digits][e[+|-]digits]`: number text as DynamoDB and SNS accept it.
pub(crate) fn is_number_text(text: &str) -> bool {
    let t = text.strip_prefix('-').unwrap_or(text);
    let (mantissa, exponent) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = digits(int) && digits(frac) && !(int.is_empty() && frac.is_empty());
    let exponent_ok = exponent.map_or(true, |e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok
}

/// Checks a literal FIFO message group or deduplication id: 1 to 128 characters, letters, digits
/// and ASCII punctuation (the SNS `Publish` and SQS `SendMessage` API references). Paths and
/// CloudFormation expressions are not known before run or deploy time and pass.
pub(crate) fn check_fifo_id(field: &str, value: &Payload) -> Result<(), String> {
    match value {
        Payload::String(Expr::Literal(text)) => {
            if text.is_empty() || text.chars().count() > 128 {
                return Err(format!(
                    "{field} must be 1 to 128 characters (it has {})",
                    text.chars().count()
                ));
            }
            if !text.bytes().all(|b| b.is_ascii_graphic()) {
                return Err(format!(
                    "{field} `{text}` may only hold letters, digits and punctuation"
                ));
            }
            Ok(())
        }
        Payload::String(_) | Payload::Path(_) | Payload::Intrinsic(_) | Payload::Jsonata(_) => Ok(()),
        _ => Err(format!("{field} must be a string")),
    }
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
    fn fifo_ids_are_checked_when_literal() {
        assert!(check_fifo_id("MessageGroupId", &"orders-1".into()).is_ok());
        assert!(check_fifo_id("MessageGroupId", &Payload::Path("$.group".into())).is_ok());
        assert!(check_fifo_id("MessageGroupId", &"".into()).is_err());
        assert!(check_fifo_id("MessageGroupId", &"a b".into()).is_err());
        assert!(check_fifo_id("MessageGroupId", &"x".repeat(129).into()).is_err());
        assert!(check_fifo_id("MessageGroupId", &1.into()).is_err());
    }

    #[test]
    fn kms_keys_must_be_key_arns() {
        assert!(check_kms_key_arn(&"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab".into()).is_ok());
        assert!(check_kms_key_arn(&Expr::get_att("Key", "Arn")).is_ok());
        assert!(check_kms_key_arn(&"alias/aws/sns".into()).is_err());
        assert!(check_kms_key_arn(&"arn:aws:kms:us-east-1:123456789012:alias/mine".into()).is_err());
        assert!(check_kms_key_arn(&"1234abcd-12ab".into()).is_err());
    }

    #[test]
    fn numbers_are_checked() {
        for ok in [
            "0",
            "-1",
            "1.5",
            ".5",
            "5.",
            "1e10",
            "-1.2E-3",
            "123456789012345678901234567890",
        ] {
            assert!(is_number_text(ok), "{ok}");
        }
        for bad in ["", "-", ".", "1e", "abc", "1.2.3", "NaN", "inf", "1e+"] {
            assert!(!is_number_text(bad), "{bad}");
        }
    }

    #[test]
    fn generated_fifo_names_fit() {
        let name = generated_fifo_name(&"L".repeat(100), 80);
        assert_eq!(
            name.to_string(),
            format!(
                r#"{}-{{"Fn::Select":[2,{{"Fn::Split":["/",{{"Ref":"AWS::StackId"}}]}}]}}.fifo"#,
                "L".repeat(38)
            )
        );
    }

    #[test]
    fn literal_arn_names() {
        assert_eq!(
            literal_arn_name(&"arn:aws:sns:us-east-1:123456789012:t.fifo".into()),
            Some("t.fifo")
        );
        assert_eq!(literal_arn_name(&Expr::reference("Topic")), None);
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
}
