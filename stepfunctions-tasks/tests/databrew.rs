//! `GlueDataBrewStartJobRun`: defaults, each pattern, every rejection. Each snapshot holds the
//! rendered state with the policy statements it needs.

use serde_json::json;
use stepfunctions::prelude::*;
use stepfunctions::testing::render_state;
use stepfunctions::Error;
use stepfunctions_tasks::GlueDataBrewStartJobRun;

#[test]
fn default_settings() {
    let r = render_state(Task::new("Task", GlueDataBrewStartJobRun::new("databrew-job"))).unwrap();
    insta::assert_json_snapshot!(r);
}

#[test]
fn run_job() {
    let r = render_state(Task::new("Task", GlueDataBrewStartJobRun::new("databrew-job")).run_job()).unwrap();
    insta::assert_json_snapshot!(r);
}

#[test]
fn a_name_read_from_the_input_widens_to_the_account() {
    let r = render_state(Task::new(
        "Task",
        GlueDataBrewStartJobRun::new(JsonPath::string_at("$.job")),
    ))
    .unwrap();
    assert_eq!(r["States"]["Task"]["Parameters"], json!({"Name.$": "$.job"}));
    assert_eq!(
        r["PolicyStatements"][0]["Resource"],
        json!({"Fn::Sub": "arn:${AWS::Partition}:databrew:${AWS::Region}:${AWS::AccountId}:job/*"})
    );
}

#[test]
fn fails_when_the_name_is_empty_or_too_long() {
    for name in [String::new(), "j".repeat(241)] {
        let e = render_state(Task::new("Task", GlueDataBrewStartJobRun::new(name))).unwrap_err();
        assert!(
            matches!(&e, Error::InvalidTask { state, reason, .. } if state == "Task" && reason.contains("1 to 240")),
            "{e:?}"
        );
    }
}
