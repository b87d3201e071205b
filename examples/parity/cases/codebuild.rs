//! `codebuild_start_build` and `codebuild_start_build_batch`: AWS CodeBuild.

use serde_json::json;
use stepfunctions_cdk::prelude::*;

use super::Build;

pub const CASES: &[(&str, Build)] = &[
    ("codebuild_start_build", codebuild_start_build),
    ("codebuild_start_build_batch", codebuild_start_build_batch),
];

/// Seed: CodeBuild / StartBuild (a project with an inline buildspec, RUN_JOB).
fn codebuild_start_build(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let codebuild_project = InlineBuildProject::new(
        "Project",
        json!({
            "version": "0.2",
            "phases": {
                "build": {
                    "commands": ["echo \"Hello, CodeBuild!\""],
                },
            },
        }),
    )
    .project_name("MyTestProject")
    .add_to(t)?;

    let task = Task::new(
        "Task",
        CodeBuildStartBuild::new(codebuild_project).environment_variable(
            "ZONE",
            BuildEnvironmentVariable::new(
                BuildEnvironmentVariableType::Plaintext,
                JsonPath::string_at("$.envVariables.zone"),
            ),
        ),
    )
    .run_job();
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}

/// CodeBuildStartBuildBatch on an imported project (by name), RUN_JOB, env override from a path.
fn codebuild_start_build_batch(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let project = CodeBuildProject::from_name("MyBatchProject");
    let task = Task::new(
        "Build Batch",
        CodeBuildStartBuildBatch::new(project)
            .environment_variable(
                "ZONE",
                BuildEnvironmentVariable::new(BuildEnvironmentVariableType::Plaintext, JsonPath::string_at("$.zone")),
            )
            .environment_variable(
                "TOKEN",
                BuildEnvironmentVariable::new(BuildEnvironmentVariableType::ParameterStore, "/my/token"),
            ),
    )
    .run_job();
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}
