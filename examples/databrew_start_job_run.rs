//! `GlueDataBrewStartJobRun` on a DataBrew job that already exists (a job needs a dataset, a
//! recipe and an output location): start the named job without waiting, then run a job named
//! in the input and wait for it to end (run-job; the role may then run any job of the account).
//!
//! `cargo run --example databrew_start_job_run > template.json`, then
//! `aws cloudformation deploy --template-file template.json --stack-name databrew-start-job-run --capabilities CAPABILITY_IAM --parameter-overrides DataBrewJobName=<your job>`
//! and start an execution with the input `{"job": "<a DataBrew job>"}`.

use std::process::ExitCode;

use stepfunctions_cdk::prelude::*;

/// Adds the parameter, the state machine and an output.
pub fn build(template: &mut Template) -> Result<Vec<Warning>, Error> {
    let job_name = template.add_parameter(
        "DataBrewJobName",
        Parameter::string()
            .description("Name of an existing AWS Glue DataBrew job")
            .default_value("databrew-job".into()),
    )?;

    // Seed: Glue DataBrew / StartJobRun.
    let task = Task::new("Task", GlueDataBrewStartJobRun::new(job_name)).result_path("$.started");

    // The job named in the input; waits for its run to end.
    let run = Task::new(
        "Run DataBrew Job From Input",
        GlueDataBrewStartJobRun::new(JsonPath::string_at("$.job")),
    )
    .run_job()
    .result_selector(Payload::from_object([
        ("runId", JsonPath::string_at("$.RunId")),
        ("state", JsonPath::string_at("$.State")),
    ]))
    .result_path("$.run");

    let rendered = StateMachine::new("StateMachine", task.next(run))
        .comment("Starts a DataBrew job run, then runs a job named in the input and waits for it")
        .add_to(template)?;
    rendered.output_arn(template)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    stepfunctions_cdk::cli::run(build)
}
