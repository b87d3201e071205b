//! `SqsSendMessage` and `SqsQueue`: defaults, every option, each pattern, every rejection. Each
//! snapshot holds the rendered state with the policy statements it needs.

use std::time::Duration;

use cfn_model::{Expr, Template};
use serde_json::json;
use stepfunctions::prelude::*;
use stepfunctions::testing::render_state;
use stepfunctions::Error;
use stepfunctions_tasks::{SqsQueue, SqsSendMessage};

const KEY_ARN: &str = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

fn queue() -> SqsQueue {
    SqsQueue::from_arn("arn:aws:sqs:us-east-1:123456789012:jobs")
}

fn fifo_queue() -> SqsQueue {
    SqsQueue::from_arn("arn:aws:sqs:us-east-1:123456789012:jobs.fifo")
}

fn send_error(send: SqsSendMessage) -> String {
    match render_state(Task::new("Send", send)).unwrap_err() {
        Error::InvalidTask { reason, .. } => reason,
        other => panic!("expected InvalidTask, got {other:?}"),
    }
}

#[test]
fn default_settings() {
    let task = Task::new(
        "Send",
        SqsSendMessage::new(queue(), Payload::from_json_path_at("$.message")),
    );
    insta::assert_json_snapshot!(render_state(task).unwrap());
}

#[test]
fn optional_settings() {
    let task = Task::new(
        "Send",
        SqsSendMessage::new(
            SqsQueue::from_arn(Expr::reference("QueueArn")),
            Payload::from_object([
                ("field1", "somedata".into()),
                ("field2", JsonPath::string_at("$.field2")),
            ]),
        )
        .delay(Duration::from_secs(900))
        .message_group_id(JsonPath::string_at("$.group")),
    )
    .result_selector(Payload::from_object([("id", JsonPath::string_at("$.MessageId"))]))
    .timeout(Timeout::seconds(30));
    insta::assert_json_snapshot!(render_state(task).unwrap());
}

#[test]
fn wait_for_task_token() {
    let task = Task::new(
        "Send and wait",
        SqsSendMessage::new(
            queue(),
            Payload::from_object([
                ("Input", JsonPath::entire_payload()),
                ("TaskToken", JsonPath::task_token()),
            ]),
        ),
    )
    .wait_for_task_token()
    .heartbeat(Timeout::seconds(600));
    insta::assert_json_snapshot!(render_state(task).unwrap());
}

#[test]
fn fifo_queue_with_group_and_deduplication_ids() {
    let task = Task::new(
        "Send",
        SqsSendMessage::new(fifo_queue(), Payload::from_text("created"))
            .message_group_id("orders")
            .message_deduplication_id(JsonPath::execution_name()),
    );
    insta::assert_json_snapshot!(render_state(task).unwrap());
}

/// The SQS developer guide: a producer to an encrypted queue needs `kms:GenerateDataKey` and
/// `kms:Decrypt` on the key (CDK grants `kms:GenerateDataKey*`, broader).
#[test]
fn encrypted_queue_grants_the_key() {
    let task = Task::new(
        "Send",
        SqsSendMessage::new(queue().encryption_key(KEY_ARN), Payload::from_text("secret")),
    );
    let r = render_state(task).unwrap();
    assert_eq!(
        r["PolicyStatements"],
        json!([
            {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:123456789012:jobs"},
            {"Effect": "Allow", "Action": ["kms:GenerateDataKey", "kms:Decrypt"], "Resource": KEY_ARN},
        ])
    );
}

#[test]
fn queue_urls_are_derived_from_arns() {
    assert_eq!(
        SqsQueue::from_arn("arn:aws-cn:sqs:cn-north-1:123456789012:jobs")
            .url()
            .as_literal(),
        Some("https://sqs.cn-north-1.amazonaws.com.cn/123456789012/jobs")
    );
    assert_eq!(
        SqsQueue::from_arn(Expr::reference("QueueArn")).url().to_string(),
        r#"https://sqs.{"Fn::Select":[3,{"Fn::Split":[":",{"Ref":"QueueArn"}]}]}.${AWS::URLSuffix}/{"Fn::Select":[4,{"Fn::Split":[":",{"Ref":"QueueArn"}]}]}/{"Fn::Select":[5,{"Fn::Split":[":",{"Ref":"QueueArn"}]}]}"#
    );
    assert!(fifo_queue().is_fifo() && !queue().is_fifo());
}

#[test]
fn queues_defined_in_the_template() {
    let mut t = Template::new();
    let plain = SqsQueue::define("Queue").add_to(&mut t).unwrap();
    let named = SqsQueue::define("Jobs")
        .queue_name("jobs.fifo")
        .fifo()
        .add_to(&mut t)
        .unwrap();
    let encrypted = SqsQueue::define("Secrets")
        .content_based_deduplication()
        .encryption_key(Expr::get_att("Key", "Arn"))
        .add_to(&mut t)
        .unwrap();
    let chain = Task::new("Plain", SqsSendMessage::new(plain, Payload::from_text("a")))
        .next(Task::new(
            "Named",
            SqsSendMessage::new(named, Payload::from_text("b"))
                .message_group_id("g")
                .message_deduplication_id("d"),
        ))
        .next(Task::new(
            "Encrypted",
            SqsSendMessage::new(encrypted, Payload::from_text("c")).message_group_id("g"),
        ));
    StateMachine::new("StateMachine", chain).add_to(&mut t).unwrap();
    let json: serde_json::Value = serde_json::from_str(&t.to_json_compact().unwrap()).unwrap();
    insta::assert_json_snapshot!(json!({
        "Queues": [json["Resources"]["Queue"], json["Resources"]["Jobs"], json["Resources"]["Secrets"]],
        "Substitutions": json["Resources"]["StateMachine"]["Properties"]["DefinitionSubstitutions"],
        "Policy": json["Resources"]["StateMachineRoleDefaultPolicy"]["Properties"]["PolicyDocument"],
    }));
}

#[test]
fn fails_when_waiting_for_a_token_not_passed() {
    let e =
        render_state(Task::new("Send", SqsSendMessage::new(queue(), Payload::from_text("x"))).wait_for_task_token())
            .unwrap_err();
    assert!(
        matches!(e, Error::InvalidTask { ref reason, .. } if reason.contains("task token")),
        "{e:?}"
    );
}

#[test]
fn fails_on_a_delay_out_of_range_or_on_a_fifo_queue() {
    for delay in [Duration::from_secs(901), Duration::from_millis(1500)] {
        let r = send_error(SqsSendMessage::new(queue(), Payload::from_text("x")).delay(delay));
        assert!(r.contains("whole seconds from 0 to 900"), "{r}");
    }
    let r = send_error(
        SqsSendMessage::new(fifo_queue(), Payload::from_text("x"))
            .delay(Duration::from_secs(5))
            .message_group_id("g")
            .message_deduplication_id("d"),
    );
    assert!(r.contains("per-message delay"), "{r}");
}

#[test]
fn fails_on_fifo_messages_without_their_ids() {
    assert!(send_error(SqsSendMessage::new(fifo_queue(), Payload::from_text("x"))).contains("message group id"));
    assert!(
        send_error(SqsSendMessage::new(fifo_queue(), Payload::from_text("x")).message_group_id("g"))
            .contains("deduplication id")
    );
    let cbd = fifo_queue().content_based_deduplication();
    assert!(render_state(Task::new(
        "S",
        SqsSendMessage::new(cbd, Payload::from_text("x")).message_group_id("g")
    ))
    .is_ok());
    for id in ["", "tab\there", &"x".repeat(129)] {
        let r = send_error(
            SqsSendMessage::new(fifo_queue(), Payload::from_text("x"))
                .message_group_id("g")
                .message_deduplication_id(id),
        );
        assert!(r.contains("MessageDeduplicationId"), "{r}");
    }
}

#[test]
fn fails_on_an_empty_body_or_a_key_that_is_not_a_key_arn() {
    assert!(send_error(SqsSendMessage::new(queue(), Payload::from_text(""))).contains("empty"));
    let r = send_error(SqsSendMessage::new(
        queue().encryption_key("alias/aws/sqs"),
        Payload::from_text("x"),
    ));
    assert!(r.contains("KMS key ARN"), "{r}");
}

#[test]
fn fails_to_define_a_queue_with_a_malformed_name() {
    let mut t = Template::new();
    for (definition, expected) in [
        (SqsQueue::define("A").queue_name("has space"), "letters, digits"),
        (SqsQueue::define("B").queue_name("x".repeat(81)), "1 to 80"),
        (SqsQueue::define("C").queue_name("plain.fifo"), "`.fifo`"),
        (SqsQueue::define("D").fifo().queue_name("jobs"), "`.fifo`"),
        (SqsQueue::define("E").encryption_key("alias/mine"), "KMS key ARN"),
    ] {
        let e = definition.add_to(&mut t).unwrap_err();
        assert!(e.to_string().contains(expected), "{e}");
    }
}
