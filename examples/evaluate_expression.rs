//! `EvaluateExpression`: simple computations over the state's input without writing a Lambda
//! function. Converts a wait time from milliseconds to seconds, builds a message with it,
//! publishes the message to an SNS topic and waits that long.
//!
//! Both expressions run in one evaluation function defined in the template (inline Node.js
//! code, no asset to upload); each task invokes it with its own expression.
//!
//! `cargo run --example evaluate_expression > template.json`, then
//! `aws cloudformation deploy --template-file template.json --stack-name evaluate-expression --capabilities CAPABILITY_IAM`
//! and start an execution of `StateMachineArn` with the input `{"waitMilliseconds": 3000}`.

use std::process::ExitCode;

use stepfunctions_cdk::prelude::*;
use stepfunctions_cdk::stepfunctions::integration_resource_arn;

/// Adds the function, the topic, the state machine and an output with its ARN.
pub fn build(template: &mut Template) -> Result<Vec<Warning>, Error> {
    let eval = EvaluateExpressionFunction::new("EvalFunction").add_to(template)?;

    let convert_to_seconds = Task::new(
        "Convert to seconds",
        EvaluateExpression::new(&eval, "$.waitMilliseconds / 1000"),
    )
    .result_path("$.waitSeconds");

    let create_message = Task::new(
        "Create message",
        // Note: this is a string inside a string.
        EvaluateExpression::new(&eval, "`Now waiting ${$.waitSeconds} seconds...`"),
    )
    .result_path("$.message");

    // The SNS publish as raw ASL, with its permission granted by hand (the SnsPublish task
    // belongs to another part of this work).
    let topic = template.add_resource("cool-topic", Resource::new("AWS::SNS::Topic"))?;
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

    let definition = convert_to_seconds.next(create_message).next(publish_message).next(wait);
    let rendered = StateMachine::new("StateMachine", definition)
        .comment("Computes a wait time and a message with EvaluateExpression")
        .definition_substitution(
            "SnsPublish",
            integration_resource_arn("sns", "publish", IntegrationPattern::RequestResponse),
        )
        .definition_substitution("CoolTopic", Expr::reference(topic.as_str()))
        .add_to_role_policy(PolicyStatement::allow(
            ["sns:Publish"],
            [Expr::reference(topic.as_str())],
        ))
        .add_to(template)?;
    rendered.output_arn(template)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    stepfunctions_cdk::cli::run(build)
}
