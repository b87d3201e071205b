//! An AWS SDK call made in other regions (`CallAwsServiceCrossRegion`): for each region of the
//! input, read the public SSM parameter that names the latest Amazon Linux 2023 AMI there. The
//! template defines the Lambda function that makes the calls, with its code inline, and grants
//! its role `ssm:getParameter` on that parameter path in every region, nothing else.
//!
//! `cargo run --example aws_sdk_cross_region > template.json`, then
//! `aws cloudformation deploy --template-file template.json --stack-name cross-region --capabilities CAPABILITY_IAM`
//! and start an execution of `StateMachineArn` with the input
//! `{"regions": ["us-west-2", "eu-west-1"]}`.

use std::process::ExitCode;

use stepfunctions_cdk::prelude::*;

/// The public parameter with the id of the latest Amazon Linux 2023 AMI (x86-64).
const AMI_PARAMETER: &str = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";

/// Adds the function, the state machine and an output with its ARN.
pub fn build(template: &mut Template) -> Result<Vec<Warning>, Error> {
    // The region is read from the input; public parameters have no account in their ARN.
    let get_ami = CallAwsServiceCrossRegion::builder(JsonPath::string_at("$.region"), "ssm", "getParameter")
        .parameters(Payload::from_object([("Name", AMI_PARAMETER.into())]))
        .iam_resources([Expr::sub(
            "arn:${AWS::Partition}:ssm:*::parameter/aws/service/ami-amazon-linux-latest/*",
        )])
        .add_to(template)?;
    let get_ami = Task::new("Get Latest AMI", get_ami)
        .result_selector(Payload::from_object([("id", JsonPath::string_at("$.Parameter.Value"))]))
        .result_path("$.ami");

    let each_region = Map::new("For Each Region")
        .items_path("$.regions")
        .item_selector(Payload::from_object([("region", JsonPath::map_item_value())]))
        .max_concurrency(1)
        .item_processor(get_ami)
        .result_path("$.amis");

    let rendered = StateMachine::new("StateMachine", each_region)
        .comment("Looks up the latest Amazon Linux AMI of other regions")
        .add_to(template)?;
    rendered.output_arn(template)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    stepfunctions_cdk::cli::run(build)
}
