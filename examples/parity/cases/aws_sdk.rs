//! `sdk_*`: the AWS SDK integrations.

use stepfunctions_cdk::prelude::*;

use super::Build;

pub const CASES: &[(&str, Build)] = &[
    ("sdk_rekognition_detect_labels", sdk_rekognition_detect_labels),
    ("sdk_s3_get_object", sdk_s3_get_object),
    ("sdk_s3_list_buckets_iam_action", sdk_s3_list_buckets_iam_action),
    ("sdk_cross_region", sdk_cross_region),
];

/// CallAwsServiceCrossRegion: s3 getObject in ap-northeast-1 on a bucket imported by name.
fn sdk_cross_region(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let get_object = CallAwsServiceCrossRegion::builder("ap-northeast-1", "s3", "getObject")
        .parameters(Payload::from_object([
            ("Bucket", "my-tokyo-bucket".into()),
            ("Key", JsonPath::string_at("$.key")),
        ]))
        .iam_resources([Expr::sub("arn:${AWS::Partition}:s3:::my-tokyo-bucket/*")])
        .add_to(t)?;
    Ok(StateMachine::new("StateMachine", Task::new("GetObject", get_object))
        .add_to(t)?
        .warnings)
}

/// aws-stepfunctions-tasks README (AWS SDK): rekognition:detectLabels with additionalIamStatements.
fn sdk_rekognition_detect_labels(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let detect_labels = Task::new(
        "DetectLabels",
        CallAwsService::new("rekognition", "detectLabels", ["*"]).additional_iam_statements([PolicyStatement::allow(
            ["s3:getObject"],
            [Expr::lit("arn:aws:s3:::amzn-s3-demo-bucket/*")],
        )]),
    );
    Ok(StateMachine::new("StateMachine", detect_labels).add_to(t)?.warnings)
}

/// Seed: AWS SDK (CallAwsService s3:getObject). `my_bucket: s3.Bucket` is imported by name.
fn sdk_s3_get_object(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let my_bucket = "my-bucket";
    let get_object = Task::new(
        "GetObject",
        CallAwsService::new("s3", "getObject", [format!("arn:aws:s3:::{my_bucket}/*")]).parameters(
            Payload::from_object([("Bucket", my_bucket.into()), ("Key", JsonPath::string_at("$.key"))]),
        ),
    );
    Ok(StateMachine::new("StateMachine", get_object).add_to(t)?.warnings)
}

/// Seed: AWS SDK (CallAwsService s3:listBuckets with iamAction s3:ListAllMyBuckets).
fn sdk_s3_list_buckets_iam_action(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let list_buckets = Task::new(
        "ListBuckets",
        CallAwsService::new("s3", "listBuckets", ["*"]).iam_action("s3:ListAllMyBuckets"),
    );
    Ok(StateMachine::new("StateMachine", list_buckets).add_to(t)?.warnings)
}
