//! The EMR tasks: defaults, every option, each pattern, every rejection. Each snapshot holds the
//! rendered state with the policy statements it needs.

use std::time::Duration;

use cfn_model::{Expr, Template};
use serde_json::{json, Value};
use stepfunctions::prelude::*;
use stepfunctions::testing::render_state;
use stepfunctions_tasks::*;

mod common;
use common::reason;

const CLUSTER: &str = "arn:${AWS::Partition}:elasticmapreduce:${AWS::Region}:${AWS::AccountId}:cluster/j-2AXXXXXXGAPLF";
const ANY_CLUSTER: &str = "arn:${AWS::Partition}:elasticmapreduce:${AWS::Region}:${AWS::AccountId}:cluster/*";

fn roles() -> EmrClusterRoles {
    EmrClusterRoles::new(
        EmrRole::from_name("EMR_DefaultRole"),
        EmrInstanceProfile::from_role_name("EMR_EC2_DefaultRole"),
    )
}

fn groups() -> EmrInstancesConfig {
    EmrInstancesConfig::instance_groups([
        EmrInstanceGroup::new(EmrInstanceRoleType::Master, "m5.xlarge", 1).name("Primary"),
        EmrInstanceGroup::new(EmrInstanceRoleType::Core, "m5.xlarge", 2).name("Core"),
    ])
}

fn create() -> EmrCreateCluster {
    EmrCreateCluster::new("MyCluster", groups(), roles())
}

fn alarm() -> EmrCloudWatchAlarm {
    EmrCloudWatchAlarm::new(
        "YARNMemoryAvailablePercentage",
        EmrAlarmComparisonOperator::LessThan,
        15.0,
        Duration::from_secs(300),
    )
}

fn rejects(task: impl Into<stepfunctions::Chain>) -> String {
    reason(render_state(task).expect_err("the task is rejected"))
}

/// Every `[action, resource]` the rendered state's statements grant, resources in `Fn::Sub`
/// text.
fn grants(r: &Value) -> Vec<(String, String)> {
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other["Fn::Sub"]
            .as_str()
            .map_or_else(|| other.to_string(), str::to_owned),
    };
    let mut out = vec![];
    for st in r["PolicyStatements"].as_array().unwrap() {
        let actions: Vec<String> = match &st["Action"] {
            Value::Array(a) => a.iter().map(|x| x.as_str().unwrap().to_owned()).collect(),
            one => vec![one.as_str().unwrap().to_owned()],
        };
        let resources: Vec<String> = match &st["Resource"] {
            Value::Array(items) => items.iter().map(text).collect(),
            one => vec![text(one)],
        };
        for a in &actions {
            for res in &resources {
                out.push((a.clone(), res.clone()));
            }
        }
    }
    out.sort();
    out
}

fn actions(r: &Value) -> Vec<String> {
    let mut a: Vec<String> = grants(r).into_iter().map(|(a, _)| a).collect();
    a.dedup();
    a
}

// --- EmrCreateCluster ---

#[test]
fn create_cluster_default_settings() {
    let r = render_state(Task::new("Create Cluster", create())).unwrap();
    insta::assert_json_snapshot!(r);
}

#[test]
fn create_cluster_optional_settings() {
    let instances = EmrInstancesConfig::instance_groups([
        EmrInstanceGroup::new(EmrInstanceRoleType::Master, "m5.xlarge", 1)
            .name("Primary")
            .ebs_configuration(
                EmrEbsConfiguration::new()
                    .block_device(
                        EmrEbsBlockDevice::new(EmrEbsVolumeType::Gp3, 64)
                            .iops(4000)
                            .throughput(250)
                            .volumes_per_instance(2),
                    )
                    .ebs_optimized(true),
            ),
        EmrInstanceGroup::new(EmrInstanceRoleType::Core, "r5.2xlarge", 2)
            .name("Core")
            .configuration(EmrConfiguration::new("yarn-site").property("yarn.nodemanager.vmem-check-enabled", "false"))
            .auto_scaling_policy(
                EmrAutoScalingPolicy::new(2, 6)
                    .rule(
                        EmrScalingRule::new("ScaleOut", 1, alarm())
                            .description("Add a node when memory runs low")
                            .adjustment_type(EmrScalingAdjustmentType::ChangeInCapacity)
                            .cool_down(Duration::from_secs(300))
                            .market(EmrInstanceMarket::OnDemand),
                    )
                    .rule(EmrScalingRule::new(
                        "ScaleIn",
                        -1,
                        EmrCloudWatchAlarm::new(
                            "YARNMemoryAvailablePercentage",
                            EmrAlarmComparisonOperator::GreaterThan,
                            75.0,
                            Duration::from_secs(300),
                        )
                        .dimension("JobFlowId", "${emr.clusterId}")
                        .evaluation_periods(2)
                        .namespace("AWS/ElasticMapReduce")
                        .statistic(EmrAlarmStatistic::Average)
                        .unit(EmrAlarmUnit::Percent),
                    )),
            ),
        EmrInstanceGroup::new(EmrInstanceRoleType::Task, "m5.xlarge", 2)
            .name("Task")
            .market(EmrInstanceMarket::Spot)
            .bid_price("0.10"),
    ])
    .ec2_key_name("my-key")
    .ec2_subnet_id(Expr::reference("SubnetId"))
    .emr_managed_master_security_group("sg-0000000000000000a")
    .emr_managed_slave_security_group("sg-0000000000000000b")
    .service_access_security_group("sg-0000000000000000c")
    .additional_master_security_groups(["sg-0000000000000000d"])
    .additional_slave_security_groups(["sg-0000000000000000e"])
    .availability_zone("us-east-1a")
    .termination_protected(false);
    let roles = roles().auto_scaling_role(EmrRole::from_name("EMR_AutoScaling_DefaultRole"));
    let task = Task::new(
        "Create Cluster",
        EmrCreateCluster::new(JsonPath::string_at("$.ClusterName"), instances, roles)
            .additional_info("{\"feature\": \"on\"}")
            .application(EmrApplication::new("Spark").version("3.5.0"))
            .application(EmrApplication::new("Hive").args(["--a"]).additional_info("k", "v"))
            .bootstrap_action(EmrBootstrapAction::new("Setup", "s3://my-bucket/setup.sh").args(["--env", "prod"]))
            .configuration(
                EmrConfiguration::new("spark-env")
                    .configuration(EmrConfiguration::new("export").property("PYSPARK_PYTHON", "/usr/bin/python3")),
            )
            .custom_ami_id("ami-0123456789abcdef0")
            .ebs_root_volume_size_gib(30)
            .kerberos_attributes(
                EmrKerberosAttributes::new("EC2.INTERNAL")
                    .kdc_admin_password(JsonPath::string_at("$.secrets.kdc"))
                    .ad_domain_join_user("joiner")
                    .ad_domain_join_password(JsonPath::string_at("$.secrets.ad"))
                    .cross_realm_trust_principal_password(JsonPath::string_at("$.secrets.trust")),
            )
            .log_uri("s3://my-logs/emr/")
            .managed_scaling_policy(
                EmrManagedScalingPolicy::new(EmrManagedScalingUnit::Instances, 2, 10)
                    .maximum_on_demand_capacity_units(6)
                    .maximum_core_capacity_units(4),
            )
            .release_label("emr-7.1.0")
            .scale_down_behavior(EmrClusterScaleDownBehavior::TerminateAtTaskCompletion)
            .security_configuration("my-security-configuration")
            .step_concurrency_level(10)
            .tag("team", "data")
            .visible_to_all_users(false)
            .auto_termination_idle_timeout(Duration::from_secs(3600)),
    );
    let r = render_state(task).unwrap();
    assert!(grants(&r).contains(&("elasticmapreduce:AddTags".into(), ANY_CLUSTER.into())));
    assert!(grants(&r).contains(&(
        "iam:PassRole".into(),
        "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/EMR_AutoScaling_DefaultRole".into()
    )));
    insta::assert_json_snapshot!(r);
}

#[test]
fn create_cluster_instance_fleets() {
    let instances = EmrInstancesConfig::instance_fleets([
        EmrInstanceFleet::new(EmrInstanceRoleType::Master)
            .name("Primary")
            .target_on_demand_capacity(1)
            .instance_type_config(EmrInstanceTypeConfig::new("m5.xlarge")),
        EmrInstanceFleet::new(EmrInstanceRoleType::Core)
            .name("Core")
            .target_on_demand_capacity(2)
            .target_spot_capacity(4)
            .instance_type_config(
                EmrInstanceTypeConfig::new("r5.xlarge")
                    .weighted_capacity(1)
                    .bid_price(EmrBidPrice::percent_of_on_demand(60.0)),
            )
            .instance_type_config(
                EmrInstanceTypeConfig::new("r5.2xlarge")
                    .weighted_capacity(2)
                    .bid_price(EmrBidPrice::usd("0.25"))
                    .configuration(EmrConfiguration::new("spark").property("maximizeResourceAllocation", "true"))
                    .ebs_configuration(
                        EmrEbsConfiguration::new()
                            .block_device(EmrEbsBlockDevice::new(EmrEbsVolumeType::Io1, 100).iops(5000)),
                    ),
            )
            .spot_provisioning(
                EmrSpotProvisioning::new(EmrSpotTimeoutAction::SwitchToOnDemand, Duration::from_secs(20 * 60))
                    .allocation_strategy(EmrSpotAllocationStrategy::PriceCapacityOptimized),
            ),
    ])
    .ec2_subnet_ids(["subnet-a", "subnet-b"])
    .availability_zones(["us-east-1a", "us-east-1b"]);
    let r = render_state(Task::new(
        "Create Cluster",
        EmrCreateCluster::new("Fleets", instances, roles()),
    ))
    .unwrap();
    assert!(r["States"]["Create Cluster"]["Parameters"]
        .get("AutoScalingRole")
        .is_none());
    insta::assert_json_snapshot!(r);
}

#[test]
fn create_cluster_uniform_instances() {
    let instances = EmrInstancesConfig::uniform("m5.xlarge", "m5.large", 3);
    let r = render_state(Task::new(
        "Create Cluster",
        EmrCreateCluster::new("Uniform", instances, roles()),
    ))
    .unwrap();
    assert_eq!(
        r["States"]["Create Cluster"]["Parameters"]["Instances"],
        json!({
            "InstanceCount": 3,
            "KeepJobFlowAliveWhenNoSteps": true,
            "MasterInstanceType": "m5.xlarge",
            "SlaveInstanceType": "m5.large"
        })
    );
}

#[test]
fn create_cluster_request_response() {
    let r = render_state(Task::new("Create Cluster", create()).request_response()).unwrap();
    assert_eq!(
        r["DefinitionSubstitutions"]
            .as_object()
            .unwrap()
            .values()
            .next()
            .unwrap(),
        &json!({"Fn::Sub": "arn:${AWS::Partition}:states:::elasticmapreduce:createCluster"})
    );
    assert_eq!(
        actions(&r),
        [
            "elasticmapreduce:RunJobFlow",
            "iam:CreateServiceLinkedRole",
            "iam:PassRole"
        ]
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn create_cluster_run_job_is_the_default() {
    let explicit = render_state(Task::new("Create Cluster", create()).run_job()).unwrap();
    let default = render_state(Task::new("Create Cluster", create())).unwrap();
    assert_eq!(explicit, default);
    let g = grants(&default);
    for action in ["elasticmapreduce:DescribeCluster", "elasticmapreduce:TerminateJobFlows"] {
        assert!(g.contains(&(action.into(), ANY_CLUSTER.into())), "{action}");
    }
    assert!(g.contains(&(
        "events:PutRule".into(),
        "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/StepFunctionsGetEventForEMRRunJobFlowRule"
            .into()
    )));
    assert!(g.contains(&("elasticmapreduce:RunJobFlow".into(), "*".into())));
    assert!(
        !g.iter().any(|(a, _)| a == "elasticmapreduce:AddTags"),
        "no tags, no AddTags"
    );
    let pass: Vec<_> = g
        .iter()
        .filter(|(a, _)| a == "iam:PassRole")
        .map(|(_, r)| r.as_str())
        .collect();
    assert_eq!(
        pass,
        [
            "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/EMR_DefaultRole",
            "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/EMR_EC2_DefaultRole",
        ]
    );
}

#[test]
fn create_cluster_service_linked_role_statement_is_conditional() {
    let r = render_state(Task::new("Create Cluster", create())).unwrap();
    let st = r["PolicyStatements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["Action"] == "iam:CreateServiceLinkedRole")
        .unwrap();
    assert_eq!(
        st["Condition"],
        json!({"StringEquals": {"iam:AWSServiceName": ["elasticmapreduce.amazonaws.com", "elasticmapreduce.amazonaws.com.cn"]}})
    );
    assert_eq!(
        st["Resource"]["Fn::Sub"],
        "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/aws-service-role/elasticmapreduce.amazonaws.com*/AWSServiceRoleForEMRCleanup*"
    );
}

#[test]
fn defined_roles_create_the_roles_and_the_instance_profile() {
    let mut t = Template::new();
    let roles = EmrClusterRoles::define("Create Cluster")
        .add_to_instance_role_policy(cfn_model::iam::PolicyStatement::allow(
            ["s3:GetObject"],
            [Expr::lit("arn:aws:s3:::my-bucket/*")],
        ))
        .add_to(&mut t)
        .unwrap();
    let types: Vec<(String, String)> = t
        .resources()
        .iter()
        .map(|(id, r)| (id.to_string(), r.resource_type().to_owned()))
        .collect();
    assert_eq!(
        types,
        [
            ("CreateClusterServiceRole", "AWS::IAM::Role"),
            ("CreateClusterInstanceRole", "AWS::IAM::Role"),
            ("CreateClusterServiceRoleDefaultPolicy", "AWS::IAM::Policy"),
            ("CreateClusterInstanceRoleDefaultPolicy", "AWS::IAM::Policy"),
            ("CreateClusterInstanceProfile", "AWS::IAM::InstanceProfile"),
            ("CreateClusterAutoScalingRole", "AWS::IAM::Role"),
        ]
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    let json: Value = serde_json::from_str(&t.to_json_compact().unwrap()).unwrap();
    insta::assert_json_snapshot!(json);

    let r = render_state(Task::new("Create Cluster", EmrCreateCluster::new("c", groups(), roles))).unwrap();
    let params = &r["States"]["Create Cluster"]["Parameters"];
    assert_eq!(params["JobFlowRole"], "${CreateClusterInstanceRole}");
    assert_eq!(params["ServiceRole"], "${CreateClusterServiceRole}");
    assert_eq!(params["AutoScalingRole"], "${CreateClusterAutoScalingRole}");

    let mut t = Template::new();
    EmrClusterRoles::define("C")
        .without_auto_scaling_role()
        .add_to(&mut t)
        .unwrap();
    assert!(t.resource("CAutoScalingRole").is_none());
    assert!(t.resource("CInstanceRoleDefaultPolicy").is_none());
}

#[test]
fn step_concurrency_needs_release_5_28_0() {
    let ok = render_state(Task::new(
        "Create Cluster",
        create().release_label("emr-5.28.0").step_concurrency_level(256),
    ));
    assert!(ok.is_ok());
    // a level of 1 is the default and runs on any release
    assert!(render_state(Task::new(
        "Create Cluster",
        create().release_label("emr-5.20.0").step_concurrency_level(1)
    ))
    .is_ok());
    // a label read at run time is not checked
    assert!(render_state(Task::new(
        "Create Cluster",
        create()
            .release_label(JsonPath::string_at("$.release"))
            .step_concurrency_level(10)
    ))
    .is_ok());
    let e = rejects(Task::new(
        "Create Cluster",
        create().release_label("emr-5.27.9").step_concurrency_level(2),
    ));
    assert!(e.contains("5.28.0"), "{e}");
    let e = rejects(Task::new(
        "Create Cluster",
        create().release_label("emr-4.9.0").step_concurrency_level(10),
    ));
    assert!(e.contains("5.28.0"), "{e}");
}

#[test]
fn create_cluster_rejections() {
    let cases: Vec<(EmrCreateCluster, &str)> = vec![
        (create().step_concurrency_level(0), "1 to 256"),
        (create().step_concurrency_level(257), "1 to 256"),
        (create().release_label("5.28.0"), "emr-<major>.<minor>.<patch>"),
        (create().release_label("emr-5.28"), "emr-<major>.<minor>.<patch>"),
        (create().ebs_root_volume_size_gib(10), "15 to 100"),
        (create().ebs_root_volume_size_gib(101), "15 to 100"),
        (
            create().auto_termination_idle_timeout(Duration::from_secs(30)),
            "60 to 604800",
        ),
        (
            create().auto_termination_idle_timeout(Duration::from_millis(60_500)),
            "whole seconds",
        ),
        (create().tag("aws:reserved", "x"), "tag key"),
        (EmrCreateCluster::new("", groups(), roles()), "needs a name"),
        (
            create().application(EmrApplication::new("")),
            "application needs a name",
        ),
        (
            create().bootstrap_action(EmrBootstrapAction::new("B", "")),
            "script path",
        ),
        (
            create().configuration(EmrConfiguration::new("")),
            "classification may not be empty",
        ),
        (
            create().configuration(EmrConfiguration::unclassified()),
            "needs a classification",
        ),
        (create().kerberos_attributes(EmrKerberosAttributes::new("")), "realm"),
        (
            create().managed_scaling_policy(EmrManagedScalingPolicy::new(EmrManagedScalingUnit::Vcpu, 8, 4)),
            "minimum <= maximum",
        ),
        (
            create().managed_scaling_policy(
                EmrManagedScalingPolicy::new(EmrManagedScalingUnit::Vcpu, 4, 8).maximum_core_capacity_units(9),
            ),
            "core maximum",
        ),
        (
            EmrCreateCluster::new(
                "c",
                groups(),
                EmrClusterRoles::new(
                    EmrRole::from_name("EMR_DefaultRole"),
                    EmrInstanceProfile::new("MyProfile", "arn:aws:iam::123456789012:role/MyRole"),
                ),
            ),
            "named like its role",
        ),
    ];
    for (task, want) in cases {
        let e = rejects(Task::new("Create Cluster", task));
        assert!(e.contains(want), "{e} should say {want}");
    }
}

#[test]
fn instances_rejections() {
    let master = || EmrInstanceGroup::new(EmrInstanceRoleType::Master, "m5.xlarge", 1);
    let core = || EmrInstanceGroup::new(EmrInstanceRoleType::Core, "m5.xlarge", 2);
    let fleet = |role| {
        EmrInstanceFleet::new(role)
            .target_on_demand_capacity(1)
            .instance_type_config(EmrInstanceTypeConfig::new("m5.xlarge"))
    };
    let policy = || EmrAutoScalingPolicy::new(1, 3).rule(EmrScalingRule::new("Out", 1, alarm()));
    let cases: Vec<(EmrInstancesConfig, &str)> = vec![
        (
            EmrInstancesConfig::instance_groups([core()]),
            "exactly one MASTER group",
        ),
        (
            EmrInstancesConfig::instance_groups([master(), master()]),
            "exactly one MASTER group",
        ),
        (
            EmrInstancesConfig::instance_groups([master(), core(), core()]),
            "at most one CORE group",
        ),
        (
            EmrInstancesConfig::instance_groups([master().name("A"), core().name("A")]),
            "two instance groups are named `A`",
        ),
        (
            EmrInstancesConfig::instance_groups([EmrInstanceGroup::new(EmrInstanceRoleType::Master, "m5.xlarge", 2)]),
            "1 instance (3 for high availability)",
        ),
        (
            EmrInstancesConfig::instance_groups([master(), core().bid_price("0.1")]),
            "not in the SPOT market",
        ),
        (
            EmrInstancesConfig::instance_groups([master(), core().market(EmrInstanceMarket::Spot).bid_price("cheap")]),
            "not an amount in USD",
        ),
        (
            EmrInstancesConfig::instance_groups([master().auto_scaling_policy(policy())]),
            "MASTER instance group cannot have an automatic scaling policy",
        ),
        (
            EmrInstancesConfig::instance_groups([
                master(),
                core().auto_scaling_policy(EmrAutoScalingPolicy::new(3, 1)),
            ]),
            "above its maximum",
        ),
        (
            EmrInstancesConfig::instance_groups([
                master(),
                core().auto_scaling_policy(EmrAutoScalingPolicy::new(1, 3)),
            ]),
            "at least one rule",
        ),
        (
            EmrInstancesConfig::instance_groups([
                master(),
                core().auto_scaling_policy(policy().rule(EmrScalingRule::new("Out", 2, alarm()))),
            ]),
            "two scaling rules",
        ),
        (
            EmrInstancesConfig::instance_groups([
                master(),
                core().auto_scaling_policy(EmrAutoScalingPolicy::new(1, 3).rule(EmrScalingRule::new("Z", 0, alarm()))),
            ]),
            "may not be 0",
        ),
        (
            EmrInstancesConfig::instance_groups([
                master(),
                core().auto_scaling_policy(EmrAutoScalingPolicy::new(1, 3).rule(
                    EmrScalingRule::new("E", -1, alarm()).adjustment_type(EmrScalingAdjustmentType::ExactCapacity),
                )),
            ]),
            "EXACT_CAPACITY",
        ),
        (
            EmrInstancesConfig::instance_groups([
                master(),
                core().auto_scaling_policy(EmrAutoScalingPolicy::new(1, 3).rule(EmrScalingRule::new(
                    "P",
                    1,
                    EmrCloudWatchAlarm::new("M", EmrAlarmComparisonOperator::LessThan, 1.0, Duration::from_secs(45)),
                ))),
            ]),
            "10 s, 30 s or a multiple of 60 s",
        ),
        (
            EmrInstancesConfig::instance_groups([master().ebs_configuration(
                EmrEbsConfiguration::new().block_device(EmrEbsBlockDevice::new(EmrEbsVolumeType::Io1, 100)),
            )]),
            "needs its IOPS",
        ),
        (
            EmrInstancesConfig::instance_groups([master().ebs_configuration(
                EmrEbsConfiguration::new()
                    .block_device(EmrEbsBlockDevice::new(EmrEbsVolumeType::Gp2, 100).throughput(300)),
            )]),
            "gp3 volumes only",
        ),
        (
            EmrInstancesConfig::instance_groups([master().ebs_configuration(
                EmrEbsConfiguration::new().block_device(EmrEbsBlockDevice::new(EmrEbsVolumeType::St1, 100).iops(300)),
            )]),
            "io1 and gp3 volumes only",
        ),
        (
            EmrInstancesConfig::instance_groups([master().ebs_configuration(
                EmrEbsConfiguration::new().block_device(EmrEbsBlockDevice::new(EmrEbsVolumeType::Gp3, 0)),
            )]),
            "at least 1 GiB",
        ),
        (
            EmrInstancesConfig::instance_groups([master()]).ec2_subnet_ids(["a", "b"]),
            "for instance fleets",
        ),
        (
            EmrInstancesConfig::instance_groups([master()]).availability_zones(["a", "b"]),
            "for instance fleets",
        ),
        (
            EmrInstancesConfig::instance_fleets([fleet(EmrInstanceRoleType::Master)])
                .ec2_subnet_id("a")
                .ec2_subnet_ids(["b"]),
            "not both",
        ),
        (
            EmrInstancesConfig::uniform("m5.xlarge", "m5.xlarge", 0),
            "at least 1 instance",
        ),
        (
            EmrInstancesConfig::instance_fleets([fleet(EmrInstanceRoleType::Core)]),
            "exactly one MASTER fleet",
        ),
        (
            EmrInstancesConfig::instance_fleets([
                fleet(EmrInstanceRoleType::Master),
                fleet(EmrInstanceRoleType::Task),
                fleet(EmrInstanceRoleType::Task),
            ]),
            "at most one TASK fleet",
        ),
        (
            EmrInstancesConfig::instance_fleets([
                EmrInstanceFleet::new(EmrInstanceRoleType::Master).target_on_demand_capacity(1)
            ]),
            "at least one instance type",
        ),
        (
            EmrInstancesConfig::instance_fleets([EmrInstanceFleet::new(EmrInstanceRoleType::Master)
                .instance_type_config(EmrInstanceTypeConfig::new("m5.xlarge"))]),
            "capacity above 0",
        ),
        (
            EmrInstancesConfig::instance_fleets([fleet(EmrInstanceRoleType::Master).target_spot_capacity(1)]),
            "target capacity of 1",
        ),
        (
            EmrInstancesConfig::instance_fleets([EmrInstanceFleet::new(EmrInstanceRoleType::Master)
                .target_spot_capacity(1)
                .instance_type_config(
                    EmrInstanceTypeConfig::new("m5.xlarge").bid_price(EmrBidPrice::percent_of_on_demand(0.0)),
                )]),
            "above 0 and at most 1000",
        ),
        (
            EmrInstancesConfig::instance_fleets([fleet(EmrInstanceRoleType::Master).spot_provisioning(
                EmrSpotProvisioning::new(EmrSpotTimeoutAction::TerminateCluster, Duration::from_secs(60)),
            )]),
            "5 to 1440",
        ),
    ];
    for (instances, want) in cases {
        let e = rejects(Task::new(
            "Create Cluster",
            EmrCreateCluster::new("c", instances, roles()),
        ));
        assert!(e.contains(want), "{e} should say {want}");
    }
}

#[test]
fn auto_scaling_role_goes_with_instance_groups() {
    let fleets = EmrInstancesConfig::instance_fleets([EmrInstanceFleet::new(EmrInstanceRoleType::Master)
        .target_on_demand_capacity(1)
        .instance_type_config(EmrInstanceTypeConfig::new("m5.xlarge"))]);
    let with_role = roles().auto_scaling_role(EmrRole::from_name("EMR_AutoScaling_DefaultRole"));
    let e = rejects(Task::new(
        "Create Cluster",
        EmrCreateCluster::new("c", fleets, with_role),
    ));
    assert!(e.contains("instance fleets take no auto-scaling role"), "{e}");

    let scaled = EmrInstancesConfig::instance_groups([
        EmrInstanceGroup::new(EmrInstanceRoleType::Master, "m5.xlarge", 1),
        EmrInstanceGroup::new(EmrInstanceRoleType::Core, "m5.xlarge", 2)
            .auto_scaling_policy(EmrAutoScalingPolicy::new(1, 3).rule(EmrScalingRule::new("Out", 1, alarm()))),
    ]);
    let e = rejects(Task::new("Create Cluster", EmrCreateCluster::new("c", scaled, roles())));
    assert!(e.contains("no auto-scaling role"), "{e}");
}

#[test]
fn empty_instances_render_as_the_cdk_does() {
    let r = render_state(Task::new(
        "Create Cluster",
        EmrCreateCluster::new("c", EmrInstancesConfig::new(), roles()),
    ))
    .unwrap();
    assert_eq!(
        r["States"]["Create Cluster"]["Parameters"]["Instances"],
        json!({"KeepJobFlowAliveWhenNoSteps": true})
    );
}

// --- EmrSetClusterTerminationProtection ---

#[test]
fn set_termination_protection() {
    let r = render_state(Task::new(
        "Task",
        EmrSetClusterTerminationProtection::new("j-2AXXXXXXGAPLF", true),
    ))
    .unwrap();
    assert_eq!(
        grants(&r),
        [("elasticmapreduce:SetTerminationProtection".into(), CLUSTER.into())]
    );
    insta::assert_json_snapshot!(r);

    let dynamic = render_state(Task::new(
        "Task",
        EmrSetClusterTerminationProtection::new(JsonPath::string_at("$.ClusterId"), false),
    ))
    .unwrap();
    assert_eq!(
        grants(&dynamic),
        [("elasticmapreduce:SetTerminationProtection".into(), ANY_CLUSTER.into())]
    );
}

#[test]
fn cluster_ids_from_a_parameter_are_scoped() {
    let r = render_state(Task::new(
        "Task",
        EmrSetClusterTerminationProtection::new(Expr::reference("ClusterId"), true),
    ))
    .unwrap();
    assert_eq!(
        grants(&r),
        [(
            "elasticmapreduce:SetTerminationProtection".into(),
            "arn:${AWS::Partition}:elasticmapreduce:${AWS::Region}:${AWS::AccountId}:cluster/${ClusterId}".into()
        )]
    );
}

#[test]
fn cluster_id_rejections() {
    for (id, want) in [
        (Payload::from(""), "1 to 256"),
        (Payload::from("j-*"), "may not contain `*`"),
        (Payload::from("cluster/j-1"), "may not contain `/`"),
        (Payload::from(5), "must be a string"),
    ] {
        let e = rejects(Task::new("Task", EmrTerminateCluster::new(id.clone())));
        assert!(e.contains(want), "{e} should say {want}");
        let e = rejects(Task::new("Task", EmrCancelStep::new(id.clone(), "s-1")));
        assert!(e.contains(want), "{e}");
        let e = rejects(Task::new(
            "Task",
            EmrSetClusterTerminationProtection::new(id.clone(), true),
        ));
        assert!(e.contains(want), "{e}");
        let e = rejects(Task::new("Task", EmrAddStep::new(id.clone(), "S", "J")));
        assert!(e.contains(want), "{e}");
        let e = rejects(Task::new(
            "Task",
            EmrModifyInstanceFleetByName::new(id.clone(), "F", 1, 0),
        ));
        assert!(e.contains(want), "{e}");
        let e = rejects(Task::new(
            "Task",
            EmrModifyInstanceGroupByName::new(id, "G", EmrInstanceGroupModifyConfig::new().instance_count(1)),
        ));
        assert!(e.contains(want), "{e}");
    }
}

// --- EmrTerminateCluster ---

#[test]
fn terminate_cluster_run_job_is_the_default() {
    let explicit = render_state(Task::new("Task", EmrTerminateCluster::new("j-2AXXXXXXGAPLF")).run_job()).unwrap();
    let r = render_state(Task::new("Task", EmrTerminateCluster::new("j-2AXXXXXXGAPLF"))).unwrap();
    assert_eq!(explicit, r);
    assert_eq!(
        grants(&r),
        [
            ("elasticmapreduce:DescribeCluster".into(), CLUSTER.into()),
            ("elasticmapreduce:TerminateJobFlows".into(), CLUSTER.into()),
            (
                "events:DescribeRule".into(),
                "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/StepFunctionsGetEventForEMRTerminateJobFlowsRule".into()
            ),
            (
                "events:PutRule".into(),
                "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/StepFunctionsGetEventForEMRTerminateJobFlowsRule".into()
            ),
            (
                "events:PutTargets".into(),
                "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/StepFunctionsGetEventForEMRTerminateJobFlowsRule".into()
            ),
        ]
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn terminate_cluster_request_response() {
    let r = render_state(
        Task::new("Task", EmrTerminateCluster::new(JsonPath::string_at("$.ClusterId"))).request_response(),
    )
    .unwrap();
    assert_eq!(
        grants(&r),
        [("elasticmapreduce:TerminateJobFlows".into(), ANY_CLUSTER.into())]
    );
    insta::assert_json_snapshot!(r);
}

// --- EmrAddStep ---

#[test]
fn add_step_default_settings() {
    let r = render_state(Task::new("Task", EmrAddStep::new("j-2AXXXXXXGAPLF", "StepName", "Jar"))).unwrap();
    assert_eq!(r["States"]["Task"]["Parameters"]["Step"]["ActionOnFailure"], "CONTINUE");
    let g = grants(&r);
    for action in ["AddJobFlowSteps", "DescribeStep", "CancelSteps"] {
        assert!(
            g.contains(&(format!("elasticmapreduce:{action}"), CLUSTER.into())),
            "{action}"
        );
    }
    assert!(g
        .iter()
        .any(|(_, res)| res.ends_with("rule/StepFunctionsGetEventForEMRAddJobFlowStepsRule")));
    insta::assert_json_snapshot!(r);
}

#[test]
fn add_step_optional_settings() {
    let task = Task::new(
        "Task",
        EmrAddStep::new(
            JsonPath::string_at("$.ClusterId"),
            JsonPath::string_at("$.stepName"),
            "s3://my-bucket/job.jar",
        )
        .action_on_failure(ActionOnFailure::TerminateCluster)
        .main_class("com.example.Main")
        .args(["--input", "s3://my-bucket/input/"])
        .property("env", "prod")
        .property("date", JsonPath::string_at("$.date"))
        .execution_role_arn("arn:aws:iam::123456789012:role/EmrStepRuntimeRole"),
    );
    insta::assert_json_snapshot!(render_state(task).unwrap());
}

#[test]
fn add_step_request_response() {
    let r = render_state(
        Task::new(
            "Task",
            EmrAddStep::new("j-2AXXXXXXGAPLF", "Step", "command-runner.jar")
                .args_from(JsonPath::list_at("$.args"))
                .action_on_failure(ActionOnFailure::CancelAndWait),
        )
        .request_response(),
    )
    .unwrap();
    assert_eq!(
        grants(&r),
        [("elasticmapreduce:AddJobFlowSteps".into(), CLUSTER.into())]
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn add_step_rejections() {
    let step = || EmrAddStep::new("j-1", "S", "command-runner.jar");
    for (task, want) in [
        (EmrAddStep::new("j-1", "", "J"), "1 to 256 characters"),
        (EmrAddStep::new("j-1", "x".repeat(257), "J"), "1 to 256 characters"),
        (EmrAddStep::new("j-1", "S", ""), "needs a JAR"),
        (step().args_from(Payload::from("a b")), "must be a list"),
        (step().property("", "v"), "has no name"),
        (step().execution_role_arn("EmrRuntimeRole"), "not an IAM role ARN"),
    ] {
        let e = rejects(Task::new("Task", task));
        assert!(e.contains(want), "{e} should say {want}");
    }
    // a path inside the literal list is not resolved by Step Functions
    let e = render_state(Task::new(
        "Task",
        step().args_from(Payload::Array(vec![JsonPath::string_at("$.x")])),
    ))
    .unwrap_err();
    assert!(e.to_string().contains("JsonPath::array"), "{e}");
}

// --- EmrCancelStep ---

#[test]
fn cancel_step() {
    let r = render_state(Task::new("Task", EmrCancelStep::new("j-2AXXXXXXGAPLF", "s-1"))).unwrap();
    assert_eq!(grants(&r), [("elasticmapreduce:CancelSteps".into(), CLUSTER.into())]);
    insta::assert_json_snapshot!(r);
    let e = rejects(Task::new("Task", EmrCancelStep::new("j-1", "")));
    assert!(e.contains("step id"), "{e}");
}

// --- EmrModifyInstanceFleetByName ---

#[test]
fn modify_instance_fleet() {
    let r = render_state(Task::new(
        "Task",
        EmrModifyInstanceFleetByName::new("j-2AXXXXXXGAPLF", "Core", 2, JsonPath::number_at("$.spot")),
    ))
    .unwrap();
    assert_eq!(
        grants(&r),
        [
            ("elasticmapreduce:ListInstanceFleets".into(), CLUSTER.into()),
            ("elasticmapreduce:ModifyInstanceFleet".into(), CLUSTER.into()),
        ]
    );
    insta::assert_json_snapshot!(r);
    for (task, want) in [
        (EmrModifyInstanceFleetByName::new("j-1", "", 1, 0), "fleet name"),
        (EmrModifyInstanceFleetByName::new("j-1", "F", -1, 0), "whole number"),
        (EmrModifyInstanceFleetByName::new("j-1", "F", 1, 1.5), "whole number"),
        (EmrModifyInstanceFleetByName::new("j-1", "F", 1, "2"), "whole number"),
    ] {
        let e = rejects(Task::new("Task", task));
        assert!(e.contains(want), "{e} should say {want}");
    }
}

// --- EmrModifyInstanceGroupByName ---

#[test]
fn modify_instance_group_default_settings() {
    let r = render_state(Task::new(
        "Task",
        EmrModifyInstanceGroupByName::new(
            JsonPath::string_at("$.ClusterId"),
            JsonPath::string_at("$.InstanceGroupName"),
            EmrInstanceGroupModifyConfig::new().instance_count(1),
        ),
    ))
    .unwrap();
    assert_eq!(
        grants(&r),
        [
            ("elasticmapreduce:ListInstanceGroups".into(), ANY_CLUSTER.into()),
            ("elasticmapreduce:ModifyInstanceGroups".into(), ANY_CLUSTER.into()),
        ]
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn modify_instance_group_optional_settings() {
    let config = EmrInstanceGroupModifyConfig::new()
        .instance_count(JsonPath::number_at("$.nodes"))
        .ec2_instance_ids_to_terminate(["i-0000000000000000a"])
        .shrink_policy(
            EmrShrinkPolicy::new()
                .decommission_timeout(Duration::from_secs(3600))
                .instance_resize_policy(
                    EmrInstanceResizePolicy::new()
                        .instances_to_protect(["i-0000000000000000b"])
                        .instances_to_terminate(["i-0000000000000000c"])
                        .instance_termination_timeout(Duration::from_secs(600)),
                ),
        )
        .configuration(EmrConfiguration::new("yarn-site").property("yarn.nodemanager.resource.memory-mb", "8192"));
    let r = render_state(Task::new(
        "Task",
        EmrModifyInstanceGroupByName::new("j-2AXXXXXXGAPLF", "Core", config),
    ))
    .unwrap();
    insta::assert_json_snapshot!(r);
}

#[test]
fn modify_instance_group_rejections() {
    for (task, want) in [
        (
            EmrModifyInstanceGroupByName::new("j-1", "G", EmrInstanceGroupModifyConfig::new()),
            "changes nothing",
        ),
        (
            EmrModifyInstanceGroupByName::new("j-1", "", EmrInstanceGroupModifyConfig::new().instance_count(1)),
            "group name",
        ),
        (
            EmrModifyInstanceGroupByName::new("j-1", "G", EmrInstanceGroupModifyConfig::new().instance_count(-2)),
            "whole number",
        ),
        (
            EmrModifyInstanceGroupByName::new(
                "j-1",
                "G",
                EmrInstanceGroupModifyConfig::new()
                    .shrink_policy(EmrShrinkPolicy::new().decommission_timeout(Duration::from_millis(1500))),
            ),
            "whole seconds",
        ),
    ] {
        let e = rejects(Task::new("Task", task));
        assert!(e.contains(want), "{e} should say {want}");
    }
}

#[test]
fn create_cluster_root_volume_performance_and_on_demand_provisioning() {
    let instances = EmrInstancesConfig::instance_fleets([
        EmrInstanceFleet::new(EmrInstanceRoleType::Master)
            .target_on_demand_capacity(1)
            .instance_type_config(EmrInstanceTypeConfig::new("m5.xlarge")),
        EmrInstanceFleet::new(EmrInstanceRoleType::Core)
            .target_on_demand_capacity(4)
            .instance_type_config(EmrInstanceTypeConfig::new("r5.xlarge").priority(0.0))
            .instance_type_config(EmrInstanceTypeConfig::new("r6g.xlarge").priority(1.0))
            .on_demand_provisioning(
                EmrOnDemandProvisioning::new(EmrOnDemandAllocationStrategy::Prioritized)
                    .use_capacity_reservations_first()
                    .capacity_reservation_preference(EmrCapacityReservationPreference::Open)
                    .capacity_reservation_resource_group(
                        "arn:aws:resource-groups:us-east-1:123456789012:group/emr-reservations",
                    ),
            ),
    ]);
    let task = Task::new(
        "Create",
        EmrCreateCluster::new("MyCluster", instances, roles())
            .release_label("emr-7.1.0")
            .ebs_root_volume_iops(6000)
            .ebs_root_volume_throughput_mib(250),
    );
    let r = render_state(task).unwrap();
    let params = &r["States"]["Create"]["Parameters"];
    assert_eq!(params["EbsRootVolumeIops"], 6000);
    assert_eq!(params["EbsRootVolumeThroughput"], 250);
    let core = &params["Instances"]["InstanceFleets"][1];
    assert_eq!(core["InstanceTypeConfigs"][1]["Priority"], 1.0);
    assert_eq!(
        core["LaunchSpecifications"],
        json!({"OnDemandSpecification": {
            "AllocationStrategy": "prioritized",
            "CapacityReservationOptions": {
                "UsageStrategy": "use-capacity-reservations-first",
                "CapacityReservationPreference": "open",
                "CapacityReservationResourceGroupArn": "arn:aws:resource-groups:us-east-1:123456789012:group/emr-reservations"
            }
        }})
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn root_volume_performance_and_priority_rejections() {
    let e = rejects(Task::new("Create", create().ebs_root_volume_iops(2000)));
    assert!(e.contains("3000 to 16000"), "{e}");
    let e = rejects(Task::new("Create", create().ebs_root_volume_throughput_mib(2000)));
    assert!(e.contains("125 to 1000"), "{e}");
    let e = rejects(Task::new(
        "Create",
        create().release_label("emr-6.14.0").ebs_root_volume_iops(4000),
    ));
    assert!(e.contains("6.15.0"), "{e}");
    let fleets = EmrInstancesConfig::instance_fleets([EmrInstanceFleet::new(EmrInstanceRoleType::Master)
        .target_on_demand_capacity(1)
        .instance_type_config(EmrInstanceTypeConfig::new("m5.xlarge").priority(-1.0))]);
    let e = rejects(Task::new("Create", EmrCreateCluster::new("C", fleets, roles())));
    assert!(e.contains("priority"), "{e}");
}

#[test]
fn the_v2_service_policy_tags_the_cluster_as_it_requires() {
    let mut t = Template::new();
    let roles = EmrClusterRoles::define("Cluster")
        .without_auto_scaling_role()
        .service_policy_v2()
        .add_to(&mut t)
        .unwrap();
    let json: Value = serde_json::from_str(&t.to_json_compact().unwrap()).unwrap();
    let managed = json["Resources"]["ClusterServiceRole"]["Properties"]["ManagedPolicyArns"][0].to_string();
    assert!(managed.contains("service-role/AmazonEMRServicePolicy_v2"), "{managed}");
    let r = render_state(Task::new("Create", EmrCreateCluster::new("C", groups(), roles))).unwrap();
    assert_eq!(
        r["States"]["Create"]["Parameters"]["Tags"],
        json!([{"Key": "for-use-with-amazon-emr-managed-policies", "Value": "true"}])
    );
    assert!(
        actions(&r).iter().any(|a| a == "elasticmapreduce:AddTags"),
        "{:?}",
        actions(&r)
    );
    // Roles that exist already say so; the v1 roles add no tag.
    let existing = EmrClusterRoles::new(
        EmrRole::from_name("EMR_DefaultRole_V2"),
        EmrInstanceProfile::from_role_name("EMR_EC2_DefaultRole"),
    )
    .managed_policies_v2();
    let r = render_state(Task::new("Create", EmrCreateCluster::new("C", groups(), existing))).unwrap();
    assert!(r["States"]["Create"]["Parameters"]["Tags"].is_array());
    let r = render_state(Task::new("Create", create())).unwrap();
    assert!(r["States"]["Create"]["Parameters"].get("Tags").is_none());
}
