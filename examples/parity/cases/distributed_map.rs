//! `dmap_*`: the Distributed Map.

use stepfunctions_cdk::prelude::*;
use stepfunctions_cdk::stepfunctions::model::{
    CsvDelimiter, ItemBatcher, ItemReader, OutputType, ResultWriter, WriterTransformation,
};

use super::Build;

pub const CASES: &[(&str, Build)] = &[
    ("dmap_bucket_name_path", dmap_bucket_name_path),
    ("dmap_in_parallel", dmap_in_parallel),
    ("dmap_jsonata", dmap_jsonata),
    ("dmap_manifest_result_writer_v2", dmap_manifest_result_writer_v2),
    ("dmap_s3_csv_reader", dmap_s3_csv_reader),
    ("dmap_s3_json_reader_batcher", dmap_s3_json_reader_batcher),
    ("dmap_s3_objects_reader", dmap_s3_objects_reader),
];

type J = Jsonata;

fn machine(t: &mut Template, definition: impl Into<Chain>) -> Result<Vec<Warning>, Error> {
    Ok(StateMachine::new("StateMachine", definition.into()).add_to(t)?.warnings)
}

/// The reader's bucket and key and the writer's bucket from the input.
fn dmap_bucket_name_path(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let map = DistributedMap::new("Distributed Map")
        .item_reader(ItemReader::json_file(
            JsonPath::string_at("$.bucketName"),
            JsonPath::string_at("$.key"),
        ))
        .result_writer(ResultWriter::s3(JsonPath::string_at("$.outputBucket"), "results"))
        .item_processor(Pass::new("Process Item"));
    machine(t, map)
}

/// A Distributed Map in a Parallel branch, over items from the input: the child-execution
/// statements are granted there too (aws-cdk#29266).
fn dmap_in_parallel(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let map = DistributedMap::new("Inner Distributed Map")
        .items_path("$.items")
        .max_concurrency(10)
        .item_processor(Pass::new("Process Item"));
    let parallel = Parallel::new("Parallel").branch(map).branch(Pass::new("Other Branch"));
    machine(t, parallel)
}

/// A JSONata Distributed Map: S3 objects, batches, results shaped and written to S3.
fn dmap_jsonata(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let map = DistributedMap::jsonata("Distributed Map")
        .item_reader(ItemReader::s3_objects("my-input-bucket").prefix("p/"))
        .item_batcher(ItemBatcher::max_items(5))
        .item_selector(J::new(r#"{"key": $states.context.Map.Item.Value.Key}"#).into())
        .result_writer(
            ResultWriter::s3("my-output-bucket", "jsonata/")
                .writer_config(OutputType::Json, WriterTransformation::Compact),
        )
        .tolerated_failure_percentage(10.0)
        .output(Payload::from_object([("summary", J::states_result().into())]))
        .item_processor(Pass::jsonata("Process"));
    Ok(StateMachine::new("StateMachine", map)
        .query_language(QueryLanguage::Jsonata)
        .add_to(t)?
        .warnings)
}

/// An S3 inventory manifest read, results written as JSON Lines, flattened.
fn dmap_manifest_result_writer_v2(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let map = DistributedMap::new("Distributed Map")
        .item_reader(ItemReader::s3_inventory_manifest(
            "my-inventory-bucket",
            "inventory/manifest.json",
        ))
        .result_writer(
            ResultWriter::s3("my-output-bucket", "out/")
                .writer_config(OutputType::Jsonl, WriterTransformation::Flatten),
        )
        .max_concurrency(1000)
        .item_processor(Pass::new("Process Entry"));
    machine(t, map)
}

/// Two CSV readers chained: given headers with a pipe delimiter, then first-row headers.
fn dmap_s3_csv_reader(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let given = DistributedMap::new("Given Headers")
        .item_reader(
            ItemReader::csv_file("my-csv-bucket", "in/data.csv")
                .csv_headers(["id", "name", "amount"])
                .csv_delimiter(CsvDelimiter::Pipe)
                .max_items(1000),
        )
        .result_path("$.given")
        .item_processor(Pass::new("Row A"));
    let first = DistributedMap::new("First Row Headers")
        .item_reader(ItemReader::csv_file("my-csv-bucket", "in/other.csv"))
        .item_processor(Pass::new("Row B"));
    machine(t, given.next(first))
}

/// A JSON file in batches (items, bytes, batch input), Express children, a tolerated failure
/// count, results to S3.
fn dmap_s3_json_reader_batcher(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let map = DistributedMap::new("Distributed Map")
        .item_reader(ItemReader::json_file("my-input-bucket", "data/input.json"))
        .item_batcher(
            ItemBatcher::max_items(10)
                .max_input_bytes(262_144)
                .batch_input(Payload::from_object([
                    ("source", "json".into()),
                    ("run", JsonPath::string_at("$.run")),
                ])),
        )
        .execution_type(StateMachineType::Express)
        .tolerated_failure_count(3)
        .result_writer(ResultWriter::s3("my-output-bucket", "results/"))
        .item_processor(Pass::new("Process Batch"));
    machine(t, map)
}

/// S3 objects under a prefix, an item selector, concurrency, a label and a tolerated failure
/// percentage, the result discarded.
fn dmap_s3_objects_reader(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let map = DistributedMap::new("Distributed Map")
        .item_reader(
            ItemReader::s3_objects("my-input-bucket")
                .prefix("items/")
                .max_items(100),
        )
        .item_selector(Payload::from_object([
            ("key", JsonPath::string_at("$$.Map.Item.Value.Key")),
            ("run", JsonPath::string_at("$.run")),
        ]))
        .max_concurrency(50)
        .label("ObjectsMap")
        .tolerated_failure_percentage(5.0)
        .execution_type(StateMachineType::Standard)
        .discard_result()
        .item_processor(Pass::new("Process Object"));
    machine(t, map)
}
