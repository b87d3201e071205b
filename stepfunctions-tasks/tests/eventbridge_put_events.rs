//! `EventBridgePutEvents` and `EventBus`: defaults, every option, each pattern, every rejection.
//! Each snapshot holds the rendered state with the policy statements it needs.

use cfn_model::{Expr, Template};
use serde_json::json;
use stepfunctions::prelude::*;
use stepfunctions::testing::render_state;
use stepfunctions::Error;
use stepfunctions_tasks::{EventBridgePutEvents, EventBridgePutEventsEntry as Entry, EventBus};

fn hello() -> Payload {
    Payload::from_object([("Message", "Hello from Step Functions!".into())])
}

fn put_error(put: EventBridgePutEvents) -> String {
    match render_state(Task::new("Put", put)).unwrap_err() {
        Error::InvalidTask { reason, .. } => reason,
        other => panic!("expected InvalidTask, got {other:?}"),
    }
}

#[test]
fn default_settings() {
    let task = Task::new(
        "Put",
        EventBridgePutEvents::new([Entry::new(hello(), "MessageFromStepFunctions", "step.functions")]),
    );
    insta::assert_json_snapshot!(render_state(task).unwrap());
}

#[test]
fn optional_settings() {
    let task = Task::new(
        "Put",
        EventBridgePutEvents::new([
            Entry::new(
                Payload::from_json_path_at("$.detail"),
                JsonPath::string_at("$.type"),
                "com.example",
            )
            .event_bus(EventBus::from_name("orders")),
            Entry::new(Payload::from_text(r#"{"state": "done"}"#), "Done", "com.example").event_bus(
                EventBus::from_arn("arn:aws:events:us-east-1:111122223333:event-bus/shared"),
            ),
            Entry::new(hello(), "Hello", JsonPath::string_at("$.source")).event_bus(EventBus::default_bus()),
            // the same bus again: one resource in the statement
            Entry::new(Payload::empty_object(), "Again", "com.example").event_bus(EventBus::from_name("orders")),
        ]),
    )
    .discard_result();
    insta::assert_json_snapshot!(render_state(task).unwrap());
}

#[test]
fn wait_for_task_token() {
    let task = Task::new(
        "Put and wait",
        EventBridgePutEvents::new([Entry::new(
            Payload::from_object([
                ("order", JsonPath::object_at("$.order")),
                ("token", JsonPath::task_token()),
            ]),
            "ApprovalRequested",
            "com.example.orders",
        )]),
    )
    .wait_for_task_token()
    .timeout(Timeout::seconds(3600));
    insta::assert_json_snapshot!(render_state(task).unwrap());
}

#[test]
fn buses_defined_in_the_template() {
    let mut t = Template::new();
    let named = EventBus::define("EventBus")
        .event_bus_name("MyEventBus1")
        .add_to(&mut t)
        .unwrap();
    let generated = EventBus::define("Audit Bus").add_to(&mut t).unwrap();
    let task = Task::new(
        "Put",
        EventBridgePutEvents::new([
            Entry::new(hello(), "A", "com.example").event_bus(named),
            Entry::new(hello(), "B", "com.example").event_bus(generated),
        ]),
    );
    StateMachine::new("StateMachine", task).add_to(&mut t).unwrap();
    let json: serde_json::Value = serde_json::from_str(&t.to_json_compact().unwrap()).unwrap();
    insta::assert_json_snapshot!(json!({
        "Buses": [json["Resources"]["EventBus"], json["Resources"]["AuditBus"]],
        "Entries": json["Resources"]["StateMachine"]["Properties"]["Definition"]["States"]["Put"]["Parameters"]["Entries"],
        "Substitutions": json["Resources"]["StateMachine"]["Properties"]["DefinitionSubstitutions"],
        "Policy": json["Resources"]["StateMachineRoleDefaultPolicy"]["Properties"]["PolicyDocument"],
    }));
}

#[test]
fn fails_when_waiting_for_a_token_not_passed() {
    let e = render_state(
        Task::new(
            "Put",
            EventBridgePutEvents::new([Entry::new(hello(), "A", "com.example")]),
        )
        .wait_for_task_token(),
    )
    .unwrap_err();
    assert!(
        matches!(e, Error::InvalidTask { ref reason, .. } if reason.contains("task token")),
        "{e:?}"
    );
}

#[test]
fn fails_on_no_entry_or_more_than_ten() {
    assert!(put_error(EventBridgePutEvents::new([])).contains("1 to 10 entries (it has 0)"));
    let eleven = (0..11).map(|i| Entry::new(hello(), format!("T{i}"), "com.example"));
    assert!(put_error(EventBridgePutEvents::new(eleven)).contains("(it has 11)"));
}

#[test]
fn fails_on_a_malformed_entry() {
    for (entry, expected) in [
        (Entry::new(hello(), "A", "aws.events"), "starts with `aws.`"),
        (
            Entry::new(Payload::from_text("not json"), "A", "com.example"),
            "JSON object",
        ),
        (Entry::new(Payload::from_text("[1]"), "A", "com.example"), "JSON object"),
        (Entry::new(Payload::from(3), "A", "com.example"), "JSON object"),
        (Entry::new(hello(), "", "com.example"), "detail type is empty"),
        (Entry::new(hello(), "A", ""), "source is empty"),
        (Entry::new(hello(), true, "com.example"), "detail type must be text"),
    ] {
        let r = put_error(EventBridgePutEvents::new([
            Entry::new(hello(), "Ok", "com.example"),
            entry,
        ]));
        assert!(r.starts_with("Entries[1]") && r.contains(expected), "{r}");
    }
    // a CloudFormation value is known at deploy time only
    let dynamic = Entry::new(Payload::from_text(Expr::reference("Detail")), "A", "com.example");
    assert!(render_state(Task::new("Put", EventBridgePutEvents::new([dynamic]))).is_ok());
}

#[test]
fn fails_to_define_a_bus_with_a_malformed_name() {
    let mut t = Template::new();
    for name in ["default", "has space", ""] {
        assert!(
            EventBus::define("Bus").event_bus_name(name).add_to(&mut t).is_err(),
            "{name}"
        );
    }
}
