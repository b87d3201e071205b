//! `SnsPublish`, `SnsTopic` and `MessageAttribute`: defaults, every option, each pattern, every
//! rejection. Each snapshot holds the rendered state with the policy statements it needs.

use cfn_model::{Expr, Template};
use serde_json::json;
use stepfunctions::prelude::*;
use stepfunctions::testing::render_state;
use stepfunctions_tasks::{MessageAttribute, MessageAttributeDataType, SnsPublish, SnsTopic};

mod common;
use common::reason;

const KEY_ARN: &str = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

fn topic() -> SnsTopic {
    SnsTopic::from_arn("arn:aws:sns:us-east-1:123456789012:alerts")
}

fn fifo_topic() -> SnsTopic {
    SnsTopic::from_arn("arn:aws:sns:us-east-1:123456789012:orders.fifo")
}

fn publish_error(publish: SnsPublish) -> String {
    reason(render_state(Task::new("Publish", publish)).unwrap_err())
}

#[test]
fn default_settings() {
    let task = Task::new("Publish", SnsPublish::new(topic(), Payload::from_text("Hello")));
    insta::assert_json_snapshot!(render_state(task).unwrap());
}

#[test]
fn optional_settings() {
    let task = Task::new(
        "Publish",
        SnsPublish::new(topic(), Payload::from_json_path_at("$.state.message"))
            .message_attributes([
                ("place", MessageAttribute::string(JsonPath::string_at("$.place"))),
                ("pic", MessageAttribute::binary(JsonPath::string_at("$.pic"))),
                ("people", MessageAttribute::number(4)),
                (
                    "handles",
                    MessageAttribute::string_array([json!("@kslater"), json!("@jjf"), json!(null), json!("@mfanning")]),
                ),
            ])
            .message_attribute("ratio", MessageAttribute::number(2.5))
            .message_attribute("stage", MessageAttribute::string(Expr::reference("Stage")))
            .message_attribute(
                "tags",
                MessageAttribute::new(
                    MessageAttributeDataType::StringArray,
                    JsonPath::json_to_string(JsonPath::list_at("$.tags")),
                ),
            )
            .message_attribute("logo", MessageAttribute::binary("aGVsbG8="))
            .subject(JsonPath::string_at("$.subject")),
    )
    .result_selector(Payload::from_object([("id", JsonPath::string_at("$.MessageId"))]))
    .result_path("$.published");
    insta::assert_json_snapshot!(render_state(task).unwrap());
}

#[test]
fn message_per_subscription_type() {
    let task = Task::new(
        "Publish",
        SnsPublish::new(
            topic(),
            Payload::from_object([("default", JsonPath::string_at("$.text")), ("sms", "Shipped!".into())]),
        )
        .message_per_subscription_type(true)
        .subject("Order shipped"),
    );
    insta::assert_json_snapshot!(render_state(task).unwrap());
}

#[test]
fn wait_for_task_token() {
    let task = Task::new(
        "Publish and wait",
        SnsPublish::new(
            topic(),
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
fn fifo_topic_with_group_and_deduplication_ids() {
    let task = Task::new(
        "Publish",
        SnsPublish::new(fifo_topic(), Payload::from_text("created"))
            .message_group_id(JsonPath::string_at("$.customer"))
            .message_deduplication_id(JsonPath::execution_name()),
    );
    insta::assert_json_snapshot!(render_state(task).unwrap());
}

/// The SNS developer guide: a publisher to an encrypted topic needs `kms:GenerateDataKey` and
/// `kms:Decrypt` on the key (CDK grants none: KNOWN-CDK-DEFECTS.md).
#[test]
fn encrypted_topic_grants_the_key() {
    let task = Task::new(
        "Publish",
        SnsPublish::new(topic().encryption_key(KEY_ARN), Payload::from_text("secret")),
    );
    let r = render_state(task).unwrap();
    assert_eq!(
        r["PolicyStatements"],
        json!([
            {"Effect": "Allow", "Action": "sns:Publish", "Resource": "arn:aws:sns:us-east-1:123456789012:alerts"},
            {"Effect": "Allow", "Action": ["kms:GenerateDataKey", "kms:Decrypt"], "Resource": KEY_ARN},
        ])
    );
}

#[test]
fn topics_defined_in_the_template() {
    let mut t = Template::new();
    let plain = SnsTopic::define("Topic").display_name("Alerts").add_to(&mut t).unwrap();
    let named = SnsTopic::define("Named Orders")
        .topic_name("orders.fifo")
        .fifo()
        .add_to(&mut t)
        .unwrap();
    let generated = SnsTopic::define("Events")
        .content_based_deduplication()
        .encryption_key(Expr::get_att("Key", "Arn"))
        .add_to(&mut t)
        .unwrap();
    assert!(!plain.is_fifo() && named.is_fifo() && generated.is_fifo());
    let chain = Task::new("Plain", SnsPublish::new(plain, Payload::from_text("a")))
        .next(Task::new(
            "Named",
            SnsPublish::new(named, Payload::from_text("b"))
                .message_group_id("g")
                .message_deduplication_id("d"),
        ))
        .next(Task::new(
            "Generated",
            SnsPublish::new(generated, Payload::from_text("c")).message_group_id("g"),
        ));
    StateMachine::new("StateMachine", chain).add_to(&mut t).unwrap();
    let json: serde_json::Value = serde_json::from_str(&t.to_json_compact().unwrap()).unwrap();
    insta::assert_json_snapshot!(json!({
        "Topics": [json["Resources"]["Topic"], json["Resources"]["NamedOrders"], json["Resources"]["Events"]],
        "Substitutions": json["Resources"]["StateMachine"]["Properties"]["DefinitionSubstitutions"],
        "Policy": json["Resources"]["StateMachineRoleDefaultPolicy"]["Properties"]["PolicyDocument"],
    }));
}

#[test]
fn fails_when_waiting_for_a_token_not_passed() {
    let e = render_state(Task::new("Publish", SnsPublish::new(topic(), Payload::from_text("x"))).wait_for_task_token())
        .unwrap_err();
    assert!(reason(e).contains("task token"));
}

#[test]
fn fails_on_fifo_messages_without_their_ids() {
    assert!(publish_error(SnsPublish::new(fifo_topic(), Payload::from_text("x"))).contains("message group id"));
    assert!(
        publish_error(SnsPublish::new(fifo_topic(), Payload::from_text("x")).message_group_id("g"))
            .contains("deduplication id")
    );
    // content-based deduplication needs no deduplication id
    let cbd = SnsTopic::from_arn(Expr::reference("TopicArn")).content_based_deduplication();
    assert!(render_state(Task::new(
        "P",
        SnsPublish::new(cbd, Payload::from_text("x")).message_group_id("g")
    ))
    .is_ok());
    // a topic known as FIFO only by the user's word
    let marked = SnsTopic::from_arn(Expr::reference("TopicArn")).fifo();
    assert!(publish_error(SnsPublish::new(marked, Payload::from_text("x"))).contains("message group id"));
}

#[test]
fn fails_on_malformed_fifo_ids() {
    for id in ["", "has space", &"x".repeat(129)] {
        let r = publish_error(
            SnsPublish::new(fifo_topic(), Payload::from_text("x"))
                .message_group_id(id)
                .message_deduplication_id("d"),
        );
        assert!(r.contains("MessageGroupId"), "{r}");
    }
    let r = publish_error(
        SnsPublish::new(fifo_topic(), Payload::from_text("x"))
            .message_group_id("g")
            .message_deduplication_id(7),
    );
    assert!(r.contains("MessageDeduplicationId"), "{r}");
}

#[test]
fn fails_on_malformed_attribute_names() {
    for name in [
        "",
        ".lead",
        "trail.",
        "two..dots",
        "AWS.reserved",
        "amazon.reserved",
        "spa ce",
        &"a".repeat(257),
    ] {
        let r = publish_error(
            SnsPublish::new(topic(), Payload::from_text("x")).message_attribute(name, MessageAttribute::string("v")),
        );
        assert!(r.contains("message attribute name"), "{name}: {r}");
    }
}

#[test]
fn fails_on_malformed_attribute_values() {
    for (attribute, expected) in [
        (MessageAttribute::string(""), "not a valid String"),
        (MessageAttribute::number("four"), "not a valid Number"),
        (MessageAttribute::number(f64::NAN), "must be text"),
        (MessageAttribute::binary("not base64!"), "not a valid Binary"),
        (
            MessageAttribute::string_array([json!({"nested": true})]),
            "not a valid String.Array",
        ),
        (
            MessageAttribute::new(MessageAttributeDataType::StringArray, "[1,"),
            "not a valid String.Array",
        ),
        (MessageAttribute::string(true), "must be text"),
    ] {
        let r = publish_error(SnsPublish::new(topic(), Payload::from_text("x")).message_attribute("a", attribute));
        assert!(r.contains(expected), "{r}");
    }
}

#[test]
fn fails_on_a_per_type_message_without_default() {
    let object = Payload::from_object([("sms", "hi".into())]);
    assert!(publish_error(SnsPublish::new(topic(), object).message_per_subscription_type(true)).contains("`default`"));
    let text = Payload::from_text(r#"{"default": 1}"#);
    assert!(publish_error(SnsPublish::new(topic(), text).message_per_subscription_type(true)).contains("`default`"));
    let ok = Payload::from_text(r#"{"default": "hi", "email": "Hello"}"#);
    assert!(render_state(Task::new(
        "P",
        SnsPublish::new(topic(), ok).message_per_subscription_type(true)
    ))
    .is_ok());
}

#[test]
fn fails_on_a_malformed_subject_or_message() {
    for subject in ["", "line\nbreak", &"s".repeat(101)] {
        let r = publish_error(SnsPublish::new(topic(), Payload::from_text("x")).subject(subject));
        assert!(r.contains("subject"), "{r}");
    }
    assert!(publish_error(SnsPublish::new(topic(), Payload::from_text("x")).subject(3)).contains("subject"));
    assert!(publish_error(SnsPublish::new(topic(), Payload::from_text(""))).contains("empty"));
}

#[test]
fn fails_on_a_key_that_is_not_a_key_arn() {
    let r = publish_error(SnsPublish::new(
        topic().encryption_key("alias/aws/sns"),
        Payload::from_text("x"),
    ));
    assert!(r.contains("KMS key ARN"), "{r}");
}

#[test]
fn fails_to_define_a_topic_with_a_malformed_name() {
    let mut t = Template::new();
    for (definition, expected) in [
        (SnsTopic::define("A").topic_name("has space"), "letters, digits"),
        (SnsTopic::define("C").topic_name("plain.fifo"), "`.fifo`"),
        (SnsTopic::define("D").fifo().topic_name("orders"), "`.fifo`"),
        (SnsTopic::define("E").encryption_key("alias/mine"), "KMS key ARN"),
    ] {
        let e = definition.add_to(&mut t).unwrap_err();
        assert!(e.to_string().contains(expected), "{e}");
    }
}
