//! `emr_containers_*`: EMR on EKS virtual clusters and job runs.
//!
//! Where the CDK creates the job execution role, the log group and the bucket inside
//! `EmrContainersStartJobRun`, the twins define them before the task
//! (`EmrContainersExecutionRole::define`, `Monitoring::define`) under the same logical ids.

use stepfunctions_cdk::prelude::*;

use super::Build;

pub const CASES: &[(&str, Build)] = &[
    (
        "emr_containers_create_virtual_cluster_from_cluster",
        emr_containers_create_virtual_cluster_from_cluster,
    ),
    (
        "emr_containers_create_virtual_cluster_namespace",
        emr_containers_create_virtual_cluster_namespace,
    ),
    (
        "emr_containers_create_virtual_cluster_task_input",
        emr_containers_create_virtual_cluster_task_input,
    ),
    (
        "emr_containers_delete_virtual_cluster",
        emr_containers_delete_virtual_cluster,
    ),
    (
        "emr_containers_start_job_run_application_config",
        emr_containers_start_job_run_application_config,
    ),
    (
        "emr_containers_start_job_run_execution_role",
        emr_containers_start_job_run_execution_role,
    ),
    (
        "emr_containers_start_job_run_existing_logs",
        emr_containers_start_job_run_existing_logs,
    ),
    (
        "emr_containers_start_job_run_monitoring",
        emr_containers_start_job_run_monitoring,
    ),
    (
        "emr_containers_start_job_run_spark_submit",
        emr_containers_start_job_run_spark_submit,
    ),
];

const SPARK_SUBMIT_PARAMETERS: &str = "--conf spark.executor.instances=2 --conf spark.executor.memory=2G --conf \
                                       spark.executor.cores=2 --conf spark.driver.cores=1";
const PI: &str = "local:///usr/lib/spark/examples/src/main/python/pi.py";
const VIRTUAL_CLUSTER_ID: &str = "de92jdei2910fwedz";

/// Seed: EMR on EKS / Create Virtual Cluster (EKS cluster passed in directly, imported with
/// fixed attributes).
fn emr_containers_create_virtual_cluster_from_cluster(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let eks_cluster = EksCluster::from_attributes(
        "my-eks-cluster",
        "https://ABCDEF0123456789ABCDEF0123456789.gr7.us-east-1.eks.amazonaws.com",
        "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUM1ekNDQWMrZ0F3SUJBZ0lCQURBTkJna3Foa2lHOXcwQkFRc0ZBREFWTVJNd0VRWURWUVFERXdwcmRXSmwKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=",
    );

    let task = Task::new(
        "Create a Virtual Cluster",
        EmrContainersCreateVirtualCluster::new(EksClusterInput::from_cluster(&eks_cluster)),
    );
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}

/// Seed: EMR on EKS / Create Virtual Cluster in a specific Kubernetes namespace.
fn emr_containers_create_virtual_cluster_namespace(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let task = Task::new(
        "Create a Virtual Cluster",
        EmrContainersCreateVirtualCluster::new(EksClusterInput::from_task_input(TaskInput::from_text("clusterId")))
            .eks_namespace("specified-namespace"),
    );
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}

/// Seed: EMR on EKS / Create Virtual Cluster (EKS cluster name from the task input).
fn emr_containers_create_virtual_cluster_task_input(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let task = Task::new(
        "Create a Virtual Cluster",
        EmrContainersCreateVirtualCluster::new(EksClusterInput::from_task_input(TaskInput::from_text("clusterId"))),
    );
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}

/// Seed: EMR on EKS / Delete Virtual Cluster.
fn emr_containers_delete_virtual_cluster(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let task = Task::new(
        "Delete a Virtual Cluster",
        EmrContainersDeleteVirtualCluster::new(TaskInput::from_json_path_at("$.virtualCluster")),
    );
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}

/// The job execution role the CDK creates inside the task when none is given.
fn job_execution_role(t: &mut Template, monitoring: Option<&Monitoring>) -> Result<EmrContainersExecutionRole, Error> {
    let mut role =
        EmrContainersExecutionRole::define("EMR Containers Start Job Run Job-Execution-Role", VIRTUAL_CLUSTER_ID);
    if let Some(m) = monitoring {
        role = role.monitoring(m);
    }
    role.add_to(t)
}

/// Seed: EMR on EKS / Start Job Run configured via application configuration.
fn emr_containers_start_job_run_application_config(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let execution_role = job_execution_role(t, None)?;

    let task = Task::new(
        "EMR Containers Start Job Run",
        EmrContainersStartJobRun::new(
            VirtualClusterInput::from_virtual_cluster_id(VIRTUAL_CLUSTER_ID),
            ReleaseLabel::EMR_6_2_0,
            execution_role,
            SparkSubmitJobDriver::new(TaskInput::from_text(PI)),
        )
        .job_name("EMR-Containers-Job")
        .application_config(
            ApplicationConfiguration::new(Classification::SPARK_DEFAULTS)
                .property("spark.executor.instances", "1")
                .property("spark.executor.memory", "512M"),
        ),
    );
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}

/// Seed: EMR on EKS / Start Job Run with a user-provided job execution role (virtual cluster id
/// from the task input; the seed's placeholder account `xxxxxxxxxxxx` kept verbatim).
fn emr_containers_start_job_run_execution_role(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let task = Task::new(
        "EMR Containers Start Job Run",
        EmrContainersStartJobRun::new(
            VirtualClusterInput::from_task_input(TaskInput::from_json_path_at("$.VirtualClusterId")),
            ReleaseLabel::EMR_6_2_0,
            EmrContainersExecutionRole::from_arn("arn:aws:iam::xxxxxxxxxxxx:role/JobExecutionRole"),
            SparkSubmitJobDriver::new(TaskInput::from_text(PI)).spark_submit_parameters(SPARK_SUBMIT_PARAMETERS),
        )
        .job_name("EMR-Containers-Job"),
    );
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}

/// Seed: EMR on EKS / Start Job Run with an existing log group and log bucket.
fn emr_containers_start_job_run_existing_logs(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let log_group = t.add_resource(
        "Log Group",
        Resource::new("AWS::Logs::LogGroup")
            .property("RetentionInDays", Value::from(731))
            .removal_policy(DeletionPolicy::Retain),
    )?;
    let log_bucket = t.add_resource(
        "S3 Bucket",
        Resource::new("AWS::S3::Bucket").removal_policy(DeletionPolicy::Retain),
    )?;
    let monitoring = Monitoring::new()
        .log_group(Expr::reference(log_group.as_str()))
        .log_bucket(Expr::reference(log_bucket.as_str()));
    let execution_role = job_execution_role(t, Some(&monitoring))?;

    let task = Task::new(
        "EMR Containers Start Job Run",
        EmrContainersStartJobRun::new(
            VirtualClusterInput::from_virtual_cluster_id(VIRTUAL_CLUSTER_ID),
            ReleaseLabel::EMR_6_2_0,
            execution_role,
            SparkSubmitJobDriver::new(TaskInput::from_text(PI)).spark_submit_parameters(SPARK_SUBMIT_PARAMETERS),
        )
        .monitoring(monitoring),
    );
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}

/// Seed: EMR on EKS / Start Job Run with `monitoring.logging = true` (the CDK generates an S3
/// bucket and a CloudWatch log group).
fn emr_containers_start_job_run_monitoring(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let monitoring = Monitoring::define("EMR Containers Start Job Run Monitoring").add_to(t)?;
    let execution_role = job_execution_role(t, Some(&monitoring))?;

    let task = Task::new(
        "EMR Containers Start Job Run",
        EmrContainersStartJobRun::new(
            VirtualClusterInput::from_virtual_cluster_id(VIRTUAL_CLUSTER_ID),
            ReleaseLabel::EMR_6_2_0,
            execution_role,
            SparkSubmitJobDriver::new(TaskInput::from_text(PI)).spark_submit_parameters(SPARK_SUBMIT_PARAMETERS),
        )
        .monitoring(monitoring),
    );
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}

/// Seed: EMR on EKS / Start Job Run configured with spark submit parameters.
fn emr_containers_start_job_run_spark_submit(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let execution_role = job_execution_role(t, None)?;

    let task = Task::new(
        "EMR Containers Start Job Run",
        EmrContainersStartJobRun::new(
            VirtualClusterInput::from_virtual_cluster_id(VIRTUAL_CLUSTER_ID),
            ReleaseLabel::EMR_6_2_0,
            execution_role,
            SparkSubmitJobDriver::new(TaskInput::from_text(PI)).spark_submit_parameters(SPARK_SUBMIT_PARAMETERS),
        ),
    );
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}
