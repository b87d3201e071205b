//! `EcsRunTask` on Fargate: a cluster, a Fargate task definition and the task's security group
//! defined in the template, in a VPC of yours (template parameters). Runs a task to completion
//! with an environment variable from the input (run-job, the seed's Fargate example), then
//! starts one with its command from the input and goes on at once (request-response).
//!
//! The subnets are one `List<AWS::EC2::Subnet::Id>` parameter, placed in the definition as a
//! CloudFormation list (`EcsAwsVpc::from_subnet_list`). They must reach the internet for the task
//! to pull its public image: public subnets (the task gets a public IP address), such as the
//! default VPC's.
//!
//! `cargo run --example ecs_run_task_fargate > template.json`, then
//! `aws cloudformation deploy --template-file template.json --stack-name ecs-run-task-fargate --capabilities CAPABILITY_IAM --parameter-overrides VpcId=vpc-... Subnets=subnet-...,subnet-...`
//! and start an execution with the input `{"SomeKey": "hello", "command": ["sh", "-c", "date"]}`.

use std::process::ExitCode;

use stepfunctions_cdk::prelude::*;

/// Adds the parameters, the cluster, task definition and security group, the state machine and
/// an output.
pub fn build(template: &mut Template) -> Result<Vec<Warning>, Error> {
    let vpc_id = template.add_parameter(
        "VpcId",
        Parameter::new("AWS::EC2::VPC::Id")
            .description("The VPC of the subnets: the task's security group is made in it"),
    )?;
    template.add_parameter(
        "Subnets",
        Parameter::new("List<AWS::EC2::Subnet::Id>").description(
            "Public subnets of the VPC (with a route to an internet gateway) for the tasks: a task gets a public IP \
             address there to pull its image",
        ),
    )?;

    template.add_resource("FargateCluster", Resource::new("AWS::ECS::Cluster"))?;
    let cluster = EcsCluster::from_arn(Expr::get_att("FargateCluster", "Arn"));
    let task_definition = InlineTaskDefinition::new("TD", EcsCompatibility::Fargate)
        .memory_mib(512)
        .cpu(256)
        .container(
            EcsContainerDefinition::new("TheContainer", "public.ecr.aws/docker/library/busybox:stable")
                .memory_limit_mib(256)
                .command(["sh", "-c", "echo \"SOME_KEY is $SOME_KEY\""]),
        )
        .add_to(template)?;
    let security_group = template.add_resource(
        "RunFargateSecurityGroup",
        Resource::new("AWS::EC2::SecurityGroup")
            .property(
                "GroupDescription",
                "ECS tasks run by the state machine (outbound traffic only)".into(),
            )
            .property("VpcId", vpc_id.into()),
    )?;
    let network = || {
        EcsAwsVpc::from_subnet_list(ListExpr::Ref("Subnets".into()))
            .security_group(Expr::get_att(security_group.as_str(), "GroupId"))
    };

    // Seed: ECS / RunTask / Fargate; waits for the task to stop (run-job).
    let run_task = Task::new(
        "RunFargate",
        EcsRunTask::new(
            cluster.clone(),
            task_definition.clone(),
            EcsFargateLaunchTarget::new(network()).assign_public_ip(),
        )
        .container_override(
            EcsContainerOverride::new("TheContainer").environment("SOME_KEY", JsonPath::string_at("$.SomeKey")),
        ),
    )
    .run_job()
    .discard_result();

    // Starts a task with the command from the input and goes on (request-response).
    let start_task = Task::new(
        "Start Command",
        EcsRunTask::new(
            cluster,
            task_definition,
            EcsFargateLaunchTarget::new(network())
                .assign_public_ip()
                .platform_version(EcsFargatePlatformVersion::Latest),
        )
        .container_override(EcsContainerOverride::new("TheContainer").command_from(JsonPath::list_at("$.command")))
        .propagate_tags_from_task_definition(),
    )
    .result_path("$.started");

    let rendered = StateMachine::new("StateMachine", run_task.next(start_task))
        .comment("Runs a Fargate task to completion, then starts one with a command from the input")
        .add_to(template)?;
    rendered.output_arn(template)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    stepfunctions_cdk::cli::run(build)
}
