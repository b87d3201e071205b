//! `BatchSubmitJob` on a job definition and a job queue that already exist (a Batch compute
//! environment needs a VPC, so this template takes their ARNs as parameters): submit a job and
//! wait for it to end (run-job, Batch's default), then submit a second job that depends on the
//! first and go on without waiting (request-response).
//!
//! `cargo run --example batch_submit_job > template.json`, then
//! `aws cloudformation deploy --template-file template.json --stack-name batch-submit-job --capabilities CAPABILITY_IAM --parameter-overrides JobDefinitionArn=arn:aws:batch:...:job-definition/MyJobDefinition:1 JobQueueArn=arn:aws:batch:...:job-queue/MyJobQueue`
//! and start an execution with the input `{"stage": "prod"}`.

use std::process::ExitCode;
use std::time::Duration;

use stepfunctions_cdk::prelude::*;

/// Adds the two parameters, the state machine and an output.
pub fn build(template: &mut Template) -> Result<Vec<Warning>, Error> {
    let job_definition_arn = template.add_parameter(
        "JobDefinitionArn",
        Parameter::string()
            .description(
                "ARN of an existing AWS Batch job definition, with its :revision (the role may submit with that \
                 revision) or without (any revision of it)",
            )
            .allowed_pattern("^arn:aws[a-z-]*:batch:[a-z0-9-]+:[0-9]{12}:job-definition/[A-Za-z0-9_-]+(:[0-9]+)?$"),
    )?;
    let job_queue_arn = template.add_parameter(
        "JobQueueArn",
        Parameter::string()
            .description("ARN of an existing AWS Batch job queue")
            .allowed_pattern("^arn:aws[a-z-]*:batch:[a-z0-9-]+:[0-9]{12}:job-queue/[A-Za-z0-9_-]+$"),
    )?;
    let batch_job_definition = BatchJobDefinition::from_arn(job_definition_arn);
    let batch_queue = BatchJobQueue::from_arn(job_queue_arn);

    // Seed: Batch / SubmitJob, with a few options; waits for the job (run-job).
    let task = Task::new(
        "Submit Job",
        BatchSubmitJob::new(batch_job_definition.clone(), "MyJob", batch_queue.clone())
            .container_overrides(BatchContainerOverrides::new().environment("STAGE", JsonPath::string_at("$.stage")))
            .attempts(2)
            .attempt_duration(Duration::from_secs(600))
            .tag("example", "batch_submit_job"),
    )
    .result_selector(Payload::from_object([
        ("JobId", JsonPath::string_at("$.JobId")),
        ("Status", JsonPath::string_at("$.Status")),
    ]))
    .result_path("$.first");

    // Submits and goes on at once: the result is the new job's id.
    let follow_up = Task::new(
        "Submit Follow-up Job",
        BatchSubmitJob::new(batch_job_definition, "MyFollowUpJob", batch_queue)
            .depends_on(BatchJobDependency::new(JsonPath::string_at("$.first.JobId")))
            .payload(Payload::from_object([(
                "previousJob",
                JsonPath::string_at("$.first.JobId"),
            )])),
    )
    .request_response()
    .result_selector(Payload::from_object([("JobId", JsonPath::string_at("$.JobId"))]))
    .result_path("$.second");

    let rendered = StateMachine::new("StateMachine", task.next(follow_up))
        .comment("Runs a Batch job, then submits a second one that depends on it")
        .add_to(template)?;
    rendered.output_arn(template)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    stepfunctions_cdk::cli::run(build)
}
