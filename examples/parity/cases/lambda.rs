//! `lambda_*`, `params_lambda_*` and `sfn_invoke_activity`: the tasks of the foundation.

use stepfunctions_cdk::prelude::*;

use super::Build;

pub const CASES: &[(&str, Build)] = &[("lambda_invoke_state_input", lambda_invoke_state_input)];

fn my_fn() -> LambdaFunction {
    LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:MyFn")
}

/// Seed: Lambda (invoke with the state input as payload).
fn lambda_invoke_state_input(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let task = Task::new("Invoke with state input", LambdaInvoke::new(my_fn()));
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}
