//! `SnsPublish` to topics defined in the template: the CDK snippets (a message from the input
//! with message attributes of every data type, then an object message), a message per protocol
//! with a subject, an ordered message to a FIFO topic, and a message to a topic encrypted with a
//! customer managed KMS key (the role gets `kms:GenerateDataKey` and `kms:Decrypt` on it).
//!
//! Each task keeps its input (`result_path`) so the next one can read `$.field2` and the rest;
//! in the snippets the first task's result would replace it.
//!
//! `cargo run --example sns > template.json`, then
//! `aws cloudformation deploy --template-file template.json --stack-name sns-publish --capabilities CAPABILITY_IAM`
//! and start an execution with the input
//! `{"state": {"message": "Hello"}, "place": "Seattle", "pic": "aGVsbG8=", "field2": "more data", "order_id": "o-1"}`;
//! subscribe to the topics (outputs `TopicArn`, ...) to see the messages.

use std::process::ExitCode;

use serde_json::json;
use stepfunctions_cdk::prelude::*;

/// A customer managed key that the account's IAM policies may grant (the state machine's role
/// is granted its use by the task).
fn kms_key() -> Resource {
    let account_root = Expr::sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root");
    Resource::new("AWS::KMS::Key")
        .property("Description", "Encrypts the SecretTopic messages".into())
        .property("EnableKeyRotation", Value::Bool(true))
        .property(
            "KeyPolicy",
            Value::map([
                ("Version", "2012-10-17".into()),
                (
                    "Statement",
                    Value::list([Value::map([
                        ("Sid", "AccountIamPoliciesGrantUse".into()),
                        ("Effect", "Allow".into()),
                        ("Principal", Value::map([("AWS", Value::from(account_root))])),
                        ("Action", "kms:*".into()),
                        ("Resource", "*".into()),
                    ])]),
                ),
            ]),
        )
        .removal_policy(DeletionPolicy::Delete)
}

/// Adds the topics, the key, the state machine and outputs.
pub fn build(template: &mut Template) -> Result<Vec<Warning>, Error> {
    let topic = SnsTopic::define("Topic").add_to(template)?;
    let orders = SnsTopic::define("OrdersTopic").fifo().add_to(template)?;
    let key = template.add_resource("SecretTopicKey", kms_key())?;
    let secret = SnsTopic::define("SecretTopic")
        .encryption_key(Expr::get_att(key.as_str(), "Arn"))
        .add_to(template)?;

    // Seed: use a field from the execution data as message, with message attributes.
    let task1 = Task::new(
        "Publish1",
        SnsPublish::new(topic.clone(), Payload::from_json_path_at("$.state.message")).message_attributes([
            ("place", MessageAttribute::string(JsonPath::string_at("$.place"))),
            // BINARY must be explicitly set
            ("pic", MessageAttribute::binary(JsonPath::string_at("$.pic"))),
            ("people", MessageAttribute::number(4)),
            (
                "handles",
                MessageAttribute::string_array([json!("@kslater"), json!("@jjf"), json!(null), json!("@mfanning")]),
            ),
        ]),
    )
    .result_path("$.publish1");

    // Seed: combine a field from the execution data with a literal object.
    let task2 = Task::new(
        "Publish2",
        SnsPublish::new(
            topic.clone(),
            Payload::from_object([
                ("field1", "somedata".into()),
                ("field2", JsonPath::string_at("$.field2")),
            ]),
        ),
    )
    .result_path("$.publish2");

    // One text per protocol (`MessageStructure: json`): email subscribers get the long one.
    let per_protocol = Task::new(
        "Publish Per Protocol",
        SnsPublish::new(
            topic,
            Payload::from_object([
                (
                    "default",
                    JsonPath::format("Hello from {}", [JsonPath::string_at("$.place").into()]),
                ),
                (
                    "email",
                    JsonPath::format(
                        "Hello from {}, sent by Step Functions.",
                        [JsonPath::string_at("$.place").into()],
                    ),
                ),
            ]),
        )
        .message_per_subscription_type(true)
        .subject("Greetings"),
    )
    .result_path("$.per_protocol");

    // A FIFO topic: ordered per group (the place), deduplicated by the order id.
    let in_order = Task::new(
        "Publish In Order",
        SnsPublish::new(orders, Payload::from_json_path_at("$.state.message"))
            .message_group_id(JsonPath::string_at("$.place"))
            .message_deduplication_id(JsonPath::string_at("$.order_id")),
    )
    .result_selector(Payload::from_object([(
        "message_id",
        JsonPath::string_at("$.MessageId"),
    )]))
    .result_path("$.in_order");

    // An encrypted topic.
    let encrypted = Task::new(
        "Publish Encrypted",
        SnsPublish::new(secret, Payload::from_json_path_at("$.state.message")),
    )
    .result_selector(Payload::from_object([(
        "message_id",
        JsonPath::string_at("$.MessageId"),
    )]))
    .result_path("$.encrypted");

    let definition = Chain::start(task1)
        .next(task2)
        .next(per_protocol)
        .next(in_order)
        .next(encrypted);
    let rendered = StateMachine::new("StateMachine", definition)
        .comment("Publishes to SNS topics in every way SnsPublish offers")
        .add_to(template)?;
    for id in ["Topic", "OrdersTopic", "SecretTopic"] {
        template.add_output(&format!("{id}Arn"), Output::new(Expr::reference(id)))?;
    }
    rendered.output_arn(template)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    stepfunctions_cdk::cli::run(build)
}
