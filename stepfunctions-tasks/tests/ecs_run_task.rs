//! `EcsRunTask` and `InlineTaskDefinition`: defaults, every option, each pattern, every
//! rejection. Each snapshot holds the rendered state with the policy statements it needs.

use cfn_model::{Expr, Template};
use serde_json::{json, Value};
use stepfunctions::prelude::*;
use stepfunctions::testing::render_state;
use stepfunctions::Error;
use stepfunctions_tasks::{
    EcsAwsVpc, EcsCluster, EcsCompatibility, EcsContainerDefinition, EcsContainerOverride, EcsEc2LaunchTarget,
    EcsFargateLaunchTarget, EcsFargatePlatformVersion, EcsNetworkMode, EcsPlacementConstraint, EcsPlacementStrategy,
    EcsRunTask, EcsTaskDefinition, InlineTaskDefinition,
};

mod common;
use common::reason_at;

const CLUSTER: &str = "arn:aws:ecs:us-east-1:123456789012:cluster/jobs";
const TASK_DEFINITION: &str = "arn:aws:ecs:us-east-1:123456789012:task-definition/report:3";
const TASK_ROLE: &str = "arn:aws:iam::123456789012:role/ReportTask";
const EXECUTION_ROLE: &str = "arn:aws:iam::123456789012:role/ReportTaskExecution";
const SUBNET: &str = "subnet-0aaaaaaaaaaaaaaa1";

fn task_definition() -> EcsTaskDefinition {
    EcsTaskDefinition::from_arn(TASK_DEFINITION)
        .task_role(TASK_ROLE)
        .execution_role(EXECUTION_ROLE)
}

fn on_ec2() -> EcsRunTask {
    EcsRunTask::new(
        EcsCluster::from_arn(CLUSTER),
        task_definition(),
        EcsEc2LaunchTarget::new(),
    )
}

fn on_fargate() -> EcsRunTask {
    EcsRunTask::new(
        EcsCluster::from_arn(CLUSTER),
        task_definition(),
        EcsFargateLaunchTarget::new(EcsAwsVpc::new([SUBNET])),
    )
}

fn run_error(run: EcsRunTask) -> String {
    reason_at("Run", render_state(Task::new("Run", run)).unwrap_err())
}

fn define_error(d: InlineTaskDefinition) -> String {
    match d.add_to(&mut Template::new()).unwrap_err() {
        Error::InvalidResource {
            construct,
            field,
            reason,
        } => {
            assert_eq!((construct.as_str(), field), ("TD", "TaskDefinition"));
            reason
        }
        other => panic!("expected InvalidResource, got {other:?}"),
    }
}

/// The statement granting `action`.
fn statement<'a>(r: &'a Value, action: &str) -> &'a Value {
    r["PolicyStatements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["Action"] == action || s["Action"].as_array().is_some_and(|a| a.contains(&json!(action))))
        .unwrap_or_else(|| panic!("no statement grants {action}"))
}

/// The resources of the statement granting `action`, in `Fn::Sub` text (without its variables).
fn resources_of(r: &Value, action: &str) -> Vec<String> {
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => {
            let sub = &other["Fn::Sub"];
            sub.as_str()
                .or_else(|| sub[0].as_str())
                .map_or_else(|| other.to_string(), str::to_owned)
        }
    };
    match &statement(r, action)["Resource"] {
        Value::Array(items) => items.iter().map(text).collect(),
        one => vec![text(one)],
    }
}

fn grants(r: &Value, action: &str) -> bool {
    r["PolicyStatements"].to_string().contains(&format!("\"{action}\""))
}

#[test]
fn default_settings() {
    let r = render_state(Task::new("Run", on_ec2())).unwrap();
    insta::assert_json_snapshot!(r);
}

#[test]
fn optional_settings_on_fargate() {
    let run = EcsRunTask::new(
        EcsCluster::from_arn(CLUSTER),
        task_definition(),
        EcsFargateLaunchTarget::new(
            EcsAwsVpc::new([SUBNET, "subnet-0bbbbbbbbbbbbbbb2"])
                .security_group("sg-0123456789abcdef0")
                .security_group(Expr::reference("SecurityGroupId")),
        )
        .assign_public_ip()
        .platform_version(EcsFargatePlatformVersion::Version1_4),
    )
    .revision(3)
    .container_override(
        EcsContainerOverride::new("report")
            .command(["report", "--day"])
            .environment("DAY", JsonPath::string_at("$.day"))
            .environment("STAGE", "prod")
            .cpu(256)
            .memory_limit_mib(1024)
            .memory_reservation_mib(512),
    )
    .container_override(EcsContainerOverride::new("sidecar").command_from(JsonPath::list_at("$.sidecarCommand")))
    .cpu(512)
    .memory_mib(2048)
    .propagate_tags_from_task_definition()
    .enable_ecs_managed_tags()
    .enable_execute_command();
    let task = Task::new("Run", run).result_path("$.task");
    insta::assert_json_snapshot!(render_state(task).unwrap());
}

#[test]
fn optional_settings_on_ec2() {
    let run = EcsRunTask::new(
        EcsCluster::from_arn(CLUSTER),
        task_definition(),
        EcsEc2LaunchTarget::new()
            .awsvpc(EcsAwsVpc::new([SUBNET]))
            .placement_strategy(EcsPlacementStrategy::spread_across_availability_zones())
            .placement_strategy(EcsPlacementStrategy::spread_across("host"))
            .placement_strategy(EcsPlacementStrategy::packed_by_memory())
            .placement_constraint(EcsPlacementConstraint::distinct_instances())
            .placement_constraint(EcsPlacementConstraint::member_of("attribute:ecs.os-type == linux")),
    );
    let r = render_state(Task::new("Run", run)).unwrap();
    assert_eq!(
        r["States"]["Run"]["Parameters"]["NetworkConfiguration"],
        json!({"AwsvpcConfiguration": {"Subnets": [SUBNET]}}),
        "no public IP on EC2"
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn run_job() {
    let r = render_state(Task::new("Run", on_fargate()).run_job()).unwrap();
    assert_eq!(
        r["DefinitionSubstitutions"]["StatesEcsRunTaskSync"],
        json!({"Fn::Sub": "arn:${AWS::Partition}:states:::ecs:runTask.sync"})
    );
    assert_eq!(
        resources_of(&r, "ecs:StopTask"),
        ["arn:aws:ecs:us-east-1:123456789012:task/jobs/*"]
    );
    assert_eq!(
        resources_of(&r, "ecs:DescribeTasks"),
        ["arn:aws:ecs:us-east-1:123456789012:task/jobs/*"]
    );
    assert_eq!(
        resources_of(&r, "events:PutRule"),
        ["arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/StepFunctionsGetEventsForECSTaskRule"]
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn wait_for_task_token() {
    let run = on_fargate()
        .container_override(EcsContainerOverride::new("report").environment("TASK_TOKEN", JsonPath::task_token()));
    let r = render_state(Task::new("Run", run).wait_for_task_token()).unwrap();
    assert!(!grants(&r, "ecs:StopTask"), "the callback template has RunTask only");
    assert!(!grants(&r, "events:PutRule"));
    insta::assert_json_snapshot!(r);
}

#[test]
fn request_response_runs_and_passes_the_roles_only() {
    let r = render_state(Task::new("Run", on_ec2())).unwrap();
    assert_eq!(
        r["DefinitionSubstitutions"]["StatesEcsRunTask"],
        json!({"Fn::Sub": "arn:${AWS::Partition}:states:::ecs:runTask"})
    );
    assert_eq!(
        resources_of(&r, "ecs:RunTask"),
        ["arn:aws:ecs:us-east-1:123456789012:task-definition/report:*"]
    );
    assert_eq!(resources_of(&r, "iam:PassRole"), [TASK_ROLE, EXECUTION_ROLE]);
    assert_eq!(r["PolicyStatements"].as_array().unwrap().len(), 2);
    assert_eq!(r["States"]["Run"]["Parameters"]["TaskDefinition"], "report");
}

#[test]
fn a_pinned_revision_is_run_and_granted() {
    let r = render_state(Task::new("Run", on_ec2().revision(7))).unwrap();
    assert_eq!(r["States"]["Run"]["Parameters"]["TaskDefinition"], "report:7");
    assert_eq!(
        resources_of(&r, "ecs:RunTask"),
        ["arn:aws:ecs:us-east-1:123456789012:task-definition/report:7"]
    );
}

#[test]
fn task_definitions_from_the_template_are_split_into_family_and_arn() {
    let d = EcsTaskDefinition::from_arn(Expr::reference("TaskDefinitionArn")).task_role(Expr::reference("TaskRoleArn"));
    let r = render_state(Task::new(
        "Run",
        EcsRunTask::new(EcsCluster::from_name("jobs"), d, EcsEc2LaunchTarget::new()),
    ))
    .unwrap();
    let family = json!({"Fn::Select": [1, {"Fn::Split": ["/", {"Fn::Select": [5, {"Fn::Split": [":", {"Ref": "TaskDefinitionArn"}]}]}]}]});
    let placeholder = r["States"]["Run"]["Parameters"]["TaskDefinition"].as_str().unwrap();
    let key = placeholder.trim_start_matches("${").trim_end_matches('}');
    assert_eq!(r["DefinitionSubstitutions"][key], family);
    assert_eq!(
        resources_of(&r, "ecs:RunTask"),
        ["arn:${Var1}:${Var2}:${Var3}:${Var4}:${Var5}/${Var6}:*"]
    );
    assert_eq!(r["States"]["Run"]["Parameters"]["Cluster"], "jobs");

    // by family: in the stack's account and region
    let r = render_state(Task::new(
        "Run",
        EcsRunTask::new(
            EcsCluster::from_name("jobs"),
            EcsTaskDefinition::from_family("report"),
            EcsEc2LaunchTarget::new(),
        ),
    ))
    .unwrap();
    assert_eq!(
        resources_of(&r, "ecs:RunTask"),
        ["arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:task-definition/report:*"]
    );
    assert!(!grants(&r, "iam:PassRole"), "no role given, none passed");
}

#[test]
fn clusters_scope_the_tasks_stopped_and_described() {
    let run = |cluster| {
        render_state(
            Task::new(
                "Run",
                EcsRunTask::new(cluster, task_definition(), EcsEc2LaunchTarget::new()),
            )
            .run_job(),
        )
        .unwrap()
    };
    let r = run(EcsCluster::from_arn(Expr::get_att("Cluster", "Arn")));
    assert_eq!(
        resources_of(&r, "ecs:StopTask"),
        ["arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:task/${Var1}/*"]
    );
    assert_eq!(
        statement(&r, "ecs:StopTask")["Resource"]["Fn::Sub"][1]["Var1"],
        json!({"Fn::Select": [1, {"Fn::Split": ["/", {"Fn::GetAtt": ["Cluster", "Arn"]}]}]})
    );
    let r = run(EcsCluster::from_name(Expr::reference("Cluster")));
    assert_eq!(
        resources_of(&r, "ecs:DescribeTasks"),
        ["arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:task/${Cluster}/*"]
    );
    let r = run(EcsCluster::from_json_path("$.cluster"));
    assert_eq!(r["States"]["Run"]["Parameters"]["Cluster.$"], "$.cluster");
    assert_eq!(
        resources_of(&r, "ecs:StopTask"),
        ["arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:task/*"]
    );
}

#[test]
fn tagging_the_task_grants_tag_resource_on_creation() {
    for run in [
        on_ec2().propagate_tags_from_task_definition(),
        on_ec2().enable_ecs_managed_tags(),
    ] {
        let r = render_state(Task::new("Run", run)).unwrap();
        let st = statement(&r, "ecs:TagResource");
        assert_eq!(st["Resource"], "arn:aws:ecs:us-east-1:123456789012:task/jobs/*");
        assert_eq!(
            st["Condition"],
            json!({"StringEquals": {"ecs:CreateAction": "RunTask"}})
        );
    }
    assert!(!grants(
        &render_state(Task::new("Run", on_ec2())).unwrap(),
        "ecs:TagResource"
    ));
}

#[test]
fn inline_task_definitions() {
    let mut t = Template::new();
    let td = InlineTaskDefinition::new("TD", EcsCompatibility::Fargate)
        .cpu(256)
        .memory_mib(512)
        .container(
            EcsContainerDefinition::new("app", "public.ecr.aws/docker/library/busybox:stable")
                .memory_limit_mib(256)
                .memory_reservation_mib(128)
                .cpu(128)
                .command(["echo", "hello"])
                .environment("STAGE", "prod"),
        )
        .container(EcsContainerDefinition::new("sidecar", "foo/sidecar").essential(false))
        .execution_role(Expr::reference("ExecutionRoleArn"))
        .add_to(&mut t)
        .unwrap();
    let json: Value = serde_json::from_str(&t.to_json_compact().unwrap()).unwrap();
    insta::assert_json_snapshot!("inline_fargate_task_definition", json["Resources"]);

    let run = EcsRunTask::new(
        EcsCluster::from_name("jobs"),
        td,
        EcsFargateLaunchTarget::new(EcsAwsVpc::new([SUBNET])),
    )
    .container_override(EcsContainerOverride::new("app").environment("DAY", JsonPath::string_at("$.day")));
    let r = render_state(Task::new("Run", run)).unwrap();
    // no family given: CloudFormation generates one, taken out of the ARN
    let placeholder = r["States"]["Run"]["Parameters"]["TaskDefinition"].as_str().unwrap();
    let key = placeholder.trim_start_matches("${").trim_end_matches('}');
    assert_eq!(
        r["DefinitionSubstitutions"][key],
        json!({"Fn::Select": [1, {"Fn::Split": ["/", {"Fn::Select": [5, {"Fn::Split": [":", {"Ref": "TD"}]}]}]}]})
    );
    assert_eq!(
        resources_of(&r, "iam:PassRole"),
        [
            r#"{"Fn::GetAtt":["TDTaskRole","Arn"]}"#,
            r#"{"Ref":"ExecutionRoleArn"}"#
        ]
    );

    // an EC2 task definition: bridge by default, the family given
    let mut t = Template::new();
    let td = InlineTaskDefinition::new("TD", EcsCompatibility::Ec2)
        .family("nightly")
        .task_role(Expr::reference("TaskRoleArn"))
        .container(EcsContainerDefinition::new("app", "foo/bar").memory_reservation_mib(128))
        .add_to(&mut t)
        .unwrap();
    assert!(t.resource("TDTaskRole").is_none(), "the given task role is used");
    let props = t.resource("TD").unwrap().properties();
    assert_eq!(serde_json::to_value(&props["NetworkMode"]).unwrap(), "bridge");
    assert_eq!(serde_json::to_value(&props["Family"]).unwrap(), "nightly");
    let r = render_state(Task::new(
        "Run",
        EcsRunTask::new(EcsCluster::from_name("jobs"), td, EcsEc2LaunchTarget::new()),
    ))
    .unwrap();
    assert_eq!(r["States"]["Run"]["Parameters"]["TaskDefinition"], "nightly");
}

#[test]
fn fails_when_waiting_for_a_token_not_passed() {
    let e = render_state(Task::new("Run", on_fargate()).wait_for_task_token()).unwrap_err();
    assert!(reason_at("Run", e).contains("task token"));
}

#[test]
fn fails_when_an_arn_is_not_of_its_kind() {
    let e = run_error(EcsRunTask::new(
        EcsCluster::from_arn("arn:aws:ecs:us-east-1:123456789012:service/jobs/web"),
        task_definition(),
        EcsEc2LaunchTarget::new(),
    ));
    assert!(e.contains("cluster ARN"), "{e}");
    let e = run_error(EcsRunTask::new(
        EcsCluster::from_name("jobs!"),
        task_definition(),
        EcsEc2LaunchTarget::new(),
    ));
    assert!(e.contains("cluster name"), "{e}");
    let e = run_error(EcsRunTask::new(
        EcsCluster::from_arn(CLUSTER),
        EcsTaskDefinition::from_arn("report:3"),
        EcsEc2LaunchTarget::new(),
    ));
    assert!(e.contains("task definition ARN"), "{e}");
    let e = run_error(EcsRunTask::new(
        EcsCluster::from_arn(CLUSTER),
        EcsTaskDefinition::from_family("report:3"),
        EcsEc2LaunchTarget::new(),
    ));
    assert!(e.contains("family"), "{e}");
}

#[test]
fn fails_when_the_revision_is_zero() {
    assert!(run_error(on_ec2().revision(0)).contains("start at 1"));
}

#[test]
fn fails_when_the_network_is_out_of_range() {
    let fargate = |network| {
        EcsRunTask::new(
            EcsCluster::from_arn(CLUSTER),
            task_definition(),
            EcsFargateLaunchTarget::new(network),
        )
    };
    let none: [&str; 0] = [];
    assert!(run_error(fargate(EcsAwsVpc::new(none))).contains("1 to 16 subnets"));
    let many: Vec<String> = (0..17).map(|i| format!("subnet-{i:017x}")).collect();
    assert!(run_error(fargate(EcsAwsVpc::new(many))).contains("1 to 16 subnets"));
    let mut groups = EcsAwsVpc::new([SUBNET]);
    for i in 0..6 {
        groups = groups.security_group(format!("sg-{i:017x}"));
    }
    assert!(run_error(fargate(groups)).contains("at most 5 security groups"));
    assert!(run_error(fargate(EcsAwsVpc::new(["vpc-0123"]))).contains("not a subnet id"));
    assert!(run_error(fargate(EcsAwsVpc::new([SUBNET]).security_group("default"))).contains("not a security group id"));
    let ec2 = EcsRunTask::new(
        EcsCluster::from_arn(CLUSTER),
        task_definition(),
        EcsEc2LaunchTarget::new().awsvpc(EcsAwsVpc::new(["subnet-"])),
    );
    assert!(run_error(ec2).contains("not a subnet id"));
}

#[test]
fn fails_when_placement_is_out_of_range() {
    let ec2 = |target: EcsEc2LaunchTarget| EcsRunTask::new(EcsCluster::from_arn(CLUSTER), task_definition(), target);
    let mut target = EcsEc2LaunchTarget::new();
    for _ in 0..6 {
        target = target.placement_strategy(EcsPlacementStrategy::randomly());
    }
    assert!(run_error(ec2(target)).contains("at most 5 placement strategies"));
    let mut target = EcsEc2LaunchTarget::new();
    for _ in 0..11 {
        target = target.placement_constraint(EcsPlacementConstraint::distinct_instances());
    }
    assert!(run_error(ec2(target)).contains("at most 10 placement constraints"));
    let target = EcsEc2LaunchTarget::new().placement_constraint(EcsPlacementConstraint::member_of(" "));
    assert!(run_error(ec2(target)).contains("memberOf expression"));
    let target = EcsEc2LaunchTarget::new().placement_strategy(EcsPlacementStrategy::spread_across(""));
    assert!(run_error(ec2(target)).contains("needs a field"));
}

#[test]
fn fails_when_container_overrides_are_invalid() {
    let e = run_error(
        on_ec2()
            .container_override(EcsContainerOverride::new("app"))
            .container_override(EcsContainerOverride::new("app")),
    );
    assert!(e.contains("overridden twice"), "{e}");
    let e = run_error(on_ec2().container_override(EcsContainerOverride::new("")));
    assert!(e.contains("needs the container's name"), "{e}");
    let e = run_error(on_ec2().container_override(EcsContainerOverride::new("app").environment("", "x")));
    assert!(e.contains("has no name"), "{e}");
    let none: [&str; 0] = [];
    let e = run_error(on_ec2().container_override(EcsContainerOverride::new("app").command(none)));
    assert!(e.contains("cannot be empty"), "{e}");
    let e = run_error(
        on_ec2().container_override(
            EcsContainerOverride::new("app")
                .memory_limit_mib(256)
                .memory_reservation_mib(512),
        ),
    );
    assert!(e.contains("exceeds the limit"), "{e}");
    let e = run_error(on_ec2().container_override(EcsContainerOverride::new("app").memory_limit_mib(0)));
    assert!(e.contains("at least 1 MiB"), "{e}");
}

#[test]
fn fails_when_the_task_size_is_invalid() {
    assert!(run_error(on_ec2().cpu(0)).contains("must be positive"));
    let e = run_error(on_fargate().cpu(256).memory_mib(4096));
    assert!(e.contains("256 cpu units takes 512, 1024, 2048 MiB"), "{e}");
    assert!(run_error(on_fargate().cpu(300).memory_mib(1024)).contains("Fargate cpu must be"));
    // on EC2 any size goes
    assert!(render_state(Task::new("Run", on_ec2().cpu(300).memory_mib(700))).is_ok());
}

/// What the launch target and the overrides are checked against, for a task definition defined
/// in the template.
#[test]
fn fails_when_the_task_does_not_fit_its_task_definition() {
    let define = |compatibility, mode: Option<EcsNetworkMode>| {
        let mut d = InlineTaskDefinition::new("TD", compatibility)
            .cpu(8192)
            .memory_mib(16384)
            .container(EcsContainerDefinition::new("app", "foo/bar"));
        if let Some(mode) = mode {
            d = d.network_mode(mode);
        }
        d.add_to(&mut Template::new()).unwrap()
    };
    let cluster = || EcsCluster::from_name("jobs");
    let fargate = || EcsFargateLaunchTarget::new(EcsAwsVpc::new([SUBNET]));

    let e = run_error(EcsRunTask::new(
        cluster(),
        define(EcsCompatibility::Ec2, None),
        fargate(),
    ));
    assert!(e.contains("not compatible with Fargate"), "{e}");
    let e = run_error(EcsRunTask::new(
        cluster(),
        define(EcsCompatibility::Fargate, None),
        EcsEc2LaunchTarget::new(),
    ));
    assert!(e.contains("not compatible with EC2"), "{e}");
    let e = run_error(EcsRunTask::new(
        cluster(),
        define(EcsCompatibility::Ec2AndFargate, None),
        EcsEc2LaunchTarget::new(),
    ));
    assert!(e.contains("awsvpc network mode: give its subnets"), "{e}");
    let e = run_error(EcsRunTask::new(
        cluster(),
        define(EcsCompatibility::Ec2, Some(EcsNetworkMode::Host)),
        EcsEc2LaunchTarget::new().awsvpc(EcsAwsVpc::new([SUBNET])),
    ));
    assert!(e.contains("the task definition uses `host`"), "{e}");
    let e = run_error(
        EcsRunTask::new(cluster(), define(EcsCompatibility::Fargate, None), fargate())
            .container_override(EcsContainerOverride::new("TheContainer")),
    );
    assert!(
        e.contains("container `TheContainer`, which the task definition does not have (it has `app`)"),
        "{e}"
    );
    let e = run_error(EcsRunTask::new(
        cluster(),
        define(EcsCompatibility::Fargate, None),
        fargate().platform_version(EcsFargatePlatformVersion::Version1_3),
    ));
    assert!(e.contains("platform version 1.4.0"), "{e}");
    // a task-level override is checked with the definition's other size
    let e = run_error(EcsRunTask::new(cluster(), define(EcsCompatibility::Fargate, None), fargate()).cpu(256));
    assert!(e.contains("got 16384"), "{e}");
    // and what fits renders
    assert!(render_state(Task::new(
        "Run",
        EcsRunTask::new(cluster(), define(EcsCompatibility::Ec2AndFargate, None), fargate())
            .container_override(EcsContainerOverride::new("app"))
            .memory_mib(20480)
    ))
    .is_ok());
}

#[test]
fn fails_to_define_an_invalid_task_definition() {
    let ec2 = || InlineTaskDefinition::new("TD", EcsCompatibility::Ec2);
    let app = || EcsContainerDefinition::new("app", "foo/bar").memory_limit_mib(256);
    assert!(define_error(ec2()).contains("at least one container"));
    assert!(define_error(ec2().container(app().essential(false))).contains("at least one essential container"));
    assert!(define_error(ec2().container(app()).container(app())).contains("two containers are named `app`"));
    assert!(define_error(ec2().family("a.b").container(app())).contains("family `a.b`"));
    assert!(define_error(ec2().container(EcsContainerDefinition::new("a b", "foo/bar"))).contains("container name"));
    assert!(define_error(ec2().container(EcsContainerDefinition::new("app", ""))).contains("has no image"));
    assert!(
        define_error(ec2().container(EcsContainerDefinition::new("app", "foo/bar")))
            .contains("needs a memory limit or reservation")
    );
    // with task-level memory, the containers need none
    assert!(ec2()
        .memory_mib(512)
        .container(EcsContainerDefinition::new("app", "foo/bar"))
        .add_to(&mut Template::new())
        .is_ok());
    assert!(define_error(ec2().container(app().memory_reservation_mib(512))).contains("exceeds the limit"));
    assert!(define_error(ec2().container(app().environment("", "x"))).contains("has no name"));
    assert!(define_error(ec2().cpu(0).container(app())).contains("must be positive"));

    let fargate = || InlineTaskDefinition::new("TD", EcsCompatibility::Fargate).container(app());
    assert!(define_error(fargate()).contains("needs task-level cpu and memory"));
    assert!(define_error(fargate().cpu(1024).memory_mib(1024)).contains("1024 cpu units takes 2048"));
    assert!(
        define_error(fargate().cpu(256).memory_mib(512).network_mode(EcsNetworkMode::Bridge))
            .contains("awsvpc network mode only")
    );
}

#[test]
fn a_capacity_provider_strategy_replaces_the_launch_type() {
    use stepfunctions_tasks::EcsCapacityProvider;
    let run = EcsRunTask::new(
        EcsCluster::from_arn(CLUSTER),
        task_definition(),
        EcsFargateLaunchTarget::new(EcsAwsVpc::new([SUBNET]))
            .capacity_provider(EcsCapacityProvider::new("FARGATE_SPOT").weight(3))
            .capacity_provider(EcsCapacityProvider::new("FARGATE").weight(1).base(1)),
    );
    let r = render_state(Task::new("Run", run)).unwrap();
    let params = &r["States"]["Run"]["Parameters"];
    assert!(params.get("LaunchType").is_none(), "{params}");
    assert_eq!(
        params["CapacityProviderStrategy"],
        json!([
            {"CapacityProvider": "FARGATE_SPOT", "Weight": 3},
            {"CapacityProvider": "FARGATE", "Weight": 1, "Base": 1}
        ])
    );
    // The permissions are those of the launch type's run.
    let launch_type = render_state(Task::new("Run", on_fargate())).unwrap();
    assert_eq!(r["PolicyStatements"], launch_type["PolicyStatements"]);

    let on_asg = EcsRunTask::new(
        EcsCluster::from_arn(CLUSTER),
        task_definition(),
        EcsEc2LaunchTarget::new().capacity_provider(EcsCapacityProvider::new(Expr::reference("Asg"))),
    );
    let r = render_state(Task::new("Run", on_asg)).unwrap();
    insta::assert_json_snapshot!(r);
}

#[test]
fn fails_when_a_capacity_provider_strategy_breaks_the_run_task_rules() {
    use stepfunctions_tasks::EcsCapacityProvider;
    let fargate = |providers: Vec<EcsCapacityProvider>| {
        let target = providers
            .into_iter()
            .fold(EcsFargateLaunchTarget::new(EcsAwsVpc::new([SUBNET])), |t, p| {
                t.capacity_provider(p)
            });
        run_error(EcsRunTask::new(
            EcsCluster::from_arn(CLUSTER),
            task_definition(),
            target,
        ))
    };
    assert!(fargate(vec![EcsCapacityProvider::new("my-asg")]).contains("FARGATE or FARGATE_SPOT"));
    assert!(fargate(vec![EcsCapacityProvider::new("FARGATE").weight(1001)]).contains("0 to 1000"));
    assert!(fargate(vec![EcsCapacityProvider::new("FARGATE").base(100_001)]).contains("0 to 100000"));
    assert!(fargate(vec![
        EcsCapacityProvider::new("FARGATE").weight(1).base(1),
        EcsCapacityProvider::new("FARGATE_SPOT").weight(1).base(2)
    ])
    .contains("only one"));
    assert!(fargate(vec![
        EcsCapacityProvider::new("FARGATE"),
        EcsCapacityProvider::new("FARGATE_SPOT")
    ])
    .contains("weight above 0"));
    assert!(fargate((0..21).map(|_| EcsCapacityProvider::new("FARGATE").weight(1)).collect()).contains("at most 20"));
    let ec2 = run_error(EcsRunTask::new(
        EcsCluster::from_arn(CLUSTER),
        task_definition(),
        EcsEc2LaunchTarget::new().capacity_provider(EcsCapacityProvider::new("FARGATE")),
    ));
    assert!(ec2.contains("Fargate's"), "{ec2}");
}

#[test]
fn subnets_and_security_groups_from_cloudformation_lists() {
    use cfn_model::ListExpr;
    let network = EcsAwsVpc::from_subnet_list(ListExpr::Ref("Subnets".into()))
        .security_group_list(ListExpr::split(",", Expr::reference("GroupIds")));
    let run = EcsRunTask::new(
        EcsCluster::from_arn(CLUSTER),
        task_definition(),
        EcsFargateLaunchTarget::new(network),
    );
    let r = render_state(Task::new("Run", run)).unwrap();
    assert_eq!(
        r["States"]["Run"]["Parameters"]["NetworkConfiguration"],
        json!({"AwsvpcConfiguration": {
            "Subnets.$": "States.StringSplit('${Subnets}', ',')",
            "SecurityGroups.$": "States.StringSplit('${GroupIds}', ',')"
        }})
    );
    assert_eq!(
        r["DefinitionSubstitutions"]["GroupIds"],
        json!({"Fn::Join": [",", {"Fn::Split": [",", {"Ref": "GroupIds"}]}]})
    );
    let both = EcsAwsVpc::from_subnet_list(ListExpr::Ref("Subnets".into()))
        .security_group("sg-0123456789abcdef0")
        .security_group_list(ListExpr::Ref("Groups".into()));
    let e = run_error(EcsRunTask::new(
        EcsCluster::from_arn(CLUSTER),
        task_definition(),
        EcsFargateLaunchTarget::new(both),
    ));
    assert!(e.contains("not both"), "{e}");
}

#[test]
fn fails_when_a_capacity_provider_is_listed_twice() {
    use stepfunctions_tasks::EcsCapacityProvider;
    let target = EcsFargateLaunchTarget::new(EcsAwsVpc::new([SUBNET]))
        .capacity_provider(EcsCapacityProvider::new("FARGATE").weight(1))
        .capacity_provider(EcsCapacityProvider::new("FARGATE").weight(2));
    let e = run_error(EcsRunTask::new(
        EcsCluster::from_arn(CLUSTER),
        task_definition(),
        target,
    ));
    assert!(e.contains("listed twice"), "{e}");
}
