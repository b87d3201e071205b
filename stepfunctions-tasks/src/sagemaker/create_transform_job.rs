//! `SageMakerCreateTransformJob`: <https://docs.aws.amazon.com/step-functions/latest/dg/connect-sagemaker.html>.

use std::time::Duration;

use cfn_model::iam::PolicyStatement;
use cfn_model::Expr;
use stepfunctions::TaskError;
use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration, SupportsRunJob};

use super::{check_instance_type, check_name, sagemaker_arn, CompressionType, Environment, S3DataType, Tags};
use crate::util::{literal, managed_rule_statement};

/// The EventBridge rule Step Functions manages to learn that a transform job ended.
const RULE: &str = "StepFunctionsGetEventsForSageMakerTransformJobsRule";

/// How many records go in one request to the model: `BatchStrategy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchStrategy {
    /// As many as fit in the maximum payload (`MultiRecord`).
    MultiRecord,
    /// One (`SingleRecord`).
    SingleRecord,
}

/// How input files are split into records: `SplitType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitType {
    /// Not split (`None`).
    None,
    /// At line ends (`Line`).
    Line,
    /// MXNet RecordIO records (`RecordIO`).
    RecordIo,
    /// TensorFlow TFRecord records (`TFRecord`).
    TfRecord,
}

/// How results are assembled into one object per input file: `AssembleWith`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssembleWith {
    /// Concatenated as they are (`None`).
    None,
    /// One result per line (`Line`).
    Line,
}

/// The data to transform.
///
/// ```
/// use stepfunctions_tasks::{CompressionType, S3DataType, SplitType, TransformInput};
/// let input = TransformInput::new("s3://inputbucket/train")
///     .s3_data_type(S3DataType::S3Prefix)
///     .content_type("text/csv")
///     .split_type(SplitType::Line)
///     .compression_type(CompressionType::None);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct TransformInput {
    s3_uri: Payload,
    s3_data_type: S3DataType,
    compression_type: Option<CompressionType>,
    content_type: Option<String>,
    split_type: Option<SplitType>,
}

impl TransformInput {
    /// The objects under this S3 URI, or listed by the manifest at it (`s3://...`, literal,
    /// from the template, or read from the input) (CDK's
    /// `transformDataSource.s3DataSource.s3Uri`).
    ///
    /// ```
    /// let i = stepfunctions_tasks::TransformInput::new(stepfunctions::JsonPath::string_at("$.input"));
    /// ```
    pub fn new(s3_uri: impl Into<Payload>) -> Self {
        TransformInput {
            s3_uri: s3_uri.into(),
            s3_data_type: S3DataType::S3Prefix,
            compression_type: None,
            content_type: None,
            split_type: None,
        }
    }

    /// How the objects are found (`S3DataType`). Default: [`S3DataType::S3Prefix`].
    ///
    /// ```
    /// use stepfunctions_tasks::{S3DataType, TransformInput};
    /// let i = TransformInput::new("s3://b/manifest.json").s3_data_type(S3DataType::ManifestFile);
    /// ```
    #[must_use]
    pub fn s3_data_type(mut self, data_type: S3DataType) -> Self {
        self.s3_data_type = data_type;
        self
    }

    /// How the data is compressed (`CompressionType`). Default: SageMaker's (`None`).
    ///
    /// ```
    /// use stepfunctions_tasks::{CompressionType, TransformInput};
    /// let i = TransformInput::new("s3://b/in/").compression_type(CompressionType::Gzip);
    /// ```
    #[must_use]
    pub fn compression_type(mut self, compression: CompressionType) -> Self {
        self.compression_type = Some(compression);
        self
    }

    /// The MIME type of the data, sent to the model with each request (`ContentType`).
    /// Default: none.
    ///
    /// ```
    /// let i = stepfunctions_tasks::TransformInput::new("s3://b/in/").content_type("application/jsonlines");
    /// ```
    #[must_use]
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// How files are split into records (`SplitType`). Default: SageMaker's (`None`).
    ///
    /// ```
    /// use stepfunctions_tasks::{SplitType, TransformInput};
    /// let i = TransformInput::new("s3://b/in/").split_type(SplitType::Line);
    /// ```
    #[must_use]
    pub fn split_type(mut self, split: SplitType) -> Self {
        self.split_type = Some(split);
        self
    }

    fn render(&self) -> Payload {
        let mut p = vec![];
        if let Some(c) = self.compression_type {
            p.push(("CompressionType", c.as_str().into()));
        }
        if let Some(c) = &self.content_type {
            p.push(("ContentType", c.as_str().into()));
        }
        p.push((
            "DataSource",
            Payload::from_object([(
                "S3DataSource",
                Payload::from_object([
                    ("S3Uri", self.s3_uri.clone()),
                    ("S3DataType", self.s3_data_type.as_str().into()),
                ]),
            )]),
        ));
        if let Some(s) = self.split_type {
            let s = match s {
                SplitType::None => "None",
                SplitType::Line => "Line",
                SplitType::RecordIo => "RecordIO",
                SplitType::TfRecord => "TFRecord",
            };
            p.push(("SplitType", s.into()));
        }
        Payload::from_object(p)
    }
}

/// Where the results go.
///
/// ```
/// use stepfunctions_tasks::{AssembleWith, TransformOutput};
/// let output = TransformOutput::new("s3://outputbucket/TransformJobOutputPath")
///     .accept("text/csv")
///     .assemble_with(AssembleWith::Line);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct TransformOutput {
    s3_output_path: Payload,
    accept: Option<String>,
    assemble_with: Option<AssembleWith>,
    encryption_key: Option<Expr>,
}

impl TransformOutput {
    /// Results written under this S3 URI (`S3OutputPath`).
    ///
    /// ```
    /// let o = stepfunctions_tasks::TransformOutput::new("s3://outputbucket/results/");
    /// ```
    pub fn new(s3_output_path: impl Into<Payload>) -> Self {
        TransformOutput {
            s3_output_path: s3_output_path.into(),
            accept: None,
            assemble_with: None,
            encryption_key: None,
        }
    }

    /// The MIME type of the results (`Accept`). Default: none.
    ///
    /// ```
    /// let o = stepfunctions_tasks::TransformOutput::new("s3://b/out/").accept("application/json");
    /// ```
    #[must_use]
    pub fn accept(mut self, mime_type: impl Into<String>) -> Self {
        self.accept = Some(mime_type.into());
        self
    }

    /// How results are assembled (`AssembleWith`). Default: SageMaker's (`None`).
    ///
    /// ```
    /// use stepfunctions_tasks::{AssembleWith, TransformOutput};
    /// let o = TransformOutput::new("s3://b/out/").assemble_with(AssembleWith::Line);
    /// ```
    #[must_use]
    pub fn assemble_with(mut self, assemble: AssembleWith) -> Self {
        self.assemble_with = Some(assemble);
        self
    }

    /// The KMS key SageMaker encrypts the results with (`KmsKeyId`); its key policy must let
    /// the model's execution role use it. Default: S3's default key for the account.
    ///
    /// ```
    /// let o = stepfunctions_tasks::TransformOutput::new("s3://b/out/").encryption_key(cfn_model::Expr::get_att("ResultsKey", "Arn"));
    /// ```
    #[must_use]
    pub fn encryption_key(mut self, key: impl Into<Expr>) -> Self {
        self.encryption_key = Some(key.into());
        self
    }

    fn render(&self) -> Payload {
        let mut p = vec![("S3OutputPath", self.s3_output_path.clone())];
        if let Some(k) = &self.encryption_key {
            p.push(("KmsKeyId", k.clone().into()));
        }
        if let Some(a) = &self.accept {
            p.push(("Accept", a.as_str().into()));
        }
        if let Some(a) = self.assemble_with {
            let a = match a {
                AssembleWith::None => "None",
                AssembleWith::Line => "Line",
            };
            p.push(("AssembleWith", a.into()));
        }
        Payload::from_object(p)
    }
}

/// The instances that run the transform.
///
/// ```
/// let r = stepfunctions_tasks::TransformResources::new(2, "ml.c5.xlarge");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct TransformResources {
    instance_count: u32,
    instance_type: Payload,
    volume_encryption_key: Option<Expr>,
}

impl Default for TransformResources {
    /// One `ml.m4.xlarge`, CDK's default.
    fn default() -> Self {
        TransformResources::new(1, "ml.m4.xlarge")
    }
}

impl TransformResources {
    /// `instance_count` instances (at least 1) of `instance_type` (a SageMaker ML instance type
    /// such as `ml.m4.xlarge`, or read from the input).
    ///
    /// ```
    /// let r = stepfunctions_tasks::TransformResources::new(1, stepfunctions::JsonPath::string_at("$.instanceType"));
    /// ```
    pub fn new(instance_count: u32, instance_type: impl Into<Payload>) -> Self {
        TransformResources {
            instance_count,
            instance_type: instance_type.into(),
            volume_encryption_key: None,
        }
    }

    /// The KMS key that encrypts the instances' volumes (`VolumeKmsKeyId`). Default: AWS
    /// managed encryption.
    ///
    /// ```
    /// let r = stepfunctions_tasks::TransformResources::new(1, "ml.m5.large").volume_encryption_key(cfn_model::Expr::get_att("VolumeKey", "Arn"));
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
        ];
        if let Some(k) = &self.volume_encryption_key {
            p.push(("VolumeKmsKeyId", k.clone().into()));
        }
        Payload::from_object(p)
    }
}

/// How the transform calls the model: timeout and retries of each request.
///
/// Given, both are rendered, with SageMaker's defaults for the one not set (as CDK does).
///
/// ```
/// use std::time::Duration;
/// let o = stepfunctions_tasks::ModelClientOptions::new()
///     .invocations_max_retries(3)
///     .invocations_timeout(Duration::from_secs(300));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ModelClientOptions {
    max_retries: Option<u32>,
    timeout: Option<Duration>,
}

impl ModelClientOptions {
    /// SageMaker's defaults: no retry, a 60 s timeout.
    ///
    /// ```
    /// let o = stepfunctions_tasks::ModelClientOptions::new();
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// How many times a failed request is retried, 0 to 3 (`InvocationsMaxRetries`).
    /// Default: 0.
    ///
    /// ```
    /// let o = stepfunctions_tasks::ModelClientOptions::new().invocations_max_retries(2);
    /// ```
    #[must_use]
    pub fn invocations_max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    /// How long a request may take, 1 to 3600 whole seconds (`InvocationsTimeoutInSeconds`).
    /// Default: 60 seconds.
    ///
    /// ```
    /// let o = stepfunctions_tasks::ModelClientOptions::new().invocations_timeout(std::time::Duration::from_secs(120));
    /// ```
    #[must_use]
    pub fn invocations_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    fn render(&self) -> Payload {
        Payload::from_object([
            ("InvocationsMaxRetries", self.max_retries.unwrap_or(0).into()),
            (
                "InvocationsTimeoutInSeconds",
                self.timeout.map_or(60, |t| t.as_secs()).into(),
            ),
        ])
    }

    fn validate(&self) -> Result<(), String> {
        if let Some(r) = self.max_retries {
            if r > 3 {
                return Err(format!("invocations max retries must be 0 to 3; got {r}"));
            }
        }
        if let Some(t) = self.timeout {
            if t.subsec_nanos() != 0 || !(1..=3600).contains(&t.as_secs()) {
                return Err(format!("the invocations timeout is 1 to 3600 whole seconds; got {t:?}"));
            }
        }
        Ok(())
    }
}

/// Starts a SageMaker batch transform job (`arn:aws:states:::sagemaker:createTransformJob`):
/// a model's inferences on a dataset in S3. With [`run_job`](stepfunctions::Task::run_job) the
/// task waits for the job to end and returns its description; otherwise it returns the job's
/// ARN at once.
///
/// Supports request-response (default) and run-job.
///
/// The job runs with its model's execution role (the one given to `CreateModel`), which reads
/// the input, writes the output and uses the KMS keys: `CreateTransformJob` takes no role.
///
/// Defaults as in CDK: `S3Prefix` data, one `ml.m4.xlarge`.
///
/// IAM, as in <https://docs.aws.amazon.com/step-functions/latest/dg/sagemaker-iam.html>, on
/// the job's ARN `transform-job/<name>*` (the name lower-cased; a name read from the input or
/// given as a CloudFormation expression widens to the account's `transform-job/*`):
/// - `sagemaker:CreateTransformJob`; run-job adds `sagemaker:DescribeTransformJob` and
///   `sagemaker:StopTransformJob`, and `events:PutTargets`, `events:PutRule`,
///   `events:DescribeRule` on the managed rule
///   `StepFunctionsGetEventsForSageMakerTransformJobsRule`;
/// - `sagemaker:ListTags`;
/// - `sagemaker:AddTags` for run-job (Step Functions tags the jobs it watches) or when the task
///   sets tags.
///
/// Deviations from the CDK, reviewed in the parity test: the CDK creates a role with the
/// managed `AmazonSageMakerFullAccess` policy and grants `iam:PassRole` on it, though no role is
/// passed (the API has no role parameter), so this task creates none and has no `role`; it
/// grants the job actions on `transform-job/*` whatever the name, `DescribeTransformJob` and
/// `StopTransformJob` for request-response too (the template lists `CreateTransformJob` only),
/// and `sagemaker:ListTags` on `*` (the API permissions reference: `ListTags` takes
/// resource-level permissions; here the job's ARN).
///
/// ```
/// use std::time::Duration;
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::*;
/// let task = Task::new(
///     "Batch Inference",
///     SageMakerCreateTransformJob::new(
///         "MyTransformJob",
///         "MyModelName",
///         TransformInput::new("s3://inputbucket/train"),
///         TransformOutput::new("s3://outputbucket/TransformJobOutputPath"),
///     )
///     .model_client_options(
///         ModelClientOptions::new().invocations_max_retries(3).invocations_timeout(Duration::from_secs(300)),
///     ),
/// );
/// let r = stepfunctions::testing::render_state(task).unwrap();
/// assert_eq!(r["States"]["Batch Inference"]["Parameters"]["TransformResources"]["InstanceType"], "ml.m4.xlarge");
/// ```
///
/// SageMaker has no callback pattern:
///
/// ```compile_fail
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::*;
/// let job = SageMakerCreateTransformJob::new("J", "M", TransformInput::new("s3://b/in/"), TransformOutput::new("s3://b/out/"));
/// let t = Task::new("Transform", job).wait_for_task_token();
/// ```
#[derive(Debug, Clone)]
pub struct SageMakerCreateTransformJob {
    name: Payload,
    model_name: Payload,
    input: TransformInput,
    output: TransformOutput,
    resources: TransformResources,
    batch_strategy: Option<BatchStrategy>,
    environment: Environment,
    max_concurrent_transforms: Option<u32>,
    max_payload_mb: Option<u32>,
    model_client_options: Option<ModelClientOptions>,
    tags: Tags,
}

impl SageMakerCreateTransformJob {
    /// A transform job named `transform_job_name` (1 to 63 letters, digits and hyphens, or read
    /// from the input) running the model `model_name` on `input`, writing to `output`.
    ///
    /// ```
    /// use stepfunctions::JsonPath;
    /// use stepfunctions_tasks::*;
    /// let job = SageMakerCreateTransformJob::new(
    ///     JsonPath::string_at("$.jobName"),
    ///     JsonPath::string_at("$.modelName"),
    ///     TransformInput::new(JsonPath::string_at("$.input")),
    ///     TransformOutput::new(JsonPath::string_at("$.output")),
    /// );
    /// ```
    pub fn new(
        transform_job_name: impl Into<Payload>,
        model_name: impl Into<Payload>,
        input: TransformInput,
        output: TransformOutput,
    ) -> Self {
        SageMakerCreateTransformJob {
            name: transform_job_name.into(),
            model_name: model_name.into(),
            input,
            output,
            resources: TransformResources::default(),
            batch_strategy: None,
            environment: Environment::default(),
            max_concurrent_transforms: None,
            max_payload_mb: None,
            model_client_options: None,
            tags: Tags::default(),
        }
    }

    /// The instances (`TransformResources`). Default: one `ml.m4.xlarge`.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let job = SageMakerCreateTransformJob::new("J", "M", TransformInput::new("s3://b/in/"), TransformOutput::new("s3://b/out/"));
    /// let job = job.transform_resources(TransformResources::new(2, "ml.c5.xlarge"));
    /// ```
    #[must_use]
    pub fn transform_resources(mut self, resources: TransformResources) -> Self {
        self.resources = resources;
        self
    }

    /// How many records go in one request (`BatchStrategy`). Default: none (SageMaker's).
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let job = SageMakerCreateTransformJob::new("J", "M", TransformInput::new("s3://b/in/"), TransformOutput::new("s3://b/out/"));
    /// let job = job.batch_strategy(BatchStrategy::MultiRecord);
    /// ```
    #[must_use]
    pub fn batch_strategy(mut self, strategy: BatchStrategy) -> Self {
        self.batch_strategy = Some(strategy);
        self
    }

    /// Sets an environment variable of the model's container (at most 16; names
    /// `[a-zA-Z_][a-zA-Z0-9_]*` of at most 1024 characters, values of at most 10240).
    /// Default: none.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let job = SageMakerCreateTransformJob::new("J", "M", TransformInput::new("s3://b/in/"), TransformOutput::new("s3://b/out/"));
    /// let job = job.environment("THRESHOLD", "0.5");
    /// ```
    #[must_use]
    pub fn environment(mut self, name: impl Into<String>, value: impl Into<Payload>) -> Self {
        self.environment.insert(name.into(), value.into());
        self
    }

    /// How many requests each instance handles at once (`MaxConcurrentTransforms`). Default:
    /// SageMaker's (from the algorithm's execution parameters, or 1).
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let job = SageMakerCreateTransformJob::new("J", "M", TransformInput::new("s3://b/in/"), TransformOutput::new("s3://b/out/"));
    /// let job = job.max_concurrent_transforms(4);
    /// ```
    #[must_use]
    pub fn max_concurrent_transforms(mut self, max: u32) -> Self {
        self.max_concurrent_transforms = Some(max);
        self
    }

    /// The largest request payload in MB, 0 to 100 (`MaxPayloadInMB`). Default: SageMaker's (6).
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let job = SageMakerCreateTransformJob::new("J", "M", TransformInput::new("s3://b/in/"), TransformOutput::new("s3://b/out/"));
    /// let job = job.max_payload_mb(20);
    /// ```
    #[must_use]
    pub fn max_payload_mb(mut self, mb: u32) -> Self {
        self.max_payload_mb = Some(mb);
        self
    }

    /// Timeout and retries of each request to the model (`ModelClientConfig`). Default: none
    /// (SageMaker's: 60 s, no retry).
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let job = SageMakerCreateTransformJob::new("J", "M", TransformInput::new("s3://b/in/"), TransformOutput::new("s3://b/out/"));
    /// let job = job.model_client_options(ModelClientOptions::new().invocations_max_retries(1));
    /// ```
    #[must_use]
    pub fn model_client_options(mut self, options: ModelClientOptions) -> Self {
        self.model_client_options = Some(options);
        self
    }

    /// Adds a tag to the job (at most 50). Default: none.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let job = SageMakerCreateTransformJob::new("J", "M", TransformInput::new("s3://b/in/"), TransformOutput::new("s3://b/out/"));
    /// let job = job.tag("project", "forecasting");
    /// ```
    #[must_use]
    pub fn tag(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.tags.insert(key.into(), value.into());
        self
    }
}

impl ServiceIntegration for SageMakerCreateTransformJob {
    const SERVICE: &'static str = "sagemaker";
    const API: &'static str = "createTransformJob";

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        let mut p = vec![];
        if let Some(b) = self.batch_strategy {
            let b = match b {
                BatchStrategy::MultiRecord => "MultiRecord",
                BatchStrategy::SingleRecord => "SingleRecord",
            };
            p.push(("BatchStrategy", b.into()));
        }
        if let Some(env) = self.environment.render() {
            p.push(("Environment", env));
        }
        if let Some(m) = self.max_concurrent_transforms {
            p.push(("MaxConcurrentTransforms", m.into()));
        }
        if let Some(m) = self.max_payload_mb {
            p.push(("MaxPayloadInMB", m.into()));
        }
        if let Some(o) = &self.model_client_options {
            p.push(("ModelClientConfig", o.render()));
        }
        p.push(("ModelName", self.model_name.clone()));
        if let Some(tags) = self.tags.render() {
            p.push(("Tags", tags));
        }
        p.extend([
            ("TransformInput", self.input.render()),
            ("TransformJobName", self.name.clone()),
            ("TransformOutput", self.output.render()),
            ("TransformResources", self.resources.render()),
        ]);
        Some(Payload::from_object(p))
    }

    fn policy_statements(&self, pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        let job = sagemaker_arn("transform-job", &self.name, true);
        let run_job = pattern == IntegrationPattern::RunJob;
        let mut actions = vec!["sagemaker:CreateTransformJob"];
        if run_job {
            actions.extend(["sagemaker:DescribeTransformJob", "sagemaker:StopTransformJob"]);
        }
        let mut statements = vec![
            PolicyStatement::allow(actions, [job.clone()]),
            PolicyStatement::allow(["sagemaker:ListTags"], [job.clone()]),
        ];
        if run_job || !self.tags.is_empty() {
            statements.push(PolicyStatement::allow(["sagemaker:AddTags"], [job]));
        }
        if run_job {
            statements.push(managed_rule_statement(RULE));
        }
        statements
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        check_name("transform job name", &self.name)?;
        check_name("model name", &self.model_name)?;
        for (what, uri) in [
            ("input S3 URI", &self.input.s3_uri),
            ("output S3 path", &self.output.s3_output_path),
        ] {
            if let Some(u) = literal(uri) {
                if !(u.starts_with("s3://") || u.starts_with("https://")) || u.len() > 1024 {
                    return Err(TaskError::new(format!(
                        "{what} `{u}` must be an `s3://` or `https://` URI of at most 1024 characters"
                    )));
                }
            }
        }
        for (what, text) in [
            ("content type", &self.input.content_type),
            ("accept type", &self.output.accept),
        ] {
            if text.as_ref().is_some_and(|t| t.chars().count() > 256) {
                return Err(TaskError::new(format!("the {what} is longer than 256 characters")));
            }
        }
        if self.resources.instance_count == 0 {
            return Err(TaskError::field(
                "TransformResources.InstanceCount",
                "the instance count must be at least 1",
            ));
        }
        check_instance_type(&self.resources.instance_type)?;
        if let Some(m) = self.max_payload_mb {
            if m > 100 {
                return Err(TaskError::field(
                    "MaxPayloadInMB",
                    format!("the maximum payload is 0 to 100 MB; got {m}"),
                ));
            }
        }
        if let Some(o) = &self.model_client_options {
            o.validate()?;
        }
        self.environment.validate(16, 1024, 10240)?;
        self.tags.validate().map_err(TaskError::from)
    }
}

impl SupportsRunJob for SageMakerCreateTransformJob {}
