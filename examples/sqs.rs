//! `SqsSendMessage` to queues defined in the template: the CDK snippets (a body read from the
//! input, then an object body), a delayed message, and an ordered message to a FIFO queue
//! encrypted with a customer managed KMS key (the role gets `kms:GenerateDataKey` and
//! `kms:Decrypt` on it).
//!
//! Each task keeps its input (`result_path`) so the next one can read `$.field2` and the rest;
//! in the snippets the first task's result would replace it.
//!
//! `cargo run --example sqs > template.json`, then
//! `aws cloudformation deploy --template-file template.json --stack-name sqs-send --capabilities CAPABILITY_IAM`
//! and start an execution with the input
//! `{"message": "Hello", "field2": "more data", "order": {"id": "o-1", "customer": "c-9"}}`;
//! `aws sqs receive-message --queue-url <QueueUrl output>` shows the messages.

use std::process::ExitCode;
use std::time::Duration;

use stepfunctions_cdk::prelude::*;

/// A customer managed key that the account's IAM policies may grant (the state machine's role
/// is granted its use by the task).
fn kms_key() -> Resource {
    let account_root = Expr::sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root");
    Resource::new("AWS::KMS::Key")
        .property("Description", "Encrypts the OrdersQueue messages".into())
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

/// Adds the queues, the key, the state machine and outputs.
pub fn build(template: &mut Template) -> Result<Vec<Warning>, Error> {
    let queue = SqsQueue::define("Queue").add_to(template)?;
    let key = template.add_resource("OrdersQueueKey", kms_key())?;
    let orders = SqsQueue::define("OrdersQueue")
        .fifo()
        .encryption_key(Expr::get_att(key.as_str(), "Arn"))
        .add_to(template)?;

    // Seed: use a field from the execution data as message.
    let task1 = Task::new(
        "Send1",
        SqsSendMessage::new(queue.clone(), Payload::from_json_path_at("$.message")),
    )
    .result_path("$.send1");

    // Seed: combine a field from the execution data with a literal object.
    let task2 = Task::new(
        "Send2",
        SqsSendMessage::new(
            queue.clone(),
            Payload::from_object([
                ("field1", "somedata".into()),
                ("field2", JsonPath::string_at("$.field2")),
            ]),
        ),
    )
    .result_path("$.send2");

    // Invisible to consumers for a minute.
    let later = Task::new(
        "Send Later",
        SqsSendMessage::new(
            queue.clone(),
            Payload::from_object([("reminder", JsonPath::string_at("$.message"))]),
        )
        .delay(Duration::from_secs(60)),
    )
    .result_path("$.later");

    // A FIFO queue: ordered per customer, deduplicated by the order id; its key encrypts it.
    let in_order = Task::new(
        "Send In Order",
        SqsSendMessage::new(orders, JsonPath::object_at("$.order"))
            .message_group_id(JsonPath::string_at("$.order.customer"))
            .message_deduplication_id(JsonPath::string_at("$.order.id")),
    )
    .result_selector(Payload::from_object([(
        "message_id",
        JsonPath::string_at("$.MessageId"),
    )]))
    .result_path("$.in_order");

    let definition = Chain::start(task1).next(task2).next(later).next(in_order);
    let rendered = StateMachine::new("StateMachine", definition)
        .comment("Sends SQS messages in every way SqsSendMessage offers")
        .add_to(template)?;
    template.add_output("QueueUrl", Output::new(queue.url().clone()))?;
    template.add_output("OrdersQueueUrl", Output::new(Expr::reference("OrdersQueue")))?;
    rendered.output_arn(template)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    stepfunctions_cdk::cli::run(build)
}
