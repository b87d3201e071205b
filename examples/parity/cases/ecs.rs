//! `ecs_run_task_ec2`, `ecs_run_task_fargate`: Amazon ECS RunTask on EC2 and on Fargate.
//!
//! The CDK programs import a VPC with fixed ids and create a cluster and a task definition. The
//! twins write the cluster (an `AWS::ECS::Cluster` without properties, as CDK's) and the
//! security group as plain resources, and the task definition with `InlineTaskDefinition`,
//! under the family CDK generated (`StackTDA28C8ABC`) so that the states name the same family.

use stepfunctions_cdk::prelude::*;

use super::Build;

pub const CASES: &[(&str, Build)] = &[
    ("ecs_run_task_ec2", ecs_run_task_ec2),
    ("ecs_run_task_fargate", ecs_run_task_fargate),
];

/// CDK's generated family of the `TD` task definition in stack `Stack`.
const CDK_FAMILY: &str = "StackTDA28C8ABC";

/// Seed: ECS / RunTask / EC2. The cluster's capacity (`addCapacity`: an auto-scaling group and
/// its instance-draining hook) is not part of the task: the twin's cluster has none (reviewed
/// exceptions in the parity test).
fn ecs_run_task_ec2(t: &mut Template) -> Result<Vec<Warning>, Error> {
    t.add_resource("Ec2Cluster", Resource::new("AWS::ECS::Cluster"))?;
    let cluster = EcsCluster::from_arn(Expr::get_att("Ec2Cluster", "Arn"));

    let task_definition = InlineTaskDefinition::new("TD", EcsCompatibility::Ec2)
        .family(CDK_FAMILY)
        .container(EcsContainerDefinition::new("TheContainer", "foo/bar").memory_limit_mib(256))
        .add_to(t)?;

    let run_task = Task::new(
        "Run",
        EcsRunTask::new(
            cluster,
            task_definition,
            EcsEc2LaunchTarget::new()
                .placement_strategy(EcsPlacementStrategy::spread_across_instances())
                .placement_strategy(EcsPlacementStrategy::packed_by_cpu())
                .placement_strategy(EcsPlacementStrategy::randomly())
                .placement_constraint(EcsPlacementConstraint::member_of("blieptuut")),
        ),
    )
    .run_job();
    Ok(StateMachine::new("StateMachine", run_task).add_to(t)?.warnings)
}

/// Seed: ECS / RunTask / Fargate. CDK creates the task's security group (`RunFargate/SecurityGroup`)
/// when none is given; the twin writes it.
fn ecs_run_task_fargate(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let vpc_id = "vpc-0123456789abcdef0";
    let public_subnet_ids = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"];

    t.add_resource("FargateCluster", Resource::new("AWS::ECS::Cluster"))?;
    let cluster = EcsCluster::from_arn(Expr::get_att("FargateCluster", "Arn"));
    let task_definition = InlineTaskDefinition::new("TD", EcsCompatibility::Fargate)
        .family(CDK_FAMILY)
        .memory_mib(512)
        .cpu(256)
        .container(EcsContainerDefinition::new("TheContainer", "foo/bar").memory_limit_mib(256))
        .add_to(t)?;
    let security_group = t.add_resource(
        "RunFargateSecurityGroup",
        Resource::new("AWS::EC2::SecurityGroup")
            .property("GroupDescription", "Stack/RunFargate/SecurityGroup".into())
            .property("VpcId", vpc_id.into()),
    )?;

    let run_task = Task::new(
        "RunFargate",
        EcsRunTask::new(
            cluster,
            task_definition,
            EcsFargateLaunchTarget::new(
                EcsAwsVpc::new(public_subnet_ids).security_group(Expr::get_att(security_group.as_str(), "GroupId")),
            )
            .assign_public_ip(),
        )
        .container_override(
            EcsContainerOverride::new("TheContainer").environment("SOME_KEY", JsonPath::string_at("$.SomeKey")),
        ),
    )
    .run_job();
    Ok(StateMachine::new("StateMachine", run_task).add_to(t)?.warnings)
}
