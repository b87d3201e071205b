//! `GlueStartCrawlerRun` and `GlueStartJobRun` on a Glue crawler and a Glue job that already
//! exist (a job's script lives in S3, which a template cannot fill): start the crawler (the AWS
//! SDK integration), start a run with the seed's arguments, job timeout and notify delay without
//! waiting, then run the job again with workers chosen here and wait for it to end (run-job).
//!
//! `cargo run --example glue_start_job_run > template.json`, then
//! `aws cloudformation deploy --template-file template.json --stack-name glue-start-job-run --capabilities CAPABILITY_IAM --parameter-overrides GlueJobName=<your job> GlueCrawlerName=<your crawler>`
//! and start an execution with the input `{"day": "2024-01-31"}`.

use std::process::ExitCode;
use std::time::Duration;

use stepfunctions_cdk::prelude::*;

/// Adds the parameters, the state machine and an output.
pub fn build(template: &mut Template) -> Result<Vec<Warning>, Error> {
    let crawler_name = template.add_parameter(
        "GlueCrawlerName",
        Parameter::string()
            .description("Name of an existing AWS Glue crawler")
            .default_value("my-crawler-job".into()),
    )?;
    let job_name = template.add_parameter(
        "GlueJobName",
        Parameter::string()
            .description("Name of an existing AWS Glue job")
            .default_value("my-glue-job".into()),
    )?;

    // Seed: Glue / StartJobRun (the seed's deprecated `timeout` is the run's: `job_timeout`).
    let task = Task::new(
        "Task",
        GlueStartJobRun::new(job_name.clone())
            .arguments(Payload::from_object([("key", "value".into())]))
            .job_timeout(Duration::from_secs(30 * 60))
            .notify_delay_after(Duration::from_secs(5 * 60)),
    )
    .result_path("$.started");

    // Runs the job again on two G.1X workers, and waits for the run to end.
    let run = Task::new(
        "Run Glue Job",
        GlueStartJobRun::new(job_name)
            .arguments(Payload::from_object([("--day", JsonPath::string_at("$.day"))]))
            .worker_configuration(GlueWorkerType::G1X, 2)
            .job_timeout(Duration::from_secs(60 * 60)),
    )
    .run_job()
    .result_selector(Payload::from_object([
        ("id", JsonPath::string_at("$.Id")),
        ("state", JsonPath::string_at("$.JobRunState")),
    ]))
    .result_path("$.run");

    // Starts the crawler and goes on at once (StartCrawler answers an empty object).
    let crawl = Task::new("Start Crawler", GlueStartCrawlerRun::new(crawler_name)).discard_result();

    let rendered = StateMachine::new("StateMachine", crawl.next(task).next(run))
        .comment("Starts a Glue crawler and a Glue job run, then runs the job again and waits for it")
        .add_to(template)?;
    rendered.output_arn(template)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    stepfunctions_cdk::cli::run(build)
}
