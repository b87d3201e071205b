//! `GlueStartJobRun` and `GlueStartCrawlerRun`: defaults, every option, each pattern, every
//! rejection. Each snapshot holds the rendered state with the policy statements it needs.

use std::time::Duration;

use serde_json::json;
use stepfunctions::prelude::*;
use stepfunctions::testing::render_state;
use stepfunctions_tasks::{GlueExecutionClass, GlueStartCrawlerRun, GlueStartJobRun, GlueWorkerType};

mod common;
use common::reason_at;

#[test]
fn default_settings() {
    let r = render_state(Task::new("Task", GlueStartJobRun::new("my-glue-job"))).unwrap();
    insta::assert_json_snapshot!(r);
}

#[test]
fn optional_settings() {
    let task = Task::new(
        "Task",
        GlueStartJobRun::new("my-glue-job")
            .arguments(Payload::from_object([
                ("key", "value".into()),
                ("--day", JsonPath::string_at("$.day")),
            ]))
            .job_timeout(Duration::from_secs(30 * 60))
            .security_configuration("encrypted")
            .notify_delay_after(Duration::from_secs(5 * 60))
            .worker_configuration(GlueWorkerType::G1X, 10)
            .execution_class(GlueExecutionClass::Flex),
    )
    .timeout(Timeout::seconds(3600));
    insta::assert_json_snapshot!(render_state(task).unwrap());
}

#[test]
fn run_job() {
    let r = render_state(Task::new("Task", GlueStartJobRun::new("my-glue-job")).run_job()).unwrap();
    insta::assert_json_snapshot!(r);
}

#[test]
fn a_job_name_read_from_the_input_widens_to_the_account() {
    let r = render_state(Task::new(
        "Task",
        GlueStartJobRun::new(JsonPath::string_at("$.JobName")).job_timeout_at("$.minutes"),
    ))
    .unwrap();
    assert_eq!(
        r["States"]["Task"]["Parameters"],
        json!({"JobName.$": "$.JobName", "Timeout.$": "$.minutes"})
    );
    assert_eq!(
        r["PolicyStatements"][0]["Resource"],
        json!({"Fn::Sub": "arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:job/*"})
    );
}

#[test]
fn other_worker_types_by_name() {
    let r = render_state(Task::new(
        "Task",
        GlueStartJobRun::new("j").worker_configuration(GlueWorkerType::Other("G.12X".into()), 2),
    ))
    .unwrap();
    assert_eq!(r["States"]["Task"]["Parameters"]["WorkerType"], "G.12X");
}

#[test]
fn fails_when_a_duration_is_not_whole_minutes() {
    let e = render_state(Task::new(
        "Task",
        GlueStartJobRun::new("j").job_timeout(Duration::from_secs(90)),
    ))
    .unwrap_err();
    assert!(reason_at("Task", e).contains("job timeout is whole minutes"));
    let e = render_state(Task::new(
        "Task",
        GlueStartJobRun::new("j").notify_delay_after(Duration::from_secs(30)),
    ))
    .unwrap_err();
    assert!(reason_at("Task", e).contains("notify delay is whole minutes"));
    let e = render_state(Task::new("Task", GlueStartJobRun::new("j").job_timeout(Duration::ZERO))).unwrap_err();
    assert!(reason_at("Task", e).contains("at least 1"));
}

#[test]
fn fails_when_there_are_no_workers() {
    let e = render_state(Task::new(
        "Task",
        GlueStartJobRun::new("j").worker_configuration(GlueWorkerType::Standard, 0),
    ))
    .unwrap_err();
    assert!(reason_at("Task", e).contains("at least 1"));
}

#[test]
fn fails_when_a_name_is_empty() {
    let e = render_state(Task::new("Task", GlueStartJobRun::new(""))).unwrap_err();
    assert!(reason_at("Task", e).contains("job name"));
    let e = render_state(Task::new("Task", GlueStartJobRun::new("j").security_configuration(""))).unwrap_err();
    assert!(reason_at("Task", e).contains("security configuration"));
}

// --- GlueStartCrawlerRun ---

#[test]
fn crawler_by_name() {
    let r = render_state(Task::new("Task", GlueStartCrawlerRun::new("my-crawler-job"))).unwrap();
    assert_eq!(r["States"]["Task"]["Resource"], "${StatesSdkGlueStartCrawler}");
    assert!(r.to_string().contains(":states:::aws-sdk:glue:startCrawler"), "{r}");
    assert_eq!(r["States"]["Task"]["Parameters"], json!({"Name": "my-crawler-job"}));
    // StartCrawler only: the CDK's glue:GetCrawler is not what the state calls.
    assert_eq!(
        r["PolicyStatements"],
        json!([{
            "Action": "glue:StartCrawler",
            "Effect": "Allow",
            "Resource": {"Fn::Sub": "arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:crawler/my-crawler-job"}
        }])
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn crawler_of_the_template() {
    let r = render_state(Task::new(
        "Task",
        GlueStartCrawlerRun::new(cfn_model::Expr::reference("Crawler")),
    ))
    .unwrap();
    assert_eq!(r["States"]["Task"]["Parameters"]["Name"], "${Crawler}");
    assert_eq!(
        r["PolicyStatements"][0]["Resource"],
        json!({"Fn::Sub": "arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:crawler/${Crawler}"})
    );
}

#[test]
fn a_crawler_read_from_the_input_widens_to_the_account() {
    let r =
        render_state(Task::new("Task", GlueStartCrawlerRun::new(JsonPath::string_at("$.crawler"))).discard_result())
            .unwrap();
    assert_eq!(r["States"]["Task"]["Parameters"], json!({"Name.$": "$.crawler"}));
    assert_eq!(
        r["PolicyStatements"][0]["Resource"],
        json!({"Fn::Sub": "arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:crawler/*"})
    );
}

#[test]
fn fails_when_the_crawler_name_is_out_of_range() {
    let e = render_state(Task::new("Task", GlueStartCrawlerRun::new(""))).unwrap_err();
    assert!(reason_at("Task", e).contains("crawler name must be 1 to 255"));
    let e = render_state(Task::new("Task", GlueStartCrawlerRun::new("c".repeat(256)))).unwrap_err();
    assert!(reason_at("Task", e).contains("crawler name must be 1 to 255"));
    assert!(render_state(Task::new("Task", GlueStartCrawlerRun::new("c".repeat(255)))).is_ok());
}
