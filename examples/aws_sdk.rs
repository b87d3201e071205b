//! The AWS SDK integrations (`CallAwsService`): list the account's buckets (the API action
//! `listBuckets` is authorized as the IAM action `s3:ListAllMyBuckets`), then write an object to
//! a bucket of the template, read it back and delete it, each call granted on that bucket's
//! objects only.
//!
//! `cargo run --example aws_sdk > template.json`, then
//! `aws cloudformation deploy --template-file template.json --stack-name aws-sdk --capabilities CAPABILITY_IAM`
//! and start an execution of `StateMachineArn` with the input
//! `{"key": "hello.txt", "body": "Hello, World!"}`. The bucket is empty again at the end, so the
//! stack deletes cleanly.

use std::process::ExitCode;

use stepfunctions_cdk::prelude::*;

/// Adds the bucket, the state machine and an output with its ARN.
pub fn build(template: &mut Template) -> Result<Vec<Warning>, Error> {
    let bucket = template.add_resource("MyBucket", Resource::new("AWS::S3::Bucket"))?;
    let my_bucket = Expr::reference(bucket.as_str());
    let objects = Expr::concat([Expr::get_att(bucket.as_str(), "Arn"), Expr::lit("/*")]);

    // Use the iam_action to name the IAM action where it differs from the API action.
    let list_buckets = Task::new(
        "ListBuckets",
        CallAwsService::new("s3", "listBuckets", ["*"]).iam_action("s3:ListAllMyBuckets"),
    )
    .result_selector(Payload::from_object([(
        "count",
        JsonPath::array_length(JsonPath::list_at("$.Buckets")),
    )]))
    .result_path("$.buckets");

    let put_object = Task::new(
        "PutObject",
        CallAwsService::new("s3", "putObject", [objects.clone()]).parameters(Payload::from_object([
            ("Bucket", my_bucket.clone().into()),
            ("Key", JsonPath::string_at("$.key")),
            ("Body", JsonPath::string_at("$.body")),
        ])),
    )
    .discard_result();

    // Use camelCase for actions and PascalCase for parameter names.
    let get_object = Task::new(
        "GetObject",
        CallAwsService::new("s3", "getObject", [objects.clone()]).parameters(Payload::from_object([
            ("Bucket", my_bucket.clone().into()),
            ("Key", JsonPath::string_at("$.key")),
        ])),
    )
    .result_selector(Payload::from_object([
        ("body", JsonPath::string_at("$.Body")),
        ("contentLength", JsonPath::number_at("$.ContentLength")),
    ]))
    .result_path("$.object");

    let delete_object = Task::new(
        "DeleteObject",
        CallAwsService::new("s3", "deleteObject", [objects]).parameters(Payload::from_object([
            ("Bucket", my_bucket.into()),
            ("Key", JsonPath::string_at("$.key")),
        ])),
    )
    .discard_result();

    let definition = list_buckets.next(put_object).next(get_object).next(delete_object);
    let rendered = StateMachine::new("StateMachine", definition)
        .comment("Calls S3 through the AWS SDK integrations")
        .add_to(template)?;
    rendered.output_arn(template)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    stepfunctions_cdk::cli::run(build)
}
