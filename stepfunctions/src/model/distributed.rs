//! The Distributed Map's own fields: where its items come from (`ItemReader`), how they are
//! grouped (`ItemBatcher`), where the results go (`ResultWriter`), how many failures it bears,
//! and how its child workflow executions run (`ProcessorConfig`).
//!
//! The model follows the ASL fields (the AWS developer guide, "Distributed Map state", and its
//! `ItemReader`, `ItemBatcher` and `ResultWriter` pages) one for one, so that an imported
//! definition fits it; the constructors ([`ItemReader::s3_objects`], [`ItemReader::csv_file`],
//! ...) write the combinations the service accepts, with the IAM statements each needs.

use cfn_model::iam::PolicyStatement;
use cfn_model::Expr;
use indexmap::IndexMap;
use serde::Serialize;

use super::{Jsonata, Path, Payload};
use crate::state_machine::StateMachineType;

/// A count or a share that a Distributed Map field takes as a number, read from the input (the
/// `...Path` field, JSONPath) or computed by an expression (JSONata).
///
/// ```
/// use stepfunctions::model::Amount;
/// let fixed = Amount::from(10);
/// let read = Amount::path("$.limit");
/// assert_eq!(fixed.fixed(), Some(10.0));
/// assert_eq!(read.fixed(), None);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Amount {
    /// A number written as is (an integer where it has no fraction).
    Fixed(serde_json::Number),
    /// Read from the state's input when it runs (`...Path`, JSONPath).
    Path(Path),
    /// Computed when the state runs (JSONata).
    Expr(Jsonata),
}

impl Amount {
    /// Read from the input at `path` (the `...Path` form of the field).
    ///
    /// ```
    /// let a = stepfunctions::model::Amount::path("$.batchSize");
    /// ```
    pub fn path(path: impl Into<Path>) -> Self {
        Amount::Path(path.into())
    }

    /// Computed by a JSONata expression.
    ///
    /// ```
    /// use stepfunctions::model::{Amount, Jsonata};
    /// let a = Amount::expr(Jsonata::states_input().field("batchSize"));
    /// ```
    pub fn expr(expression: impl Into<Jsonata>) -> Self {
        Amount::Expr(expression.into())
    }

    /// A number; one without a fraction is written as an integer (`5`, not `5.0`). A number
    /// JSON cannot hold (NaN, infinite) is kept as `-1`, which every check rejects.
    ///
    /// ```
    /// use stepfunctions::model::Amount;
    /// assert_eq!(Amount::number(5.0), Amount::from(5));
    /// assert_eq!(Amount::number(2.5).fixed(), Some(2.5));
    /// ```
    pub fn number(value: f64) -> Self {
        let n = if value.fract() == 0.0 && value.abs() < 9.0e15 {
            serde_json::Number::from(value as i64)
        } else {
            serde_json::Number::from_f64(value).unwrap_or_else(|| serde_json::Number::from(-1))
        };
        Amount::Fixed(n)
    }

    /// The fixed number, if it is one.
    ///
    /// ```
    /// assert_eq!(stepfunctions::model::Amount::from(3).fixed(), Some(3.0));
    /// ```
    pub fn fixed(&self) -> Option<f64> {
        match self {
            Amount::Fixed(n) => n.as_f64(),
            _ => None,
        }
    }
}

impl From<u32> for Amount {
    fn from(n: u32) -> Self {
        Amount::Fixed(n.into())
    }
}

/// The S3 API a reader calls.
///
/// ```
/// use stepfunctions::model::ReaderResource;
/// assert_eq!(ReaderResource::GetObject.api(), "getObject");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReaderResource {
    /// `arn:aws:states:::s3:listObjectsV2`: the objects under a prefix (or, with
    /// [`ReaderTransformation::LoadAndFlatten`], their contents).
    ListObjectsV2,
    /// `arn:aws:states:::s3:getObject`: one file (JSON, JSON Lines, CSV, Parquet, a manifest).
    GetObject,
}

impl ReaderResource {
    /// The S3 API's name in the `Resource` ARN.
    ///
    /// ```
    /// assert_eq!(stepfunctions::model::ReaderResource::ListObjectsV2.api(), "listObjectsV2");
    /// ```
    pub fn api(self) -> &'static str {
        match self {
            ReaderResource::ListObjectsV2 => "listObjectsV2",
            ReaderResource::GetObject => "getObject",
        }
    }
}

/// `ReaderConfig.InputType`: the format of the file (or of each object) read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum InputType {
    /// Comma-separated (or other delimiter) values.
    #[serde(rename = "CSV")]
    Csv,
    /// A JSON array (or an object holding one, with `ItemsPointer`).
    #[serde(rename = "JSON")]
    Json,
    /// JSON Lines: one JSON value per line.
    #[serde(rename = "JSONL")]
    JsonLines,
    /// Apache Parquet.
    #[serde(rename = "PARQUET")]
    Parquet,
    /// An S3 inventory `manifest.json` (the form without `ManifestType`).
    #[serde(rename = "MANIFEST")]
    Manifest,
}

/// `ReaderConfig.ManifestType`: the kind of manifest read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ManifestType {
    /// An Athena `UNLOAD` manifest, listing CSV, JSON Lines or Parquet files.
    AthenaData,
    /// An S3 inventory manifest (its files are CSV).
    S3Inventory,
}

/// `ReaderConfig.Transformation` of a `listObjectsV2` reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ReaderTransformation {
    /// The items are the objects' metadata (the default).
    None,
    /// The items are the contents of the objects listed, read as `InputType`.
    LoadAndFlatten,
}

/// `ReaderConfig.CSVHeaderLocation`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CsvHeaderLocation {
    /// The file's first line holds the column names.
    FirstRow,
    /// The definition gives them (`CSVHeaders`).
    Given,
}

/// `ReaderConfig.CSVDelimiter`. Default: comma.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum CsvDelimiter {
    /// `,`
    Comma,
    /// `|`
    Pipe,
    /// `;`
    Semicolon,
    /// ` `
    Space,
    /// A tab.
    Tab,
}

/// `ItemReader.ReaderConfig`.
///
/// ```
/// let c = stepfunctions::model::ReaderConfig::default();
/// assert!(c.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReaderConfig {
    /// `InputType`.
    pub input_type: Option<InputType>,
    /// `ManifestType`.
    pub manifest_type: Option<ManifestType>,
    /// `Transformation` (`listObjectsV2` readers).
    pub transformation: Option<ReaderTransformation>,
    /// `CSVHeaderLocation`.
    pub csv_header_location: Option<CsvHeaderLocation>,
    /// `CSVHeaders` (with [`CsvHeaderLocation::Given`]).
    pub csv_headers: Vec<String>,
    /// `CSVDelimiter`.
    pub csv_delimiter: Option<CsvDelimiter>,
    /// `ItemsPointer`: a JSON Pointer to the array inside a JSON file's object.
    pub items_pointer: Option<String>,
    /// `MaxItems` (up to 100,000,000) or `MaxItemsPath`.
    pub max_items: Option<Amount>,
}

impl ReaderConfig {
    /// Whether no field is set (the `ReaderConfig` is not written).
    ///
    /// ```
    /// use stepfunctions::model::{InputType, ReaderConfig};
    /// assert!(!ReaderConfig { input_type: Some(InputType::Json), ..Default::default() }.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        *self == ReaderConfig::default()
    }
}

/// `ItemReader`: the S3 data a Distributed Map iterates over.
///
/// Build one with a constructor, which writes the `Bucket` and `Key` (or `Prefix`) arguments and
/// the IAM statements the read needs; a bucket given as a literal or a CloudFormation expression
/// scopes them to that bucket, one read from the input (a path or an expression) to every bucket
/// (`*`), as the CDK does.
///
/// ```
/// use stepfunctions::model::{CsvDelimiter, ItemReader};
/// let objects = ItemReader::s3_objects("my-bucket").prefix("in/").max_items(100);
/// let csv = ItemReader::csv_file("my-bucket", "in/data.csv")
///     .csv_headers(["id", "name"])
///     .csv_delimiter(CsvDelimiter::Pipe);
/// assert_eq!(objects.policy[0].actions(), ["s3:ListBucket"]);
/// assert_eq!(csv.policy[0].actions(), ["s3:GetObject"]);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ItemReader {
    /// `Resource`.
    pub resource: ReaderResource,
    /// `Parameters` (JSONPath) or `Arguments` (JSONata): `Bucket`, `Key` or `Prefix`, and
    /// `VersionId`, `ExpectedBucketOwner`.
    pub arguments: IndexMap<String, Payload>,
    /// `ReaderConfig`.
    pub config: ReaderConfig,
    /// The IAM statements the state machine's role needs for the read.
    pub policy: Vec<PolicyStatement>,
}

/// `arn:<partition>:s3:::<bucket><suffix>`, or `*` where the bucket is read at run time.
fn s3_arn(bucket: &Payload, suffix: &str) -> Expr {
    match bucket {
        Payload::String(b) => {
            let mut parts = vec![Expr::lit("arn:"), Expr::partition(), Expr::lit(":s3:::"), b.clone()];
            if !suffix.is_empty() {
                parts.push(Expr::lit(suffix));
            }
            Expr::concat(parts)
        }
        _ => Expr::lit("*"),
    }
}

impl ItemReader {
    fn new(resource: ReaderResource, bucket: Payload, key_field: &str, key: Option<Payload>) -> Self {
        let mut arguments = IndexMap::new();
        let policy = match resource {
            ReaderResource::ListObjectsV2 => vec![PolicyStatement::allow(["s3:ListBucket"], [s3_arn(&bucket, "")])],
            ReaderResource::GetObject => vec![PolicyStatement::allow(["s3:GetObject"], [s3_arn(&bucket, "/*")])],
        };
        arguments.insert("Bucket".to_owned(), bucket);
        if let Some(k) = key {
            arguments.insert(key_field.to_owned(), k);
        }
        ItemReader {
            resource,
            arguments,
            config: ReaderConfig::default(),
            policy,
        }
    }

    fn file(bucket: impl Into<Payload>, key: impl Into<Payload>, input_type: InputType) -> Self {
        let mut r = ItemReader::new(ReaderResource::GetObject, bucket.into(), "Key", Some(key.into()));
        r.config.input_type = Some(input_type);
        r
    }

    /// The objects of a bucket (`listObjectsV2`); each item is an object's metadata (`Key`,
    /// `Size`, `ETag`, ...). Needs `s3:ListBucket` on the bucket.
    ///
    /// ```
    /// let r = stepfunctions::model::ItemReader::s3_objects("my-bucket");
    /// assert!(r.config.is_empty());
    /// ```
    pub fn s3_objects(bucket: impl Into<Payload>) -> Self {
        ItemReader::new(ReaderResource::ListObjectsV2, bucket.into(), "Prefix", None)
    }

    /// The contents of the objects of a bucket, each read as `input_type`
    /// (`Transformation: LOAD_AND_FLATTEN`): needs `s3:ListBucket` on the bucket and
    /// `s3:GetObject` on its objects.
    ///
    /// ```
    /// use stepfunctions::model::{InputType, ItemReader};
    /// let r = ItemReader::s3_objects_contents("my-bucket", InputType::JsonLines).prefix("logs/");
    /// assert_eq!(r.policy.len(), 2);
    /// ```
    pub fn s3_objects_contents(bucket: impl Into<Payload>, input_type: InputType) -> Self {
        let bucket = bucket.into();
        let mut r = ItemReader::new(ReaderResource::ListObjectsV2, bucket.clone(), "Prefix", None);
        r.config.input_type = Some(input_type);
        r.config.transformation = Some(ReaderTransformation::LoadAndFlatten);
        r.policy
            .push(PolicyStatement::allow(["s3:GetObject"], [s3_arn(&bucket, "/*")]));
        r
    }

    /// A JSON file holding an array (or, with [`items_pointer`](ItemReader::items_pointer), an
    /// object holding one). Needs `s3:GetObject` on the bucket's objects.
    ///
    /// ```
    /// let r = stepfunctions::model::ItemReader::json_file("my-bucket", "in/items.json");
    /// ```
    pub fn json_file(bucket: impl Into<Payload>, key: impl Into<Payload>) -> Self {
        ItemReader::file(bucket, key, InputType::Json)
    }

    /// A JSON Lines file: one item per line.
    ///
    /// ```
    /// let r = stepfunctions::model::ItemReader::json_lines_file("my-bucket", "in/items.jsonl");
    /// ```
    pub fn json_lines_file(bucket: impl Into<Payload>, key: impl Into<Payload>) -> Self {
        ItemReader::file(bucket, key, InputType::JsonLines)
    }

    /// A CSV file: one item per row. The column names come from the first row unless given
    /// ([`csv_headers`](ItemReader::csv_headers)); the delimiter is a comma unless set.
    ///
    /// ```
    /// let r = stepfunctions::model::ItemReader::csv_file("my-bucket", "in/rows.csv");
    /// ```
    pub fn csv_file(bucket: impl Into<Payload>, key: impl Into<Payload>) -> Self {
        let mut r = ItemReader::file(bucket, key, InputType::Csv);
        r.config.csv_header_location = Some(CsvHeaderLocation::FirstRow);
        r
    }

    /// A Parquet file: one item per row (no `VersionId`).
    ///
    /// ```
    /// let r = stepfunctions::model::ItemReader::parquet_file("my-bucket", "in/rows.parquet");
    /// ```
    pub fn parquet_file(bucket: impl Into<Payload>, key: impl Into<Payload>) -> Self {
        ItemReader::file(bucket, key, InputType::Parquet)
    }

    /// An S3 inventory manifest (`manifest.json`): the items are the rows of the inventory's
    /// CSV files, which sit in the same bucket (`InputType: MANIFEST`, as CDK writes it).
    ///
    /// ```
    /// let r = stepfunctions::model::ItemReader::s3_inventory_manifest("my-inventory", "inv/manifest.json");
    /// ```
    pub fn s3_inventory_manifest(bucket: impl Into<Payload>, key: impl Into<Payload>) -> Self {
        ItemReader::file(bucket, key, InputType::Manifest)
    }

    /// An Athena `UNLOAD` manifest listing files of `input_type` (CSV, JSON Lines or Parquet)
    /// (`ManifestType: ATHENA_DATA`). The files must be in the same bucket: the role may read
    /// its objects.
    ///
    /// ```
    /// use stepfunctions::model::{InputType, ItemReader};
    /// let r = ItemReader::athena_manifest("my-results", "unload/manifest.csv", InputType::Parquet);
    /// ```
    pub fn athena_manifest(bucket: impl Into<Payload>, key: impl Into<Payload>, input_type: InputType) -> Self {
        let mut r = ItemReader::file(bucket, key, input_type);
        r.config.manifest_type = Some(ManifestType::AthenaData);
        r
    }

    /// Lists only the objects whose key starts with `prefix` (`listObjectsV2` readers).
    ///
    /// ```
    /// let r = stepfunctions::model::ItemReader::s3_objects("my-bucket").prefix("in/");
    /// ```
    #[must_use]
    pub fn prefix(mut self, prefix: impl Into<Payload>) -> Self {
        self.arguments.insert("Prefix".to_owned(), prefix.into());
        self
    }

    /// Reads this version of the file (`VersionId`; not for Parquet).
    ///
    /// ```
    /// let r = stepfunctions::model::ItemReader::json_file("b", "k.json").version_id("3sL4kqtJlcpXroDTDmJ");
    /// ```
    #[must_use]
    pub fn version_id(mut self, version: impl Into<Payload>) -> Self {
        self.arguments.insert("VersionId".to_owned(), version.into());
        self
    }

    /// Fails the read unless this account owns the bucket (`ExpectedBucketOwner`).
    ///
    /// ```
    /// let r = stepfunctions::model::ItemReader::csv_file("b", "k.csv").expected_bucket_owner("123456789012");
    /// ```
    #[must_use]
    pub fn expected_bucket_owner(mut self, account: impl Into<Payload>) -> Self {
        self.arguments.insert("ExpectedBucketOwner".to_owned(), account.into());
        self
    }

    /// Stops after this many items (`MaxItems`, 1 to 100,000,000), or as many as the input
    /// or an expression says ([`Amount::path`], [`Amount::expr`]).
    ///
    /// ```
    /// use stepfunctions::model::{Amount, ItemReader};
    /// let fixed = ItemReader::s3_objects("b").max_items(100);
    /// let read = ItemReader::s3_objects("b").max_items(Amount::path("$.limit"));
    /// ```
    #[must_use]
    pub fn max_items(mut self, max: impl Into<Amount>) -> Self {
        self.config.max_items = Some(max.into());
        self
    }

    /// The CSV column names (`CSVHeaderLocation: GIVEN`); by default the first row holds them.
    ///
    /// ```
    /// let r = stepfunctions::model::ItemReader::csv_file("b", "k.csv").csv_headers(["id", "amount"]);
    /// ```
    #[must_use]
    pub fn csv_headers<S: Into<String>>(mut self, headers: impl IntoIterator<Item = S>) -> Self {
        self.config.csv_header_location = Some(CsvHeaderLocation::Given);
        self.config.csv_headers = headers.into_iter().map(Into::into).collect();
        self
    }

    /// The CSV column names come from the first row (`CSVHeaderLocation: FIRST_ROW`).
    ///
    /// ```
    /// let r = stepfunctions::model::ItemReader::s3_inventory_manifest("b", "m.json").csv_headers_first_row();
    /// ```
    #[must_use]
    pub fn csv_headers_first_row(mut self) -> Self {
        self.config.csv_header_location = Some(CsvHeaderLocation::FirstRow);
        self.config.csv_headers.clear();
        self
    }

    /// The CSV delimiter (`CSVDelimiter`). Default: comma.
    ///
    /// ```
    /// use stepfunctions::model::{CsvDelimiter, ItemReader};
    /// let r = ItemReader::csv_file("b", "k.tsv").csv_delimiter(CsvDelimiter::Tab);
    /// ```
    #[must_use]
    pub fn csv_delimiter(mut self, delimiter: CsvDelimiter) -> Self {
        self.config.csv_delimiter = Some(delimiter);
        self
    }

    /// The array inside a JSON file's object, as a JSON Pointer (`ItemsPointer`, e.g.
    /// `/inventory/products`).
    ///
    /// ```
    /// let r = stepfunctions::model::ItemReader::json_file("b", "k.json").items_pointer("/orders");
    /// ```
    #[must_use]
    pub fn items_pointer(mut self, pointer: impl Into<String>) -> Self {
        self.config.items_pointer = Some(pointer.into());
        self
    }
}

/// `ItemBatcher`: groups items, so that each child execution processes a batch (its input is
/// `{"BatchInput": ..., "Items": [...]}`).
///
/// ```
/// use stepfunctions::model::ItemBatcher;
/// let b = ItemBatcher::max_items(10).max_input_bytes(262_144);
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ItemBatcher {
    /// `MaxItemsPerBatch` or `MaxItemsPerBatchPath`.
    pub max_items_per_batch: Option<Amount>,
    /// `MaxInputBytesPerBatch` (up to 256 KiB) or `MaxInputBytesPerBatchPath`.
    pub max_input_bytes_per_batch: Option<Amount>,
    /// `BatchInput`: a fixed input added to each batch.
    pub batch_input: Option<Payload>,
}

impl ItemBatcher {
    /// Batches of at most this many items.
    ///
    /// ```
    /// let b = stepfunctions::model::ItemBatcher::max_items(100);
    /// ```
    pub fn max_items(max: impl Into<Amount>) -> Self {
        ItemBatcher {
            max_items_per_batch: Some(max.into()),
            ..Default::default()
        }
    }

    /// Batches of at most this many bytes (up to 262,144).
    ///
    /// ```
    /// let b = stepfunctions::model::ItemBatcher::max_bytes(65_536);
    /// ```
    pub fn max_bytes(max: impl Into<Amount>) -> Self {
        ItemBatcher {
            max_input_bytes_per_batch: Some(max.into()),
            ..Default::default()
        }
    }

    /// Also at most this many bytes per batch.
    ///
    /// ```
    /// let b = stepfunctions::model::ItemBatcher::max_items(10).max_input_bytes(1024);
    /// ```
    #[must_use]
    pub fn max_input_bytes(mut self, max: impl Into<Amount>) -> Self {
        self.max_input_bytes_per_batch = Some(max.into());
        self
    }

    /// Also at most this many items per batch.
    ///
    /// ```
    /// let b = stepfunctions::model::ItemBatcher::max_bytes(1024).max_items_per_batch(10);
    /// ```
    #[must_use]
    pub fn max_items_per_batch(mut self, max: impl Into<Amount>) -> Self {
        self.max_items_per_batch = Some(max.into());
        self
    }

    /// A fixed input added to every batch (`BatchInput`; in JSONPath it may hold paths).
    ///
    /// ```
    /// use stepfunctions::{model::ItemBatcher, JsonPath, Payload};
    /// let b = ItemBatcher::max_items(10).batch_input(Payload::from_object([("run", JsonPath::string_at("$.run"))]));
    /// ```
    #[must_use]
    pub fn batch_input(mut self, input: Payload) -> Self {
        self.batch_input = Some(input);
        self
    }
}

/// `WriterConfig.OutputType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum OutputType {
    /// A JSON array per file.
    Json,
    /// JSON Lines.
    Jsonl,
}

/// `WriterConfig.Transformation`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum WriterTransformation {
    /// The child executions' results with their metadata, as is.
    None,
    /// Their outputs only, each parsed as JSON.
    Compact,
    /// As `Compact`, and each output that is an array flattened into the result.
    Flatten,
}

/// `ResultWriter.WriterConfig`.
///
/// ```
/// use stepfunctions::model::{OutputType, WriterConfig, WriterTransformation};
/// let c = WriterConfig { output_type: OutputType::Jsonl, transformation: WriterTransformation::Flatten };
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct WriterConfig {
    /// `OutputType`.
    #[serde(rename = "OutputType")]
    pub output_type: OutputType,
    /// `Transformation`.
    #[serde(rename = "Transformation")]
    pub transformation: WriterTransformation,
}

/// `ResultWriter`: where the child executions' results go (an S3 prefix) and how they are
/// shaped (`WriterConfig`). Writing needs `s3:PutObject`, `s3:GetObject`,
/// `s3:ListMultipartUploadParts` and `s3:AbortMultipartUpload` on the bucket's objects (the
/// AWS developer guide's Distributed Map policy, as CDK grants it: on `<bucket>/*`, or `*` for
/// a bucket read at run time).
///
/// ```
/// use stepfunctions::model::{OutputType, ResultWriter, WriterConfig, WriterTransformation};
/// let to_s3 = ResultWriter::s3("my-results", "runs/");
/// let shaped = ResultWriter::s3("my-results", "runs/")
///     .writer_config(OutputType::Jsonl, WriterTransformation::Flatten);
/// let in_output = ResultWriter::transform_only(OutputType::Json, WriterTransformation::Compact);
/// assert!(in_output.policy.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ResultWriter {
    /// `Parameters` (JSONPath) or `Arguments` (JSONata) of `arn:aws:states:::s3:putObject`:
    /// `Bucket` and `Prefix`. Empty: the results are not written to S3.
    pub arguments: IndexMap<String, Payload>,
    /// `WriterConfig`.
    pub writer_config: Option<WriterConfig>,
    /// The IAM statements the state machine's role needs for the write.
    pub policy: Vec<PolicyStatement>,
}

impl ResultWriter {
    /// Writes the results under `prefix` in `bucket` (a literal, an expression, a path or a
    /// JSONata expression).
    ///
    /// ```
    /// use stepfunctions::{model::ResultWriter, JsonPath};
    /// let w = ResultWriter::s3(JsonPath::string_at("$.outputBucket"), "results");
    /// assert_eq!(w.policy[0].resources()[0].to_string(), "*");
    /// ```
    pub fn s3(bucket: impl Into<Payload>, prefix: impl Into<Payload>) -> Self {
        let bucket = bucket.into();
        let policy = vec![PolicyStatement::allow(
            [
                "s3:PutObject",
                "s3:GetObject",
                "s3:ListMultipartUploadParts",
                "s3:AbortMultipartUpload",
            ],
            [s3_arn(&bucket, "/*")],
        )];
        let mut arguments = IndexMap::new();
        arguments.insert("Bucket".to_owned(), bucket);
        arguments.insert("Prefix".to_owned(), prefix.into());
        ResultWriter {
            arguments,
            writer_config: None,
            policy,
        }
    }

    /// Shapes the results in the state's output, writing nothing to S3 (`WriterConfig` only).
    ///
    /// ```
    /// use stepfunctions::model::{OutputType, ResultWriter, WriterTransformation};
    /// let w = ResultWriter::transform_only(OutputType::Json, WriterTransformation::Flatten);
    /// ```
    pub fn transform_only(output_type: OutputType, transformation: WriterTransformation) -> Self {
        ResultWriter {
            arguments: IndexMap::new(),
            writer_config: Some(WriterConfig {
                output_type,
                transformation,
            }),
            policy: Vec::new(),
        }
    }

    /// The format and shape of the results written (`WriterConfig`).
    ///
    /// ```
    /// use stepfunctions::model::{OutputType, ResultWriter, WriterTransformation};
    /// let w = ResultWriter::s3("b", "p").writer_config(OutputType::Json, WriterTransformation::Compact);
    /// ```
    #[must_use]
    pub fn writer_config(mut self, output_type: OutputType, transformation: WriterTransformation) -> Self {
        self.writer_config = Some(WriterConfig {
            output_type,
            transformation,
        });
        self
    }
}

/// What makes a Map distributed: its child executions (`ProcessorConfig`), and the fields an
/// inline Map does not have.
///
/// ```
/// use stepfunctions::{model::Distributed, StateMachineType};
/// let d = Distributed::default();
/// assert_eq!(d.execution_type, StateMachineType::Standard);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Distributed {
    /// `ProcessorConfig.ExecutionType` of the child workflow executions.
    pub execution_type: StateMachineType,
    /// `ItemReader`.
    pub reader: Option<ItemReader>,
    /// `ItemBatcher`.
    pub batcher: Option<ItemBatcher>,
    /// `ResultWriter`.
    pub writer: Option<ResultWriter>,
    /// `ToleratedFailureCount` or `ToleratedFailureCountPath`.
    pub tolerated_failure_count: Option<Amount>,
    /// `ToleratedFailurePercentage` or `ToleratedFailurePercentagePath`.
    pub tolerated_failure_percentage: Option<Amount>,
    /// `Label`: names the Map Run (up to 40 characters, unique in the definition).
    pub label: Option<String>,
}

impl Default for Distributed {
    fn default() -> Self {
        Distributed {
            execution_type: StateMachineType::Standard,
            reader: None,
            batcher: None,
            writer: None,
            tolerated_failure_count: None,
            tolerated_failure_percentage: None,
            label: None,
        }
    }
}

impl Distributed {
    /// The statements the reader and the writer need.
    ///
    /// ```
    /// use stepfunctions::model::{Distributed, ItemReader};
    /// let d = Distributed { reader: Some(ItemReader::s3_objects("b")), ..Default::default() };
    /// assert_eq!(d.policy_statements().count(), 1);
    /// ```
    pub fn policy_statements(&self) -> impl Iterator<Item = &PolicyStatement> {
        let reader = self.reader.iter().flat_map(|r| r.policy.iter());
        reader.chain(self.writer.iter().flat_map(|w| w.policy.iter()))
    }
}
