//! The Batch-job workflow from the Amazon States Language slides: submit a job, wait, poll its
//! status, and loop until it has SUCCEEDED or FAILED.
//!
//! Shows Task states (`LambdaInvoke::payload_response_only`, the function's ARN as `Resource`),
//! a Wait whose seconds come from the input, a Choice that loops back with a `StateRef`, a Fail
//! state, the slides' retrier, and two Lambda functions defined in the template itself.
//!
//! `cargo run --example batch_job > template.json`, then
//! `aws cloudformation deploy --template-file template.json --stack-name batch-job --capabilities CAPABILITY_IAM`
//! and start an execution of the `StateMachineArn` output with the input `{"wait_time": 1}`.

use std::process::ExitCode;
use std::time::Duration;

use stepfunctions_cdk::prelude::*;

/// Stands in for `batch.submit_job`: returns a job id.
const SUBMIT_JOB: &str = "\
import uuid


def handler(event, context):
    return 'job-' + str(uuid.uuid4())
";

/// Stands in for `batch.describe_jobs`: the event is the job id; the job is always done.
const CHECK_JOB: &str = "\
def handler(event, context):
    print('checking', event)
    return 'SUCCEEDED'
";

/// Adds the two functions, the state machine and an output with its ARN.
pub fn build(template: &mut Template) -> Result<Vec<Warning>, Error> {
    // Lambda functions with inline code: the template deploys with no upload.
    let submit_fn = InlineFunction::python("SubmitJobFunction", SUBMIT_JOB).add_to(template)?;
    let check_fn = InlineFunction::python("CheckJobFunction", CHECK_JOB).add_to(template)?;

    // The slides' retrier, on every task: any error, 3 attempts, 1 s then 2 s then 4 s.
    let retry = Retry::all()
        .interval(Duration::from_secs(1))
        .max_attempts(3)
        .backoff_rate(2.0);
    // `payload_response_only` puts the function ARN straight into `Resource`, as the slides do:
    // the task's result is what the function returns. Its built-in retrier on Lambda service
    // errors is switched off because the slides' `States.ALL` retrier covers them.
    let invoke = |f: &LambdaFunction| LambdaInvoke::payload_response_only(f.clone()).retry_on_service_exceptions(false);

    let submit_job = Task::new("Submit Job", invoke(&submit_fn))
        .result_path("$.guid") // the job id goes to $.guid; the rest of the input stays
        .retry(retry.clone());

    let wait_x = Wait::new("Wait X Seconds", WaitTime::seconds_path("$.wait_time"));
    // A reference to the Wait state, to loop back to it from the Choice.
    let poll_again = wait_x.reference();

    let get_status = Task::new("Get Job Status", invoke(&check_fn))
        .input_path("$.guid") // the function gets the job id only
        .result_path("$.status")
        .retry(retry.clone());

    let job_failed = Fail::new("Job Failed")
        .cause("AWS Batch Job Failed")
        .error("DescribeJob returned FAILED");

    let final_status = Task::new("Get Final Job Status", invoke(&check_fn))
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
        .add_to(template)?;
    rendered.output_arn(template)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    stepfunctions_cdk::cli::run(build)
}
