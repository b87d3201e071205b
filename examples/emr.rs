//! The EMR tasks, in three state machines:
//! - `ClusterLifecycle` creates a cluster with roles the template defines
//!   (`EmrClusterRoles::define`, as the CDK does when it is given none) and a step concurrency
//!   level, protects it, grows its core instance group, runs a Spark step and waits for it,
//!   then unprotects and terminates it;
//! - `CreateClusterWithRoles` creates a cluster with the roles of the seed's first snippet
//!   (`ClusterRole`, `ServiceRole`, `AutoScalingRole`, defined here with the managed policies
//!   EMR needs) and terminates it without waiting;
//! - `ClusterOperations` works on a cluster that exists, named in the input: adds a step
//!   without waiting, cancels it, and sets the target capacities of an instance fleet.
//!
//! `cargo run --example emr > template.json`, then
//! `aws cloudformation deploy --template-file template.json --stack-name emr --capabilities CAPABILITY_IAM`.
//! Start `ClusterLifecycle` or `CreateClusterWithRoles` with `{"ClusterName": "example"}` (the
//! clusters run in the account's default VPC and cost money while up), and
//! `ClusterOperations` with `{"ClusterId": "j-...", "InstanceFleetName": "Core"}` for a
//! cluster made of instance fleets.

use std::process::ExitCode;
use std::time::Duration;

use stepfunctions_cdk::cfn_model::iam::{Policy, PolicyDocument, Role};
use stepfunctions_cdk::prelude::*;

/// The cluster id `createCluster.sync` returns, where the tasks below put it.
const CLUSTER_ID: &str = "$.CreateClusterResult.ClusterId";

/// A small cluster: one primary and one core node, in named instance groups.
fn instances() -> EmrInstancesConfig {
    EmrInstancesConfig::instance_groups([
        EmrInstanceGroup::new(EmrInstanceRoleType::Master, "m5.xlarge", 1).name("Primary"),
        EmrInstanceGroup::new(EmrInstanceRoleType::Core, "m5.xlarge", 1).name("Core"),
    ])
}

/// Seed: EMR / Create Cluster with `stepConcurrencyLevel` (roles created), Termination
/// Protection, Modify Instance Group, Add Step, Terminate Cluster.
fn cluster_lifecycle(template: &mut Template) -> Result<Vec<Warning>, Error> {
    let roles = EmrClusterRoles::define("Cluster")
        .without_auto_scaling_role()
        .add_to(template)?;
    let create = Task::new(
        "Create Cluster",
        EmrCreateCluster::new(JsonPath::string_at("$.ClusterName"), instances(), roles)
            .release_label("emr-7.1.0")
            .application(EmrApplication::new("Spark"))
            .step_concurrency_level(10)
            // a safety net: the cluster ends itself after an idle hour
            .auto_termination_idle_timeout(Duration::from_secs(3600))
            .tag("example", "emr"),
    )
    .result_path("$.CreateClusterResult");

    let protect = Task::new(
        "Enable Termination Protection",
        EmrSetClusterTerminationProtection::new(JsonPath::string_at(CLUSTER_ID), true),
    )
    .discard_result();

    let grow = Task::new(
        "Grow Core Group",
        EmrModifyInstanceGroupByName::new(
            JsonPath::string_at(CLUSTER_ID),
            "Core",
            EmrInstanceGroupModifyConfig::new().instance_count(2),
        ),
    )
    .discard_result();

    let step = Task::new(
        "Run Spark Step",
        EmrAddStep::new(JsonPath::string_at(CLUSTER_ID), "SparkPi", "command-runner.jar")
            .args(["spark-example", "SparkPi", "10"])
            .action_on_failure(ActionOnFailure::Continue),
    )
    .result_path("$.StepResult")
    .catch(Catch::all(StateRef::named("Disable Termination Protection")).result_path("$.StepError"));

    let unprotect = Task::new(
        "Disable Termination Protection",
        EmrSetClusterTerminationProtection::new(JsonPath::string_at(CLUSTER_ID), false),
    )
    .discard_result();

    let terminate = Task::new(
        "Terminate Cluster",
        EmrTerminateCluster::new(JsonPath::string_at(CLUSTER_ID)),
    )
    .discard_result();

    let rendered = StateMachine::new(
        "ClusterLifecycle",
        create
            .next(protect)
            .next(grow)
            .next(step)
            .next(unprotect)
            .next(terminate),
    )
    .comment("Creates an EMR cluster, runs a Spark step on it and terminates it")
    .add_to(template)?;
    rendered.output_arn(template)
}

/// Seed: EMR / Create Cluster (with explicit cluster, service and auto-scaling roles), then
/// Terminate Cluster without waiting.
fn create_cluster_with_roles(template: &mut Template) -> Result<Vec<Warning>, Error> {
    let managed = |name: &str| Expr::sub(&format!("arn:${{AWS::Partition}}:iam::aws:policy/service-role/{name}"));

    let cluster_role = template.add_resource("ClusterRole", Role::for_service("ec2.amazonaws.com").into_resource())?;
    // JobFlowRole names an instance profile, which EMR wants named like its role.
    template.add_resource(
        "ClusterRoleInstanceProfile",
        Resource::new("AWS::IAM::InstanceProfile")
            .property(
                "InstanceProfileName",
                Value::from(Expr::reference(cluster_role.as_str())),
            )
            .property(
                "Roles",
                Value::list([Value::from(Expr::reference(cluster_role.as_str()))]),
            ),
    )?;

    let service_role = template.add_resource(
        "ServiceRole",
        Role::for_service("elasticmapreduce.amazonaws.com")
            .managed_policy(managed("AmazonElasticMapReduceRole"))
            .into_resource(),
    )?;
    // The service role launches the instances with the cluster role.
    let mut pass_cluster_role = PolicyDocument::new();
    pass_cluster_role.add(PolicyStatement::allow(
        ["iam:PassRole"],
        [Expr::get_att(cluster_role.as_str(), "Arn")],
    ));
    template.add_resource(
        "ServiceRoleDefaultPolicy",
        Policy::new(
            "ServiceRoleDefaultPolicy",
            pass_cluster_role,
            [Expr::reference(service_role.as_str())],
        )
        .into_resource(),
    )?;

    // Assumed by EMR and by Application Auto Scaling.
    let assume = |service: &str| {
        Value::map([
            ("Action", Value::from("sts:AssumeRole")),
            ("Effect", Value::from("Allow")),
            ("Principal", Value::map([("Service", Value::from(service))])),
        ])
    };
    let auto_scaling_role = template.add_resource(
        "AutoScalingRole",
        Resource::new("AWS::IAM::Role")
            .property(
                "AssumeRolePolicyDocument",
                Value::map([
                    (
                        "Statement",
                        Value::list([
                            assume("elasticmapreduce.amazonaws.com"),
                            assume("application-autoscaling.amazonaws.com"),
                        ]),
                    ),
                    ("Version", Value::from("2012-10-17")),
                ]),
            )
            .property(
                "ManagedPolicyArns",
                Value::list([Value::from(managed("AmazonElasticMapReduceforAutoScalingRole"))]),
            ),
    )?;

    let roles = EmrClusterRoles::new(
        EmrRole::from_template(service_role.as_str()),
        EmrInstanceProfile::new(
            Expr::reference(cluster_role.as_str()),
            Expr::get_att(cluster_role.as_str(), "Arn"),
        ),
    )
    .auto_scaling_role(EmrRole::from_template(auto_scaling_role.as_str()));
    let create = Task::new(
        "Create Cluster",
        EmrCreateCluster::new(Payload::from_json_path_at("$.ClusterName"), instances(), roles),
    )
    .result_path("$.CreateClusterResult");
    let terminate = Task::new(
        "Terminate Cluster",
        EmrTerminateCluster::new(JsonPath::string_at(CLUSTER_ID)),
    )
    .request_response()
    .discard_result();

    let rendered = StateMachine::new("CreateClusterWithRoles", create.next(terminate))
        .comment("Creates an EMR cluster with the template's roles, then terminates it")
        .add_to(template)?;
    rendered.output_arn(template)
}

/// Seed: EMR / Add Step, Cancel Step, Modify Instance Fleet, on a cluster named in the input.
fn cluster_operations(template: &mut Template) -> Result<Vec<Warning>, Error> {
    let add = Task::new(
        "Add Step",
        EmrAddStep::new(JsonPath::string_at("$.ClusterId"), "StepName", "command-runner.jar")
            .args(["spark-example", "SparkPi", "10"])
            .action_on_failure(ActionOnFailure::Continue),
    )
    .request_response()
    .result_path("$.AddStepResult");

    let cancel = Task::new(
        "Cancel Step",
        EmrCancelStep::new(
            JsonPath::string_at("$.ClusterId"),
            JsonPath::string_at("$.AddStepResult.StepId"),
        ),
    )
    .result_path("$.CancelStepResult");

    let resize = Task::new(
        "Modify Instance Fleet",
        EmrModifyInstanceFleetByName::new(
            JsonPath::string_at("$.ClusterId"),
            JsonPath::string_at("$.InstanceFleetName"),
            2,
            0,
        ),
    )
    .discard_result();

    let rendered = StateMachine::new("ClusterOperations", add.next(cancel).next(resize))
        .comment("Adds a step to an existing EMR cluster, cancels it, and resizes an instance fleet")
        .add_to(template)?;
    rendered.output_arn(template)
}

/// Adds the three state machines, their roles and outputs.
pub fn build(template: &mut Template) -> Result<Vec<Warning>, Error> {
    let mut warnings = cluster_lifecycle(template)?;
    warnings.extend(create_cluster_with_roles(template)?);
    warnings.extend(cluster_operations(template)?);
    Ok(warnings)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    stepfunctions_cdk::cli::run(build)
}
