//! A Distributed Map over a CSV file in S3, its results written back to S3: each row of
//! `input/orders.csv` (headers in the first row) becomes a child execution that labels the
//! order; the Map Run writes the children's results under `results/` of the same bucket.
//!
//! The role gets `s3:GetObject` on the bucket's objects (the reader), `s3:PutObject` and the
//! multipart-upload actions there (the writer), and, on a policy of its own, what running
//! child executions needs: `states:StartExecution` on this state machine, describe and stop
//! on its executions, redrive on the Map Run's.
//!
//! `cargo run --example distributed_map_csv > template.json`, then
//! `aws cloudformation deploy --template-file template.json --stack-name dmap-csv --capabilities CAPABILITY_IAM`;
//! upload a CSV with `aws s3 cp orders.csv s3://<DataBucketName output>/input/orders.csv`
//! (`id,amount` then one order per line) and start an execution of `StateMachineArn` with the
//! input `{}`. Empty the bucket before deleting the stack.

use std::process::ExitCode;

use stepfunctions_cdk::prelude::*;
use stepfunctions_cdk::stepfunctions::model::{ItemReader, ResultWriter};

/// Adds the bucket, the state machine and outputs with their names.
pub fn build(template: &mut Template) -> Result<Vec<Warning>, Error> {
    let bucket = template.add_resource("DataBucket", Resource::new("AWS::S3::Bucket"))?;
    let data = Expr::reference(bucket.as_str());

    // Each row arrives as an object keyed by the header: {"id": "o-1", "amount": "30"} (CSV
    // values are strings).
    let label = Pass::new("Label Order").parameters(Payload::from_object([
        ("id", JsonPath::string_at("$.id")),
        (
            "label",
            JsonPath::format(
                "order {}: {} EUR",
                [
                    JsonPath::string_at("$.id").into(),
                    JsonPath::string_at("$.amount").into(),
                ],
            ),
        ),
    ]));

    let map = DistributedMap::new("Label Orders")
        .item_reader(ItemReader::csv_file(data.clone(), "input/orders.csv").csv_headers_first_row())
        .result_writer(ResultWriter::s3(data, "results"))
        .max_concurrency(100)
        // A bad row does not fail the run: up to 10 children may fail.
        .tolerated_failure_count(10u32)
        .label("orders")
        .item_processor(label)
        .result_path("$.run");

    let rendered = StateMachine::new("StateMachine", map)
        .comment("Labels every order of a CSV file in S3, writing the results back to S3")
        .add_to(template)?;
    template.add_output(
        "DataBucketName",
        Output::new(Expr::reference(bucket.as_str())).description("Where input/orders.csv goes, and the results"),
    )?;
    rendered.output_arn(template)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    stepfunctions_cdk::cli::run(build)
}
