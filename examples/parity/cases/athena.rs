//! `athena_*` and `params_athena_start_query_format`: Amazon Athena.

use stepfunctions_cdk::prelude::*;

use super::Build;

pub const CASES: &[(&str, Build)] = &[
    ("athena_get_query_execution", athena_get_query_execution),
    ("athena_get_query_results", athena_get_query_results),
    ("athena_start_query_execution", athena_start_query_execution),
    ("athena_stop_query_execution", athena_stop_query_execution),
    ("params_athena_start_query_format", params_athena_start_query_format),
];

/// Seed: Athena / StartQueryExecution.
fn athena_start_query_execution(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let start_query_execution_job = Task::new(
        "Start Athena Query",
        AthenaStartQueryExecution::new(JsonPath::string_at("$.queryString"))
            .database("mydatabase")
            .encryption(EncryptionOption::S3Managed)
            .output_location(S3Location::new("query-results-bucket", "folder")),
    );
    Ok(StateMachine::new("StateMachine", start_query_execution_job)
        .add_to(t)?
        .warnings)
}

/// Seed: Athena / GetQueryExecution.
fn athena_get_query_execution(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let get_query_execution_job = Task::new(
        "Get Query Execution",
        AthenaGetQueryExecution::new(JsonPath::string_at("$.QueryExecutionId")),
    );
    Ok(StateMachine::new("StateMachine", get_query_execution_job)
        .add_to(t)?
        .warnings)
}

/// Seed: Athena / GetQueryResults.
fn athena_get_query_results(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let get_query_results_job = Task::new(
        "Get Query Results",
        AthenaGetQueryResults::new(JsonPath::string_at("$.QueryExecutionId")),
    );
    Ok(StateMachine::new("StateMachine", get_query_results_job)
        .add_to(t)?
        .warnings)
}

/// Seed: Athena / StopQueryExecution.
fn athena_stop_query_execution(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let stop_query_execution_job = Task::new(
        "Stop Query Execution",
        AthenaStopQueryExecution::new(JsonPath::string_at("$.QueryExecutionId")),
    );
    Ok(StateMachine::new("StateMachine", stop_query_execution_job)
        .add_to(t)?
        .warnings)
}

/// Seed: Task parameters from the state JSON (AthenaStartQueryExecution, JsonPath.format, RUN_JOB).
fn params_athena_start_query_format(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let start_query_execution_job = Task::new(
        "Athena Start Query",
        AthenaStartQueryExecution::new(JsonPath::format(
            "select contacts where year={};",
            [JsonPath::string_at("$.year").into()],
        ))
        .database("interactions")
        .encryption(EncryptionOption::S3Managed)
        .output_location(S3Location::new("mybucket", "myprefix")),
    )
    .run_job();
    Ok(StateMachine::new("StateMachine", start_query_execution_job)
        .add_to(t)?
        .warnings)
}
