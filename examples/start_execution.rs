//! Nested workflows with `StepFunctionsStartExecution`: a parent state machine starts a child
//! execution linked to its own (`associate_with_parent`) and waits for it to end (run-a-job,
//! `.sync:2`), then starts another child execution with a task token and waits until the child
//! sends it back (`wait_for_task_token`).
//!
//! The child answers the callback itself, through the AWS SDK integration
//! (`sfn:sendTaskSuccess`); without a token it just passes its input on.
//!
//! `cargo run --example start_execution > template.json`, then
//! `aws cloudformation deploy --template-file template.json --stack-name start-execution --capabilities CAPABILITY_IAM`
//! and start an execution of `StateMachineArn` with the input `{"foo": "bar"}`. In the console,
//! the first child execution shows its parent.

use std::process::ExitCode;
use std::time::Duration;

use stepfunctions_cdk::prelude::*;

/// Adds the child and parent state machines and an output with the parent's ARN.
pub fn build(template: &mut Template) -> Result<Vec<Warning>, Error> {
    // Define a state machine with one Pass state; when it is given a task token, it reports
    // success with it. The token ends a Task state of another execution, whatever its state
    // machine: `sendTaskSuccess` cannot be scoped to a resource, hence `*`.
    let report_back = Task::new(
        "Report Back",
        CallAwsService::new("sfn", "sendTaskSuccess", ["*"]).parameters(Payload::from_object([
            ("TaskToken", JsonPath::string_at("$.token")),
            ("Output", JsonPath::json_to_string(JsonPath::object_at("$.order"))),
        ])),
    );
    let child_definition = Choice::new("Called Back?")
        .when(Condition::is_present("$.token"), report_back)
        .otherwise(Pass::new("PassState"));
    let child = StateMachine::new("ChildStateMachine", child_definition)
        .comment("Passes its input on, or reports success with the task token it is given")
        .add_to(template)?;

    // Start the child and wait for it; the console links its execution to this one.
    let run_child = Task::new(
        "Run Child",
        StepFunctionsStartExecution::new(&child)
            .input(Payload::from_object([("foo", JsonPath::string_at("$.foo"))]))
            .associate_with_parent(true),
    )
    .run_job()
    .result_selector(Payload::from_object([("output", JsonPath::object_at("$.Output"))]))
    .result_path("$.child");

    // Include the state machine in a Task state with callback pattern. An execution name is
    // unique per state machine for 90 days, so it is made from this execution's name (which
    // leaves 71 of the 80 characters a name may have to it: enough for the generated UUIDs).
    let callback = Task::new(
        "ChildTask",
        StepFunctionsStartExecution::new(&child)
            .input(Payload::from_object([
                ("token", JsonPath::task_token()),
                ("foo", "bar".into()),
                ("order", Payload::from_object([("id", JsonPath::execution_name())])),
            ]))
            .name(JsonPath::format("{}-callback", [JsonPath::execution_name().into()])),
    )
    .wait_for_task_token()
    .timeout(Timeout::duration(Duration::from_secs(300)))
    .result_path("$.callback");

    // Define a second state machine with the Task states above
    let mut warnings = child.warnings;
    let parent = StateMachine::new("StateMachine", run_child.next(callback))
        .comment("Starts child executions: waits for one to end, then for one to call back")
        .add_to(template)?;
    warnings.extend(parent.output_arn(template)?);
    Ok(warnings)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    stepfunctions_cdk::cli::run(build)
}
