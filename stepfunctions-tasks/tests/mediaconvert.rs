//! `MediaConvertCreateJob`: each pattern, a role from the input, tags, every rejection. Each
//! snapshot holds the rendered state with the policy statements it needs.

use serde_json::json;
use stepfunctions::prelude::*;
use stepfunctions::testing::render_state;
use stepfunctions_tasks::MediaConvertCreateJob;

mod common;
use common::reason_at;

fn request(extra: serde_json::Value) -> Payload {
    let mut r = json!({
        "Role": "arn:aws:iam::123456789012:role/MediaConvertRole",
        "Settings": {
            "Inputs": [{"AudioSelectors": {"Audio Selector 1": {"DefaultSelection": "DEFAULT"}}, "FileInput.$": "$.inputFile"}],
            "OutputGroups": [{
                "Outputs": [{"ContainerSettings": {"Container": "MP4"}}],
                "OutputGroupSettings": {"Type": "FILE_GROUP_SETTINGS", "FileGroupSettings": {"Destination": "s3://EXAMPLE-DESTINATION-BUCKET/"}}
            }]
        }
    });
    for (k, v) in extra.as_object().unwrap() {
        r[k] = v.clone();
    }
    Payload::from_json(r)
}

#[test]
fn request_response() {
    let r = render_state(Task::new("Task", MediaConvertCreateJob::new(request(json!({}))))).unwrap();
    assert_eq!(r["States"]["Task"]["Resource"], "${StatesMediaconvertCreateJob}");
    insta::assert_json_snapshot!(r);
}

#[test]
fn run_job() {
    let r = render_state(Task::new("Task", MediaConvertCreateJob::new(request(json!({})))).run_job()).unwrap();
    assert_eq!(r["States"]["Task"]["Resource"], "${StatesMediaconvertCreateJobSync}");
    insta::assert_json_snapshot!(r);
}

#[test]
fn a_role_from_the_input_is_passed_on_any_role_for_mediaconvert_only() {
    let r = render_state(Task::new(
        "Task",
        MediaConvertCreateJob::new(request(json!({"Role.$": "$.role"}))),
    ))
    .unwrap();
    let pass = &r["PolicyStatements"][0];
    assert_eq!(pass["Action"], "iam:PassRole");
    assert_eq!(pass["Resource"], "*");
    assert_eq!(
        pass["Condition"],
        json!({"StringLike": {"iam:PassedToService": "mediaconvert.amazonaws.com"}})
    );
}

#[test]
fn tags_are_authorized() {
    let r = render_state(Task::new(
        "Task",
        MediaConvertCreateJob::new(request(json!({"Tags": {"team": "media"}, "Queue": "Default"}))),
    ))
    .unwrap();
    assert_eq!(r["States"]["Task"]["Parameters"]["Tags"], json!({"team": "media"}));
    insta::assert_json_snapshot!(r["PolicyStatements"]);
}

#[test]
fn fails_without_role_or_settings() {
    let e = render_state(Task::new(
        "Task",
        MediaConvertCreateJob::new(Payload::from_json(json!({"Settings": {}}))),
    ))
    .unwrap_err();
    assert!(reason_at("Task", e).contains("needs `Role`"));
    let e = render_state(Task::new(
        "Task",
        MediaConvertCreateJob::new(Payload::from_json(json!({"Role": "arn:aws:iam::123456789012:role/R"}))),
    ))
    .unwrap_err();
    assert!(reason_at("Task", e).contains("needs `Settings`"));
}

#[test]
fn fails_when_the_request_is_not_an_object() {
    let e = render_state(Task::new(
        "Task",
        MediaConvertCreateJob::new(JsonPath::string_at("$.request")),
    ))
    .unwrap_err();
    assert!(reason_at("Task", e).contains("is an object"));
}

#[test]
fn fails_when_the_role_is_not_a_role_arn() {
    let e = render_state(Task::new(
        "Task",
        MediaConvertCreateJob::new(request(json!({"Role": "MediaConvertRole"}))),
    ))
    .unwrap_err();
    assert!(reason_at("Task", e).contains("not an IAM role ARN"));
}
