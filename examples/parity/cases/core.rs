//! `core_*`: the core state-machine features.

use std::time::Duration;

use stepfunctions_cdk::prelude::*;

use super::Build;

pub const CASES: &[(&str, Build)] = &[("core_batch_job_workflow", core_batch_job_workflow)];

/// The slides' Batch-job workflow: Task, Wait, Choice looping back, Fail.
fn core_batch_job_workflow(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let submit_lambda = LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:SubmitJob");
    let get_status_lambda = LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:CheckJob");
    let retry = Retry::all()
        .interval(Duration::from_secs(1))
        .max_attempts(3)
        .backoff_rate(2.0);

    let submit_job = Task::new(
        "Submit Job",
        LambdaInvoke::payload_response_only(submit_lambda).retry_on_service_exceptions(false),
    )
    // Put Lambda's result here in the execution's state object
    .result_path("$.guid")
    .retry(retry.clone());

    let wait_x = Wait::new("Wait X Seconds", WaitTime::seconds_path("$.wait_time"));
    let poll_again = wait_x.reference();

    let get_status = Task::new(
        "Get Job Status",
        LambdaInvoke::payload_response_only(get_status_lambda.clone()).retry_on_service_exceptions(false),
    )
    .input_path("$.guid")
    .result_path("$.status")
    .retry(retry.clone());

    let job_failed = Fail::new("Job Failed")
        .cause("AWS Batch Job Failed")
        .error("DescribeJob returned FAILED");

    let final_status = Task::new(
        "Get Final Job Status",
        LambdaInvoke::payload_response_only(get_status_lambda).retry_on_service_exceptions(false),
    )
    .input_path("$.guid")
    .retry(retry);

    let definition = submit_job.next(wait_x).next(get_status).next(
        Choice::new("Job Complete?")
            .when(Condition::string_equals("$.status", "FAILED"), job_failed)
            .when(Condition::string_equals("$.status", "SUCCEEDED"), final_status)
            .otherwise(poll_again),
    );

    let rendered = StateMachine::new("StateMachine", definition)
        .comment("A simple AWS Batch workflow")
        .timeout(Duration::from_secs(300))
        .add_to(t)?;
    Ok(rendered.warnings)
}
