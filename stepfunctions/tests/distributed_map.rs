//! The Distributed Map: every reader, batcher, writer and option as rendered (state, role
//! statements, child-execution policy), where the child-execution statements go, and every
//! rejection.

use cfn_model::{Expr, Template};
use serde_json::{json, Value};
use stepfunctions::model::{
    Amount, CsvDelimiter, InputType, ItemBatcher, ItemReader, Jsonata, OutputType, ResultWriter, WriterTransformation,
};
use stepfunctions::prelude::*;
use stepfunctions::{Error, IntegrationPattern, ServiceIntegration, SupportsRunJob, Warning};

type J = Jsonata;

/// The template of a state machine `M` holding `definition`.
fn template(machine: StateMachine) -> Value {
    let mut t = Template::new();
    machine.add_to(&mut t).expect("the state machine renders");
    serde_json::from_str(&t.to_json_compact().unwrap()).unwrap()
}

/// The rendered state `name`, the role's statements and the child-execution policy's, for a
/// snapshot.
fn rendered(definition: impl Into<Chain>, name: &str) -> String {
    rendered_machine(StateMachine::new("M", definition), name)
}

fn rendered_machine(machine: StateMachine, name: &str) -> String {
    let t = template(machine);
    let definition = &t["Resources"]["M"]["Properties"]["Definition"];
    let state = find_state(definition, name).unwrap_or_else(|| panic!("no state {name}"));
    let statements = |id: &str| t["Resources"][id]["Properties"]["PolicyDocument"]["Statement"].clone();
    serde_json::to_string_pretty(&json!({
        "state": state,
        "role": statements("MRoleDefaultPolicy"),
        "child executions": statements("MDistributedMapPolicy"),
    }))
    .unwrap()
}

fn find_state<'a>(graph: &'a Value, name: &str) -> Option<&'a Value> {
    let states = graph.get("States")?.as_object()?;
    if let Some(s) = states.get(name) {
        return Some(s);
    }
    states.values().find_map(|s| {
        s.get("ItemProcessor")
            .and_then(|p| find_state(p, name))
            .or_else(|| s.get("Branches")?.as_array()?.iter().find_map(|b| find_state(b, name)))
    })
}

fn dmap(name: &str) -> DistributedMap {
    DistributedMap::new(name).item_processor(Pass::new(format!("{name} Item")))
}

fn err(definition: impl Into<Chain>) -> Error {
    StateMachine::new("M", definition)
        .render_asl()
        .expect_err("the definition is invalid")
}

fn err_jsonata(definition: impl Into<Chain>) -> Error {
    StateMachine::new("M", definition)
        .query_language(QueryLanguage::Jsonata)
        .render_asl()
        .expect_err("the definition is invalid")
}

fn invalid_value(e: &Error) -> (&str, &str, &str) {
    match e {
        Error::InvalidValue { state, field, reason } => (state, field, reason),
        other => panic!("expected InvalidValue, got {other:?}"),
    }
}

// ---- Readers -------------------------------------------------------------------------------

#[test]
fn s3_objects_reader_lists_the_bucket() {
    let m = dmap("Objects").item_reader(ItemReader::s3_objects("my-bucket").prefix("in/").max_items(100));
    insta::assert_snapshot!(rendered(m, "Objects"));
}

#[test]
fn s3_objects_contents_reader_also_reads_the_objects() {
    let m = dmap("Contents")
        .item_reader(ItemReader::s3_objects_contents("my-bucket", InputType::JsonLines).prefix("logs/"));
    insta::assert_snapshot!(rendered(m, "Contents"));
}

#[test]
fn json_file_reader_with_items_pointer_and_version() {
    let m = dmap("Json").item_reader(
        ItemReader::json_file("my-bucket", "in/orders.json")
            .items_pointer("/orders/open")
            .version_id("v1")
            .expected_bucket_owner("123456789012"),
    );
    insta::assert_snapshot!(rendered(m, "Json"));
}

#[test]
fn json_lines_and_parquet_file_readers() {
    let m = dmap("Lines")
        .item_reader(ItemReader::json_lines_file("my-bucket", "in/items.jsonl"))
        .next(dmap("Parquet").item_reader(ItemReader::parquet_file("my-bucket", "in/items.parquet")));
    insta::assert_snapshot!(rendered(m, "Parquet"));
}

#[test]
fn csv_reader_with_first_row_headers_and_a_tab_delimiter() {
    let m = dmap("Csv").item_reader(ItemReader::csv_file("my-bucket", "in/rows.tsv").csv_delimiter(CsvDelimiter::Tab));
    insta::assert_snapshot!(rendered(m, "Csv"));
}

#[test]
fn csv_reader_with_given_headers() {
    let m = dmap("Csv").item_reader(
        ItemReader::csv_file("my-bucket", "in/rows.csv")
            .csv_headers(["id", "amount"])
            .csv_delimiter(CsvDelimiter::Semicolon),
    );
    insta::assert_snapshot!(rendered(m, "Csv"));
}

#[test]
fn manifest_readers() {
    let m = dmap("Inventory")
        .item_reader(ItemReader::s3_inventory_manifest("my-inventory", "inv/manifest.json"))
        .next(dmap("Athena").item_reader(ItemReader::athena_manifest(
            "my-results",
            "unload/manifest.csv",
            InputType::Parquet,
        )));
    insta::assert_snapshot!(rendered(m, "Athena"));
}

#[test]
fn a_bucket_from_the_input_widens_the_statements_to_every_bucket() {
    let m = dmap("From Input")
        .item_reader(ItemReader::csv_file(
            JsonPath::string_at("$.bucket"),
            JsonPath::string_at("$.key"),
        ))
        .result_writer(ResultWriter::s3(JsonPath::string_at("$.out"), "results"));
    insta::assert_snapshot!(rendered(m, "From Input"));
}

#[test]
fn a_bucket_in_the_template_is_referenced() {
    let m = dmap("Read").item_reader(ItemReader::s3_objects(Expr::reference("Input")));
    let t = template(StateMachine::new("M", m));
    let props = &t["Resources"]["M"]["Properties"];
    // The reader's own Resource goes through the substitutions too, once there are any.
    assert_eq!(props["DefinitionSubstitutions"]["Input"], json!({"Ref": "Input"}));
    assert_eq!(
        props["Definition"]["States"]["Read"]["ItemReader"]["Parameters"],
        json!({"Bucket": "${Input}"})
    );
    let statement = &t["Resources"]["MRoleDefaultPolicy"]["Properties"]["PolicyDocument"]["Statement"][0];
    assert_eq!(statement["Action"], "s3:ListBucket");
    assert_eq!(
        statement["Resource"],
        json!({"Fn::Sub": "arn:${AWS::Partition}:s3:::${Input}"})
    );
}

#[test]
fn max_items_from_a_path() {
    let m = dmap("Limited").item_reader(ItemReader::s3_objects("b").max_items(Amount::path("$.limit")));
    let out = rendered(m, "Limited");
    assert!(out.contains(r#""MaxItemsPath": "$.limit""#), "{out}");
}

// ---- Batcher, writer, options --------------------------------------------------------------

#[test]
fn batcher_writer_tolerances_label_and_express_children() {
    let m = dmap("All")
        .items_path("$.items")
        .item_batcher(
            ItemBatcher::max_bytes(Amount::path("$.bytes"))
                .max_items_per_batch(Amount::path("$.size"))
                .batch_input(Payload::from_object([("run", JsonPath::string_at("$.run"))])),
        )
        .result_writer(
            ResultWriter::s3("out-bucket", "runs/").writer_config(OutputType::Jsonl, WriterTransformation::None),
        )
        .tolerated_failure_count(Amount::path("$.failures"))
        .tolerated_failure_percentage_from(Amount::path("$.share"))
        .max_concurrency_path("$.concurrency")
        .label("Nightly-Run_1")
        .execution_type(StateMachineType::Express);
    insta::assert_snapshot!(rendered(m, "All"));
}

#[test]
fn writer_config_alone_writes_nothing_to_s3() {
    let m = dmap("Shaped").result_writer(ResultWriter::transform_only(
        OutputType::Json,
        WriterTransformation::Flatten,
    ));
    let t = template(StateMachine::new("M", m));
    let state = &t["Resources"]["M"]["Properties"]["Definition"]["States"]["Shaped"];
    assert_eq!(
        state["ResultWriter"],
        json!({"WriterConfig": {"OutputType": "JSON", "Transformation": "FLATTEN"}})
    );
    assert!(t["Resources"].get("MRoleDefaultPolicy").is_none());
}

#[test]
fn a_fractional_percentage_is_kept_and_a_whole_one_is_an_integer() {
    let t = template(StateMachine::new(
        "M",
        dmap("A")
            .tolerated_failure_percentage(2.5)
            .next(dmap("B").tolerated_failure_percentage(7.0)),
    ));
    let states = &t["Resources"]["M"]["Properties"]["Definition"]["States"];
    assert_eq!(states["A"]["ToleratedFailurePercentage"], json!(2.5));
    assert_eq!(states["B"]["ToleratedFailurePercentage"].to_string(), "7");
}

#[test]
fn jsonata_distributed_map() {
    let m = DistributedMap::jsonata("Each")
        .item_reader(
            ItemReader::json_file(J::states_input().field("bucket"), "in.json")
                .max_items(Amount::expr(J::new("$states.input.limit"))),
        )
        .item_batcher(
            ItemBatcher::max_items(Amount::expr(J::new("$states.input.size")))
                .batch_input(J::new(r#"{"run": $states.input.run}"#).into()),
        )
        .items(Payload::Null)
        .tolerated_failure_count(Amount::expr(J::new("$states.input.failures")));
    // Items and a reader are one source too many: drop the items.
    assert!(matches!(
        err_jsonata(m.clone().item_processor(Pass::jsonata("X"))),
        Error::InvalidValue {
            field: "ItemReader",
            ..
        }
    ));
    let m = DistributedMap::jsonata("Each")
        .item_reader(
            ItemReader::json_file(J::states_input().field("bucket"), "in.json")
                .max_items(Amount::expr(J::new("$states.input.limit"))),
        )
        .item_batcher(
            ItemBatcher::max_items(Amount::expr(J::new("$states.input.size")))
                .batch_input(J::new(r#"{"run": $states.input.run}"#).into()),
        )
        .tolerated_failure_count(Amount::expr(J::new("$states.input.failures")))
        .max_concurrency_expr(J::new("$states.input.concurrency"))
        .item_processor(Pass::jsonata("Each Item"));
    insta::assert_snapshot!(rendered_machine(
        StateMachine::new("M", m).query_language(QueryLanguage::Jsonata),
        "Each"
    ));
}

// ---- Where the child-execution statements go ------------------------------------------------

fn child_execution_policy(definition: impl Into<Chain>) -> Value {
    let t = template(StateMachine::new("M", definition));
    let policy = &t["Resources"]["MDistributedMapPolicy"];
    assert_eq!(policy["Type"], "AWS::IAM::Policy");
    assert_eq!(policy["Properties"]["Roles"], json!([{"Ref": "MRole"}]));
    // The state machine does not wait for it: the policy refers to the machine.
    let depends = t["Resources"]["M"].get("DependsOn").cloned().unwrap_or(json!([]));
    assert!(!depends.to_string().contains("DistributedMapPolicy"), "{depends}");
    policy["Properties"]["PolicyDocument"]["Statement"].clone()
}

#[test]
fn child_execution_statements_name_the_machine_and_its_executions() {
    let statements = child_execution_policy(dmap("D"));
    let executions = |tail: &str| json!({"Fn::Sub": format!("arn:${{AWS::Partition}}:states:${{AWS::Region}}:${{AWS::AccountId}}:execution:${{M.Name}}{tail}")});
    assert_eq!(
        statements,
        json!([
            {"Action": "states:StartExecution", "Effect": "Allow", "Resource": {"Ref": "M"}},
            {"Action": ["states:DescribeExecution", "states:StopExecution"], "Effect": "Allow", "Resource": executions(":*")},
            {"Action": "states:RedriveExecution", "Effect": "Allow", "Resource": executions("/*:*")},
        ])
    );
}

#[test]
fn child_execution_statements_wherever_the_map_sits() {
    let expected = child_execution_policy(dmap("D"));
    let in_parallel = Parallel::new("P").branch(dmap("D")).branch(Pass::new("Other"));
    let in_inline_map = Map::new("Inline").item_processor(dmap("D"));
    let in_distributed = DistributedMap::new("Outer").item_processor(dmap("D"));
    let chain_of_two = dmap("D").next(dmap("E"));
    for (what, definition) in [
        ("Parallel branch", Chain::from(in_parallel)),
        ("inline Map processor", Chain::from(in_inline_map)),
        ("Distributed Map processor", Chain::from(in_distributed)),
        ("chain of two", chain_of_two),
    ] {
        assert_eq!(child_execution_policy(definition), expected, "{what}");
    }
}

#[test]
fn labels_scope_the_redrive_statement() {
    let statements = child_execution_policy(dmap("A").label("First").next(dmap("B").label("Second")));
    let redrive = statements[2]["Resource"].to_string();
    assert!(
        redrive.contains("/First:*") && redrive.contains("/Second:*"),
        "{redrive}"
    );
    // One map without a label: every Map Run.
    let statements = child_execution_policy(dmap("A").label("First").next(dmap("B")));
    assert!(statements[2]["Resource"]["Fn::Sub"]
        .as_str()
        .unwrap()
        .ends_with("${M.Name}/*:*"));
}

#[test]
fn no_distributed_map_no_child_execution_policy() {
    let t = template(StateMachine::new(
        "M",
        Map::new("Inline").item_processor(Pass::new("I")),
    ));
    assert!(t["Resources"].get("MDistributedMapPolicy").is_none());
}

#[test]
fn an_imported_role_gets_the_child_execution_policy_or_a_warning() {
    let role = ExistingRole::from_arn("arn:aws:iam::123456789012:role/Existing");
    let t = template(StateMachine::new("M", dmap("D")).role(role.clone()));
    assert_eq!(
        t["Resources"]["MDistributedMapPolicy"]["Properties"]["Roles"],
        json!(["Existing"])
    );
    let mut t = Template::new();
    let warnings = StateMachine::new("M", dmap("D").item_reader(ItemReader::s3_objects("b")))
        .role(role.immutable())
        .add_to(&mut t)
        .unwrap()
        .warnings;
    assert!(t.resource("MDistributedMapPolicy").is_none());
    assert!(
        matches!(
            warnings.as_slice(),
            [Warning::PermissionsNotGranted { statements: 4, .. }]
        ),
        "{warnings:?}"
    );
}

#[test]
fn the_child_execution_policy_id_must_be_free() {
    let mut t = Template::new();
    t.add_resource("MDistributedMapPolicy", cfn_model::Resource::new("AWS::SNS::Topic"))
        .unwrap();
    let e = StateMachine::new("M", dmap("D")).add_to(&mut t).unwrap_err();
    assert!(e.to_string().contains("MDistributedMapPolicy"), "{e}");
}

// ---- Rejections -----------------------------------------------------------------------------

#[test]
fn concurrency_above_ten_thousand() {
    let e = err(dmap("D").max_concurrency(10_001));
    assert_eq!(invalid_value(&e).1, "MaxConcurrency");
    // 10,000 is fine, and no inline-limit warning.
    let asl = StateMachine::new("M", dmap("D").max_concurrency(10_000))
        .render_asl()
        .unwrap();
    assert!(asl.warnings.is_empty(), "{:?}", asl.warnings);
}

#[test]
fn labels() {
    for (label, why) in [
        ("", "characters"),
        (&"x".repeat(41)[..], "characters"),
        ("has space", "whitespace"),
        ("a:b", ":"),
        ("star*", "*"),
        ("tab\tin", "whitespace"),
    ] {
        let e = err(dmap("D").label(label));
        let (state, field, reason) = invalid_value(&e);
        assert_eq!((state, field), ("D", "Label"), "{label}");
        assert!(reason.contains(why) || reason.contains("holds"), "{label}: {reason}");
    }
    assert!(StateMachine::new("M", dmap("D").label(&"x".repeat(40)[..]))
        .render_asl()
        .is_ok());
    let e = err(dmap("A").label("Same").next(dmap("B").label("Same")));
    let (state, field, reason) = invalid_value(&e);
    assert_eq!((state, field), ("B", "Label"));
    assert!(reason.contains("`A`"), "{reason}");
}

#[test]
fn tolerated_failures_out_of_range() {
    let e = err(dmap("D").tolerated_failure_percentage(100.5));
    assert_eq!(invalid_value(&e).1, "ToleratedFailurePercentage");
    let e = err(dmap("D").tolerated_failure_percentage(-1.0));
    assert_eq!(invalid_value(&e).1, "ToleratedFailurePercentage");
    let e = err(dmap("D").tolerated_failure_count(Amount::number(1.5)));
    assert_eq!(invalid_value(&e).1, "ToleratedFailureCount");
    assert!(StateMachine::new("M", dmap("D").tolerated_failure_percentage(100.0))
        .render_asl()
        .is_ok());
}

#[test]
fn amounts_in_the_wrong_language() {
    let e = err(dmap("D").tolerated_failure_count(Amount::expr(J::new("$states.input.n"))));
    assert!(
        matches!(e, Error::QueryLanguageMismatch { ref field, .. } if field == "ToleratedFailureCount"),
        "{e:?}"
    );
    let m = DistributedMap::jsonata("D")
        .tolerated_failure_count(Amount::path("$.n"))
        .item_processor(Pass::jsonata("I"));
    let e = err_jsonata(m);
    assert!(
        matches!(e, Error::QueryLanguageMismatch { ref field, .. } if field == "ToleratedFailureCount"),
        "{e:?}"
    );
    let e = err(dmap("D").tolerated_failure_count(Amount::path("not a path")));
    assert!(matches!(e, Error::InvalidPath { .. }), "{e:?}");
}

#[test]
fn items_from_the_input_and_a_reader() {
    let e = err(dmap("D").items_path("$.items").item_reader(ItemReader::s3_objects("b")));
    assert_eq!(invalid_value(&e).1, "ItemReader");
}

fn reader_error(reader: ItemReader) -> String {
    let e = err(dmap("D").item_reader(reader));
    let (state, field, reason) = invalid_value(&e);
    assert_eq!((state, field), ("D", "ItemReader"));
    reason.to_owned()
}

#[test]
fn reader_rules() {
    use stepfunctions::model::{CsvHeaderLocation, ManifestType, ReaderTransformation};
    // CSV settings on a reader whose type has none.
    assert!(reader_error(ItemReader::json_file("b", "k").csv_delimiter(CsvDelimiter::Pipe)).contains("CSV"));
    assert!(reader_error(ItemReader::s3_objects("b").csv_headers(["a"])).contains("CSV"));
    // GIVEN without headers, headers without GIVEN, a CSV file without a header location.
    let mut r = ItemReader::csv_file("b", "k");
    r.config.csv_header_location = Some(CsvHeaderLocation::Given);
    assert!(reader_error(r).contains("GIVEN needs"));
    let mut r = ItemReader::csv_file("b", "k");
    r.config.csv_headers = vec!["a".into()];
    assert!(reader_error(r).contains("only with"));
    let mut r = ItemReader::csv_file("b", "k");
    r.config.csv_header_location = None;
    assert!(reader_error(r).contains("column names"));
    // Manifest types.
    let mut r = ItemReader::s3_inventory_manifest("b", "m.json");
    r.config.manifest_type = Some(ManifestType::S3Inventory);
    assert!(reader_error(r).contains("S3_INVENTORY"));
    assert!(reader_error(ItemReader::athena_manifest("b", "m", InputType::Json)).contains("ATHENA_DATA"));
    // listObjectsV2 and InputType.
    let mut r = ItemReader::s3_objects("b");
    r.config.input_type = Some(InputType::Json);
    assert!(reader_error(r).contains("LOAD_AND_FLATTEN"));
    assert!(reader_error(ItemReader::s3_objects_contents("b", InputType::Manifest)).contains("LOAD_AND_FLATTEN"));
    let mut r = ItemReader::json_file("b", "k");
    r.config.transformation = Some(ReaderTransformation::LoadAndFlatten);
    assert!(reader_error(r).contains("listObjectsV2"));
    let mut r = ItemReader::json_file("b", "k");
    r.config.input_type = None;
    assert!(reader_error(r).contains("InputType"));
    // Arguments.
    let mut r = ItemReader::json_file("b", "k");
    r.arguments.shift_remove("Bucket");
    assert!(reader_error(r).contains("Bucket"));
    let mut r = ItemReader::json_file("b", "k");
    r.arguments.shift_remove("Key");
    assert!(reader_error(r).contains("Key"));
    assert!(reader_error(ItemReader::json_file("b", "k").prefix("p/")).contains("not Prefix"));
    assert!(reader_error(ItemReader::parquet_file("b", "k").version_id("v")).contains("VersionId"));
    // Items pointer.
    assert!(reader_error(ItemReader::csv_file("b", "k").items_pointer("/a")).contains("JSON files only"));
    assert!(reader_error(ItemReader::json_file("b", "k").items_pointer("a")).contains("JSON Pointer"));
    // Max items.
    assert!(reader_error(ItemReader::s3_objects("b").max_items(0)).contains("MaxItems"));
    assert!(reader_error(ItemReader::s3_objects("b").max_items(100_000_001)).contains("MaxItems"));
    // A malformed path in the arguments.
    let e = err(dmap("D").item_reader(ItemReader::json_file(JsonPath::string_at("$..bad["), "k")));
    assert!(matches!(e, Error::InvalidPath { .. }), "{e:?}");
}

#[test]
fn batcher_rules() {
    let e = err(dmap("D").item_batcher(ItemBatcher::default()));
    assert_eq!(invalid_value(&e).1, "ItemBatcher");
    let e = err(dmap("D").item_batcher(ItemBatcher::max_bytes(262_145)));
    assert!(invalid_value(&e).2.contains("MaxInputBytesPerBatch"));
    let e = err(dmap("D").item_batcher(ItemBatcher::max_items(0)));
    assert!(invalid_value(&e).2.contains("MaxItemsPerBatch"));
}

#[test]
fn writer_rules() {
    let mut empty = ResultWriter::transform_only(OutputType::Json, WriterTransformation::None);
    empty.writer_config = None;
    let e = err(dmap("D").result_writer(empty));
    assert_eq!(invalid_value(&e).1, "ResultWriter");
    let mut no_bucket = ResultWriter::s3("b", "p");
    no_bucket.arguments.shift_remove("Bucket");
    let e = err(dmap("D").result_writer(no_bucket));
    assert!(invalid_value(&e).2.contains("Bucket"));
}

/// A `.sync` integration, which Express workflows do not run.
#[derive(Debug, Clone)]
struct Job;

impl ServiceIntegration for Job {
    const SERVICE: &'static str = "batch";
    const API: &'static str = "submitJob";
    fn parameters(&self, _: IntegrationPattern) -> Option<Payload> {
        None
    }
    fn policy_statements(&self, _: IntegrationPattern) -> Vec<cfn_model::iam::PolicyStatement> {
        Vec::new()
    }
}
impl SupportsRunJob for Job {}

#[test]
fn express_children_run_no_sync_task_nor_distributed_map() {
    let sync = Task::new("Run", Job).run_job();
    let e = err(DistributedMap::new("D")
        .execution_type(StateMachineType::Express)
        .item_processor(sync.clone()));
    assert!(
        matches!(&e, Error::NotInExpressChild { map, state, .. } if map == "D" && state == "Run"),
        "{e:?}"
    );
    let e = err(DistributedMap::new("D")
        .execution_type(StateMachineType::Express)
        .item_processor(dmap("Inner")));
    assert!(
        matches!(&e, Error::NotInExpressChild { state, .. } if state == "Inner"),
        "{e:?}"
    );
    // Standard children run both.
    assert!(StateMachine::new("M", DistributedMap::new("D").item_processor(sync))
        .render_asl()
        .is_ok());
}

#[test]
fn an_express_machine_holds_no_distributed_map() {
    let e = StateMachine::new("M", Parallel::new("P").branch(dmap("D")))
        .state_machine_type(StateMachineType::Express)
        .render_asl()
        .unwrap_err();
    assert!(
        matches!(&e, Error::NotInExpress { state, what } if state == "D" && what.contains("Distributed")),
        "{e:?}"
    );
}

#[test]
fn a_distributed_map_needs_a_processor() {
    let e = err(DistributedMap::new("D"));
    assert!(matches!(e, Error::MissingItemProcessor { .. }), "{e:?}");
}

// ---- Variables ------------------------------------------------------------------------------

#[test]
fn children_see_no_outer_variables_and_may_reuse_their_names() {
    let set = Pass::new("Set").assign("limit", 5);
    let read = Pass::new("Read").parameters(Payload::from_object([("l", JsonPath::string_at("$limit"))]));
    // An inline Map's iteration reads the outer variable.
    assert!(
        StateMachine::new("M", set.clone().next(Map::new("Inline").item_processor(read.clone())))
            .render_asl()
            .is_ok()
    );
    // A Distributed Map's child does not see it.
    let e = err(set.clone().next(DistributedMap::new("D").item_processor(read)));
    assert!(
        matches!(&e, Error::UnassignedVariable { state, variable, .. } if state == "Read" && variable == "limit"),
        "{e:?}"
    );
    // A child may assign a name the parent uses.
    let reuse = Pass::new("Reuse").assign("limit", 1);
    assert!(
        StateMachine::new("M", set.next(DistributedMap::new("D").item_processor(reuse)))
            .render_asl()
            .is_ok()
    );
}

#[test]
fn a_variable_read_in_the_reader_must_be_assigned() {
    let m = dmap("D").item_reader(ItemReader::json_file(JsonPath::string_at("$bucket"), "k"));
    let e = err(m.clone());
    assert!(
        matches!(&e, Error::UnassignedVariable { field, .. } if field.contains("ItemReader")),
        "{e:?}"
    );
    assert!(StateMachine::new("M", Pass::new("Set").assign("bucket", "b").next(m))
        .render_asl()
        .is_ok());
}
