//! `evaluate_expression_*`: expressions evaluated in a Lambda function.

use stepfunctions_cdk::prelude::*;
use stepfunctions_cdk::stepfunctions::integration_resource_arn;

use super::Build;

pub const CASES: &[(&str, Build)] = &[("evaluate_expression_wait", evaluate_expression_wait)];

/// Seed: Evaluate Expression (4-state example: two EvaluateExpression tasks, SNS publish, Wait).
///
/// aws-cdk-lib 2.276.0 gives each EvaluateExpression task its own function (`<task>EvalFunction`,
/// all running as one shared role), which here are explicit. Their code is inline and their
/// runtime a current one: CDK uploads its handler as an asset, and Lambda no longer creates
/// `nodejs14.x` functions, which "Create message" asks for.
fn evaluate_expression_wait(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let convert_fn = EvaluateExpressionFunction::new("Convert to seconds EvalFunction").add_to(t)?;
    let convert_to_seconds = Task::new(
        "Convert to seconds",
        EvaluateExpression::new(&convert_fn, "$.waitMilliseconds / 1000"),
    )
    .result_path("$.waitSeconds");
    let create_fn = EvaluateExpressionFunction::new("Create message EvalFunction").add_to(t)?;
    let create_message = Task::new(
        "Create message",
        // Note: this is a string inside a string.
        EvaluateExpression::new(&create_fn, "`Now waiting ${$.waitSeconds} seconds...`"),
    )
    .result_path("$.message");
    // SnsPublish belongs to another part of this work: until it lands, the same state as raw ASL,
    // with its permission granted by hand.
    let topic = t.add_resource("cool-topic", Resource::new("AWS::SNS::Topic"))?;
    let publish_message = CustomState::new(
        "Publish message",
        serde_json::json!({
            "Type": "Task",
            "Resource": "${SnsPublish}",
            "Parameters": {"TopicArn": "${CoolTopic}", "Message.$": "$.message"},
            "ResultPath": "$.sns"
        }),
    );
    let wait = Wait::new("Wait", WaitTime::seconds_path("$.waitSeconds"));
    let rendered = StateMachine::new(
        "StateMachine",
        convert_to_seconds.next(create_message).next(publish_message).next(wait),
    )
    .definition_substitution(
        "SnsPublish",
        integration_resource_arn("sns", "publish", IntegrationPattern::RequestResponse),
    )
    .definition_substitution("CoolTopic", Expr::reference(topic.as_str()))
    .add_to_role_policy(PolicyStatement::allow(
        ["sns:Publish"],
        [Expr::reference(topic.as_str())],
    ))
    .add_to(t)?;
    Ok(rendered.warnings)
}
