//! `lambda_*`, `params_lambda_*`, `paths_*` (those on a Lambda task) and `sfn_invoke_activity`:
//! the tasks of the foundation.

use stepfunctions_cdk::prelude::*;

use super::Build;

pub const CASES: &[(&str, Build)] = &[
    ("lambda_invoke_callback_task_token", lambda_invoke_callback_task_token),
    ("lambda_invoke_no_service_retry", lambda_invoke_no_service_retry),
    ("lambda_invoke_output_path_payload", lambda_invoke_output_path_payload),
    (
        "lambda_invoke_payload_object_and_path",
        lambda_invoke_payload_object_and_path,
    ),
    (
        "lambda_invoke_payload_response_only",
        lambda_invoke_payload_response_only,
    ),
    ("lambda_invoke_state_input", lambda_invoke_state_input),
    ("params_lambda_invoke_event", params_lambda_invoke_event),
    ("paths_input_path", paths_input_path),
    ("paths_output_path", paths_output_path),
    ("paths_result_selector", paths_result_selector),
    ("sfn_invoke_activity", sfn_invoke_activity),
];

/// `lambda.Function.fromFunctionArn(stack, 'Fn', ...)`, the function every case here invokes.
fn my_fn() -> LambdaFunction {
    LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:MyFn")
}

/// Seed: Lambda (callback pattern, WAIT_FOR_TASK_TOKEN with the task token in the payload).
fn lambda_invoke_callback_task_token(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let task = Task::new(
        "Invoke with callback",
        LambdaInvoke::new(my_fn()).payload(Payload::from_object([
            ("token", JsonPath::task_token()),
            ("input", JsonPath::string_at("$.someField")),
        ])),
    )
    .wait_for_task_token();
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}

/// Seed: Lambda (retryOnServiceExceptions false: no default Lambda.* Retry block). Construct id chosen here.
fn lambda_invoke_no_service_retry(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let task = Task::new(
        "Invoke without service retry",
        LambdaInvoke::new(my_fn()).retry_on_service_exceptions(false),
    );
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}

/// Seed: Lambda (function response as the task output, outputPath $.Payload).
fn lambda_invoke_output_path_payload(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let task = Task::new(
        "Invoke and set function response as task output",
        LambdaInvoke::new(my_fn()),
    )
    .output_path("$.Payload");
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}

/// Seed: Lambda (two snippets in one block: empty-object payload, then payload from $.Payload).
fn lambda_invoke_payload_object_and_path(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let first = Task::new(
        "Invoke with empty object as payload",
        LambdaInvoke::new(my_fn()).payload(Payload::empty_object()),
    );
    // use the output of fn as input
    let second = Task::new(
        "Invoke with payload field in the state input",
        LambdaInvoke::new(my_fn()).payload(Payload::from_json_path_at("$.Payload")),
    );
    Ok(StateMachine::new("StateMachine", first.next(second))
        .add_to(t)?
        .warnings)
}

/// Seed: Lambda (payloadResponseOnly: function ARN as Resource, resultPath $.fn).
fn lambda_invoke_payload_response_only(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let task = Task::new(
        "Invoke and combine function response with task input",
        LambdaInvoke::payload_response_only(my_fn()),
    )
    .result_path("$.fn");
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}

/// Seed: Lambda (invoke with the state input as payload).
fn lambda_invoke_state_input(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let task = Task::new("Invoke with state input", LambdaInvoke::new(my_fn()));
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}

/// Seed: Task parameters from the state JSON (LambdaInvoke, payload from $.input, EVENT invocation).
fn params_lambda_invoke_event(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let submit_job = Task::new(
        "Invoke Handler",
        LambdaInvoke::new(my_fn())
            .payload(Payload::from_json_path_at("$.input"))
            .invocation_type(LambdaInvocationType::Event),
    );
    Ok(StateMachine::new("StateMachine", submit_job).add_to(t)?.warnings)
}

/// Seed: Paths / InputPath.
fn paths_input_path(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let submit_job = Task::new("Invoke Handler", LambdaInvoke::new(my_fn())).input_path("$.input");
    Ok(StateMachine::new("StateMachine", submit_job).add_to(t)?.warnings)
}

/// Seed: Paths / OutputPath.
fn paths_output_path(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let submit_job = Task::new("Invoke Handler", LambdaInvoke::new(my_fn())).output_path("$.Payload.result");
    Ok(StateMachine::new("StateMachine", submit_job).add_to(t)?.warnings)
}

/// Seed: Paths / ResultSelector.
fn paths_result_selector(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let task = Task::new("Invoke Handler", LambdaInvoke::new(my_fn())).result_selector(Payload::from_object([
        ("lambda_output", JsonPath::string_at("$.Payload")),
        (
            "invoke_request_id",
            JsonPath::string_at("$.SdkResponseMetadata.RequestId"),
        ),
        ("static_value", Payload::from_object([("foo", "bar".into())])),
        ("state_name", JsonPath::string_at("$.State.Name")),
    ]));
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}

/// Seed: Step Functions / Invoke Activity.
fn sfn_invoke_activity(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let submit_job_activity = Activity::new("SubmitJob");
    let task = Task::new(
        "Submit Job",
        StepFunctionsInvokeActivity::new(submit_job_activity.arn()),
    );
    submit_job_activity.add_to(t)?;
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}
