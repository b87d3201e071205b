//! `SageMakerCreateTrainingJob`: <https://docs.aws.amazon.com/step-functions/latest/dg/connect-sagemaker.html>.

use std::time::Duration;

use cfn_model::iam::PolicyStatement;
use cfn_model::{Expr, Template};
use indexmap::IndexMap;
use stepfunctions::TaskError;
use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration, SupportsRunJob};

use super::{
    add_role, base_role_statements, check_instance_type, check_name, check_role_key, sagemaker_arn, CompressionType,
    DockerImage, Environment, S3DataType, SageMakerRole, SageMakerS3Location, Tags, VpcConfig,
};
use crate::util::{literal, managed_rule_statement};

/// The EventBridge rule Step Functions manages to learn that a training job ended.
const RULE: &str = "StepFunctionsGetEventsForSageMakerTrainingJobsRule";

/// How the algorithm reads its input: `TrainingInputMode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputMode {
    /// Copied to the instance's volume before training starts (`File`).
    File,
    /// Streamed from S3 to the container (`Pipe`).
    Pipe,
    /// Read from S3 as files, on demand (`FastFile`).
    FastFile,
}

impl InputMode {
    fn as_str(self) -> &'static str {
        match self {
            InputMode::File => "File",
            InputMode::Pipe => "Pipe",
            InputMode::FastFile => "FastFile",
        }
    }
}

/// How a data source's objects are spread over the instances: `S3DataDistributionType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum S3DataDistributionType {
    /// Every instance gets every object (`FullyReplicated`).
    FullyReplicated,
    /// Each instance gets a share of the objects (`ShardedByS3Key`).
    ShardedByS3Key,
}

/// Whether SageMaker wraps each input object in a RecordIO record: `RecordWrapperType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordWrapperType {
    /// No wrapping (`None`).
    None,
    /// Each object becomes a RecordIO record, for algorithms that need RecordIO from raw data
    /// (`RecordIO`).
    RecordIo,
}

/// The training algorithm: an algorithm resource by name, or a training image, and how it
/// reads its input.
///
/// SageMaker takes one of `AlgorithmName` and `TrainingImage`, never both: each has its
/// constructor.
///
/// ```
/// use stepfunctions_tasks::{AlgorithmSpecification, DockerImage, InputMode};
/// let by_name = AlgorithmSpecification::algorithm_name("BlazingText");
/// let by_image = AlgorithmSpecification::training_image(DockerImage::from_json_expression("$.image"))
///     .training_input_mode(InputMode::Pipe)
///     .metric_definition("validation:accuracy", "accuracy=([0-9\\.]+)");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct AlgorithmSpecification {
    algorithm: Algorithm,
    input_mode: InputMode,
    metric_definitions: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq)]
enum Algorithm {
    Name(Payload),
    Image(DockerImage),
}

impl AlgorithmSpecification {
    /// An algorithm resource you created or subscribed to in AWS Marketplace, by name or ARN
    /// (`AlgorithmName`).
    ///
    /// ```
    /// let a = stepfunctions_tasks::AlgorithmSpecification::algorithm_name("arn:aws:sagemaker:us-east-1:123456789012:algorithm/my-algo");
    /// ```
    pub fn algorithm_name(name: impl Into<Payload>) -> Self {
        AlgorithmSpecification {
            algorithm: Algorithm::Name(name.into()),
            input_mode: InputMode::File,
            metric_definitions: Vec::new(),
        }
    }

    /// A Docker image with the training code (`TrainingImage`): a SageMaker built-in
    /// algorithm's image or your own.
    ///
    /// ```
    /// use stepfunctions_tasks::{AlgorithmSpecification, DockerImage};
    /// let a = AlgorithmSpecification::training_image(DockerImage::from_registry(cfn_model::Expr::reference("TrainingImage")));
    /// ```
    pub fn training_image(image: DockerImage) -> Self {
        AlgorithmSpecification {
            algorithm: Algorithm::Image(image),
            input_mode: InputMode::File,
            metric_definitions: Vec::new(),
        }
    }

    /// How the algorithm reads its input (`TrainingInputMode`). Default: [`InputMode::File`].
    ///
    /// ```
    /// use stepfunctions_tasks::{AlgorithmSpecification, InputMode};
    /// let a = AlgorithmSpecification::algorithm_name("my-algo").training_input_mode(InputMode::FastFile);
    /// ```
    #[must_use]
    pub fn training_input_mode(mut self, mode: InputMode) -> Self {
        self.input_mode = mode;
        self
    }

    /// A metric read from the algorithm's logs with a regular expression (at most 40). Default:
    /// none.
    ///
    /// ```
    /// let a = stepfunctions_tasks::AlgorithmSpecification::algorithm_name("my-algo")
    ///     .metric_definition("train:loss", "loss: ([0-9\\.]+)");
    /// ```
    #[must_use]
    pub fn metric_definition(mut self, name: impl Into<String>, regex: impl Into<String>) -> Self {
        self.metric_definitions.push((name.into(), regex.into()));
        self
    }

    fn render(&self) -> Payload {
        let mut p = vec![("TrainingInputMode", self.input_mode.as_str().into())];
        match &self.algorithm {
            Algorithm::Image(image) => p.push(("TrainingImage", image.uri().clone())),
            Algorithm::Name(name) => p.push(("AlgorithmName", name.clone())),
        }
        if !self.metric_definitions.is_empty() {
            let metrics = self.metric_definitions.iter().map(|(name, regex)| {
                Payload::from_object([("Name", name.as_str().into()), ("Regex", regex.as_str().into())])
            });
            p.push(("MetricDefinitions", Payload::Array(metrics.collect())));
        }
        Payload::from_object(p)
    }

    fn validate(&self) -> Result<(), String> {
        match &self.algorithm {
            Algorithm::Image(image) => image.validate()?,
            Algorithm::Name(name) => {
                if let Some(n) = literal(name) {
                    if !is_algorithm_name(n) {
                        return Err(format!(
                            "algorithm `{n}` is not an algorithm name (1 to 63 letters, digits and hyphens, starting \
                             with a letter or digit, not ending with a hyphen) or an algorithm ARN"
                        ));
                    }
                }
            }
        }
        if self.metric_definitions.len() > 40 {
            return Err(format!(
                "at most 40 metric definitions; got {}",
                self.metric_definitions.len()
            ));
        }
        for (name, regex) in &self.metric_definitions {
            if name.is_empty() || name.chars().count() > 255 {
                return Err(format!("metric name `{name}` must be 1 to 255 characters"));
            }
            if regex.is_empty() || regex.chars().count() > 500 {
                return Err(format!("the regex of metric `{name}` must be 1 to 500 characters"));
            }
        }
        Ok(())
    }
}

/// `(arn:aws[a-z-]*:sagemaker:[a-z0-9-]*:[0-9]{12}:[a-z-]*/)?[a-zA-Z0-9][a-zA-Z0-9-]{0,62}`, not
/// ending with `-`: the API's (and CDK's) pattern of `AlgorithmName`.
fn is_algorithm_name(text: &str) -> bool {
    let name = match text.strip_prefix("arn:") {
        Some(arn) => {
            let fields: Vec<&str> = arn.splitn(5, ':').collect();
            let [partition, service, region, account, rest] = fields[..] else {
                return false;
            };
            let Some((kind, name)) = rest.split_once('/') else {
                return false;
            };
            let lower_dash = |s: &str| s.bytes().all(|b| b.is_ascii_lowercase() || b == b'-');
            let ok = partition
                .strip_prefix("aws")
                .is_some_and(|p| p.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
                && service == "sagemaker"
                && region
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && account.len() == 12
                && account.bytes().all(|b| b.is_ascii_digit())
                && lower_dash(kind);
            if !ok {
                return false;
            }
            name
        }
        None => text,
    };
    (1..=63).contains(&name.len())
        && name.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !name.ends_with('-')
}

/// Where a channel's data is in S3: `DataSource.S3DataSource`.
///
/// ```
/// use stepfunctions_tasks::{S3DataDistributionType, S3DataSource, S3DataType, SageMakerS3Location};
/// let s = S3DataSource::new(SageMakerS3Location::from_json_expression("$.S3Bucket"))
///     .s3_data_type(S3DataType::S3Prefix)
///     .s3_data_distribution_type(S3DataDistributionType::ShardedByS3Key);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct S3DataSource {
    location: SageMakerS3Location,
    data_type: S3DataType,
    distribution: Option<S3DataDistributionType>,
    attribute_names: Vec<String>,
}

impl S3DataSource {
    /// The data at this location.
    ///
    /// ```
    /// use stepfunctions_tasks::{S3DataSource, SageMakerS3Location};
    /// let s = S3DataSource::new(SageMakerS3Location::from_bucket("training-data", "train/"));
    /// ```
    pub fn new(location: SageMakerS3Location) -> Self {
        S3DataSource {
            location,
            data_type: S3DataType::S3Prefix,
            distribution: None,
            attribute_names: Vec::new(),
        }
    }

    /// How the objects are found (`S3DataType`). Default: [`S3DataType::S3Prefix`].
    ///
    /// ```
    /// use stepfunctions_tasks::{S3DataSource, S3DataType, SageMakerS3Location};
    /// let s = S3DataSource::new(SageMakerS3Location::from_bucket("b", "manifest.json")).s3_data_type(S3DataType::ManifestFile);
    /// ```
    #[must_use]
    pub fn s3_data_type(mut self, data_type: S3DataType) -> Self {
        self.data_type = data_type;
        self
    }

    /// How the objects are spread over the instances (`S3DataDistributionType`). Default:
    /// SageMaker's (`FullyReplicated`).
    ///
    /// ```
    /// use stepfunctions_tasks::{S3DataDistributionType, S3DataSource, SageMakerS3Location};
    /// let s = S3DataSource::new(SageMakerS3Location::from_bucket("b", "train/"))
    ///     .s3_data_distribution_type(S3DataDistributionType::FullyReplicated);
    /// ```
    #[must_use]
    pub fn s3_data_distribution_type(mut self, distribution: S3DataDistributionType) -> Self {
        self.distribution = Some(distribution);
        self
    }

    /// The attributes of an augmented manifest's records to use, in order (at most 16).
    /// Default: none.
    ///
    /// ```
    /// use stepfunctions_tasks::{S3DataSource, S3DataType, SageMakerS3Location};
    /// let s = S3DataSource::new(SageMakerS3Location::from_bucket("b", "augmented.json"))
    ///     .s3_data_type(S3DataType::AugmentedManifestFile)
    ///     .attribute_names(["source-ref", "annotations"]);
    /// ```
    #[must_use]
    pub fn attribute_names<S: Into<String>>(mut self, names: impl IntoIterator<Item = S>) -> Self {
        self.attribute_names = names.into_iter().map(Into::into).collect();
        self
    }

    fn render(&self) -> Payload {
        let mut p = vec![
            ("S3Uri", self.location.uri()),
            ("S3DataType", self.data_type.as_str().into()),
        ];
        if let Some(d) = self.distribution {
            let d = match d {
                S3DataDistributionType::FullyReplicated => "FullyReplicated",
                S3DataDistributionType::ShardedByS3Key => "ShardedByS3Key",
            };
            p.push(("S3DataDistributionType", d.into()));
        }
        if !self.attribute_names.is_empty() {
            let names = self.attribute_names.iter().map(|n| n.as_str().into());
            p.push(("AttributeNames", Payload::Array(names.collect())));
        }
        Payload::from_object([("S3DataSource", Payload::from_object(p))])
    }

    fn validate(&self) -> Result<(), String> {
        self.location.validate()?;
        if self.attribute_names.len() > 16 {
            return Err(format!(
                "at most 16 attribute names; got {}",
                self.attribute_names.len()
            ));
        }
        if let Some(n) = self
            .attribute_names
            .iter()
            .find(|n| n.is_empty() || n.chars().count() > 256)
        {
            return Err(format!("attribute name `{n}` must be 1 to 256 characters"));
        }
        Ok(())
    }
}

/// A named input of the training job (`train`, `validation`, ...) and where its data is.
///
/// ```
/// use stepfunctions_tasks::{Channel, CompressionType, InputMode, S3DataSource, SageMakerS3Location};
/// let train = Channel::new("train", S3DataSource::new(SageMakerS3Location::from_json_expression("$.S3Bucket")))
///     .content_type("text/csv")
///     .compression_type(CompressionType::Gzip)
///     .input_mode(InputMode::File)
///     .shuffle_seed(42);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Channel {
    name: String,
    data_source: S3DataSource,
    compression_type: Option<CompressionType>,
    content_type: Option<String>,
    input_mode: Option<InputMode>,
    record_wrapper_type: Option<RecordWrapperType>,
    shuffle_seed: Option<i64>,
}

impl Channel {
    /// A channel named `name` (1 to 64 letters, digits, `.`, `-` and `_`) reading from an S3
    /// data source.
    ///
    /// ```
    /// use stepfunctions_tasks::{Channel, S3DataSource, SageMakerS3Location};
    /// let c = Channel::new("validation", S3DataSource::new(SageMakerS3Location::from_bucket("b", "validation/")));
    /// ```
    pub fn new(name: impl Into<String>, data_source: S3DataSource) -> Self {
        Channel {
            name: name.into(),
            data_source,
            compression_type: None,
            content_type: None,
            input_mode: None,
            record_wrapper_type: None,
            shuffle_seed: None,
        }
    }

    /// How the data is compressed (`CompressionType`). Default: not compressed.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let c = Channel::new("train", S3DataSource::new(SageMakerS3Location::from_bucket("b", "t/")));
    /// let c = c.compression_type(CompressionType::Gzip);
    /// ```
    #[must_use]
    pub fn compression_type(mut self, compression: CompressionType) -> Self {
        self.compression_type = Some(compression);
        self
    }

    /// The MIME type of the data (`ContentType`). Default: none.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let c = Channel::new("train", S3DataSource::new(SageMakerS3Location::from_bucket("b", "t/")));
    /// let c = c.content_type("application/x-recordio-protobuf");
    /// ```
    #[must_use]
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// How this channel is read (`InputMode`). Default: the algorithm's training input mode.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let c = Channel::new("train", S3DataSource::new(SageMakerS3Location::from_bucket("b", "t/")));
    /// let c = c.input_mode(InputMode::Pipe);
    /// ```
    #[must_use]
    pub fn input_mode(mut self, mode: InputMode) -> Self {
        self.input_mode = Some(mode);
        self
    }

    /// Whether SageMaker wraps each object in a RecordIO record (`RecordWrapperType`). Default:
    /// no wrapping.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let c = Channel::new("train", S3DataSource::new(SageMakerS3Location::from_bucket("b", "t/")));
    /// let c = c.record_wrapper_type(RecordWrapperType::RecordIo);
    /// ```
    #[must_use]
    pub fn record_wrapper_type(mut self, wrapper: RecordWrapperType) -> Self {
        self.record_wrapper_type = Some(wrapper);
        self
    }

    /// Shuffles the data with this seed, for `Pipe` mode and `S3Prefix` or manifest data
    /// (`ShuffleConfig.Seed`; CDK's `shuffleConfig`, which CDK accepts but does not render).
    /// Default: no shuffling.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let c = Channel::new("train", S3DataSource::new(SageMakerS3Location::from_bucket("b", "t/")));
    /// let c = c.shuffle_seed(7);
    /// ```
    #[must_use]
    pub fn shuffle_seed(mut self, seed: i64) -> Self {
        self.shuffle_seed = Some(seed);
        self
    }

    fn render(&self) -> Payload {
        let mut p = vec![
            ("ChannelName", self.name.as_str().into()),
            ("DataSource", self.data_source.render()),
        ];
        if let Some(c) = self.compression_type {
            p.push(("CompressionType", c.as_str().into()));
        }
        if let Some(c) = &self.content_type {
            p.push(("ContentType", c.as_str().into()));
        }
        if let Some(m) = self.input_mode {
            p.push(("InputMode", m.as_str().into()));
        }
        if let Some(w) = self.record_wrapper_type {
            let w = match w {
                RecordWrapperType::None => "None",
                RecordWrapperType::RecordIo => "RecordIO",
            };
            p.push(("RecordWrapperType", w.into()));
        }
        if let Some(seed) = self.shuffle_seed {
            p.push(("ShuffleConfig", Payload::from_object([("Seed", seed.into())])));
        }
        Payload::from_object(p)
    }

    fn validate(&self) -> Result<(), String> {
        let valid = (1..=64).contains(&self.name.len())
            && self
                .name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
        if !valid {
            return Err(format!(
                "channel name `{}`: 1 to 64 letters, digits, `.`, `-` and `_`",
                self.name
            ));
        }
        if self.content_type.as_ref().is_some_and(|c| c.chars().count() > 256) {
            return Err(format!(
                "the content type of channel `{}` is longer than 256 characters",
                self.name
            ));
        }
        self.data_source
            .validate()
            .map_err(|e| format!("channel `{}`: {e}", self.name))
    }
}

/// Where the model artifacts go, and the KMS key that encrypts them.
///
/// ```
/// use stepfunctions_tasks::{OutputDataConfig, SageMakerS3Location};
/// let out = OutputDataConfig::new(SageMakerS3Location::from_bucket("mybucket", "myoutputpath"))
///     .encryption_key(cfn_model::Expr::get_att("ArtifactsKey", "Arn"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct OutputDataConfig {
    location: SageMakerS3Location,
    encryption_key: Option<Expr>,
}

impl OutputDataConfig {
    /// Artifacts written under this location (`S3OutputPath`).
    ///
    /// ```
    /// use stepfunctions_tasks::{OutputDataConfig, SageMakerS3Location};
    /// let out = OutputDataConfig::new(SageMakerS3Location::from_json_expression("$.OutputPath"));
    /// ```
    pub fn new(location: SageMakerS3Location) -> Self {
        OutputDataConfig {
            location,
            encryption_key: None,
        }
    }

    /// The KMS key SageMaker encrypts the artifacts with (`KmsKeyId`): a key ARN for a role the
    /// task creates (which may then use the key). Default: S3's default key for the account.
    ///
    /// ```
    /// use stepfunctions_tasks::{OutputDataConfig, SageMakerS3Location};
    /// let out = OutputDataConfig::new(SageMakerS3Location::from_bucket("b", "out"))
    ///     .encryption_key("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");
    /// ```
    #[must_use]
    pub fn encryption_key(mut self, key: impl Into<Expr>) -> Self {
        self.encryption_key = Some(key.into());
        self
    }

    fn render(&self) -> Payload {
        let mut p = vec![("S3OutputPath", self.location.uri())];
        if let Some(k) = &self.encryption_key {
            p.push(("KmsKeyId", k.clone().into()));
        }
        Payload::from_object(p)
    }
}

/// The instances that train and their storage volume.
///
/// ```
/// use stepfunctions::JsonPath;
/// use stepfunctions_tasks::ResourceConfig;
/// let fixed = ResourceConfig::new(2, "ml.p3.2xlarge", 50);
/// let from_input = ResourceConfig::new(1, JsonPath::string_at("$.InstanceType"), 50);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ResourceConfig {
    instance_count: u32,
    instance_type: Payload,
    volume_size_gb: u32,
    volume_encryption_key: Option<Expr>,
}

impl Default for ResourceConfig {
    /// One `ml.m4.xlarge` with a 10 GB volume, CDK's default.
    fn default() -> Self {
        ResourceConfig::new(1, "ml.m4.xlarge", 10)
    }
}

impl ResourceConfig {
    /// `instance_count` instances (at least 1) of `instance_type` (a SageMaker ML instance type
    /// such as `ml.m5.xlarge`, or read from the input), each with a volume of `volume_size_gb`
    /// GB.
    ///
    /// ```
    /// let r = stepfunctions_tasks::ResourceConfig::new(1, "ml.m5.large", 30);
    /// ```
    pub fn new(instance_count: u32, instance_type: impl Into<Payload>, volume_size_gb: u32) -> Self {
        ResourceConfig {
            instance_count,
            instance_type: instance_type.into(),
            volume_size_gb,
            volume_encryption_key: None,
        }
    }

    /// The KMS key that encrypts the instances' volumes (`VolumeKmsKeyId`): a key ARN for a
    /// role the task creates (which may then create grants for it). Default: AWS managed
    /// encryption.
    ///
    /// ```
    /// let r = stepfunctions_tasks::ResourceConfig::new(1, "ml.m5.large", 30)
    ///     .volume_encryption_key(cfn_model::Expr::get_att("VolumeKey", "Arn"));
    /// ```
    #[must_use]
    pub fn volume_encryption_key(mut self, key: impl Into<Expr>) -> Self {
        self.volume_encryption_key = Some(key.into());
        self
    }

    fn render(&self) -> Payload {
        let mut p = vec![
            ("InstanceCount", self.instance_count.into()),
            ("InstanceType", self.instance_type.clone()),
            ("VolumeSizeInGB", self.volume_size_gb.into()),
        ];
        if let Some(k) = &self.volume_encryption_key {
            p.push(("VolumeKmsKeyId", k.clone().into()));
        }
        Payload::from_object(p)
    }

    fn validate(&self) -> Result<(), String> {
        if self.instance_count == 0 {
            return Err("the instance count must be at least 1".into());
        }
        check_instance_type(&self.instance_type)
    }
}

/// When SageMaker stops the training job.
///
/// ```
/// use std::time::Duration;
/// let s = stepfunctions_tasks::StoppingCondition::max_runtime(Duration::from_secs(2 * 3600));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoppingCondition {
    max_runtime: Duration,
}

impl StoppingCondition {
    /// After this long, in whole seconds, at least 1 (`MaxRuntimeInSeconds`).
    ///
    /// ```
    /// let s = stepfunctions_tasks::StoppingCondition::max_runtime(std::time::Duration::from_secs(600));
    /// ```
    pub fn max_runtime(max_runtime: Duration) -> Self {
        StoppingCondition { max_runtime }
    }

    fn validate(&self) -> Result<(), String> {
        if self.max_runtime.subsec_nanos() != 0 || self.max_runtime.as_secs() == 0 {
            return Err(format!(
                "the maximum runtime is whole seconds, at least 1; got {:?}",
                self.max_runtime
            ));
        }
        Ok(())
    }
}

impl Default for StoppingCondition {
    /// One hour, CDK's default.
    fn default() -> Self {
        StoppingCondition::max_runtime(Duration::from_secs(3600))
    }
}

/// Everything of a training job but its role.
#[derive(Debug, Clone)]
struct TrainingJobProps {
    name: Payload,
    algorithm: AlgorithmSpecification,
    input_data_config: Vec<Channel>,
    output_data_config: OutputDataConfig,
    resource_config: ResourceConfig,
    stopping_condition: StoppingCondition,
    hyperparameters: IndexMap<String, Payload>,
    enable_network_isolation: Option<bool>,
    vpc_config: Option<VpcConfig>,
    environment: Environment,
    tags: Tags,
}

/// Starts a SageMaker training job (`arn:aws:states:::sagemaker:createTrainingJob`). With
/// [`run_job`](stepfunctions::Task::run_job) the task waits for the job to end and returns
/// its description; otherwise it returns the job's ARN at once.
///
/// Supports request-response (default) and run-job.
///
/// The job runs as an execution role: give one with [`role`](SageMakerCreateTrainingJob::role),
/// or create one with [`create_role`](SageMakerCreateTrainingJob::create_role), which may do
/// what this job needs and no more (see there). Until then this is a
/// `SageMakerCreateTrainingJob<()>`, which is no task.
///
/// Defaults as in CDK: `File` input mode, `S3Prefix` data, one `ml.m4.xlarge` with a 10 GB
/// volume, a maximum runtime of one hour.
///
/// IAM, as in <https://docs.aws.amazon.com/step-functions/latest/dg/sagemaker-iam.html>, on
/// the job's ARN `training-job/<name>*` (the name lower-cased, as SageMaker writes it in ARNs;
/// a name read from the input or given as a CloudFormation expression widens to the account's
/// `training-job/*`):
/// - `sagemaker:CreateTrainingJob`; run-job adds `sagemaker:DescribeTrainingJob` and
///   `sagemaker:StopTrainingJob`, and `events:PutTargets`, `events:PutRule`,
///   `events:DescribeRule` on the managed rule
///   `StepFunctionsGetEventsForSageMakerTrainingJobsRule`;
/// - `sagemaker:ListTags`;
/// - `sagemaker:AddTags` for run-job (Step Functions tags the jobs it watches) or when the task
///   sets tags (SageMaker authorizes tags given at creation as `AddTags`);
/// - `iam:PassRole` on the execution role, with `iam:PassedToService` =
///   `sagemaker.amazonaws.com`.
///
/// Deviations from the CDK, reviewed in the parity test: the CDK grants `sagemaker:ListTags` on
/// `*` (the API permissions reference: `ListTags` takes resource-level permissions; here the
/// job's ARN), and `DescribeTrainingJob`, `StopTrainingJob` and `AddTags` for request-response
/// too, where the template lists `CreateTrainingJob` only; it does not lower-case literal
/// names. A role CDK creates may read and write any S3 object of an input or output read from
/// the input with `s3:GetObject`, `s3:ListBucket`, `s3:PutObject` on `*`, and gets CDK's
/// `grantRead`/`grantWrite` sets on a bucket; the role made here gets the developer guide's
/// actions (`s3:ListBucket` on input buckets, `s3:GetObject` on input objects, `s3:PutObject`
/// on output objects) on `arn:<partition>:s3:::*` or the bucket and prefix. CDK's `shuffleConfig`
/// is not rendered by CDK; here it is ([`Channel::shuffle_seed`]). CDK creates a security group
/// for a VPC; here [`VpcConfig`] names them.
///
/// ```
/// use std::time::Duration;
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::*;
/// let mut template = cfn_model::Template::new();
/// let train = SageMakerCreateTrainingJob::new(
///     JsonPath::string_at("$.JobName"),
///     AlgorithmSpecification::algorithm_name("BlazingText"),
///     [Channel::new("train", S3DataSource::new(SageMakerS3Location::from_json_expression("$.S3Bucket")))],
///     OutputDataConfig::new(SageMakerS3Location::from_bucket("mybucket", "myoutputpath")),
/// )
/// .resource_config(ResourceConfig::new(1, JsonPath::string_at("$.InstanceType"), 50))
/// .stopping_condition(StoppingCondition::max_runtime(Duration::from_secs(2 * 3600)))
/// .create_role(&mut template, "TrainSagemaker")
/// .unwrap();
/// let task = Task::new("TrainSagemaker", train);
/// let r = stepfunctions::testing::render_state(task).unwrap();
/// assert_eq!(r["States"]["TrainSagemaker"]["Parameters"]["StoppingCondition"]["MaxRuntimeInSeconds"], 7200);
/// assert!(template.resource("TrainSagemakerSagemakerRole").is_some());
/// ```
///
/// Without a role there is no task:
///
/// ```compile_fail
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::*;
/// let train = SageMakerCreateTrainingJob::new(
///     "MyJob",
///     AlgorithmSpecification::algorithm_name("my-algo"),
///     [Channel::new("train", S3DataSource::new(SageMakerS3Location::from_bucket("b", "train/")))],
///     OutputDataConfig::new(SageMakerS3Location::from_bucket("b", "out")),
/// );
/// let t = Task::new("Train", train);
/// ```
///
/// SageMaker has no callback pattern:
///
/// ```compile_fail
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::*;
/// let train = SageMakerCreateTrainingJob::new(
///     "MyJob",
///     AlgorithmSpecification::algorithm_name("my-algo"),
///     [Channel::new("train", S3DataSource::new(SageMakerS3Location::from_bucket("b", "train/")))],
///     OutputDataConfig::new(SageMakerS3Location::from_bucket("b", "out")),
/// )
/// .role(SageMakerRole::from_arn("arn:aws:iam::123456789012:role/R"));
/// let t = Task::new("Train", train).wait_for_task_token();
/// ```
#[derive(Debug, Clone)]
pub struct SageMakerCreateTrainingJob<R = SageMakerRole> {
    props: TrainingJobProps,
    role: R,
}

impl SageMakerCreateTrainingJob<()> {
    /// A training job named `training_job_name` (1 to 63 letters, digits and hyphens, or read
    /// from the input; unique in the account and region) running `algorithm` on 1 to 20 input
    /// channels, writing its artifacts as `output_data_config` says.
    ///
    /// ```
    /// use stepfunctions_tasks::*;
    /// let job = SageMakerCreateTrainingJob::new(
    ///     "MyTrainingJob",
    ///     AlgorithmSpecification::training_image(DockerImage::from_registry(cfn_model::Expr::reference("TrainingImage"))),
    ///     [Channel::new("train", S3DataSource::new(SageMakerS3Location::from_bucket("training-data", "train/")))],
    ///     OutputDataConfig::new(SageMakerS3Location::from_bucket("training-data", "models/")),
    /// );
    /// ```
    pub fn new(
        training_job_name: impl Into<Payload>,
        algorithm_specification: AlgorithmSpecification,
        input_data_config: impl IntoIterator<Item = Channel>,
        output_data_config: OutputDataConfig,
    ) -> Self {
        SageMakerCreateTrainingJob {
            props: TrainingJobProps {
                name: training_job_name.into(),
                algorithm: algorithm_specification,
                input_data_config: input_data_config.into_iter().collect(),
                output_data_config,
                resource_config: ResourceConfig::default(),
                stopping_condition: StoppingCondition::default(),
                hyperparameters: IndexMap::new(),
                enable_network_isolation: None,
                vpc_config: None,
                environment: Environment::default(),
                tags: Tags::default(),
            },
            role: (),
        }
    }

    /// The instances and volumes (`ResourceConfig`). Default: one `ml.m4.xlarge` with a 10 GB
    /// volume.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let job = SageMakerCreateTrainingJob::new("J", AlgorithmSpecification::algorithm_name("a"), [Channel::new("train", S3DataSource::new(SageMakerS3Location::from_bucket("b", "t/")))], OutputDataConfig::new(SageMakerS3Location::from_bucket("b", "o")));
    /// let job = job.resource_config(ResourceConfig::new(2, "ml.c5.2xlarge", 30));
    /// ```
    #[must_use]
    pub fn resource_config(mut self, config: ResourceConfig) -> Self {
        self.props.resource_config = config;
        self
    }

    /// When SageMaker stops the job (`StoppingCondition`). Default: after one hour.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let job = SageMakerCreateTrainingJob::new("J", AlgorithmSpecification::algorithm_name("a"), [Channel::new("train", S3DataSource::new(SageMakerS3Location::from_bucket("b", "t/")))], OutputDataConfig::new(SageMakerS3Location::from_bucket("b", "o")));
    /// let job = job.stopping_condition(StoppingCondition::max_runtime(std::time::Duration::from_secs(1800)));
    /// ```
    #[must_use]
    pub fn stopping_condition(mut self, condition: StoppingCondition) -> Self {
        self.props.stopping_condition = condition;
        self
    }

    /// Sets a hyperparameter of the algorithm (at most 100; names of at most 256 characters,
    /// string values of at most 2500, or read from the input). Default: none.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let job = SageMakerCreateTrainingJob::new("J", AlgorithmSpecification::algorithm_name("a"), [Channel::new("train", S3DataSource::new(SageMakerS3Location::from_bucket("b", "t/")))], OutputDataConfig::new(SageMakerS3Location::from_bucket("b", "o")));
    /// let job = job.hyperparameter("epochs", "10").hyperparameter("mode", stepfunctions::JsonPath::string_at("$.mode"));
    /// ```
    #[must_use]
    pub fn hyperparameter(mut self, name: impl Into<String>, value: impl Into<Payload>) -> Self {
        self.props.hyperparameters.insert(name.into(), value.into());
        self
    }

    /// Isolates the training container from the network (`EnableNetworkIsolation`), which
    /// AWS Marketplace algorithms require. Default: not set (SageMaker's `false`).
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let job = SageMakerCreateTrainingJob::new("J", AlgorithmSpecification::algorithm_name("a"), [Channel::new("train", S3DataSource::new(SageMakerS3Location::from_bucket("b", "t/")))], OutputDataConfig::new(SageMakerS3Location::from_bucket("b", "o")));
    /// let job = job.enable_network_isolation(true);
    /// ```
    #[must_use]
    pub fn enable_network_isolation(mut self, enable: bool) -> Self {
        self.props.enable_network_isolation = Some(enable);
        self
    }

    /// The VPC the training containers connect to (`VpcConfig`). Default: none.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let job = SageMakerCreateTrainingJob::new("J", AlgorithmSpecification::algorithm_name("a"), [Channel::new("train", S3DataSource::new(SageMakerS3Location::from_bucket("b", "t/")))], OutputDataConfig::new(SageMakerS3Location::from_bucket("b", "o")));
    /// let job = job.vpc_config(VpcConfig::new(["subnet-0123456789abcdef0".into()], ["sg-0123456789abcdef0".into()]));
    /// ```
    #[must_use]
    pub fn vpc_config(mut self, vpc: VpcConfig) -> Self {
        self.props.vpc_config = Some(vpc);
        self
    }

    /// Sets an environment variable of the training container (at most 100; names
    /// `[a-zA-Z_][a-zA-Z0-9_]*` and values of at most 512 characters). Default: none.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let job = SageMakerCreateTrainingJob::new("J", AlgorithmSpecification::algorithm_name("a"), [Channel::new("train", S3DataSource::new(SageMakerS3Location::from_bucket("b", "t/")))], OutputDataConfig::new(SageMakerS3Location::from_bucket("b", "o")));
    /// let job = job.environment("LOG_LEVEL", "debug");
    /// ```
    #[must_use]
    pub fn environment(mut self, name: impl Into<String>, value: impl Into<Payload>) -> Self {
        self.props.environment.insert(name.into(), value.into());
        self
    }

    /// Adds a tag to the job (at most 50). Default: none.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let job = SageMakerCreateTrainingJob::new("J", AlgorithmSpecification::algorithm_name("a"), [Channel::new("train", S3DataSource::new(SageMakerS3Location::from_bucket("b", "t/")))], OutputDataConfig::new(SageMakerS3Location::from_bucket("b", "o")));
    /// let job = job.tag("project", "forecasting");
    /// ```
    #[must_use]
    pub fn tag(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.props.tags.insert(key.into(), value.into());
        self
    }

    /// Runs the job as an existing execution role; the state machine may pass it to
    /// SageMaker. The role must be able to read the input, write the output and pull the
    /// image.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let job = SageMakerCreateTrainingJob::new("J", AlgorithmSpecification::algorithm_name("a"), [Channel::new("train", S3DataSource::new(SageMakerS3Location::from_bucket("b", "t/")))], OutputDataConfig::new(SageMakerS3Location::from_bucket("b", "o")));
    /// let job = job.role(SageMakerRole::from_arn(cfn_model::Expr::reference("ExecutionRoleArn")));
    /// ```
    pub fn role(self, role: SageMakerRole) -> SageMakerCreateTrainingJob {
        SageMakerCreateTrainingJob {
            props: self.props,
            role,
        }
    }

    /// Creates the execution role in the template, `<construct_id>SagemakerRole` with its
    /// policy `<construct_id>SagemakerRoleDefaultPolicy` (CDK's ids for the role it creates),
    /// trusting `sagemaker.amazonaws.com`, with the developer guide's `CreateTrainingJob`
    /// permissions (<https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html>)
    /// scoped to this job's settings:
    /// - `cloudwatch:PutMetricData`, `logs:CreateLogStream`, `logs:PutLogEvents`,
    ///   `logs:CreateLogGroup`, `logs:DescribeLogStreams`, `ecr:GetAuthorizationToken` on `*`
    ///   (they take no resource), and with a VPC the network-interface actions on `*`;
    /// - `s3:ListBucket` on the input buckets, `s3:GetObject` on the input objects,
    ///   `s3:PutObject` on the output objects (any bucket, `arn:<partition>:s3:::*`, for a
    ///   location read from the input);
    /// - the ECR pull actions on the training image's repository (see [`DockerImage`]);
    /// - `kms:Encrypt`, `kms:GenerateDataKey`, `kms:Decrypt` on the output key (the guide asks
    ///   `kms:Encrypt`; S3 needs the other two to write SSE-KMS objects, in parts), and
    ///   `kms:CreateGrant` on the volume key.
    ///
    /// Keys must be key ARNs. To grant more (to read input encrypted with a KMS key, say),
    /// attach a policy to [`SageMakerRole::role_name`] of the job's
    /// [`role`](SageMakerCreateTrainingJob::execution_role).
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let job = SageMakerCreateTrainingJob::new("J", AlgorithmSpecification::algorithm_name("a"), [Channel::new("train", S3DataSource::new(SageMakerS3Location::from_bucket("b", "t/")))], OutputDataConfig::new(SageMakerS3Location::from_bucket("b", "o")));
    /// let mut t = cfn_model::Template::new();
    /// let job = job.create_role(&mut t, "Train").unwrap();
    /// assert_eq!(job.execution_role().arn(), &cfn_model::Expr::get_att("TrainSagemakerRole", "Arn"));
    /// assert!(t.resource("TrainSagemakerRoleDefaultPolicy").is_some());
    /// ```
    pub fn create_role(
        self,
        template: &mut Template,
        construct_id: &str,
    ) -> Result<SageMakerCreateTrainingJob, stepfunctions::Error> {
        let p = &self.props;
        let mut statements = base_role_statements(p.vpc_config.is_some());
        for channel in &p.input_data_config {
            statements.extend(channel.data_source.location.read_statements());
        }
        statements.push(p.output_data_config.location.write_statement());
        if let Algorithm::Image(image) = &p.algorithm.algorithm {
            statements.extend(image.pull_statement());
        }
        if let Some(key) = &p.output_data_config.encryption_key {
            check_role_key(construct_id, key)?;
            statements.push(PolicyStatement::allow(
                ["kms:Encrypt", "kms:GenerateDataKey", "kms:Decrypt"],
                [key.clone()],
            ));
        }
        if let Some(key) = &p.resource_config.volume_encryption_key {
            check_role_key(construct_id, key)?;
            statements.push(PolicyStatement::allow(["kms:CreateGrant"], [key.clone()]));
        }
        let role = add_role(template, construct_id, statements)?;
        Ok(self.role(role))
    }
}

impl SageMakerCreateTrainingJob {
    /// The execution role the job runs as.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let job = SageMakerCreateTrainingJob::new("J", AlgorithmSpecification::algorithm_name("a"), [Channel::new("train", S3DataSource::new(SageMakerS3Location::from_bucket("b", "t/")))], OutputDataConfig::new(SageMakerS3Location::from_bucket("b", "o")));
    /// let job = job.role(SageMakerRole::from_arn("arn:aws:iam::123456789012:role/R"));
    /// assert!(job.execution_role().role_name().is_none());
    /// ```
    pub fn execution_role(&self) -> &SageMakerRole {
        &self.role
    }

    fn job_arn(&self) -> Expr {
        sagemaker_arn("training-job", &self.props.name, true)
    }
}

impl ServiceIntegration for SageMakerCreateTrainingJob {
    const SERVICE: &'static str = "sagemaker";
    const API: &'static str = "createTrainingJob";

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        let p = &self.props;
        let mut out = vec![("TrainingJobName", p.name.clone())];
        if let Some(n) = p.enable_network_isolation {
            out.push(("EnableNetworkIsolation", n.into()));
        }
        out.extend([
            ("RoleArn", self.role.arn().clone().into()),
            ("AlgorithmSpecification", p.algorithm.render()),
            (
                "InputDataConfig",
                Payload::Array(p.input_data_config.iter().map(Channel::render).collect()),
            ),
            ("OutputDataConfig", p.output_data_config.render()),
            ("ResourceConfig", p.resource_config.render()),
            (
                "StoppingCondition",
                Payload::from_object([("MaxRuntimeInSeconds", p.stopping_condition.max_runtime.as_secs().into())]),
            ),
        ]);
        if !p.hyperparameters.is_empty() {
            out.push(("HyperParameters", Payload::Object(p.hyperparameters.clone())));
        }
        if let Some(tags) = p.tags.render() {
            out.push(("Tags", tags));
        }
        if let Some(vpc) = &p.vpc_config {
            out.push(("VpcConfig", vpc.render()));
        }
        if let Some(env) = p.environment.render() {
            out.push(("Environment", env));
        }
        Some(Payload::from_object(out))
    }

    fn policy_statements(&self, pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        let job = self.job_arn();
        let run_job = pattern == IntegrationPattern::RunJob;
        let mut actions = vec!["sagemaker:CreateTrainingJob"];
        if run_job {
            actions.extend(["sagemaker:DescribeTrainingJob", "sagemaker:StopTrainingJob"]);
        }
        let mut statements = vec![
            PolicyStatement::allow(actions, [job.clone()]),
            PolicyStatement::allow(["sagemaker:ListTags"], [job.clone()]),
        ];
        if run_job || !self.props.tags.is_empty() {
            statements.push(PolicyStatement::allow(["sagemaker:AddTags"], [job]));
        }
        statements.push(self.role.pass_role_statement());
        if run_job {
            statements.push(managed_rule_statement(RULE));
        }
        statements
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        let p = &self.props;
        check_name("training job name", &p.name)?;
        self.role.validate()?;
        p.algorithm.validate()?;
        if !(1..=20).contains(&p.input_data_config.len()) {
            return Err(TaskError::field(
                "InputDataConfig",
                format!(
                    "a training job has 1 to 20 input channels; got {}",
                    p.input_data_config.len()
                ),
            ));
        }
        for (i, channel) in p.input_data_config.iter().enumerate() {
            channel.validate()?;
            if p.input_data_config[..i].iter().any(|c| c.name == channel.name) {
                return Err(TaskError::field(
                    "InputDataConfig",
                    format!("channel `{}` is given twice", channel.name),
                ));
            }
        }
        p.output_data_config.location.validate()?;
        p.resource_config.validate()?;
        p.stopping_condition.validate()?;
        if p.hyperparameters.len() > 100 {
            return Err(TaskError::field(
                "HyperParameters",
                format!("at most 100 hyperparameters; got {}", p.hyperparameters.len()),
            ));
        }
        for (name, value) in &p.hyperparameters {
            if name.is_empty() || name.chars().count() > 256 {
                return Err(TaskError::field(
                    "HyperParameters",
                    format!("hyperparameter name `{name}` must be 1 to 256 characters"),
                ));
            }
            match value {
                Payload::String(e) => {
                    if e.as_literal().is_some_and(|v| v.chars().count() > 2500) {
                        return Err(TaskError::field(
                            "HyperParameters",
                            format!("the value of hyperparameter `{name}` is longer than 2500 characters"),
                        ));
                    }
                }
                Payload::Path(_) | Payload::Intrinsic(_) | Payload::Jsonata(_) => {}
                _ => {
                    return Err(TaskError::field(
                        "HyperParameters",
                        format!(
                            "hyperparameter `{name}`: SageMaker takes hyperparameters as strings; write the value as \
                         text (\"10\", not 10)"
                        ),
                    ))
                }
            }
        }
        if let Some(vpc) = &p.vpc_config {
            vpc.validate()?;
        }
        p.environment.validate(100, 512, 512)?;
        p.tags.validate().map_err(TaskError::from)
    }
}

impl SupportsRunJob for SageMakerCreateTrainingJob {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn algorithm_names_follow_the_api_pattern() {
        for ok in [
            "BlazingText",
            "my-algo-1",
            "arn:aws:sagemaker:us-east-1:123456789012:algorithm/my-algo",
            "arn:aws-cn:sagemaker:cn-north-1:123456789012:algorithm/a",
        ] {
            assert!(is_algorithm_name(ok), "{ok}");
        }
        for bad in [
            "",
            "-a",
            "a-",
            "a_b",
            "arn:aws:s3:us-east-1:123456789012:algorithm/a",
            "arn:aws:sagemaker:us-east-1:1234:algorithm/a",
            "arn:aws:sagemaker:us-east-1:123456789012:algorithm",
        ] {
            assert!(!is_algorithm_name(bad), "{bad}");
        }
    }
}
