//! `EmrContainersStartJobRun` on an EMR on EKS virtual cluster that already exists (a template
//! parameter: a virtual cluster needs an EKS cluster set up for EMR): the CDK snippets run one
//! after the other, each waiting for its Spark job (run-job): spark-submit parameters, an
//! application configuration with a job name, logs to a log group and a bucket the task's
//! monitoring defines (CDK's `logging: true`), then logs to a log group and a bucket defined
//! beside it.
//!
//! As the CDK does when no role is given, the template defines the job execution role: its
//! trust policy lets the EMR managed service accounts of the virtual cluster's namespace assume
//! it, set up at deploy time by an inline function (the EKS cluster's OIDC provider must be
//! registered in IAM); it may write to both log groups and buckets. The log groups and buckets
//! are kept when the stack is deleted.
//!
//! `cargo run --example emr_containers_start_job_run > template.json`, then
//! `aws cloudformation deploy --template-file template.json --stack-name emr-containers-jobs --capabilities CAPABILITY_IAM --parameter-overrides VirtualClusterId=<id>`
//! and start an execution with the input `{}`.

use std::process::ExitCode;

use stepfunctions_cdk::prelude::*;

const PI: &str = "local:///usr/lib/spark/examples/src/main/python/pi.py";
const SPARK_SUBMIT_PARAMETERS: &str = "--conf spark.executor.instances=2 --conf spark.executor.memory=2G --conf \
                                       spark.executor.cores=2 --conf spark.driver.cores=1";

/// Adds the parameter, the log groups and buckets, the execution role, the state machine and an
/// output.
pub fn build(template: &mut Template) -> Result<Vec<Warning>, Error> {
    let virtual_cluster_id = template.add_parameter(
        "VirtualClusterId",
        Parameter::string()
            .description(
                "Id of an existing EMR on EKS virtual cluster (aws emr-containers list-virtual-clusters); the job \
                 execution role is set up to trust its namespace",
            )
            .allowed_pattern("^[0-9a-z]{1,64}$"),
    )?;

    // Monitoring with logging: the log group and the bucket are made for the task.
    let logging = Monitoring::define("Job Monitoring").add_to(template)?;
    // Monitoring with an existing log group and log bucket (here, defined beside it).
    let log_group = template.add_resource(
        "Log Group",
        Resource::new("AWS::Logs::LogGroup")
            .property("RetentionInDays", Value::from(731))
            .removal_policy(DeletionPolicy::Retain),
    )?;
    let log_bucket = template.add_resource(
        "S3 Bucket",
        Resource::new("AWS::S3::Bucket").removal_policy(DeletionPolicy::Retain),
    )?;
    let existing_logs = Monitoring::new()
        .log_group(Expr::reference(log_group.as_str()))
        .log_bucket(Expr::reference(log_bucket.as_str()));

    let execution_role = EmrContainersExecutionRole::define("Job Execution Role", virtual_cluster_id.clone())
        .monitoring(&logging)
        .monitoring(&existing_logs)
        .add_to(template)?;
    let virtual_cluster = VirtualClusterInput::from_virtual_cluster_id(virtual_cluster_id);
    let job = |driver: SparkSubmitJobDriver| {
        EmrContainersStartJobRun::new(
            virtual_cluster.clone(),
            ReleaseLabel::EMR_6_2_0,
            execution_role.clone(),
            driver,
        )
    };

    // Seed: the job configured with spark submit parameters.
    let spark_submit = Task::new(
        "Start Job Run With Spark Submit Parameters",
        job(SparkSubmitJobDriver::new(TaskInput::from_text(PI)).spark_submit_parameters(SPARK_SUBMIT_PARAMETERS)),
    )
    .result_path("$.sparkSubmit");

    // Seed: the job configured through an application configuration.
    let application_config = Task::new(
        "Start Job Run With Application Configuration",
        job(SparkSubmitJobDriver::new(TaskInput::from_text(PI)))
            .job_name("EMR-Containers-Job")
            .application_config(
                ApplicationConfiguration::new(Classification::SPARK_DEFAULTS)
                    .property("spark.executor.instances", "1")
                    .property("spark.executor.memory", "512M"),
            ),
    )
    .result_path("$.applicationConfig");

    // Seed: monitoring with logging (a generated log group and bucket).
    let with_logging = Task::new(
        "Start Job Run With Logging",
        job(SparkSubmitJobDriver::new(TaskInput::from_text(PI)).spark_submit_parameters(SPARK_SUBMIT_PARAMETERS))
            .monitoring(logging),
    )
    .result_path("$.logging");

    // Seed: monitoring with an existing log group and log bucket.
    let with_existing_logs = Task::new(
        "Start Job Run With Existing Logs",
        job(SparkSubmitJobDriver::new(TaskInput::from_text(PI)).spark_submit_parameters(SPARK_SUBMIT_PARAMETERS))
            .monitoring(existing_logs),
    )
    .result_path("$.existingLogs");

    let rendered = StateMachine::new(
        "StateMachine",
        spark_submit
            .next(application_config)
            .next(with_logging)
            .next(with_existing_logs),
    )
    .comment("Runs the Spark Pi example on an EMR on EKS virtual cluster four ways")
    .add_to(template)?;
    rendered.output_arn(template)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    stepfunctions_cdk::cli::run(build)
}
