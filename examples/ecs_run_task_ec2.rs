//! `EcsRunTask` on EC2: a task definition of the template run on the EC2 instances of an
//! existing cluster (a template parameter: its capacity, an auto-scaling group of
//! ECS-optimized instances, is cluster infrastructure). Runs a task to completion, placed by
//! strategies and a constraint (run-job, the seed's EC2 example).
//!
//! `cargo run --example ecs_run_task_ec2 > template.json`, then
//! `aws cloudformation deploy --template-file template.json --stack-name ecs-run-task-ec2 --capabilities CAPABILITY_IAM --parameter-overrides ClusterName=my-cluster`
//! and start an execution with the input `{"day": "2024-01-31"}`.

use std::process::ExitCode;

use stepfunctions_cdk::prelude::*;

/// Adds the parameter, the task definition, the state machine and an output.
pub fn build(template: &mut Template) -> Result<Vec<Warning>, Error> {
    let cluster_name = template.add_parameter(
        "ClusterName",
        Parameter::string()
            .description(
                "Name of an existing ECS cluster of this account and region with Linux EC2 container instances \
                 (the task reserves 256 MiB of memory on one)",
            )
            .allowed_pattern("^[A-Za-z0-9_-]{1,255}$"),
    )?;
    let cluster = EcsCluster::from_name(cluster_name);

    let task_definition = InlineTaskDefinition::new("TD", EcsCompatibility::Ec2)
        .container(
            EcsContainerDefinition::new("TheContainer", "public.ecr.aws/docker/library/busybox:stable")
                .memory_limit_mib(256)
                .command(["sh", "-c", "echo \"report for $DAY\""]),
        )
        .add_to(template)?;

    // Seed: ECS / RunTask / EC2 (the seed's `memberOf("blieptuut")` is no cluster query
    // language expression; this one keeps the task on Linux instances).
    let run_task = Task::new(
        "Run",
        EcsRunTask::new(
            cluster,
            task_definition,
            EcsEc2LaunchTarget::new()
                .placement_strategy(EcsPlacementStrategy::spread_across_instances())
                .placement_strategy(EcsPlacementStrategy::packed_by_cpu())
                .placement_strategy(EcsPlacementStrategy::randomly())
                .placement_constraint(EcsPlacementConstraint::member_of("attribute:ecs.os-type == linux")),
        )
        .container_override(EcsContainerOverride::new("TheContainer").environment("DAY", JsonPath::string_at("$.day"))),
    )
    .run_job()
    .result_path("$.task");

    let rendered = StateMachine::new("StateMachine", run_task)
        .comment("Runs an ECS task on the EC2 instances of a cluster and waits for it to stop")
        .add_to(template)?;
    rendered.output_arn(template)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    stepfunctions_cdk::cli::run(build)
}
