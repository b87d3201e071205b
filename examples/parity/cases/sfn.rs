//! `sfn_start_execution_*`: starting another state machine's execution.

use stepfunctions_cdk::prelude::*;

use super::Build;

pub const CASES: &[(&str, Build)] = &[
    (
        "sfn_start_execution_associate_with_parent",
        sfn_start_execution_associate_with_parent,
    ),
    (
        "sfn_start_execution_wait_for_task_token",
        sfn_start_execution_wait_for_task_token,
    ),
];

/// Seed: Step Functions / Start Execution with associateWithParent. `child: sfn.StateMachine` is
/// pre-existing: imported by ARN.
fn sfn_start_execution_associate_with_parent(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let child = StateMachineRef::from_arn("arn:aws:states:us-east-1:123456789012:stateMachine:Child");
    let task = Task::new(
        "ChildTask",
        StepFunctionsStartExecution::new(child).associate_with_parent(true),
    );
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}

/// Seed: Step Functions / Start Execution (child state machine, callback pattern, parent machine).
fn sfn_start_execution_wait_for_task_token(t: &mut Template) -> Result<Vec<Warning>, Error> {
    // Define a state machine with one Pass state
    let child = StateMachine::new("ChildStateMachine", Chain::start(Pass::new("PassState"))).add_to(t)?;
    // Include the state machine in a Task state with callback pattern
    let task = Task::new(
        "ChildTask",
        StepFunctionsStartExecution::new(&child)
            .input(Payload::from_object([
                ("token", JsonPath::task_token()),
                ("foo", "bar".into()),
            ]))
            .name("MyExecutionName"),
    )
    .wait_for_task_token();
    // Define a second state machine with the Task state above
    let mut warnings = child.warnings;
    warnings.extend(StateMachine::new("ParentStateMachine", task).add_to(t)?.warnings);
    Ok(warnings)
}
