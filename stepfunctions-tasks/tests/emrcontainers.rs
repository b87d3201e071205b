//! EMR on EKS: `EmrContainersCreateVirtualCluster`, `EmrContainersDeleteVirtualCluster`,
//! `EmrContainersStartJobRun`, the execution role and monitoring definitions. Defaults, every
//! option, each pattern, every rejection; each snapshot holds the rendered state with the
//! policy statements it needs.

use cfn_model::iam::PolicyStatement;
use cfn_model::{DeletionPolicy, Expr, Template};
use serde_json::{json, Value};
use stepfunctions::prelude::*;
use stepfunctions::testing::render_state;
use stepfunctions::Error;
use stepfunctions_tasks::{
    ApplicationConfiguration, Classification, EksCluster, EksClusterInput, EmrContainersCreateVirtualCluster,
    EmrContainersDeleteVirtualCluster, EmrContainersExecutionRole, EmrContainersStartJobRun, Monitoring, ReleaseLabel,
    SparkSubmitJobDriver, VirtualClusterInput,
};

const VC: &str = "de92jdei2910fwedz";
const PI: &str = "local:///usr/lib/spark/examples/src/main/python/pi.py";

fn role() -> EmrContainersExecutionRole {
    EmrContainersExecutionRole::from_arn("arn:aws:iam::123456789012:role/JobExecutionRole")
}

fn start(virtual_cluster: VirtualClusterInput) -> EmrContainersStartJobRun {
    EmrContainersStartJobRun::new(
        virtual_cluster,
        ReleaseLabel::EMR_6_2_0,
        role(),
        SparkSubmitJobDriver::new(PI),
    )
}

fn actions(r: &Value) -> Vec<String> {
    let mut out = vec![];
    for st in r["PolicyStatements"].as_array().unwrap() {
        match &st["Action"] {
            Value::Array(a) => out.extend(a.iter().map(|v| v.as_str().unwrap().to_owned())),
            one => out.push(one.as_str().unwrap().to_owned()),
        }
    }
    out
}

fn reason(e: &Error) -> &str {
    match e {
        Error::InvalidTask { reason, .. } => reason,
        other => panic!("not an invalid task: {other:?}"),
    }
}

fn template_json(t: &Template) -> Value {
    serde_json::from_str(&t.to_json_pretty().unwrap()).unwrap()
}

// CreateVirtualCluster

#[test]
fn create_default_settings() {
    let r = render_state(Task::new(
        "Create a Virtual Cluster",
        EmrContainersCreateVirtualCluster::new(EksClusterInput::from_task_input(Payload::from_text("clusterId"))),
    ))
    .unwrap();
    insta::assert_json_snapshot!(r);
}

#[test]
fn create_optional_settings() {
    let cluster = EksCluster::from_logical_id("Cluster");
    let r = render_state(Task::new(
        "Create a Virtual Cluster",
        EmrContainersCreateVirtualCluster::new(EksClusterInput::from_cluster(&cluster))
            .eks_namespace("spark-jobs")
            .virtual_cluster_name(JsonPath::string_at("$.name"))
            .tag("team", "data")
            .tag("stack", Expr::stack_name()),
    ))
    .unwrap();
    insta::assert_json_snapshot!(r);
}

#[test]
fn tags_need_tag_resource() {
    let r = render_state(Task::new(
        "Create",
        EmrContainersCreateVirtualCluster::new(EksClusterInput::from_task_input("c")).tag("team", "data"),
    ))
    .unwrap();
    assert_eq!(
        r["PolicyStatements"][2],
        json!({"Effect": "Allow", "Action": "emr-containers:TagResource",
            "Resource": {"Fn::Sub": "arn:${AWS::Partition}:emr-containers:${AWS::Region}:${AWS::AccountId}:/virtualclusters/*"}})
    );
    let r = render_state(
        Task::new(
            "Start",
            start(VirtualClusterInput::from_virtual_cluster_id(VC)).tag("team", "data"),
        )
        .request_response(),
    )
    .unwrap();
    assert_eq!(
        actions(&r),
        ["emr-containers:StartJobRun", "emr-containers:TagResource"]
    );
    assert_eq!(
        r["PolicyStatements"][1]["Resource"],
        json!({"Fn::Sub": "arn:${AWS::Partition}:emr-containers:${AWS::Region}:${AWS::AccountId}:/virtualclusters/de92jdei2910fwedz/jobruns/*"})
    );
}

#[test]
fn create_names_the_cluster_from_the_input() {
    let r = render_state(Task::new(
        "Create",
        EmrContainersCreateVirtualCluster::new(EksClusterInput::from_task_input(JsonPath::string_at("$.cluster")))
            .virtual_cluster_name("spark"),
    ))
    .unwrap();
    let p = &r["States"]["Create"]["Parameters"];
    assert_eq!(p["ContainerProvider"]["Id.$"], "$.cluster");
    assert_eq!(p["Name"], "spark");
    assert_eq!(
        actions(&r),
        ["emr-containers:CreateVirtualCluster", "iam:CreateServiceLinkedRole"]
    );
}

#[test]
fn create_on_a_cluster_named_by_a_parameter() {
    let r = render_state(Task::new(
        "Create",
        EmrContainersCreateVirtualCluster::new(EksClusterInput::from_cluster_name(Expr::reference("EksClusterName")))
            .eks_namespace(Expr::reference("EksNamespace")),
    ))
    .unwrap();
    let p = &r["States"]["Create"]["Parameters"]["ContainerProvider"];
    assert_eq!(p["Id"], "${EksClusterName}");
    assert_eq!(p["Info"]["EksInfo"]["Namespace"], "${EksNamespace}");
}

#[test]
fn fails_when_the_namespace_is_not_a_kubernetes_name() {
    for ns in ["Spark", "-spark", "spark_jobs", ""] {
        let e = render_state(Task::new(
            "Create",
            EmrContainersCreateVirtualCluster::new(EksClusterInput::from_task_input("c")).eks_namespace(ns),
        ))
        .unwrap_err();
        assert!(reason(&e).contains("Kubernetes namespace"), "{ns}: {e:?}");
    }
}

#[test]
fn fails_when_the_virtual_cluster_name_is_invalid() {
    let e = render_state(Task::new(
        "Create",
        EmrContainersCreateVirtualCluster::new(EksClusterInput::from_task_input("c")).virtual_cluster_name("a b"),
    ))
    .unwrap_err();
    assert!(reason(&e).contains("virtual cluster name"), "{e:?}");
}

#[test]
fn fails_when_the_eks_cluster_name_is_invalid() {
    let e = render_state(Task::new(
        "Create",
        EmrContainersCreateVirtualCluster::new(EksClusterInput::from_task_input("my cluster")),
    ))
    .unwrap_err();
    assert!(reason(&e).contains("EKS cluster name"), "{e:?}");
}

#[test]
fn fails_when_a_tag_key_is_empty() {
    let e = render_state(Task::new(
        "Create",
        EmrContainersCreateVirtualCluster::new(EksClusterInput::from_task_input("c")).tag("", "x"),
    ))
    .unwrap_err();
    assert!(reason(&e).contains("tag key"), "{e:?}");
}

// DeleteVirtualCluster

#[test]
fn delete_request_response() {
    let r = render_state(Task::new(
        "Delete a Virtual Cluster",
        EmrContainersDeleteVirtualCluster::new(VC),
    ))
    .unwrap();
    assert_eq!(actions(&r), ["emr-containers:DeleteVirtualCluster"]);
    insta::assert_json_snapshot!(r);
}

#[test]
fn delete_run_job() {
    let r = render_state(
        Task::new(
            "Delete a Virtual Cluster",
            EmrContainersDeleteVirtualCluster::new(JsonPath::string_at("$.virtualCluster")),
        )
        .run_job(),
    )
    .unwrap();
    assert_eq!(
        actions(&r),
        [
            "emr-containers:DeleteVirtualCluster",
            "emr-containers:DescribeVirtualCluster"
        ]
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn fails_when_the_virtual_cluster_id_is_invalid() {
    let e = render_state(Task::new("Delete", EmrContainersDeleteVirtualCluster::new("ABC"))).unwrap_err();
    assert!(reason(&e).contains("lower-case letters and digits"), "{e:?}");
}

// StartJobRun

#[test]
fn start_default_settings() {
    let r = render_state(Task::new(
        "EMR Containers Start Job Run",
        start(VirtualClusterInput::from_virtual_cluster_id(VC)),
    ))
    .unwrap();
    assert_eq!(
        actions(&r),
        [
            "emr-containers:StartJobRun",
            "emr-containers:DescribeJobRun",
            "emr-containers:CancelJobRun"
        ]
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn start_optional_settings() {
    let task = Task::new(
        "EMR Containers Start Job Run",
        EmrContainersStartJobRun::new(
            VirtualClusterInput::from_virtual_cluster_id(Expr::reference("VirtualClusterId")),
            ReleaseLabel::latest(6, 15, 0),
            EmrContainersExecutionRole::from_arn(Expr::reference("JobExecutionRoleArn")),
            SparkSubmitJobDriver::new(JsonPath::string_at("$.script"))
                .entry_point_arguments(Payload::from_json(json!(["60", "--fast"])))
                .spark_submit_parameters("--conf spark.driver.cores=1"),
        )
        .job_name(JsonPath::string_at("$$.Execution.Name"))
        .application_config(
            ApplicationConfiguration::new(Classification::SPARK_DEFAULTS)
                .property("spark.executor.instances", "1")
                .property("spark.executor.memory", "512M"),
        )
        .application_config(ApplicationConfiguration::new(Classification::SPARK_ENV).nested_config(
            ApplicationConfiguration::new(Classification::new("export")).property("PYSPARK_PYTHON", "python3"),
        ))
        .monitoring(
            Monitoring::new()
                .log_group("/emr-on-eks/jobs")
                .log_stream_name_prefix("pi")
                .log_bucket(Expr::reference("LogBucket"))
                .persistent_app_ui(false),
        )
        .tag("team", "data"),
    );
    insta::assert_json_snapshot!(render_state(task).unwrap());
}

#[test]
fn start_request_response() {
    let r =
        render_state(Task::new("Start", start(VirtualClusterInput::from_virtual_cluster_id(VC))).request_response())
            .unwrap();
    assert_eq!(actions(&r), ["emr-containers:StartJobRun"]);
    assert_eq!(r["States"]["Start"]["Resource"], "${StatesEmrContainersStartJobRun}",);
    insta::assert_json_snapshot!(r);
}

#[test]
fn start_on_a_virtual_cluster_from_the_input_widens_to_the_account() {
    let r = render_state(Task::new(
        "Start",
        start(VirtualClusterInput::from_task_input(JsonPath::string_at(
            "$.VirtualClusterId",
        ))),
    ))
    .unwrap();
    assert_eq!(
        r["States"]["Start"]["Parameters"]["VirtualClusterId.$"],
        "$.VirtualClusterId"
    );
    let all =
        json!({"Fn::Sub": "arn:${AWS::Partition}:emr-containers:${AWS::Region}:${AWS::AccountId}:/virtualclusters/*"});
    assert_eq!(r["PolicyStatements"][0]["Resource"], all);
    assert_eq!(r["PolicyStatements"][1]["Resource"], all);
    assert_eq!(
        r["PolicyStatements"][0]["Condition"],
        json!({"StringEquals": {"emr-containers:ExecutionRoleArn": "arn:aws:iam::123456789012:role/JobExecutionRole"}})
    );
}

#[test]
fn entry_point_arguments_from_the_input() {
    let r = render_state(Task::new(
        "Start",
        EmrContainersStartJobRun::new(
            VirtualClusterInput::from_virtual_cluster_id(VC),
            ReleaseLabel::EMR_6_3_0,
            role(),
            SparkSubmitJobDriver::new(PI).entry_point_arguments(JsonPath::list_at("$.args")),
        ),
    ))
    .unwrap();
    assert_eq!(
        r["States"]["Start"]["Parameters"]["JobDriver"]["SparkSubmitJobDriver"]["EntryPointArguments.$"],
        "$.args"
    );
}

#[test]
fn defined_role_and_monitoring() {
    let mut t = Template::new();
    let monitoring = Monitoring::define("Job Monitoring")
        .log_stream_name_prefix("pi")
        .retention_in_days(30)
        .removal_policy(DeletionPolicy::Delete)
        .add_to(&mut t)
        .unwrap();
    let role = EmrContainersExecutionRole::define("Job Execution Role", VC)
        .monitoring(&monitoring)
        .add_to_role_policy(PolicyStatement::allow(
            ["s3:GetObject"],
            [Expr::lit("arn:aws:s3:::my-input/*")],
        ))
        .add_to(&mut t)
        .unwrap();
    assert_eq!(role.arn(), &Expr::get_att("JobExecutionRole", "Arn"));
    let task = Task::new(
        "Start",
        EmrContainersStartJobRun::new(
            VirtualClusterInput::from_virtual_cluster_id(VC),
            ReleaseLabel::EMR_6_2_0,
            role,
            SparkSubmitJobDriver::new(PI),
        )
        .monitoring(monitoring),
    );
    StateMachine::new("StateMachine", task).add_to(&mut t).unwrap();
    insta::assert_json_snapshot!(template_json(&t));
}

#[test]
fn two_defined_roles_share_the_trust_function() {
    let mut t = Template::new();
    EmrContainersExecutionRole::define("First Role", VC)
        .add_to(&mut t)
        .unwrap();
    EmrContainersExecutionRole::define("Second Role", Expr::reference("OtherVirtualCluster"))
        .add_to(&mut t)
        .unwrap();
    let functions: Vec<&str> = t
        .resources()
        .iter()
        .filter(|(_, r)| r.resource_type() == "AWS::Lambda::Function")
        .map(|(id, _)| id.as_str())
        .collect();
    assert_eq!(functions, ["EmrContainersRoleTrustFunction"]);
    let json = template_json(&t);
    for role in ["FirstRole", "SecondRole"] {
        assert_eq!(
            json["Resources"][format!("{role}TrustPolicyUpdater")]["Properties"]["Roles"],
            json!([{"Ref": "EmrContainersRoleTrustFunctionServiceRole"}])
        );
        assert_eq!(
            json["Resources"][format!("{role}TrustPolicy")]["DependsOn"],
            json!([format!("{role}TrustPolicyUpdater")])
        );
    }
}

#[test]
fn fails_when_a_defined_role_runs_on_another_virtual_cluster() {
    let mut t = Template::new();
    let role = EmrContainersExecutionRole::define("Role", VC).add_to(&mut t).unwrap();
    for other in [
        VirtualClusterInput::from_virtual_cluster_id("otherclusterid"),
        VirtualClusterInput::from_task_input(JsonPath::string_at("$.id")),
    ] {
        let e = render_state(Task::new(
            "Start",
            EmrContainersStartJobRun::new(
                other,
                ReleaseLabel::EMR_6_2_0,
                role.clone(),
                SparkSubmitJobDriver::new(PI),
            ),
        ))
        .unwrap_err();
        assert!(reason(&e).contains("defined for virtual cluster"), "{e:?}");
    }
}

#[test]
fn fails_when_a_defined_role_may_not_write_the_logs() {
    let mut t = Template::new();
    let role = EmrContainersExecutionRole::define("Role", VC).add_to(&mut t).unwrap();
    for (monitoring, what) in [
        (Monitoring::new().log_group("/jobs"), "log group"),
        (Monitoring::new().log_bucket("my-logs"), "bucket"),
    ] {
        let e = render_state(Task::new(
            "Start",
            EmrContainersStartJobRun::new(
                VirtualClusterInput::from_virtual_cluster_id(VC),
                ReleaseLabel::EMR_6_2_0,
                role.clone(),
                SparkSubmitJobDriver::new(PI),
            )
            .monitoring(monitoring),
        ))
        .unwrap_err();
        assert!(reason(&e).contains(&format!("may not write to {what}")), "{e:?}");
    }
}

#[test]
fn fails_when_the_role_is_not_a_role_arn() {
    let e = render_state(Task::new(
        "Start",
        EmrContainersStartJobRun::new(
            VirtualClusterInput::from_virtual_cluster_id(VC),
            ReleaseLabel::EMR_6_2_0,
            EmrContainersExecutionRole::from_arn("JobExecutionRole"),
            SparkSubmitJobDriver::new(PI),
        ),
    ))
    .unwrap_err();
    assert!(reason(&e).contains("IAM role ARN"), "{e:?}");
}

#[test]
fn fails_when_the_release_label_is_invalid() {
    let e = render_state(Task::new(
        "Start",
        EmrContainersStartJobRun::new(
            VirtualClusterInput::from_virtual_cluster_id(VC),
            ReleaseLabel::new("emr 6.2.0"),
            role(),
            SparkSubmitJobDriver::new(PI),
        ),
    ))
    .unwrap_err();
    assert!(reason(&e).contains("release label"), "{e:?}");
}

#[test]
fn fails_when_the_entry_point_is_too_long() {
    let e = render_state(Task::new(
        "Start",
        EmrContainersStartJobRun::new(
            VirtualClusterInput::from_virtual_cluster_id(VC),
            ReleaseLabel::EMR_6_2_0,
            role(),
            SparkSubmitJobDriver::new("s".repeat(257)),
        ),
    ))
    .unwrap_err();
    assert!(reason(&e).contains("entry point must be 1 to 256"), "{e:?}");
}

#[test]
fn fails_when_the_entry_point_arguments_are_not_strings() {
    for (args, expected) in [
        (Payload::from_json(json!([])), "1 to 10280"),
        (Payload::from_json(json!(["a", 1])), "must be a string"),
        (Payload::from_text("--fast"), "list of strings"),
    ] {
        let e = render_state(Task::new(
            "Start",
            EmrContainersStartJobRun::new(
                VirtualClusterInput::from_virtual_cluster_id(VC),
                ReleaseLabel::EMR_6_2_0,
                role(),
                SparkSubmitJobDriver::new(PI).entry_point_arguments(args),
            ),
        ))
        .unwrap_err();
        assert!(reason(&e).contains(expected), "{e:?}");
    }
}

#[test]
fn fails_when_the_spark_submit_parameters_are_empty() {
    let e = render_state(Task::new(
        "Start",
        EmrContainersStartJobRun::new(
            VirtualClusterInput::from_virtual_cluster_id(VC),
            ReleaseLabel::EMR_6_2_0,
            role(),
            SparkSubmitJobDriver::new(PI).spark_submit_parameters(""),
        ),
    ))
    .unwrap_err();
    assert!(reason(&e).contains("spark-submit parameters"), "{e:?}");
}

#[test]
fn fails_when_an_application_configuration_is_empty() {
    let e = render_state(Task::new(
        "Start",
        start(VirtualClusterInput::from_virtual_cluster_id(VC))
            .application_config(ApplicationConfiguration::new(Classification::SPARK)),
    ))
    .unwrap_err();
    assert!(reason(&e).contains("needs properties or nested"), "{e:?}");
}

#[test]
fn fails_when_there_are_over_100_properties_or_configurations() {
    let mut config = ApplicationConfiguration::new(Classification::SPARK_DEFAULTS);
    for i in 0..101 {
        config = config.property(format!("k{i}"), "v");
    }
    let e = render_state(Task::new(
        "Start",
        start(VirtualClusterInput::from_virtual_cluster_id(VC)).application_config(config),
    ))
    .unwrap_err();
    assert!(reason(&e).contains("101 properties"), "{e:?}");

    let mut nested = ApplicationConfiguration::new(Classification::SPARK_ENV);
    for _ in 0..101 {
        nested = nested.nested_config(ApplicationConfiguration::new(Classification::new("export")).property("A", "b"));
    }
    let e = render_state(Task::new(
        "Start",
        start(VirtualClusterInput::from_virtual_cluster_id(VC)).application_config(nested),
    ))
    .unwrap_err();
    assert!(reason(&e).contains("at most 100 application configurations"), "{e:?}");

    let mut run = start(VirtualClusterInput::from_virtual_cluster_id(VC));
    for _ in 0..101 {
        run = run.application_config(ApplicationConfiguration::new(Classification::SPARK).property("a", "b"));
    }
    let e = render_state(Task::new("Start", run)).unwrap_err();
    assert!(reason(&e).contains("at most 100 application configurations"), "{e:?}");
}

#[test]
fn fails_when_the_job_name_is_invalid() {
    let e = render_state(Task::new(
        "Start",
        start(VirtualClusterInput::from_virtual_cluster_id(VC)).job_name("my job"),
    ))
    .unwrap_err();
    assert!(reason(&e).contains("job name"), "{e:?}");
}

#[test]
fn fails_when_a_log_stream_prefix_has_no_log_group() {
    let e = render_state(Task::new(
        "Start",
        start(VirtualClusterInput::from_virtual_cluster_id(VC))
            .monitoring(Monitoring::new().log_stream_name_prefix("p")),
    ))
    .unwrap_err();
    assert!(reason(&e).contains("needs a log group"), "{e:?}");
}

#[test]
fn fails_when_the_log_bucket_is_a_uri() {
    let e = render_state(Task::new(
        "Start",
        start(VirtualClusterInput::from_virtual_cluster_id(VC))
            .monitoring(Monitoring::new().log_bucket("s3://my-logs")),
    ))
    .unwrap_err();
    assert!(reason(&e).contains("not an s3:// URI"), "{e:?}");
}

#[test]
fn fails_when_the_retention_is_not_a_cloudwatch_period() {
    let e = Monitoring::define("Logs")
        .retention_in_days(10)
        .add_to(&mut Template::new())
        .unwrap_err();
    assert!(
        matches!(
            e,
            Error::InvalidResource {
                field: "RetentionInDays",
                ..
            }
        ),
        "{e:?}"
    );
}

#[test]
fn fails_when_a_defined_role_names_an_invalid_virtual_cluster() {
    let e = EmrContainersExecutionRole::define("Role", "Not-An-Id")
        .add_to(&mut Template::new())
        .unwrap_err();
    assert!(
        matches!(
            e,
            Error::InvalidResource {
                field: "VirtualClusterId",
                ..
            }
        ),
        "{e:?}"
    );
}
