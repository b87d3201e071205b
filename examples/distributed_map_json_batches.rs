//! A Distributed Map over a JSON array file in S3, its items in batches: `input/events.json`
//! holds an array of events; the map hands them to Express child executions two at a time,
//! each batch with the input shared by all (`BatchInput`), and gathers what each child counted.
//!
//! Batching cuts the number of child executions (and their cost) when items are small. Express
//! children suit short work; they run at least once, so what they do must be idempotent.
//!
//! `cargo run --example distributed_map_json_batches > template.json`, then
//! `aws cloudformation deploy --template-file template.json --stack-name dmap-json --capabilities CAPABILITY_IAM`;
//! upload an array with `aws s3 cp events.json s3://<DataBucketName output>/input/events.json`
//! and start an execution of `StateMachineArn` with the input `{"source": "web"}`. Empty the
//! bucket before deleting the stack.

use std::process::ExitCode;

use stepfunctions_cdk::prelude::*;
use stepfunctions_cdk::stepfunctions::model::{ItemBatcher, ItemReader};

/// Adds the bucket, the state machine and outputs with their names.
pub fn build(template: &mut Template) -> Result<Vec<Warning>, Error> {
    let bucket = template.add_resource("DataBucket", Resource::new("AWS::S3::Bucket"))?;

    // A child's input: {"BatchInput": {...}, "Items": [...]}.
    let count = Pass::new("Count Batch").parameters(Payload::from_object([
        ("source", JsonPath::string_at("$.BatchInput.source")),
        ("size", JsonPath::array_length(JsonPath::list_at("$.Items"))),
    ]));

    let map = DistributedMap::new("Count Events")
        .item_reader(ItemReader::json_file(
            Expr::reference(bucket.as_str()),
            "input/events.json",
        ))
        .item_batcher(
            ItemBatcher::max_items(2).batch_input(Payload::from_object([("source", JsonPath::string_at("$.source"))])),
        )
        .execution_type(StateMachineType::Express)
        .max_concurrency(10)
        .item_processor(count)
        .result_path("$.batches");

    let rendered = StateMachine::new("StateMachine", map)
        .comment("Counts the events of a JSON file in S3, two per child execution")
        .add_to(template)?;
    template.add_output(
        "DataBucketName",
        Output::new(Expr::reference(bucket.as_str())).description("Where input/events.json goes"),
    )?;
    rendered.output_arn(template)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    stepfunctions_cdk::cli::run(build)
}
