//! `StepFunctionsStartExecution`: defaults, every option, every pattern, every rejection. Each
//! snapshot holds the rendered state with the policy statements it needs.

use cfn_model::{Expr, Template};
use stepfunctions::prelude::*;
use stepfunctions::testing::render_state;
use stepfunctions::Error;
use stepfunctions_tasks::{StateMachineRef, StepFunctionsStartExecution};

fn child() -> StateMachineRef {
    StateMachineRef::from_arn("arn:aws:states:us-east-1:123456789012:stateMachine:Child")
}

fn reason(e: &Error) -> &str {
    match e {
        Error::InvalidTask { reason, .. } => reason,
        other => panic!("not an InvalidTask: {other:?}"),
    }
}

#[test]
fn default_settings() {
    let r = render_state(Task::new("Start", StepFunctionsStartExecution::new(child()))).unwrap();
    insta::assert_json_snapshot!(r);
}

#[test]
fn optional_settings() {
    let task = Task::new(
        "Start",
        StepFunctionsStartExecution::new(StateMachineRef::from_arn(Expr::reference("ChildArn")))
            .input(Payload::from_object([
                ("order", JsonPath::string_at("$.order")),
                ("static", 1.into()),
            ]))
            .name(JsonPath::format("order-{}", [JsonPath::string_at("$.order.id").into()]))
            .associate_with_parent(true),
    )
    .comment("all options")
    .result_path("$.child")
    .timeout(Timeout::seconds(600));
    insta::assert_json_snapshot!(render_state(task).unwrap());
}

#[test]
fn run_job() {
    let task = Task::new(
        "Start and wait",
        StepFunctionsStartExecution::new(child()).name("MyExecutionName"),
    )
    .run_job();
    insta::assert_json_snapshot!(render_state(task).unwrap());
}

#[test]
fn run_job_on_a_state_machine_of_the_same_template() {
    let mut t = Template::new();
    let child = StateMachine::new("ChildStateMachine", Pass::new("PassState"))
        .add_to(&mut t)
        .unwrap();
    let task = Task::new("Start and wait", StepFunctionsStartExecution::new(&child)).run_job();
    let r = render_state(task).unwrap();
    insta::assert_json_snapshot!(r);
}

#[test]
fn run_job_on_an_alias_grants_the_state_machine() {
    let alias = StateMachineRef::from_arn("arn:aws:states:eu-west-1:111122223333:stateMachine:Child:PROD");
    let r = render_state(Task::new("Start", StepFunctionsStartExecution::new(alias)).run_job()).unwrap();
    assert_eq!(
        r["States"]["Start"]["Parameters"]["StateMachineArn"],
        "arn:aws:states:eu-west-1:111122223333:stateMachine:Child:PROD"
    );
    assert_eq!(
        r["PolicyStatements"][0]["Resource"],
        "arn:aws:states:eu-west-1:111122223333:stateMachine:Child"
    );
    assert_eq!(
        r["PolicyStatements"][1]["Resource"],
        "arn:aws:states:eu-west-1:111122223333:execution:Child:*"
    );
}

#[test]
fn wait_for_task_token() {
    let task = Task::new(
        "ChildTask",
        StepFunctionsStartExecution::new(child())
            .input(Payload::from_object([
                ("token", JsonPath::task_token()),
                ("foo", "bar".into()),
            ]))
            .name("MyExecutionName"),
    )
    .wait_for_task_token();
    insta::assert_json_snapshot!(render_state(task).unwrap());
}

#[test]
fn associate_with_parent_without_input_sends_only_the_execution_id() {
    let task = Task::new(
        "ChildTask",
        StepFunctionsStartExecution::new(child()).associate_with_parent(true),
    );
    let r = render_state(task).unwrap();
    assert_eq!(
        r["States"]["ChildTask"]["Parameters"]["Input"],
        serde_json::json!({"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$": "$$.Execution.Id"})
    );
}

#[test]
fn associate_with_parent_adds_the_execution_id_to_an_object_input() {
    let task = Task::new(
        "ChildTask",
        StepFunctionsStartExecution::new(child())
            .input(Payload::from_object([("foo", "bar".into())]))
            .associate_with_parent(true),
    );
    let r = render_state(task).unwrap();
    assert_eq!(
        r["States"]["ChildTask"]["Parameters"]["Input"],
        serde_json::json!({"foo": "bar", "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$": "$$.Execution.Id"})
    );
}

#[test]
fn fails_to_associate_with_parent_when_the_input_is_not_an_object() {
    let e = render_state(Task::new(
        "ChildTask",
        StepFunctionsStartExecution::new(child())
            .input(Payload::from_json_path_at("$.input"))
            .associate_with_parent(true),
    ))
    .unwrap_err();
    assert!(reason(&e).contains("must then be an object"), "{e}");
}

#[test]
fn fails_when_waiting_for_a_token_not_passed() {
    let e = render_state(Task::new("ChildTask", StepFunctionsStartExecution::new(child())).wait_for_task_token())
        .unwrap_err();
    assert!(reason(&e).contains("task token"), "{e}");
}

#[test]
fn fails_on_an_invalid_execution_name() {
    for name in ["has space", "a:b", ""] {
        let e = render_state(Task::new("Start", StepFunctionsStartExecution::new(child()).name(name))).unwrap_err();
        assert!(reason(&e).contains("execution name"), "{e}");
    }
    let e = render_state(Task::new(
        "Start",
        StepFunctionsStartExecution::new(child()).name("x".repeat(81)),
    ))
    .unwrap_err();
    assert!(reason(&e).contains("1 to 80"), "{e}");
    let e = render_state(Task::new("Start", StepFunctionsStartExecution::new(child()).name(42))).unwrap_err();
    assert!(reason(&e).contains("must be a string"), "{e}");
}

#[test]
fn fails_on_a_literal_arn_that_is_not_a_state_machine() {
    let e = render_state(Task::new(
        "Start",
        StepFunctionsStartExecution::new(StateMachineRef::from_arn(
            "arn:aws:states:us-east-1:123456789012:activity:Work",
        )),
    ))
    .unwrap_err();
    assert!(reason(&e).contains("not a state machine ARN"), "{e}");
}

#[test]
fn fails_on_a_string_input_that_is_not_json() {
    let e = render_state(Task::new(
        "Start",
        StepFunctionsStartExecution::new(child()).input(Payload::from_text("not json")),
    ))
    .unwrap_err();
    assert!(reason(&e).contains("not JSON text"), "{e}");
    // JSON text is fine.
    render_state(Task::new(
        "Start",
        StepFunctionsStartExecution::new(child()).input(Payload::from_text(r#"{"a": 1}"#)),
    ))
    .unwrap();
}
