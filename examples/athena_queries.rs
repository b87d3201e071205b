//! Athena's four tasks on a results bucket, a Glue database and a `contacts` table defined in
//! the template: start a query from the input without waiting, stop it, read its execution,
//! then run a query built with `JsonPath::format` and wait for it (run-job), and read a page of
//! its results.
//!
//! The seed's snippets name the database `mydatabase` and `interactions` and query
//! `select contacts where year={};`; here the database is the template's (its name is the
//! `DatabaseName` parameter) and the second query is valid SQL on its `contacts` table.
//!
//! `cargo run --example athena_queries > template.json`, then
//! `aws cloudformation deploy --template-file template.json --stack-name athena-queries --capabilities CAPABILITY_IAM`
//! and start an execution with the input `{"queryString": "SELECT 1", "year": 2024}`. Empty
//! the `ResultsBucket` before deleting the stack.

use std::process::ExitCode;

use serde_json::json;
use stepfunctions_cdk::prelude::*;

/// Adds the bucket, the database and its table, the state machine and an output.
pub fn build(template: &mut Template) -> Result<Vec<Warning>, Error> {
    let database_name = template.add_parameter(
        "DatabaseName",
        Parameter::string()
            .description("Name of the Glue database this stack creates (lower-case letters, digits and underscores)")
            .default_value("stepfunctions_cdk_athena_example".into())
            .allowed_pattern("^[a-z0-9_]{1,255}$"),
    )?;
    let bucket = template.add_resource(
        "ResultsBucket",
        Resource::new("AWS::S3::Bucket").property(
            "LifecycleConfiguration",
            json!({"Rules": [{"Id": "ExpireQueryResults", "Status": "Enabled", "ExpirationInDays": 7}]}).into(),
        ),
    )?;
    let bucket = Expr::reference(bucket.as_str());
    let database = template.add_resource(
        "Database",
        Resource::new("AWS::Glue::Database")
            .property("CatalogId", Expr::account_id().into())
            .property(
                "DatabaseInput",
                Value::map([
                    ("Name", Value::from(database_name)),
                    ("Description", "Tables queried by the athena_queries example".into()),
                ]),
            ),
    )?;
    let database = Expr::reference(database.as_str());
    // CSV files under s3://<ResultsBucket>/contacts/ (none: the query returns no row).
    template.add_resource(
        "ContactsTable",
        Resource::new("AWS::Glue::Table")
            .property("CatalogId", Expr::account_id().into())
            .property("DatabaseName", database.clone().into())
            .property(
                "TableInput",
                Value::map([
                    ("Name", Value::from("contacts")),
                    ("TableType", "EXTERNAL_TABLE".into()),
                    ("Parameters", json!({"classification": "csv"}).into()),
                    (
                        "StorageDescriptor",
                        Value::map([
                            (
                                "Columns",
                                json!([{"Name": "name", "Type": "string"}, {"Name": "year", "Type": "int"}]).into(),
                            ),
                            (
                                "Location",
                                Expr::concat([Expr::lit("s3://"), bucket.clone(), Expr::lit("/contacts/")]).into(),
                            ),
                            ("InputFormat", "org.apache.hadoop.mapred.TextInputFormat".into()),
                            (
                                "OutputFormat",
                                "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat".into(),
                            ),
                            (
                                "SerdeInfo",
                                json!({
                                    "SerializationLibrary": "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
                                    "Parameters": {"field.delim": ","}
                                })
                                .into(),
                            ),
                        ]),
                    ),
                ]),
            ),
    )?;

    // Seed: Athena / StartQueryExecution (request-response: returns the QueryExecutionId).
    let start_query_execution_job = Task::new(
        "Start Athena Query",
        AthenaStartQueryExecution::new(JsonPath::string_at("$.queryString"))
            .database(database.clone())
            .encryption(EncryptionOption::S3Managed)
            .output_location(S3Location::new(bucket.clone(), "folder")),
    )
    .result_path("$.started");

    // Seed: Athena / StopQueryExecution (a finished query stays as it is).
    let stop_query_execution_job = Task::new(
        "Stop Query Execution",
        AthenaStopQueryExecution::new(JsonPath::string_at("$.started.QueryExecutionId")),
    )
    .discard_result();

    // Seed: Athena / GetQueryExecution.
    let get_query_execution_job = Task::new(
        "Get Query Execution",
        AthenaGetQueryExecution::new(JsonPath::string_at("$.started.QueryExecutionId")),
    )
    .result_selector(Payload::from_object([(
        "state",
        JsonPath::string_at("$.QueryExecution.Status.State"),
    )]))
    .result_path("$.first");

    // Seed: Task parameters from the state JSON (JsonPath.format, RUN_JOB: waits for the query).
    let start_query_and_wait = Task::new(
        "Athena Start Query",
        AthenaStartQueryExecution::new(JsonPath::format(
            "SELECT name FROM contacts WHERE year = {}",
            [JsonPath::string_at("$.year").into()],
        ))
        .database(database)
        .encryption(EncryptionOption::S3Managed)
        .output_location(S3Location::new(bucket, "myprefix")),
    )
    .run_job()
    .result_selector(Payload::from_object([(
        "id",
        JsonPath::string_at("$.QueryExecution.QueryExecutionId"),
    )]))
    .result_path("$.query");

    // Seed: Athena / GetQueryResults (one page of at most 100 rows).
    let get_query_results_job = Task::new(
        "Get Query Results",
        AthenaGetQueryResults::new(JsonPath::string_at("$.query.id")).max_results(100),
    )
    .result_selector(Payload::from_object([("rows", JsonPath::list_at("$.ResultSet.Rows"))]))
    .result_path("$.results");

    let definition = Chain::start(start_query_execution_job)
        .next(stop_query_execution_job)
        .next(get_query_execution_job)
        .next(start_query_and_wait)
        .next(get_query_results_job);
    let rendered = StateMachine::new("StateMachine", definition)
        .comment("Starts, stops and inspects an Athena query, then runs one and reads its results")
        .add_to(template)?;
    rendered.output_arn(template)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    stepfunctions_cdk::cli::run(build)
}
