//! `emr_*`: Amazon EMR (clusters, steps, instance fleets and groups).

use stepfunctions_cdk::cfn_model::iam::{Policy, PolicyDocument, Role};
use stepfunctions_cdk::prelude::*;

use super::Build;

pub const CASES: &[(&str, Build)] = &[
    ("emr_create_cluster", emr_create_cluster),
    (
        "emr_create_cluster_step_concurrency",
        emr_create_cluster_step_concurrency,
    ),
    (
        "emr_set_cluster_termination_protection",
        emr_set_cluster_termination_protection,
    ),
    ("emr_terminate_cluster", emr_terminate_cluster),
    ("emr_add_step", emr_add_step),
    ("emr_cancel_step", emr_cancel_step),
    ("emr_modify_instance_fleet_by_name", emr_modify_instance_fleet_by_name),
    ("emr_modify_instance_group_by_name", emr_modify_instance_group_by_name),
];

/// Seed: EMR / Create Cluster (with explicit cluster, service and auto-scaling roles).
fn emr_create_cluster(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let cluster_role = t.add_resource("ClusterRole", Role::for_service("ec2.amazonaws.com").into_resource())?;
    // EMR's JobFlowRole names an instance profile: the CDK passes the role's name and creates
    // none, so this one is named like the role (as the CDK does for the role it creates).
    t.add_resource(
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

    let service_role = t.add_resource(
        "ServiceRole",
        Role::for_service("elasticmapreduce.amazonaws.com").into_resource(),
    )?;

    let assume = |service: &str| {
        Value::map([
            ("Action", Value::from("sts:AssumeRole")),
            ("Effect", Value::from("Allow")),
            ("Principal", Value::map([("Service", Value::from(service))])),
        ])
    };
    let auto_scaling_role = t.add_resource(
        "AutoScalingRole",
        Resource::new("AWS::IAM::Role").property(
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
        ),
    )?;

    // The service role passes the cluster role to EC2 (the CDK task grants it this).
    let mut doc = PolicyDocument::new();
    doc.add(PolicyStatement::allow(
        ["iam:PassRole"],
        [Expr::get_att(cluster_role.as_str(), "Arn")],
    ));
    t.add_resource(
        "ServiceRoleDefaultPolicy",
        Policy::new(
            "ServiceRoleDefaultPolicy",
            doc,
            [Expr::reference(service_role.as_str())],
        )
        .into_resource(),
    )?;

    let roles = EmrClusterRoles::new(
        EmrRole::from_template(service_role.as_str()),
        EmrInstanceProfile::new(
            Expr::reference(cluster_role.as_str()),
            Expr::get_att(cluster_role.as_str(), "Arn"),
        ),
    )
    .auto_scaling_role(EmrRole::from_template(auto_scaling_role.as_str()));
    let task = Task::new(
        "Create Cluster",
        EmrCreateCluster::new(
            Payload::from_json_path_at("$.ClusterName"),
            EmrInstancesConfig::new(),
            roles,
        ),
    );
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}

/// Seed: EMR / Create Cluster with `stepConcurrencyLevel` (the roles created as the CDK
/// creates them).
fn emr_create_cluster_step_concurrency(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let roles = EmrClusterRoles::define("Create Cluster").add_to(t)?;
    let task = Task::new(
        "Create Cluster",
        EmrCreateCluster::new(
            Payload::from_json_path_at("$.ClusterName"),
            EmrInstancesConfig::new(),
            roles,
        )
        .step_concurrency_level(10),
    );
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}

/// Seed: EMR / Termination Protection.
fn emr_set_cluster_termination_protection(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let task = Task::new("Task", EmrSetClusterTerminationProtection::new("ClusterId", false));
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}

/// Seed: EMR / Terminate Cluster.
fn emr_terminate_cluster(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let task = Task::new("Task", EmrTerminateCluster::new("ClusterId"));
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}

/// Seed: EMR / Add Step.
fn emr_add_step(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let task = Task::new(
        "Task",
        EmrAddStep::new("ClusterId", "StepName", "Jar").action_on_failure(ActionOnFailure::Continue),
    );
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}

/// Seed: EMR / Cancel Step.
fn emr_cancel_step(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let task = Task::new("Task", EmrCancelStep::new("ClusterId", "StepId"));
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}

/// Seed: EMR / Modify Instance Fleet.
fn emr_modify_instance_fleet_by_name(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let task = Task::new(
        "Task",
        EmrModifyInstanceFleetByName::new("ClusterId", "InstanceFleetName", 2, 0),
    );
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}

/// Seed: EMR / Modify Instance Group.
fn emr_modify_instance_group_by_name(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let task = Task::new(
        "Task",
        EmrModifyInstanceGroupByName::new(
            "ClusterId",
            JsonPath::string_at("$.InstanceGroupName"),
            EmrInstanceGroupModifyConfig::new().instance_count(1),
        ),
    );
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}
