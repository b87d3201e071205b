//! `BedrockInvokeModel`: a body, S3 input and output (fixed and from the input), guardrails by
//! id and ARN, every rejection. Each snapshot holds the rendered state with its policy.

use cfn_model::Expr;
use serde_json::json;
use stepfunctions::prelude::*;
use stepfunctions::testing::render_state;
use stepfunctions_tasks::{BedrockGuardrail, BedrockInvokeModel, BedrockModel, BedrockS3Location};

mod common;
use common::reason_at;

fn titan() -> BedrockModel {
    BedrockModel::foundation("amazon.titan-text-express-v1")
}

fn body() -> Payload {
    Payload::from_json(
        json!({"inputText": "Generate a list of five first names.", "textGenerationConfig": {"maxTokenCount": 100}}),
    )
}

fn rejected(task: BedrockInvokeModel) -> String {
    reason_at("Task", render_state(Task::new("Task", task)).unwrap_err())
}

#[test]
fn body_with_every_option() {
    let task = BedrockInvokeModel::new(&titan(), body())
        .accept("application/json")
        .content_type("application/json")
        .guardrail(BedrockGuardrail::enable("guardrail1abc", 1))
        .trace(true);
    let r = render_state(Task::new("Task", task)).unwrap();
    let p = &r["States"]["Task"]["Parameters"];
    assert_eq!(r["States"]["Task"]["Resource"], "${StatesBedrockInvokeModel}");
    assert_eq!(p["GuardrailVersion"], "1");
    assert_eq!(p["Trace"], "ENABLED");
    insta::assert_json_snapshot!(r);
}

#[test]
fn s3_objects_grant_exactly_those_objects() {
    let task = BedrockInvokeModel::from_s3(
        &titan(),
        BedrockS3Location::object("my-input-bucket", "prompts/input.json"),
    )
    .output(BedrockS3Location::object("my-output-bucket", "answers/output.json"));
    let r = render_state(Task::new("Task", task)).unwrap();
    let p = &r["States"]["Task"]["Parameters"];
    assert_eq!(p["Input"], json!({"S3Uri": "s3://my-input-bucket/prompts/input.json"}));
    assert_eq!(
        p["Output"],
        json!({"S3Uri": "s3://my-output-bucket/answers/output.json"})
    );
    assert!(p.get("Body").is_none());
    insta::assert_json_snapshot!(r);
}

#[test]
fn uris_from_the_input_grant_the_named_buckets_objects() {
    let task = BedrockInvokeModel::from_s3(
        &titan(),
        BedrockS3Location::uri(JsonPath::string_at("$.promptUri"), Expr::reference("Prompts")),
    )
    .output(BedrockS3Location::uri(JsonPath::string_at("$.answerUri"), "answers"));
    let r = render_state(Task::new("Task", task)).unwrap();
    assert_eq!(
        r["States"]["Task"]["Parameters"]["Input"],
        json!({"S3Uri.$": "$.promptUri"})
    );
    insta::assert_json_snapshot!(r["PolicyStatements"]);
}

#[test]
fn a_guardrail_arn_and_a_custom_model_arn_are_granted_as_given() {
    let model = BedrockModel::from_arn("arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123");
    let arn = "arn:aws:bedrock:us-east-1:123456789012:guardrail/guardrail1abc";
    let task = BedrockInvokeModel::new(&model, body()).guardrail(BedrockGuardrail::enable_draft(arn));
    let r = render_state(Task::new("Task", task)).unwrap();
    let p = &r["States"]["Task"]["Parameters"];
    assert_eq!(p["GuardrailVersion"], "DRAFT");
    assert_eq!(p["ModelId"], model.arn().as_literal().unwrap());
    let actions: Vec<_> = r["PolicyStatements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["Action"].clone(), s["Resource"].clone()))
        .collect();
    assert!(
        actions.contains(&(json!("bedrock:ApplyGuardrail"), json!(arn))),
        "{actions:?}"
    );
    assert!(actions.contains(&(json!("bedrock:InvokeModel"), json!(model.arn().as_literal().unwrap()))));
}

#[test]
fn a_template_guardrail_is_granted_by_arn_or_by_id() {
    let by_arn = BedrockInvokeModel::new(&titan(), body())
        .guardrail(BedrockGuardrail::enable(Expr::get_att("Guardrail", "GuardrailArn"), 2))
        .trace(false);
    let r = render_state(Task::new("Task", by_arn)).unwrap();
    assert_eq!(r["States"]["Task"]["Parameters"]["Trace"], "DISABLED");
    let by_id = BedrockInvokeModel::new(&titan(), body())
        .guardrail(BedrockGuardrail::enable(Expr::get_att("Guardrail", "GuardrailId"), 2));
    let s = render_state(Task::new("Task", by_id)).unwrap();
    insta::assert_json_snapshot!([&r["PolicyStatements"], &s["PolicyStatements"]]);
}

#[test]
fn rejects_a_guardrail_version_out_of_range() {
    for v in [0, 100_000_000] {
        let e = rejected(BedrockInvokeModel::new(&titan(), body()).guardrail(BedrockGuardrail::enable("g1", v)));
        assert!(e.contains("not 1 to 99999999"), "{e}");
    }
}

#[test]
fn rejects_a_malformed_guardrail_identifier() {
    for id in [
        "Guardrail-1",
        "",
        "arn:aws:bedrock:us-east-1:123456789012:agent/abc",
        "arn:aws:s3:::bucket/guardrail/abc",
    ] {
        let e = rejected(BedrockInvokeModel::new(&titan(), body()).guardrail(BedrockGuardrail::enable_draft(id)));
        assert!(e.contains("is not a guardrail id"), "{id}: {e}");
    }
}

#[test]
fn rejects_a_malformed_model() {
    let e = rejected(BedrockInvokeModel::new(&BedrockModel::foundation(""), body()));
    assert!(e.contains("is not a foundation model id"), "{e}");
    let e = rejected(BedrockInvokeModel::new(
        &BedrockModel::foundation("arn:aws:bedrock:us-east-1::foundation-model/x"),
        body(),
    ));
    assert!(e.contains("BedrockModel::from_arn"), "{e}");
    let e = rejected(BedrockInvokeModel::new(
        &BedrockModel::from_arn("arn:aws:s3:::bucket"),
        body(),
    ));
    assert!(e.contains("is not a Bedrock model ARN"), "{e}");
}

#[test]
fn rejects_malformed_s3_locations() {
    let e = rejected(BedrockInvokeModel::from_s3(
        &titan(),
        BedrockS3Location::object("My_Bucket", "k"),
    ));
    assert!(e.contains("is not an S3 bucket name"), "{e}");
    let e = rejected(BedrockInvokeModel::from_s3(
        &titan(),
        BedrockS3Location::object("bucket", ""),
    ));
    assert!(e.contains("object key"), "{e}");
    let e = rejected(
        BedrockInvokeModel::new(&titan(), body()).output(BedrockS3Location::uri("https://example.com/x", "bucket")),
    );
    assert!(e.contains("is not an `s3://<bucket>/<key>` URI"), "{e}");
    let e =
        rejected(BedrockInvokeModel::new(&titan(), body()).output(BedrockS3Location::uri("s3://other/x", "bucket")));
    assert!(e.contains("not in the bucket `bucket`"), "{e}");
}

#[test]
fn field_of_each_rejection() {
    let e = render_state(Task::new(
        "Task",
        BedrockInvokeModel::from_s3(&titan(), BedrockS3Location::object("b", "k")),
    ))
    .unwrap_err();
    assert!(e.to_string().contains("Input.S3Uri"), "{e}");
}
