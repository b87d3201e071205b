//! `CallAwsService`: defaults, every option, both patterns, the IAM prefixes, every rejection.
//! Each snapshot holds the rendered state with the policy statements it needs.

use cfn_model::iam::PolicyStatement;
use cfn_model::Expr;
use serde_json::json;
use stepfunctions::prelude::*;
use stepfunctions::testing::render_state;
use stepfunctions::Error;
use stepfunctions_tasks::CallAwsService;

fn reason(e: &Error) -> &str {
    match e {
        Error::InvalidTask { reason, .. } => reason,
        other => panic!("not an InvalidTask: {other:?}"),
    }
}

#[test]
fn default_settings() {
    let r = render_state(Task::new(
        "ListBuckets",
        CallAwsService::new("s3", "listBuckets", ["*"]),
    ))
    .unwrap();
    insta::assert_json_snapshot!(r);
}

#[test]
fn optional_settings() {
    let task = Task::new(
        "DetectLabels",
        CallAwsService::new("Rekognition", "detectLabels", ["*"])
            .parameters(Payload::from_object([(
                "Image",
                Payload::from_object([(
                    "S3Object",
                    Payload::from_object([
                        ("Bucket", "amzn-s3-demo-bucket".into()),
                        ("Name", JsonPath::string_at("$.key")),
                    ]),
                )]),
            )]))
            .iam_action("rekognition:DetectLabels")
            .additional_iam_statements([PolicyStatement::allow(
                ["s3:getObject"],
                [Expr::lit("arn:aws:s3:::amzn-s3-demo-bucket/*")],
            )]),
    )
    .result_selector(Payload::from_object([("labels", JsonPath::list_at("$.Labels"))]))
    .retry(Retry::on(["Rekognition.ThrottlingException"]).max_attempts(3));
    insta::assert_json_snapshot!(render_state(task).unwrap());
}

#[test]
fn wait_for_task_token() {
    let task = Task::new(
        "Notify",
        CallAwsService::new("sqs", "sendMessage", ["arn:aws:sqs:us-east-1:123456789012:approvals"]).parameters(
            Payload::from_object([
                (
                    "QueueUrl",
                    "https://sqs.us-east-1.amazonaws.com/123456789012/approvals".into(),
                ),
                ("MessageBody", JsonPath::json_to_string(JsonPath::task_token())),
            ]),
        ),
    )
    .wait_for_task_token();
    insta::assert_json_snapshot!(render_state(task).unwrap());
}

#[test]
fn services_whose_iam_prefix_differs_are_mapped() {
    for (service, action, granted) in [
        ("sfn", "describeStateMachine", "states:describeStateMachine"),
        ("cloudwatchlogs", "createLogGroup", "logs:createLogGroup"),
        ("efs", "describeFileSystems", "elasticfilesystem:describeFileSystems"),
        ("eventbridge", "putEvents", "events:putEvents"),
        ("emr", "listClusters", "elasticmapreduce:listClusters"),
        ("SFN", "startExecution", "states:startExecution"),
        ("dynamodb", "getItem", "dynamodb:getItem"),
    ] {
        let r = render_state(Task::new("Call", CallAwsService::new(service, action, ["*"]))).unwrap();
        assert_eq!(r["PolicyStatements"][0]["Action"], granted, "{service}");
        let resource = &r["DefinitionSubstitutions"]
            .as_object()
            .unwrap()
            .values()
            .next()
            .unwrap()["Fn::Sub"];
        assert_eq!(
            resource,
            &json!(format!(
                "arn:${{AWS::Partition}}:states:::aws-sdk:{}:{action}",
                service.to_ascii_lowercase()
            ))
        );
    }
}

#[test]
fn parameters_default_to_an_empty_object() {
    let r = render_state(Task::new("List", CallAwsService::new("s3", "listBuckets", ["*"]))).unwrap();
    assert_eq!(r["States"]["List"]["Parameters"], json!({}));
}

#[test]
fn fails_on_an_action_not_in_camel_case() {
    for action in ["GetObject", "get-object", ""] {
        let e = render_state(Task::new("Get", CallAwsService::new("s3", action, ["*"]))).unwrap_err();
        assert!(reason(&e).contains("camelCase"), "{e}");
    }
}

#[test]
fn fails_on_a_parameter_not_in_pascal_case() {
    let e = render_state(Task::new(
        "Get",
        CallAwsService::new("s3", "getObject", ["*"])
            .parameters(Payload::from_object([("Bucket", "b".into()), ("key", "k".into())])),
    ))
    .unwrap_err();
    assert!(reason(&e).contains("PascalCase, got: key"), "{e}");
    let e = render_state(Task::new(
        "Get",
        CallAwsService::new("s3", "getObject", ["*"]).parameters(JsonPath::object_at("$.params")),
    ))
    .unwrap_err();
    assert!(reason(&e).contains("must be an object"), "{e}");
}

#[test]
fn fails_on_an_invalid_service_or_iam_setting() {
    let e = render_state(Task::new("Get", CallAwsService::new("aws-s3", "getObject", ["*"]))).unwrap_err();
    assert!(reason(&e).contains("SDK service name"), "{e}");
    let e = render_state(Task::new(
        "Get",
        CallAwsService::new("s3", "getObject", Vec::<Expr>::new()),
    ))
    .unwrap_err();
    assert!(reason(&e).contains("at least one IAM resource"), "{e}");
    let e = render_state(Task::new(
        "List",
        CallAwsService::new("s3", "listBuckets", ["*"]).iam_action("ListAllMyBuckets"),
    ))
    .unwrap_err();
    assert!(reason(&e).contains("<prefix>:<Action>"), "{e}");
}

#[test]
fn fails_when_waiting_for_a_token_not_passed() {
    let e = render_state(Task::new("List", CallAwsService::new("s3", "listBuckets", ["*"])).wait_for_task_token())
        .unwrap_err();
    assert!(reason(&e).contains("task token"), "{e}");
}
