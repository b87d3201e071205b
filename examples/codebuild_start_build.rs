//! `CodeBuildStartBuild` on a CodeBuild project defined in the template (no source, the
//! buildspec inline): a build with an environment variable read from the input, waiting for it
//! to end (run-job), then a build with its own buildspec that the state machine does not wait
//! for (request-response); then `CodeBuildStartBuildBatch` on a second project with batch builds
//! enabled, whose buildspec lists two builds, waiting for the batch to end.
//!
//! The seed names the project `MyTestProject`; here CloudFormation names it, so the stack can
//! be deployed more than once in an account.
//!
//! `cargo run --example codebuild_start_build > template.json`, then
//! `aws cloudformation deploy --template-file template.json --stack-name codebuild-start-build --capabilities CAPABILITY_IAM`
//! and start an execution with the input `{"envVariables": {"zone": "eu-west-1a"}}`.

use std::process::ExitCode;

use serde_json::json;
use stepfunctions_cdk::prelude::*;

/// Adds the projects with their roles, the state machine and an output.
pub fn build(template: &mut Template) -> Result<Vec<Warning>, Error> {
    let codebuild_project = InlineBuildProject::new(
        "Project",
        json!({
            "version": "0.2",
            "phases": {
                "build": {
                    "commands": ["echo \"Hello, CodeBuild!\"", "echo \"zone: $ZONE\""],
                },
            },
        }),
    )
    .timeout_minutes(10)
    .add_to(template)?;

    // Seed: CodeBuild / StartBuild (RUN_JOB, ZONE from the input).
    let task = Task::new(
        "Task",
        CodeBuildStartBuild::new(codebuild_project.clone()).environment_variable(
            "ZONE",
            BuildEnvironmentVariable::plaintext(JsonPath::string_at("$.envVariables.zone")),
        ),
    )
    .run_job()
    .result_selector(Payload::from_object([
        ("id", JsonPath::string_at("$.Build.Id")),
        ("status", JsonPath::string_at("$.Build.BuildStatus")),
    ]))
    .result_path("$.build");

    // Starts a build with another buildspec and goes on at once.
    let override_build = Task::new(
        "Start Build With Buildspec Override",
        CodeBuildStartBuild::new(codebuild_project)
            .buildspec_override("version: 0.2\nphases:\n  build:\n    commands:\n      - echo \"overridden\"\n"),
    )
    .result_selector(Payload::from_object([("id", JsonPath::string_at("$.Build.Id"))]))
    .result_path("$.started");

    // A project whose buildspec's batch section lists two builds (a build list).
    let batch_project = InlineBuildProject::new(
        "BatchProject",
        json!({
            "version": "0.2",
            "batch": {
                "build-list": [
                    {"identifier": "unit", "env": {"variables": {"SUITE": "unit"}}},
                    {"identifier": "integration", "env": {"variables": {"SUITE": "integration"}}},
                ],
            },
            "phases": {
                "build": {
                    "commands": ["echo \"suite: $SUITE, zone: $ZONE\""],
                },
            },
        }),
    )
    .timeout_minutes(10)
    .batch_builds()
    .add_to(template)?;

    // Runs the batch with ZONE from the input, and waits for both builds.
    let batch = Task::new(
        "Build Batch",
        CodeBuildStartBuildBatch::new(batch_project).environment_variable(
            "ZONE",
            BuildEnvironmentVariable::plaintext(JsonPath::string_at("$.envVariables.zone")),
        ),
    )
    .run_job()
    .result_selector(Payload::from_object([
        ("id", JsonPath::string_at("$.BuildBatch.Id")),
        ("status", JsonPath::string_at("$.BuildBatch.BuildBatchStatus")),
    ]))
    .result_path("$.batch");

    let rendered = StateMachine::new("StateMachine", task.next(override_build).next(batch))
        .comment("Runs a CodeBuild build, starts another without waiting, then runs a batch of builds")
        .add_to(template)?;
    rendered.output_arn(template)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    stepfunctions_cdk::cli::run(build)
}
