//! `bedrock_*`: Amazon Bedrock.

use serde_json::json;
use stepfunctions_cdk::prelude::*;

use super::Build;

pub const CASES: &[(&str, Build)] = &[("bedrock_invoke_model", bedrock_invoke_model)];

/// BedrockInvokeModel with a body (accept, content type, guardrail, trace), then from and to
/// S3 objects.
fn bedrock_invoke_model(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let model = BedrockModel::foundation("amazon.titan-text-express-v1");
    let prompt = Task::new(
        "Prompt Model",
        BedrockInvokeModel::new(
            &model,
            Payload::from_json(json!({
                "inputText": "Generate a list of five first names.",
                "textGenerationConfig": {"maxTokenCount": 100, "temperature": 1}
            })),
        )
        .accept("application/json")
        .content_type("application/json")
        .guardrail(BedrockGuardrail::enable("guardrail1abc", 1))
        .trace(true),
    )
    .result_selector(Payload::from_object([(
        "names",
        JsonPath::string_at("$.Body.results[0].outputText"),
    )]))
    .result_path("$.prompt");
    let from_s3 = Task::new(
        "Prompt From S3",
        BedrockInvokeModel::from_s3(
            &model,
            BedrockS3Location::object("my-input-bucket", "prompts/input.json"),
        )
        .output(BedrockS3Location::object("my-output-bucket", "answers/output.json")),
    );
    Ok(StateMachine::new("StateMachine", prompt.next(from_s3))
        .add_to(t)?
        .warnings)
}
