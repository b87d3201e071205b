//! The Distributed Map's checks: the service's rules for `ItemReader`, `ItemBatcher`,
//! `ResultWriter`, the tolerated failures, the label and the child executions, from the AWS
//! developer guide ("Distributed Map state" and its `ItemReader`, `ItemBatcher` and
//! `ResultWriter` pages).

use crate::error::Error;
use crate::json_path::syntax::PathKind;
use crate::model::{
    check_jsonata, check_path, Amount, CsvHeaderLocation, Distributed, Graph, InputType, ManifestType, MapState,
    QueryLanguage, ReaderResource, ReaderTransformation, State as Node, StateKind as Kind,
};
use crate::StateMachineType;

/// The most child executions a Distributed Map runs at once.
pub const MAX_DISTRIBUTED_CONCURRENCY: u32 = 10_000;
/// The most items a reader reads (`MaxItems`).
pub const MAX_READER_ITEMS: f64 = 100_000_000.0;
/// The largest batch (`MaxInputBytesPerBatch`): 256 KiB.
pub const MAX_BATCH_BYTES: f64 = 262_144.0;
/// The longest Map Run label.
pub const MAX_LABEL_CHARS: usize = 40;

fn invalid(state: &str, field: &'static str, reason: impl Into<String>) -> Error {
    Error::InvalidValue {
        state: state.to_owned(),
        field,
        reason: reason.into(),
    }
}

/// Checks the Distributed Map fields of `map`, a Map state named `state` in `language`.
/// `members` are the `$states` members its input fields may read.
pub(crate) fn check_distributed(
    state: &str,
    map: &MapState,
    d: &Distributed,
    language: QueryLanguage,
    members: u8,
) -> Result<(), Error> {
    if let Some(n) = map.max_concurrency {
        if n > MAX_DISTRIBUTED_CONCURRENCY {
            return Err(invalid(
                state,
                "MaxConcurrency",
                format!(
                    "a Distributed Map runs at most {MAX_DISTRIBUTED_CONCURRENCY} child executions at once, got {n}"
                ),
            ));
        }
    }
    if d.reader.is_some() && (map.items_path.is_some() || map.items.is_some()) {
        return Err(invalid(
            state,
            "ItemReader",
            "give one source of items: ItemsPath (or Items) reads a list from the input, ItemReader from S3",
        ));
    }
    if let Some(label) = &d.label {
        check_label(state, label)?;
    }
    if let Some(n) = &d.tolerated_failure_count {
        check_amount(state, "ToleratedFailureCount", n, language, members)?;
        if let Some(v) = n.fixed() {
            if v < 0.0 || v.fract() != 0.0 {
                return Err(invalid(
                    state,
                    "ToleratedFailureCount",
                    format!("must be a whole number of 0 or more, got {v}"),
                ));
            }
        }
    }
    if let Some(n) = &d.tolerated_failure_percentage {
        check_amount(state, "ToleratedFailurePercentage", n, language, members)?;
        if let Some(v) = n.fixed() {
            if !(0.0..=100.0).contains(&v) {
                return Err(invalid(
                    state,
                    "ToleratedFailurePercentage",
                    format!("must be 0 to 100, got {v}"),
                ));
            }
        }
    }
    if let Some(r) = &d.reader {
        for (k, v) in &r.arguments {
            v.validate_in(state, &format!("ItemReader.{k}"), language, members)?;
        }
        if !r.arguments.contains_key("Bucket") {
            return Err(invalid(state, "ItemReader", "the reader needs a Bucket"));
        }
        let c = &r.config;
        let (key_field, other) = match r.resource {
            ReaderResource::GetObject => ("Key", "Prefix"),
            ReaderResource::ListObjectsV2 => ("Prefix", "Key"),
        };
        if r.resource == ReaderResource::GetObject && !r.arguments.contains_key(key_field) {
            return Err(invalid(state, "ItemReader", "a getObject reader needs the file's Key"));
        }
        if r.arguments.contains_key(other) {
            return Err(invalid(
                state,
                "ItemReader",
                format!("a {} reader takes {key_field}, not {other}", r.resource.api()),
            ));
        }
        let flatten = c.transformation == Some(ReaderTransformation::LoadAndFlatten);
        match r.resource {
            ReaderResource::ListObjectsV2 => {
                if c.manifest_type.is_some() {
                    return Err(invalid(
                        state,
                        "ItemReader",
                        "ManifestType takes a getObject reader of the manifest",
                    ));
                }
                match (flatten, c.input_type) {
                    (false, Some(_)) => {
                        return Err(invalid(
                            state,
                            "ItemReader",
                            "a listObjectsV2 reader's items are the objects' metadata: InputType needs Transformation \
                             LOAD_AND_FLATTEN",
                        ))
                    }
                    (true, None | Some(InputType::Manifest)) => {
                        return Err(invalid(
                            state,
                            "ItemReader",
                            "Transformation LOAD_AND_FLATTEN needs an InputType of CSV, JSON, JSONL or PARQUET",
                        ))
                    }
                    _ => {}
                }
            }
            ReaderResource::GetObject => {
                if flatten {
                    return Err(invalid(
                        state,
                        "ItemReader",
                        "Transformation LOAD_AND_FLATTEN takes a listObjectsV2 reader",
                    ));
                }
                match (c.manifest_type, c.input_type) {
                    (None, None) => {
                        return Err(invalid(
                            state,
                            "ItemReader",
                            "a getObject reader needs the file's InputType (or ManifestType)",
                        ))
                    }
                    (Some(ManifestType::S3Inventory), Some(_)) => {
                        return Err(invalid(
                            state,
                            "ItemReader",
                            "ManifestType S3_INVENTORY takes no InputType (an inventory's files are CSV)",
                        ))
                    }
                    (Some(ManifestType::AthenaData), t)
                        if !matches!(t, Some(InputType::Csv | InputType::JsonLines | InputType::Parquet)) =>
                    {
                        return Err(invalid(
                            state,
                            "ItemReader",
                            "ManifestType ATHENA_DATA needs an InputType of CSV, JSONL or PARQUET",
                        ))
                    }
                    _ => {}
                }
            }
        }
        let csv = matches!(c.input_type, Some(InputType::Csv | InputType::Manifest))
            || c.manifest_type == Some(ManifestType::S3Inventory);
        if !csv && (c.csv_header_location.is_some() || !c.csv_headers.is_empty() || c.csv_delimiter.is_some()) {
            return Err(invalid(
                state,
                "ItemReader",
                "CSVHeaderLocation, CSVHeaders and CSVDelimiter are for CSV files and manifests only",
            ));
        }
        if c.input_type == Some(InputType::Csv) && c.csv_header_location.is_none() {
            return Err(invalid(
                state,
                "ItemReader",
                "a CSV file needs its column names: CSVHeaderLocation FIRST_ROW, or GIVEN with CSVHeaders",
            ));
        }
        match (c.csv_header_location, c.csv_headers.is_empty()) {
            (Some(CsvHeaderLocation::Given), true) => {
                return Err(invalid(
                    state,
                    "ItemReader",
                    "CSVHeaderLocation GIVEN needs the CSVHeaders",
                ))
            }
            (Some(CsvHeaderLocation::FirstRow) | None, false) => {
                return Err(invalid(
                    state,
                    "ItemReader",
                    "CSVHeaders are read only with CSVHeaderLocation GIVEN",
                ))
            }
            _ => {}
        }
        if c.items_pointer.is_some() && c.input_type != Some(InputType::Json) {
            return Err(invalid(state, "ItemReader", "ItemsPointer is for JSON files only"));
        }
        if let Some(p) = &c.items_pointer {
            if !(p.is_empty() || p.starts_with('/')) {
                return Err(invalid(
                    state,
                    "ItemReader",
                    format!("ItemsPointer `{p}` is not a JSON Pointer (it starts with `/`)"),
                ));
            }
        }
        if c.input_type == Some(InputType::Parquet) && r.arguments.contains_key("VersionId") {
            return Err(invalid(state, "ItemReader", "a Parquet reader takes no VersionId"));
        }
        if let Some(n) = &c.max_items {
            check_amount(state, "ItemReader.ReaderConfig.MaxItems", n, language, members)?;
            check_positive(state, "ItemReader", "MaxItems", n, MAX_READER_ITEMS)?;
        }
    }
    if let Some(b) = &d.batcher {
        if b.max_items_per_batch.is_none() && b.max_input_bytes_per_batch.is_none() {
            return Err(invalid(
                state,
                "ItemBatcher",
                "give the most items per batch, the most bytes per batch, or both",
            ));
        }
        if let Some(n) = &b.max_items_per_batch {
            check_amount(state, "ItemBatcher.MaxItemsPerBatch", n, language, members)?;
            check_positive(state, "ItemBatcher", "MaxItemsPerBatch", n, f64::from(u32::MAX))?;
        }
        if let Some(n) = &b.max_input_bytes_per_batch {
            check_amount(state, "ItemBatcher.MaxInputBytesPerBatch", n, language, members)?;
            check_positive(state, "ItemBatcher", "MaxInputBytesPerBatch", n, MAX_BATCH_BYTES)?;
        }
        if let Some(i) = &b.batch_input {
            i.validate_in(state, "ItemBatcher.BatchInput", language, members)?;
        }
    }
    if let Some(w) = &d.writer {
        if w.arguments.is_empty() && w.writer_config.is_none() {
            return Err(invalid(
                state,
                "ResultWriter",
                "give the S3 bucket and prefix to write to, a WriterConfig, or both",
            ));
        }
        if !w.arguments.is_empty() && !w.arguments.contains_key("Bucket") {
            return Err(invalid(state, "ResultWriter", "writing to S3 needs a Bucket"));
        }
        for (k, v) in &w.arguments {
            v.validate_in(state, &format!("ResultWriter.{k}"), language, members)?;
        }
    }
    if d.execution_type == StateMachineType::Express {
        if let Some(g) = &map.processor {
            check_express_children(state, g)?;
        }
    }
    Ok(())
}

/// A Map Run label: 1 to 40 characters, none of whitespace, `? * < > { } [ ] : ; , \ | ^ ~ $ #
/// % & ` "` or control characters (U+0000-001F, U+007F-009F).
fn check_label(state: &str, label: &str) -> Result<(), Error> {
    let length = label.chars().count();
    if length == 0 || length > MAX_LABEL_CHARS {
        return Err(invalid(
            state,
            "Label",
            format!("must be 1 to {MAX_LABEL_CHARS} characters, got {length}"),
        ));
    }
    if let Some(c) = label
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || "?*<>{}[]:;,\\|^~$#%&`\"".contains(*c))
    {
        return Err(invalid(
            state,
            "Label",
            format!(
                "`{label}` holds {}; a label has no whitespace, control characters or any of ? * < > {{ }} [ ] : ; , \\ | ^ ~ $ # % & ` \"",
                crate::util::describe_char(c)
            ),
        ));
    }
    Ok(())
}

/// An amount in the form its language has: a path in JSONPath, an expression in JSONata.
fn check_amount(
    state: &str,
    field: &'static str,
    amount: &Amount,
    language: QueryLanguage,
    members: u8,
) -> Result<(), Error> {
    let mismatch = |reason: &str| Error::QueryLanguageMismatch {
        state: state.to_owned(),
        field: field.to_owned(),
        language,
        reason: reason.to_owned(),
    };
    match amount {
        Amount::Path(_) if language == QueryLanguage::Jsonata => {
            Err(mismatch("a ...Path field is JSONPath; use Amount::expr"))
        }
        Amount::Expr(_) if language == QueryLanguage::JsonPath => {
            Err(mismatch("an expression is JSONata; use Amount::path"))
        }
        Amount::Path(p) => check_path(state, &format!("{field}Path"), p, PathKind::Reference),
        Amount::Expr(e) => check_jsonata(state, &field, e, members),
        Amount::Fixed(_) => Ok(()),
    }
}

/// A fixed amount is a whole number from 1 to `max`.
fn check_positive(state: &str, field: &'static str, what: &str, amount: &Amount, max: f64) -> Result<(), Error> {
    match amount.fixed() {
        Some(v) if v < 1.0 || v > max || v.fract() != 0.0 => Err(invalid(
            state,
            field,
            format!("{what} must be a whole number from 1 to {max}, got {v}"),
        )),
        _ => Ok(()),
    }
}

/// Express child executions run no `.sync` or `.waitForTaskToken` task, activity or
/// Distributed Map (Express workflows support Request Response only, and distributed mode
/// runs in Standard workflows).
fn check_express_children(map: &str, processor: &Graph) -> Result<(), Error> {
    let mut found = None;
    processor.for_each_state(&mut |state: &Node| {
        if found.is_none() {
            if let Some(what) = crate::state_machine::not_run_by_express(state) {
                found = Some((state.name.clone(), what));
            }
        }
    });
    match found {
        Some((state, what)) => Err(Error::NotInExpressChild {
            map: map.to_owned(),
            state,
            what,
        }),
        None => Ok(()),
    }
}

/// Checks that no two Distributed Maps of a definition share a label.
pub(crate) fn check_unique_labels(graph: &Graph, errors: &mut Vec<Error>) {
    let mut seen: Vec<(&str, &str)> = Vec::new();
    graph.for_each_state(&mut |node| {
        if let Kind::Map(map) = &node.kind {
            if let Some(label) = map.distributed.as_deref().and_then(|d| d.label.as_deref()) {
                match seen.iter().find(|(l, _)| *l == label) {
                    Some((_, first)) => errors.push(invalid(
                        &node.name,
                        "Label",
                        format!("`{label}` is the label of `{first}` too; a label is unique in the state machine"),
                    )),
                    None => seen.push((label, node.name.as_str())),
                }
            }
        }
    });
}
