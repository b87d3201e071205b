//! `BatchSubmitJob`: defaults, every option, each pattern, every rejection. Each snapshot holds
//! the rendered state with the policy statements it needs.

use std::time::Duration;

use cfn_model::Expr;
use serde_json::{json, Value};
use stepfunctions::prelude::*;
use stepfunctions::testing::render_state;
use stepfunctions_tasks::{
    BatchContainerOverrides, BatchDependencyType, BatchJobDefinition, BatchJobDependency, BatchJobQueue, BatchSubmitJob,
};

mod common;
use common::reason_at;

const DEFINITION: &str = "arn:aws:batch:us-east-1:123456789012:job-definition/MyJobDefinition:1";
const QUEUE: &str = "arn:aws:batch:us-east-1:123456789012:job-queue/MyJobQueue";

fn submit() -> BatchSubmitJob {
    BatchSubmitJob::new(
        BatchJobDefinition::from_arn(DEFINITION),
        "MyJob",
        BatchJobQueue::from_arn(QUEUE),
    )
}

/// The resources of the statement granting `action`, in `Fn::Sub` text.
fn resources_of(r: &Value, action: &str) -> Vec<String> {
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other["Fn::Sub"]
            .as_str()
            .map_or_else(|| other.to_string(), str::to_owned),
    };
    let st = r["PolicyStatements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["Action"] == action || s["Action"].as_array().is_some_and(|a| a.contains(&json!(action))))
        .unwrap_or_else(|| panic!("no statement grants {action}"));
    match &st["Resource"] {
        Value::Array(items) => items.iter().map(text).collect(),
        one => vec![text(one)],
    }
}

fn grants(r: &Value, action: &str) -> bool {
    r["PolicyStatements"].to_string().contains(&format!("\"{action}\""))
}

#[test]
fn default_settings() {
    let r = render_state(Task::new("Submit Job", submit())).unwrap();
    insta::assert_json_snapshot!(r);
}

#[test]
fn optional_settings() {
    let task = Task::new(
        "Submit Job",
        BatchSubmitJob::new(
            BatchJobDefinition::from_arn(Expr::reference("JobDefinitionArn")),
            JsonPath::string_at("$.jobName"),
            BatchJobQueue::from_arn(Expr::reference("JobQueueArn")),
        )
        .array_size(10)
        .container_overrides(
            BatchContainerOverrides::new()
                .command(["python", "main.py", "Ref::inputFile"])
                .environment("STAGE", "prod")
                .environment("ORDER_ID", JsonPath::string_at("$.orderId"))
                .instance_type("m5.large")
                .memory_mib(2048)
                .vcpus(2)
                .gpu_count(1),
        )
        .depends_on(
            BatchJobDependency::new(JsonPath::string_at("$.first.JobId")).dependency_type(BatchDependencyType::NToN),
        )
        .depends_on(BatchJobDependency::new("job-0").dependency_type(BatchDependencyType::Sequential))
        .payload(Payload::from_object([("inputFile", JsonPath::string_at("$.file"))]))
        .attempts(3)
        .tag("team", "data")
        .attempt_duration(Duration::from_secs(600)),
    )
    .timeout(Timeout::seconds(3600))
    .result_selector(Payload::from_object([("jobId", JsonPath::string_at("$.JobId"))]));
    insta::assert_json_snapshot!(render_state(task).unwrap());
}

#[test]
fn request_response() {
    let r = render_state(Task::new("Submit Job", submit()).request_response()).unwrap();
    assert!(!grants(&r, "events:PutRule"), "no EventBridge rule without run-job");
    assert!(!grants(&r, "batch:TerminateJob"));
    insta::assert_json_snapshot!(r);
}

#[test]
fn tags_grant_tag_resource_on_the_submit_resources() {
    // SubmitJob with tags also authorizes batch:TagResource (service authorization reference,
    // list_awsbatch: the SubmitJob operation maps to batch:SubmitJob and batch:TagResource).
    let untagged = render_state(Task::new("Submit Job", submit())).unwrap();
    assert!(!grants(&untagged, "batch:TagResource"), "no tags, no TagResource");
    for task in [
        Task::new("Submit Job", submit().tag("team", "data")),
        Task::new("Submit Job", submit().tag("team", "data")).request_response(),
    ] {
        let r = render_state(task).unwrap();
        assert_eq!(resources_of(&r, "batch:TagResource"), [DEFINITION, QUEUE]);
        assert_eq!(
            resources_of(&r, "batch:TagResource"),
            resources_of(&r, "batch:SubmitJob"),
            "TagResource covers what SubmitJob covers, nothing more"
        );
    }
}

#[test]
fn run_job_is_the_default() {
    let explicit = render_state(Task::new("Submit Job", submit()).run_job()).unwrap();
    let default = render_state(Task::new("Submit Job", submit())).unwrap();
    assert_eq!(explicit, default);
    assert_eq!(
        default["DefinitionSubstitutions"]["StatesBatchSubmitJobSync"],
        json!({"Fn::Sub": "arn:${AWS::Partition}:states:::batch:submitJob.sync"})
    );
    assert_eq!(
        resources_of(&default, "events:PutRule"),
        ["arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/StepFunctionsGetEventsForBatchJobsRule"]
    );
    assert_eq!(resources_of(&default, "batch:DescribeJobs"), ["*"]);
    assert_eq!(
        resources_of(&default, "batch:TerminateJob"),
        ["arn:${AWS::Partition}:batch:${AWS::Region}:${AWS::AccountId}:job/*"]
    );
}

#[test]
fn submit_is_scoped_to_the_job_definition_revision_and_the_queue() {
    let r = render_state(Task::new("Submit Job", submit())).unwrap();
    assert_eq!(resources_of(&r, "batch:SubmitJob"), [DEFINITION, QUEUE]);

    // without a revision: every revision of that job definition
    let r = render_state(Task::new(
        "Submit Job",
        BatchSubmitJob::new(
            BatchJobDefinition::from_arn("arn:aws:batch:us-east-1:123456789012:job-definition/Nightly"),
            "MyJob",
            BatchJobQueue::from_arn(QUEUE),
        ),
    ))
    .unwrap();
    assert_eq!(
        resources_of(&r, "batch:SubmitJob"),
        ["arn:aws:batch:us-east-1:123456789012:job-definition/Nightly:*", QUEUE]
    );

    // a CloudFormation value may carry a revision or not: both forms
    let r = render_state(Task::new(
        "Submit Job",
        BatchSubmitJob::new(
            BatchJobDefinition::from_arn(Expr::reference("JobDefinition")),
            "MyJob",
            BatchJobQueue::from_arn(Expr::reference("JobQueue")),
        ),
    ))
    .unwrap();
    assert_eq!(
        resources_of(&r, "batch:SubmitJob"),
        [
            "{\"Ref\":\"JobDefinition\"}",
            "${JobDefinition}:*",
            "{\"Ref\":\"JobQueue\"}"
        ]
    );
}

#[test]
fn values_read_from_the_input_widen_to_the_account() {
    let r = render_state(Task::new(
        "Submit Job",
        BatchSubmitJob::new(
            BatchJobDefinition::from_json_path("$.definition"),
            "MyJob",
            BatchJobQueue::from_json_path("$.queue"),
        ),
    ))
    .unwrap();
    assert_eq!(
        resources_of(&r, "batch:SubmitJob"),
        [
            "arn:${AWS::Partition}:batch:${AWS::Region}:${AWS::AccountId}:job-definition/*",
            "arn:${AWS::Partition}:batch:${AWS::Region}:${AWS::AccountId}:job-queue/*"
        ]
    );
    assert_eq!(
        r["States"]["Submit Job"]["Parameters"]["JobDefinition.$"],
        "$.definition"
    );
    assert_eq!(r["States"]["Submit Job"]["Parameters"]["JobQueue.$"], "$.queue");
}

#[test]
fn attempt_duration_from_the_input() {
    let r = render_state(Task::new("Submit Job", submit().attempt_duration_at("$.seconds"))).unwrap();
    assert_eq!(
        r["States"]["Submit Job"]["Parameters"]["Timeout"],
        json!({"AttemptDurationSeconds.$": "$.seconds"})
    );
    assert!(r["States"]["Submit Job"].get("TimeoutSeconds").is_none());
}

#[test]
fn fails_when_the_array_size_is_out_of_range() {
    for n in [1, 10_001] {
        let e = render_state(Task::new("Submit Job", submit().array_size(n))).unwrap_err();
        assert!(reason_at("Submit Job", e).contains("2 to 10,000"), "{n}");
    }
    assert!(render_state(Task::new("Submit Job", submit().array_size(10_000))).is_ok());
}

#[test]
fn fails_when_attempts_are_out_of_range() {
    for n in [0, 11] {
        let e = render_state(Task::new("Submit Job", submit().attempts(n))).unwrap_err();
        assert!(reason_at("Submit Job", e).contains("1 to 10"), "{n}");
    }
}

#[test]
fn fails_when_the_attempt_duration_is_below_a_minute() {
    let e = render_state(Task::new(
        "Submit Job",
        submit().attempt_duration(Duration::from_secs(59)),
    ))
    .unwrap_err();
    assert!(reason_at("Submit Job", e).contains("at least 60 seconds"));
    let e = render_state(Task::new(
        "Submit Job",
        submit().attempt_duration(Duration::from_millis(60_500)),
    ))
    .unwrap_err();
    assert!(reason_at("Submit Job", e).contains("whole seconds"));
}

#[test]
fn fails_when_an_environment_variable_is_reserved() {
    let e = render_state(Task::new(
        "Submit Job",
        submit().container_overrides(BatchContainerOverrides::new().environment("AWS_BATCH_JOB_ID", "x")),
    ))
    .unwrap_err();
    assert!(reason_at("Submit Job", e).contains("AWS_BATCH"));
}

#[test]
fn fails_when_depending_on_more_than_20_jobs() {
    let many = (0..21).fold(submit(), |s, i| {
        s.depends_on(BatchJobDependency::new(format!("job-{i}")))
    });
    let e = render_state(Task::new("Submit Job", many)).unwrap_err();
    assert!(reason_at("Submit Job", e).contains("at most 20"));
}

#[test]
fn fails_when_tags_are_invalid() {
    let many = (0..51).fold(submit(), |s, i| s.tag(format!("k{i}"), "v"));
    assert!(reason_at("Submit Job", render_state(Task::new("Submit Job", many)).unwrap_err()).contains("50 tags"));
    let e = render_state(Task::new("Submit Job", submit().tag("", "v"))).unwrap_err();
    assert!(reason_at("Submit Job", e).contains("1 to 128"));
    let e = render_state(Task::new("Submit Job", submit().tag("k", "v".repeat(257)))).unwrap_err();
    assert!(reason_at("Submit Job", e).contains("256"));
}

#[test]
fn fails_when_the_job_name_is_invalid() {
    for name in ["-starts-with-hyphen", "has space", &"a".repeat(129)] {
        let e = render_state(Task::new(
            "Submit Job",
            BatchSubmitJob::new(
                BatchJobDefinition::from_arn(DEFINITION),
                name,
                BatchJobQueue::from_arn(QUEUE),
            ),
        ))
        .unwrap_err();
        assert!(reason_at("Submit Job", e).contains("job name"), "{name}");
    }
}

#[test]
fn fails_when_an_arn_is_not_of_its_kind() {
    let e = render_state(Task::new(
        "Submit Job",
        BatchSubmitJob::new(
            BatchJobDefinition::from_arn(QUEUE),
            "MyJob",
            BatchJobQueue::from_arn(QUEUE),
        ),
    ))
    .unwrap_err();
    assert!(reason_at("Submit Job", e).contains("job definition ARN"));
    let e = render_state(Task::new(
        "Submit Job",
        BatchSubmitJob::new(
            BatchJobDefinition::from_arn(DEFINITION),
            "MyJob",
            BatchJobQueue::from_arn("MyJobQueue"),
        ),
    ))
    .unwrap_err();
    assert!(reason_at("Submit Job", e).contains("job queue ARN"));
}

#[test]
fn fails_when_a_resource_override_is_zero() {
    let e = render_state(Task::new(
        "Submit Job",
        submit().container_overrides(BatchContainerOverrides::new().vcpus(0)),
    ))
    .unwrap_err();
    assert!(reason_at("Submit Job", e).contains("at least 1"));
}
