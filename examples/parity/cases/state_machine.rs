//! `sm_*`: state machine options.

use stepfunctions_cdk::prelude::*;

use super::Build;

pub const CASES: &[(&str, Build)] = &[
    ("sm_imported_role", sm_imported_role),
    ("sm_task_credentials_json_path", sm_task_credentials_json_path),
];

fn my_fn() -> LambdaFunction {
    LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:MyFn")
}

/// A state machine running as an existing role imported by ARN: the task's statements go on a
/// new policy attached to that role.
fn sm_imported_role(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let role = ExistingRole::from_arn("arn:aws:iam::123456789012:role/ExistingStatesRole");
    Ok(
        StateMachine::new("StateMachine", Task::new("Invoke", LambdaInvoke::new(my_fn())))
            .role(role)
            .add_to(t)?
            .warnings,
    )
}

/// Task credentials from the input: the state machine's role may assume any role.
fn sm_task_credentials_json_path(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let task = Task::new("Submit Job", LambdaInvoke::new(my_fn()))
        .output_path("$.Payload")
        .credentials(Credentials::role_at("$.roleArn"));
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}
