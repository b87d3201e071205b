//! Amazon SageMaker AI: train a model, run a batch transform, create a model, an endpoint
//! configuration and an endpoint, update an endpoint.
//!
//! See <https://docs.aws.amazon.com/step-functions/latest/dg/connect-sagemaker.html>; the IAM
//! statements follow <https://docs.aws.amazon.com/step-functions/latest/dg/sagemaker-iam.html>
//! and the SageMaker API permissions reference
//! (<https://docs.aws.amazon.com/sagemaker/latest/dg/api-permissions-reference.html>).
//!
//! Names in SageMaker ARNs are lower case (a job named `MyJob` is `training-job/myjob`), so a
//! literal name is lower-cased in the IAM resource; a name read from the input, or given as a
//! CloudFormation expression (which a template cannot lower-case), widens to the account's
//! `<resource type>/*`.
//!
//! The tasks that pass a role to SageMaker ([`SageMakerCreateTrainingJob`] and
//! [`SageMakerCreateModel`]) take an existing one ([`SageMakerRole::from_arn`]) or create one
//! in the template that may do what the task's settings need (`create_role`): a task cannot
//! add resources to a template by itself. Until the role is set they are no task: `Task::new`
//! does not compile.

mod create_endpoint;
mod create_endpoint_config;
mod create_model;
mod create_training_job;
mod create_transform_job;
mod update_endpoint;

use cfn_model::iam::{Policy, PolicyDocument, PolicyStatement, Role};
use cfn_model::{Expr, Template};
use indexmap::IndexMap;
use stepfunctions::model::Path;
use stepfunctions::Payload;

pub use create_endpoint::SageMakerCreateEndpoint;
pub use create_endpoint_config::{AcceleratorType, ProductionVariant, SageMakerCreateEndpointConfig};
pub use create_model::{ContainerDefinition, Mode, SageMakerCreateModel};
pub use create_training_job::{
    AlgorithmSpecification, Channel, InputMode, OutputDataConfig, RecordWrapperType, ResourceConfig,
    S3DataDistributionType, S3DataSource, SageMakerCreateTrainingJob, StoppingCondition,
};
pub use create_transform_job::{
    AssembleWith, BatchStrategy, ModelClientOptions, SageMakerCreateTransformJob, SplitType, TransformInput,
    TransformOutput, TransformResources,
};
pub use update_endpoint::SageMakerUpdateEndpoint;

use crate::util::{is_role_arn, literal, partition_arn, stack_arn, static_value};

/// The service principal of SageMaker's execution roles.
const SAGEMAKER_PRINCIPAL: &str = "sagemaker.amazonaws.com";

/// The IAM role SageMaker assumes to run a training job or host a model (its execution role).
///
/// Either one that exists, by ARN, or one a task creates in the template with its
/// `create_role` (then [`role_name`](SageMakerRole::role_name) names it, to attach more
/// policies). The state machine's role gets `iam:PassRole` on it, for
/// `sagemaker.amazonaws.com` only.
///
/// ```
/// use stepfunctions_tasks::SageMakerRole;
/// let role = SageMakerRole::from_arn("arn:aws:iam::123456789012:role/SageMakerExecution");
/// let parameter = SageMakerRole::from_arn(cfn_model::Expr::reference("ExecutionRoleArn"));
/// assert_eq!(role.role_name(), None);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SageMakerRole {
    arn: Expr,
    name: Option<Expr>,
}

impl SageMakerRole {
    /// An existing role, by ARN (literal, or any CloudFormation expression). It must trust
    /// `sagemaker.amazonaws.com` and may need what the SageMaker developer guide lists for the
    /// API (<https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html>).
    ///
    /// ```
    /// let r = stepfunctions_tasks::SageMakerRole::from_arn(cfn_model::Expr::get_att("ExecutionRole", "Arn"));
    /// ```
    pub fn from_arn(arn: impl Into<Expr>) -> Self {
        SageMakerRole {
            arn: arn.into(),
            name: None,
        }
    }

    /// The role's ARN.
    ///
    /// ```
    /// let r = stepfunctions_tasks::SageMakerRole::from_arn("arn:aws:iam::123456789012:role/R");
    /// assert_eq!(r.arn(), &cfn_model::Expr::lit("arn:aws:iam::123456789012:role/R"));
    /// ```
    pub fn arn(&self) -> &Expr {
        &self.arn
    }

    /// The role's name (`Ref` of the role), for a role created in the template: attach an
    /// `AWS::IAM::Policy` to it to grant more (to read input data encrypted with a KMS key, say).
    /// `None` for an existing role.
    ///
    /// ```
    /// let r = stepfunctions_tasks::SageMakerRole::from_arn("arn:aws:iam::123456789012:role/R");
    /// assert!(r.role_name().is_none());
    /// ```
    pub fn role_name(&self) -> Option<&Expr> {
        self.name.as_ref()
    }

    /// `iam:PassRole` on the role, for SageMaker only.
    fn pass_role_statement(&self) -> PolicyStatement {
        PolicyStatement::allow(["iam:PassRole"], [self.arn.clone()]).condition(
            "StringEquals",
            "iam:PassedToService",
            [Expr::lit(SAGEMAKER_PRINCIPAL)],
        )
    }

    /// A literal ARN that is not an IAM role's, if so.
    fn validate(&self) -> Result<(), String> {
        if let Some(arn) = self.arn.as_literal() {
            if !is_role_arn(arn) {
                return Err(format!(
                    "`{arn}` is not an IAM role ARN (`arn:<partition>:iam::<account>:role/<name>`)"
                ));
            }
        }
        Ok(())
    }
}

/// Adds an execution role (`<id>SagemakerRole`, trusting `sagemaker.amazonaws.com`) and its
/// policy (`<id>SagemakerRoleDefaultPolicy`) to a template.
fn add_role(
    template: &mut Template,
    construct_id: &str,
    statements: Vec<PolicyStatement>,
) -> Result<SageMakerRole, stepfunctions::Error> {
    let role_id = template.add_resource(
        &format!("{construct_id} SagemakerRole"),
        Role::for_service(SAGEMAKER_PRINCIPAL).into_resource(),
    )?;
    let mut doc = PolicyDocument::new();
    doc.extend(statements);
    let policy_name = format!("{role_id}DefaultPolicy");
    let policy = Policy::new(policy_name.clone(), doc, [Expr::reference(role_id.as_str())]);
    template.add_resource(&policy_name, policy.into_resource())?;
    Ok(SageMakerRole {
        arn: Expr::get_att(role_id.as_str(), "Arn"),
        name: Some(Expr::reference(role_id.as_str())),
    })
}

/// What every execution role needs, as the SageMaker developer guide lists it for
/// `CreateTrainingJob` and `CreateModel`: metrics, logs and an ECR token (these actions take
/// `*`), and with a VPC the network-interface actions.
fn base_role_statements(vpc: bool) -> Vec<PolicyStatement> {
    let mut actions = vec![
        "cloudwatch:PutMetricData",
        "logs:CreateLogStream",
        "logs:PutLogEvents",
        "logs:CreateLogGroup",
        "logs:DescribeLogStreams",
        "ecr:GetAuthorizationToken",
    ];
    if vpc {
        actions.extend([
            "ec2:CreateNetworkInterface",
            "ec2:CreateNetworkInterfacePermission",
            "ec2:DeleteNetworkInterface",
            "ec2:DeleteNetworkInterfacePermission",
            "ec2:DescribeNetworkInterfaces",
            "ec2:DescribeVpcs",
            "ec2:DescribeDhcpOptions",
            "ec2:DescribeSubnets",
            "ec2:DescribeSecurityGroups",
        ]);
    }
    vec![PolicyStatement::allow(actions, [Expr::lit("*")])]
}

/// An S3 location for SageMaker data: a bucket and a key prefix, or a URI read from the input
/// (CDK's SageMaker `S3Location`; Athena's [`S3Location`](crate::S3Location) is another type).
///
/// A bucket location renders as CDK renders it, the bucket's virtual-path URL
/// `https://s3.<region>.<URL suffix>/<bucket>/<prefix>`, which SageMaker accepts where it takes
/// an S3 URI. A role the task creates may read or write under the prefix only; a location from
/// the input lets it read or write any bucket (`arn:<partition>:s3:::*`).
///
/// ```
/// use stepfunctions_tasks::SageMakerS3Location;
/// let output = SageMakerS3Location::from_bucket("mybucket", "myoutputpath");
/// let input = SageMakerS3Location::from_json_expression("$.S3Bucket");
/// let in_template = SageMakerS3Location::from_bucket(cfn_model::Expr::reference("DataBucket"), "train/");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SageMakerS3Location(S3LocationKind);

#[derive(Debug, Clone, PartialEq)]
enum S3LocationKind {
    Bucket { bucket: Expr, prefix: Expr },
    Path(String),
}

impl SageMakerS3Location {
    /// Objects of a bucket under a key prefix (CDK's `S3Location.fromBucket`). The bucket is a
    /// name, literal or from the template (`Ref` of an `AWS::S3::Bucket`); the prefix may be
    /// empty (the whole bucket).
    ///
    /// ```
    /// let l = stepfunctions_tasks::SageMakerS3Location::from_bucket("mybucket", "myoutputpath");
    /// assert_eq!(
    ///     l.uri(),
    ///     stepfunctions::Payload::String(cfn_model::Expr::sub("https://s3.${AWS::Region}.${AWS::URLSuffix}/mybucket/myoutputpath")),
    /// );
    /// ```
    pub fn from_bucket(bucket: impl Into<Expr>, key_prefix: impl Into<Expr>) -> Self {
        SageMakerS3Location(S3LocationKind::Bucket {
            bucket: bucket.into(),
            prefix: key_prefix.into(),
        })
    }

    /// A URI (`s3://...` or `https://...`) read from the input at this path (CDK's
    /// `S3Location.fromJsonExpression`).
    ///
    /// ```
    /// let l = stepfunctions_tasks::SageMakerS3Location::from_json_expression("$.TrainingJob.ModelArtifacts.S3ModelArtifacts");
    /// assert_eq!(l.uri(), stepfunctions::Payload::Path("$.TrainingJob.ModelArtifacts.S3ModelArtifacts".into()));
    /// ```
    pub fn from_json_expression(path: impl Into<String>) -> Self {
        SageMakerS3Location(S3LocationKind::Path(path.into()))
    }

    /// The URI the task sends.
    ///
    /// ```
    /// let l = stepfunctions_tasks::SageMakerS3Location::from_bucket("b", "");
    /// assert_eq!(l.uri(), stepfunctions::Payload::String(cfn_model::Expr::sub("https://s3.${AWS::Region}.${AWS::URLSuffix}/b")));
    /// ```
    pub fn uri(&self) -> Payload {
        match &self.0 {
            S3LocationKind::Bucket { bucket, prefix } => {
                let mut parts = vec![
                    Expr::lit("https://s3."),
                    Expr::region(),
                    Expr::lit("."),
                    Expr::url_suffix(),
                    Expr::lit("/"),
                    bucket.clone(),
                ];
                if prefix.as_literal() != Some("") {
                    parts.extend([Expr::lit("/"), prefix.clone()]);
                }
                Payload::String(Expr::concat(parts))
            }
            S3LocationKind::Path(p) => Payload::Path(Path::new(p.as_str())),
        }
    }

    /// The objects under the location (`<bucket>/<prefix>*`), or any S3 resource.
    fn objects_arn(&self) -> Expr {
        match &self.0 {
            S3LocationKind::Bucket { bucket, prefix } => partition_arn(
                "s3",
                Expr::concat([bucket.clone(), Expr::lit("/"), prefix.clone(), Expr::lit("*")]),
            ),
            S3LocationKind::Path(_) => partition_arn("s3", "*"),
        }
    }

    /// The bucket, or any S3 resource.
    fn bucket_arn(&self) -> Expr {
        match &self.0 {
            S3LocationKind::Bucket { bucket, .. } => partition_arn("s3", bucket.clone()),
            S3LocationKind::Path(_) => partition_arn("s3", "*"),
        }
    }

    /// What reading the location takes: `s3:ListBucket` on the bucket, `s3:GetObject` on the
    /// objects (the developer guide's scoped `CreateTrainingJob` policy).
    fn read_statements(&self) -> Vec<PolicyStatement> {
        vec![
            PolicyStatement::allow(["s3:ListBucket"], [self.bucket_arn()]),
            PolicyStatement::allow(["s3:GetObject"], [self.objects_arn()]),
        ]
    }

    /// What writing under the location takes: `s3:PutObject` on the objects.
    fn write_statement(&self) -> PolicyStatement {
        PolicyStatement::allow(["s3:PutObject"], [self.objects_arn()])
    }

    /// `s3:GetObject` on the objects, all `CreateModel`'s role needs of its model data.
    fn get_statement(&self) -> PolicyStatement {
        PolicyStatement::allow(["s3:GetObject"], [self.objects_arn()])
    }

    fn validate(&self) -> Result<(), String> {
        if let S3LocationKind::Bucket { bucket, prefix } = &self.0 {
            if let Some(b) = bucket.as_literal() {
                let ok_chars = b
                    .bytes()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'.' | b'-'));
                if !(3..=63).contains(&b.len()) || !ok_chars {
                    return Err(format!(
                        "`{b}` is not an S3 bucket name (3 to 63 lower-case letters, digits, dots and hyphens)"
                    ));
                }
            }
            if prefix.as_literal().is_some_and(|p| p.starts_with('/')) {
                return Err(format!(
                    "the S3 key prefix `{}` must not start with `/`",
                    prefix.as_literal().unwrap_or_default()
                ));
            }
        }
        Ok(())
    }
}

/// A Docker image for a training algorithm or a model's container.
///
/// ```
/// use stepfunctions_tasks::DockerImage;
/// let from_input = DockerImage::from_json_expression("$.Model.imageName");
/// let by_uri = DockerImage::from_registry("763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.3-cpu-py311");
/// let in_account = DockerImage::from_ecr_repository("my-algorithm", "v1");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct DockerImage {
    uri: Payload,
    pull: EcrPull,
}

/// Which ECR repositories a created role may pull from for an image.
#[derive(Debug, Clone, PartialEq)]
enum EcrPull {
    None,
    Any,
    Repository(Expr),
}

impl DockerImage {
    /// An image whose URI is read from the input (CDK's `DockerImage.fromJsonExpression`). A
    /// role the task creates may pull any ECR image (`*`), since the repository is not known
    /// before run time; see [`allow_any_ecr_image_pull`](DockerImage::allow_any_ecr_image_pull).
    ///
    /// ```
    /// let i = stepfunctions_tasks::DockerImage::from_json_expression("$.image");
    /// ```
    pub fn from_json_expression(path: impl Into<String>) -> Self {
        DockerImage {
            uri: Payload::Path(Path::new(path)),
            pull: EcrPull::Any,
        }
    }

    /// Whether a role the task creates may pull any ECR image, for an image from the input
    /// (other images ignore it). Default: true (set false for images never in ECR).
    ///
    /// ```
    /// let i = stepfunctions_tasks::DockerImage::from_json_expression("$.image").allow_any_ecr_image_pull(false);
    /// ```
    #[must_use]
    pub fn allow_any_ecr_image_pull(mut self, allow: bool) -> Self {
        if matches!(self.uri, Payload::Path(_)) {
            self.pull = if allow { EcrPull::Any } else { EcrPull::None };
        }
        self
    }

    /// An image by URI (CDK's `DockerImage.fromRegistry`): a created role gets no ECR
    /// permission for it, as in CDK. For an image in ECR, use
    /// [`from_ecr_repository`](DockerImage::from_ecr_repository) (a repository of the account)
    /// or attach the pull actions on its repository to [`SageMakerRole::role_name`].
    ///
    /// ```
    /// let i = stepfunctions_tasks::DockerImage::from_registry(cfn_model::Expr::reference("TrainingImage"));
    /// ```
    pub fn from_registry(uri: impl Into<Expr>) -> Self {
        DockerImage {
            uri: Payload::String(uri.into()),
            pull: EcrPull::None,
        }
    }

    /// An image of an ECR repository of the stack's account and region, by repository name
    /// (literal, or `Ref` of an `AWS::ECR::Repository`) and tag or digest (`sha256:...`) (CDK's
    /// `DockerImage.fromEcrRepository`); a created role may pull from that repository only.
    ///
    /// ```
    /// let i = stepfunctions_tasks::DockerImage::from_ecr_repository("my-algorithm", "sha256:0123456789abcdef");
    /// ```
    pub fn from_ecr_repository(repository_name: impl Into<Expr>, tag_or_digest: &str) -> Self {
        let name = repository_name.into();
        let suffix = if tag_or_digest.starts_with("sha256:") {
            format!("@{tag_or_digest}")
        } else {
            format!(":{tag_or_digest}")
        };
        DockerImage {
            uri: Payload::String(Expr::concat([
                Expr::account_id(),
                Expr::lit(".dkr.ecr."),
                Expr::region(),
                Expr::lit("."),
                Expr::url_suffix(),
                Expr::lit("/"),
                name.clone(),
                Expr::lit(suffix),
            ])),
            pull: EcrPull::Repository(stack_arn("ecr", Expr::concat([Expr::lit("repository/"), name]))),
        }
    }

    /// The image URI the task sends.
    ///
    /// ```
    /// let i = stepfunctions_tasks::DockerImage::from_json_expression("$.image");
    /// assert_eq!(i.uri(), &stepfunctions::Payload::Path("$.image".into()));
    /// ```
    pub fn uri(&self) -> &Payload {
        &self.uri
    }

    /// The pull actions a created role needs for the image, if any (the developer guide's
    /// scoped policies).
    fn pull_statement(&self) -> Option<PolicyStatement> {
        let resource = match &self.pull {
            EcrPull::None => return None,
            EcrPull::Any => Expr::lit("*"),
            EcrPull::Repository(arn) => arn.clone(),
        };
        Some(PolicyStatement::allow(
            [
                "ecr:BatchCheckLayerAvailability",
                "ecr:GetDownloadUrlForLayer",
                "ecr:BatchGetImage",
            ],
            [resource],
        ))
    }

    fn validate(&self) -> Result<(), String> {
        match literal(&self.uri) {
            Some(uri) if uri.is_empty() || uri.len() > 255 || uri.chars().any(char::is_whitespace) => {
                Err(format!("image `{uri}` must be 1 to 255 characters without spaces"))
            }
            _ => Ok(()),
        }
    }
}

/// The VPC a training job or a model's containers connect to: its subnets and security groups
/// (the IDs, literal or from the template). CDK's `VpcConfig` takes a VPC and creates a security
/// group; here both are given.
///
/// A role the task creates gets the network-interface permissions the SageMaker developer guide
/// lists for a VPC.
///
/// ```
/// use cfn_model::Expr;
/// use stepfunctions_tasks::VpcConfig;
/// let vpc = VpcConfig::new(
///     [Expr::lit("subnet-0123456789abcdef0"), Expr::reference("PrivateSubnetB")],
///     [Expr::get_att("TrainingSecurityGroup", "GroupId")],
/// );
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct VpcConfig {
    subnets: Vec<Expr>,
    security_groups: Vec<Expr>,
}

impl VpcConfig {
    /// 1 to 16 subnets and 1 to 5 security groups.
    ///
    /// ```
    /// let vpc = stepfunctions_tasks::VpcConfig::new(["subnet-0123456789abcdef0".into()], ["sg-0123456789abcdef0".into()]);
    /// ```
    pub fn new(subnets: impl IntoIterator<Item = Expr>, security_groups: impl IntoIterator<Item = Expr>) -> Self {
        VpcConfig {
            subnets: subnets.into_iter().collect(),
            security_groups: security_groups.into_iter().collect(),
        }
    }

    fn render(&self) -> Payload {
        let strings = |items: &[Expr]| Payload::Array(items.iter().cloned().map(Payload::String).collect());
        Payload::from_object([
            ("SecurityGroupIds", strings(&self.security_groups)),
            ("Subnets", strings(&self.subnets)),
        ])
    }

    fn validate(&self) -> Result<(), String> {
        if !(1..=16).contains(&self.subnets.len()) {
            return Err(format!("a VPC config has 1 to 16 subnets; got {}", self.subnets.len()));
        }
        if !(1..=5).contains(&self.security_groups.len()) {
            return Err(format!(
                "a VPC config has 1 to 5 security groups; got {}",
                self.security_groups.len()
            ));
        }
        Ok(())
    }
}

/// How a data source's objects are found: `S3DataType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum S3DataType {
    /// Every object under the key prefix (`S3Prefix`).
    S3Prefix,
    /// A manifest object that lists the objects (`ManifestFile`).
    ManifestFile,
    /// An augmented manifest in JSON Lines, records with attributes (`AugmentedManifestFile`).
    AugmentedManifestFile,
}

impl S3DataType {
    fn as_str(self) -> &'static str {
        match self {
            S3DataType::S3Prefix => "S3Prefix",
            S3DataType::ManifestFile => "ManifestFile",
            S3DataType::AugmentedManifestFile => "AugmentedManifestFile",
        }
    }
}

/// How input data is compressed: `CompressionType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompressionType {
    /// Not compressed (`None`).
    None,
    /// Gzip (`Gzip`).
    Gzip,
}

impl CompressionType {
    fn as_str(self) -> &'static str {
        match self {
            CompressionType::None => "None",
            CompressionType::Gzip => "Gzip",
        }
    }
}

/// Tags of a SageMaker resource: `[{"Key": ..., "Value": ...}]`, at most 50, keys of 1 to 128
/// characters not starting with `aws:`, values of at most 256.
#[derive(Debug, Clone, Default, PartialEq)]
struct Tags(IndexMap<String, String>);

impl Tags {
    fn insert(&mut self, key: String, value: String) {
        self.0.insert(key, value);
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn render(&self) -> Option<Payload> {
        (!self.0.is_empty()).then(|| {
            Payload::Array(
                self.0
                    .iter()
                    .map(|(k, v)| Payload::from_object([("Key", k.as_str().into()), ("Value", v.as_str().into())]))
                    .collect(),
            )
        })
    }

    fn validate(&self) -> Result<(), String> {
        if self.0.len() > 50 {
            return Err(format!("at most 50 tags; got {}", self.0.len()));
        }
        for (k, v) in &self.0 {
            if k.is_empty() || k.chars().count() > 128 {
                return Err(format!("tag key `{k}` must be 1 to 128 characters"));
            }
            if k.starts_with("aws:") {
                return Err(format!("tag key `{k}`: the `aws:` prefix is reserved for AWS"));
            }
            if v.chars().count() > 256 {
                return Err(format!("the value of tag `{k}` is longer than 256 characters"));
            }
        }
        Ok(())
    }
}

/// Environment variables of a container, checked against the API's limits.
#[derive(Debug, Clone, Default, PartialEq)]
struct Environment(IndexMap<String, Payload>);

impl Environment {
    fn insert(&mut self, name: String, value: Payload) {
        self.0.insert(name, value);
    }

    fn render(&self) -> Option<Payload> {
        (!self.0.is_empty()).then(|| Payload::Object(self.0.clone()))
    }

    /// At most `max_entries` variables, names `[a-zA-Z_][a-zA-Z0-9_]*` of at most `max_name`
    /// characters, literal values of at most `max_value`.
    fn validate(&self, max_entries: usize, max_name: usize, max_value: usize) -> Result<(), String> {
        if self.0.len() > max_entries {
            return Err(format!(
                "at most {max_entries} environment variables; got {}",
                self.0.len()
            ));
        }
        for (name, value) in &self.0 {
            let valid = !name.is_empty()
                && name.len() <= max_name
                && !name.starts_with(|c: char| c.is_ascii_digit())
                && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
            if !valid {
                return Err(format!(
                    "environment variable `{name}`: a name is 1 to {max_name} letters, digits and underscores, not \
                     starting with a digit"
                ));
            }
            match value {
                Payload::String(e) => {
                    if e.as_literal().is_some_and(|v| v.chars().count() > max_value) {
                        return Err(format!(
                            "the value of environment variable `{name}` is longer than {max_value} characters"
                        ));
                    }
                }
                Payload::Path(_) | Payload::Intrinsic(_) | Payload::Jsonata(_) => {}
                _ => return Err(format!("the value of environment variable `{name}` must be a string")),
            }
        }
        Ok(())
    }
}

/// Checks a literal SageMaker resource name: 1 to 63 letters, digits and hyphens, starting
/// and ending with a letter or digit (the API's `[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}`).
fn check_name(what: &str, name: &Payload) -> Result<(), String> {
    match name {
        Payload::String(e) => match e.as_literal() {
            Some(n) => {
                let valid = (1..=63).contains(&n.len())
                    && n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                    && !n.starts_with('-')
                    && !n.ends_with('-');
                if valid {
                    Ok(())
                } else {
                    Err(format!(
                        "{what} `{n}`: 1 to 63 letters, digits and hyphens, starting and ending with a letter or digit"
                    ))
                }
            }
            None => Ok(()),
        },
        Payload::Path(_) | Payload::Intrinsic(_) | Payload::Jsonata(_) => Ok(()),
        _ => Err(format!("the {what} must be a string")),
    }
}

/// Checks a literal instance type: a SageMaker ML instance type (`ml.m5.xlarge`).
fn check_instance_type(instance_type: &Payload) -> Result<(), String> {
    match instance_type {
        Payload::String(e) => match e.as_literal() {
            Some(t) if !(t.starts_with("ml.") && t.len() > 3) => Err(format!(
                "instance type `{t}` is not a SageMaker ML instance type such as `ml.m5.xlarge`"
            )),
            _ => Ok(()),
        },
        Payload::Path(_) | Payload::Intrinsic(_) | Payload::Jsonata(_) => Ok(()),
        _ => Err("the instance type must be a string".into()),
    }
}

/// `arn:<partition>:sagemaker:<region>:<account>:<kind>/<name>`: a literal name lower-cased
/// (SageMaker writes names in ARNs in lower case), `*` appended when `prefix`; a name read at
/// run time or from a CloudFormation expression (which cannot be lower-cased) gives
/// `<kind>/*`.
fn sagemaker_arn(kind: &str, name: &Payload, prefix: bool) -> Expr {
    let resource = match static_value(name).and_then(Expr::as_literal) {
        Some(n) => format!("{kind}/{}{}", n.to_lowercase(), if prefix { "*" } else { "" }),
        None => format!("{kind}/*"),
    };
    stack_arn("sagemaker", resource)
}

/// Checks a literal KMS key given to a role the task creates: it must be a key ARN, the
/// resource the role is granted its use on.
fn check_role_key(what: &str, key: &Expr) -> Result<(), stepfunctions::Error> {
    crate::util::check_kms_key_arn(key).map_err(|reason| stepfunctions::Error::InvalidResource {
        construct: what.to_owned(),
        field: "KmsKeyId",
        reason,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arns_lower_case_literal_names_and_widen_the_rest() {
        assert_eq!(
            sagemaker_arn("model", &"MyModel".into(), false).to_string(),
            "arn:${AWS::Partition}:sagemaker:${AWS::Region}:${AWS::AccountId}:model/mymodel"
        );
        assert!(sagemaker_arn("training-job", &"Job".into(), true)
            .to_string()
            .ends_with(":training-job/job*"));
        assert!(sagemaker_arn("endpoint", &Payload::Path("$.e".into()), false)
            .to_string()
            .ends_with(":endpoint/*"));
        assert!(sagemaker_arn("endpoint", &Expr::reference("Name").into(), false)
            .to_string()
            .ends_with(":endpoint/*"));
    }

    #[test]
    fn names_are_checked() {
        for ok in ["a", "My-Model-1", "x".repeat(63).as_str()] {
            assert!(check_name("name", &ok.into()).is_ok(), "{ok}");
        }
        for bad in ["", "-a", "a-", "a_b", "a.b", "x".repeat(64).as_str()] {
            assert!(check_name("name", &bad.into()).is_err(), "{bad}");
        }
        assert!(check_name("name", &Payload::Path("$.n".into())).is_ok());
        assert!(check_name("name", &1.into()).is_err());
    }

    #[test]
    fn role_arns_are_checked() {
        assert!(SageMakerRole::from_arn("arn:aws:iam::123456789012:role/path/R")
            .validate()
            .is_ok());
        assert!(SageMakerRole::from_arn(Expr::reference("RoleArn")).validate().is_ok());
        for bad in [
            "arn:aws:iam::123456789012:user/U",
            "arn:aws:iam::1234:role/R",
            "arn:aws:s3:::bucket",
            "MyRole",
        ] {
            assert!(SageMakerRole::from_arn(bad).validate().is_err(), "{bad}");
        }
    }

    #[test]
    fn environment_names_and_sizes_are_checked() {
        let mut env = Environment::default();
        env.insert("GOOD_1".into(), "v".into());
        assert!(env.validate(16, 1024, 10240).is_ok());
        env.insert("1BAD".into(), "v".into());
        assert!(env.validate(16, 1024, 10240).is_err());
        let mut long = Environment::default();
        long.insert("V".into(), "x".repeat(513).into());
        assert!(long.validate(100, 512, 512).is_err());
        let mut number = Environment::default();
        number.insert("N".into(), 1.into());
        assert!(number.validate(100, 512, 512).is_err());
    }
}
