//! EMR on EKS virtual clusters made for one job and deleted after it: create a virtual cluster
//! on an EKS cluster (named in the input, else the template parameter's, in the parameter's
//! namespace), run a Spark job on it as an existing job execution role (the virtual cluster
//! comes from the input, so the role is given, as in the CDK), then delete the virtual cluster
//! and wait until it is gone.
//!
//! The EKS cluster must be set up for EMR on EKS (cluster access for EMR in the namespace, an
//! IAM OIDC provider); the role must trust the EMR managed service accounts of the namespace
//! (`aws emr-containers update-role-trust-policy --cluster-name <cluster> --namespace <namespace>
//! --role-name <role>`). The CDK's default virtual cluster name, `<execution name>/<state name>`,
//! is refused by EMR on EKS for a state name with spaces: the virtual clusters are named after
//! the execution.
//!
//! `cargo run --example emr_containers_virtual_cluster > template.json`, then
//! `aws cloudformation deploy --template-file template.json --stack-name emr-containers-virtual-cluster --capabilities CAPABILITY_IAM --parameter-overrides EksClusterName=<cluster> EksNamespace=<namespace> JobExecutionRoleArn=arn:aws:iam::...:role/...`
//! and start an execution with the input `{}` (or `{"eksClusterName": "<another cluster>"}`).

use std::process::ExitCode;

use stepfunctions_cdk::prelude::*;

/// Adds the parameters, the state machine and an output.
pub fn build(template: &mut Template) -> Result<Vec<Warning>, Error> {
    let cluster_name = template.add_parameter(
        "EksClusterName",
        Parameter::string()
            .description("Name of an existing EKS cluster set up for EMR on EKS")
            .allowed_pattern("^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$"),
    )?;
    let namespace = template.add_parameter(
        "EksNamespace",
        Parameter::string()
            .description("Kubernetes namespace of the cluster that EMR on EKS may use")
            .default_value(Value::from("default"))
            .allowed_pattern("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$"),
    )?;
    let role_arn = template.add_parameter(
        "JobExecutionRoleArn",
        Parameter::string()
            .description(
                "ARN of an existing job execution role whose trust policy lets the EMR managed service accounts of \
                 the namespace assume it (aws emr-containers update-role-trust-policy)",
            )
            .allowed_pattern("^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$"),
    )?;
    let name = JsonPath::string_at("$$.Execution.Name");

    // Seed: the EKS cluster passed in from the task input.
    let from_input = Task::new(
        "Create a Virtual Cluster From The Input",
        EmrContainersCreateVirtualCluster::new(EksClusterInput::from_task_input(JsonPath::string_at(
            "$.eksClusterName",
        )))
        .virtual_cluster_name(name.clone()),
    )
    .result_path("$.virtualCluster");
    // Seed: the EKS cluster passed in directly (by name: creating a virtual cluster needs no
    // more of it), in a specific namespace.
    let from_cluster = Task::new(
        "Create a Virtual Cluster",
        EmrContainersCreateVirtualCluster::new(EksClusterInput::from_cluster_name(cluster_name))
            .eks_namespace(namespace)
            .virtual_cluster_name(name),
    )
    .result_path("$.virtualCluster");
    let create = Choice::new("EKS Cluster In The Input?")
        .when(Condition::is_present("$.eksClusterName"), from_input)
        .otherwise(from_cluster)
        .afterwards();

    // Seed: an existing job execution role, the virtual cluster from the task input.
    let start_job_run = Task::new(
        "EMR Containers Start Job Run",
        EmrContainersStartJobRun::new(
            VirtualClusterInput::from_task_input(TaskInput::from_json_path_at("$.virtualCluster.Id")),
            ReleaseLabel::EMR_6_2_0,
            EmrContainersExecutionRole::from_arn(role_arn),
            SparkSubmitJobDriver::new(TaskInput::from_text(
                "local:///usr/lib/spark/examples/src/main/python/pi.py",
            ))
            .spark_submit_parameters(
                "--conf spark.executor.instances=2 --conf spark.executor.memory=2G --conf spark.executor.cores=2 \
                 --conf spark.driver.cores=1",
            ),
        )
        .job_name("EMR-Containers-Job"),
    )
    .result_path("$.jobRun");

    // Seed: delete the virtual cluster, here waiting for it to be gone (run-job).
    let delete = Task::new(
        "Delete a Virtual Cluster",
        EmrContainersDeleteVirtualCluster::new(TaskInput::from_json_path_at("$.virtualCluster.Id")),
    )
    .run_job()
    .discard_result();

    let rendered = StateMachine::new("StateMachine", create.next(start_job_run).next(delete))
        .comment("Creates an EMR on EKS virtual cluster, runs a Spark job on it, deletes it")
        .add_to(template)?;
    rendered.output_arn(template)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    stepfunctions_cdk::cli::run(build)
}
