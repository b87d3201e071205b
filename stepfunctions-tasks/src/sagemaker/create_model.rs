//! `SageMakerCreateModel`: <https://docs.aws.amazon.com/step-functions/latest/dg/connect-sagemaker.html>.

use cfn_model::iam::PolicyStatement;
use cfn_model::Template;
use stepfunctions::TaskError;
use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration};

use super::{
    add_role, base_role_statements, check_name, sagemaker_arn, DockerImage, Environment, SageMakerRole,
    SageMakerS3Location, Tags, VpcConfig,
};
use crate::util::literal;

/// How many models a container hosts: `Mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// One (`SingleModel`).
    SingleModel,
    /// Several, loaded on demand from an S3 prefix (`MultiModel`), for a multi-model endpoint.
    MultiModel,
}

/// A container of a model: its inference image, model artifacts and environment.
///
/// ```
/// use stepfunctions_tasks::{ContainerDefinition, DockerImage, Mode, SageMakerS3Location};
/// let c = ContainerDefinition::new()
///     .image(DockerImage::from_json_expression("$.Model.imageName"))
///     .mode(Mode::SingleModel)
///     .model_s3_location(SageMakerS3Location::from_json_expression("$.TrainingJob.ModelArtifacts.S3ModelArtifacts"))
///     .environment("SAGEMAKER_PROGRAM", "inference.py");
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContainerDefinition {
    image: Option<DockerImage>,
    mode: Option<Mode>,
    model_s3_location: Option<SageMakerS3Location>,
    model_package_name: Option<Payload>,
    container_hostname: Option<Payload>,
    environment: Environment,
}

impl ContainerDefinition {
    /// An empty definition: give it an [`image`](ContainerDefinition::image) or a
    /// [`model_package_name`](ContainerDefinition::model_package_name).
    ///
    /// ```
    /// let c = stepfunctions_tasks::ContainerDefinition::new();
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// The inference image (`Image`). Default: none (the model package's).
    ///
    /// ```
    /// use stepfunctions_tasks::{ContainerDefinition, DockerImage};
    /// let c = ContainerDefinition::new().image(DockerImage::from_registry(cfn_model::Expr::reference("InferenceImage")));
    /// ```
    #[must_use]
    pub fn image(mut self, image: DockerImage) -> Self {
        self.image = Some(image);
        self
    }

    /// How many models the container hosts (`Mode`). Default: SageMaker's (`SingleModel`).
    ///
    /// ```
    /// use stepfunctions_tasks::{ContainerDefinition, Mode};
    /// let c = ContainerDefinition::new().mode(Mode::MultiModel);
    /// ```
    #[must_use]
    pub fn mode(mut self, mode: Mode) -> Self {
        self.mode = Some(mode);
        self
    }

    /// Where the model artifacts are (`ModelDataUrl`): a `.tar.gz` object, or a prefix for
    /// [`Mode::MultiModel`]. Default: none (for images with the model built in).
    ///
    /// ```
    /// use stepfunctions_tasks::{ContainerDefinition, SageMakerS3Location};
    /// let c = ContainerDefinition::new().model_s3_location(SageMakerS3Location::from_bucket("models", "churn/model.tar.gz"));
    /// ```
    #[must_use]
    pub fn model_s3_location(mut self, location: SageMakerS3Location) -> Self {
        self.model_s3_location = Some(location);
        self
    }

    /// A model package to create the model from, by name or ARN (`ModelPackageName`).
    /// Default: none.
    ///
    /// ```
    /// let c = stepfunctions_tasks::ContainerDefinition::new()
    ///     .model_package_name("arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/3");
    /// ```
    #[must_use]
    pub fn model_package_name(mut self, name: impl Into<Payload>) -> Self {
        self.model_package_name = Some(name.into());
        self
    }

    /// The container's name in an inference pipeline, for logs and metrics
    /// (`ContainerHostname`). Default: none.
    ///
    /// ```
    /// let c = stepfunctions_tasks::ContainerDefinition::new().container_hostname("preprocess");
    /// ```
    #[must_use]
    pub fn container_hostname(mut self, hostname: impl Into<Payload>) -> Self {
        self.container_hostname = Some(hostname.into());
        self
    }

    /// Sets an environment variable of the container (at most 100; names
    /// `[a-zA-Z_][a-zA-Z0-9_]*` and values of at most 1024 characters) (CDK's
    /// `environmentVariables`). Default: none.
    ///
    /// ```
    /// let c = stepfunctions_tasks::ContainerDefinition::new().environment("MODEL_VERSION", stepfunctions::JsonPath::string_at("$.version"));
    /// ```
    #[must_use]
    pub fn environment(mut self, name: impl Into<String>, value: impl Into<Payload>) -> Self {
        self.environment.insert(name.into(), value.into());
        self
    }

    fn render(&self) -> Payload {
        let mut p = vec![];
        if let Some(h) = &self.container_hostname {
            p.push(("ContainerHostname", h.clone()));
        }
        if let Some(i) = &self.image {
            p.push(("Image", i.uri().clone()));
        }
        if let Some(m) = self.mode {
            let m = match m {
                Mode::SingleModel => "SingleModel",
                Mode::MultiModel => "MultiModel",
            };
            p.push(("Mode", m.into()));
        }
        if let Some(l) = &self.model_s3_location {
            p.push(("ModelDataUrl", l.uri()));
        }
        if let Some(n) = &self.model_package_name {
            p.push(("ModelPackageName", n.clone()));
        }
        if let Some(env) = self.environment.render() {
            p.push(("Environment", env));
        }
        Payload::from_object(p)
    }

    fn role_statements(&self) -> Vec<PolicyStatement> {
        let mut statements: Vec<PolicyStatement> = self.image.iter().filter_map(DockerImage::pull_statement).collect();
        statements.extend(self.model_s3_location.iter().map(SageMakerS3Location::get_statement));
        statements
    }

    fn validate(&self) -> Result<(), String> {
        if self.image.is_none() && self.model_package_name.is_none() {
            return Err("a container needs an image or a model package".into());
        }
        if let Some(i) = &self.image {
            i.validate()?;
        }
        if let Some(l) = &self.model_s3_location {
            l.validate()?;
        }
        if let Some(n) = self.model_package_name.as_ref().and_then(literal) {
            if n.is_empty() || n.len() > 176 {
                return Err(format!("model package `{n}` must be 1 to 176 characters"));
            }
        }
        if let Some(h) = &self.container_hostname {
            check_name("container hostname", h)?;
        }
        self.environment.validate(100, 1024, 1024)
    }
}

/// The containers of a model: one, or an inference pipeline (SageMaker takes
/// `PrimaryContainer` or `Containers`, not both).
#[derive(Debug, Clone)]
enum Containers {
    Primary(Box<ContainerDefinition>),
    Pipeline(Vec<ContainerDefinition>),
}

impl Containers {
    fn all(&self) -> &[ContainerDefinition] {
        match self {
            Containers::Primary(c) => std::slice::from_ref(c.as_ref()),
            Containers::Pipeline(cs) => cs,
        }
    }
}

/// Everything of a model but its role.
#[derive(Debug, Clone)]
struct ModelProps {
    name: Payload,
    containers: Containers,
    enable_network_isolation: Option<bool>,
    vpc_config: Option<VpcConfig>,
    tags: Tags,
}

/// Creates a SageMaker model (`arn:aws:states:::sagemaker:createModel`): containers with
/// inference code and model artifacts, for endpoints and transform jobs.
///
/// Request-response only (there is no integration pattern to choose).
///
/// The model's containers run as an execution role: give one with
/// [`role`](SageMakerCreateModel::role), or create one with
/// [`create_role`](SageMakerCreateModel::create_role). Until then this is a
/// `SageMakerCreateModel<()>`, which is no task.
///
/// IAM, on the model's ARN `model/<name>` (the name lower-cased, as SageMaker writes it in
/// ARNs; a name read from the input or given as a CloudFormation expression widens to the
/// account's `model/*`): `sagemaker:CreateModel`, `sagemaker:ListTags`, `sagemaker:AddTags`
/// when the task sets tags, and `iam:PassRole` on the execution role with
/// `iam:PassedToService` = `sagemaker.amazonaws.com` (the API permissions reference,
/// <https://docs.aws.amazon.com/sagemaker/latest/dg/api-permissions-reference.html>).
///
/// Deviations from the CDK, reviewed in the parity test: the CDK grants `CreateModel` on
/// `model/<name>*`, which also matches every model whose name starts with this one's, and
/// `sagemaker:ListTags` on `*` (`ListTags` takes resource-level permissions). CDK renders
/// extra `containers` as garbage and sends them with the primary container, which SageMaker
/// rejects; here a model has one container ([`new`](SageMakerCreateModel::new)) or a pipeline
/// ([`inference_pipeline`](SageMakerCreateModel::inference_pipeline)). CDK's role may read any
/// S3 object (`s3:GetObject`, `s3:ListBucket` on `*`) for model data read from the input; the
/// role made here gets `s3:GetObject` (all the developer guide lists) on
/// `arn:<partition>:s3:::*`, or on the bucket and prefix. CDK creates a security group for a
/// VPC; here [`VpcConfig`] names them.
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::*;
/// let mut template = cfn_model::Template::new();
/// let model = SageMakerCreateModel::new(
///     "MyModel",
///     ContainerDefinition::new()
///         .image(DockerImage::from_json_expression("$.Model.imageName"))
///         .mode(Mode::SingleModel)
///         .model_s3_location(SageMakerS3Location::from_json_expression("$.TrainingJob.ModelArtifacts.S3ModelArtifacts")),
/// )
/// .create_role(&mut template, "Sagemaker")
/// .unwrap();
/// let r = stepfunctions::testing::render_state(Task::new("Sagemaker", model)).unwrap();
/// assert_eq!(r["States"]["Sagemaker"]["Parameters"]["PrimaryContainer"]["Image.$"], "$.Model.imageName");
/// ```
///
/// There is no pattern to choose:
///
/// ```compile_fail
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::*;
/// let model = SageMakerCreateModel::new("M", ContainerDefinition::new().image(DockerImage::from_json_expression("$.i")))
///     .role(SageMakerRole::from_arn("arn:aws:iam::123456789012:role/R"));
/// let t = Task::new("Model", model).run_job();
/// ```
#[derive(Debug, Clone)]
pub struct SageMakerCreateModel<R = SageMakerRole> {
    props: ModelProps,
    role: R,
}

impl SageMakerCreateModel<()> {
    /// A model named `model_name` (1 to 63 letters, digits and hyphens, or read from the input)
    /// with one container (`PrimaryContainer`).
    ///
    /// ```
    /// use stepfunctions_tasks::*;
    /// let model = SageMakerCreateModel::new(
    ///     stepfunctions::JsonPath::string_at("$.modelName"),
    ///     ContainerDefinition::new().image(DockerImage::from_registry(cfn_model::Expr::reference("InferenceImage"))),
    /// );
    /// ```
    pub fn new(model_name: impl Into<Payload>, primary_container: ContainerDefinition) -> Self {
        Self::with_containers(model_name.into(), Containers::Primary(Box::new(primary_container)))
    }

    /// A model named `model_name` whose 1 to 15 containers run in sequence, each one's output
    /// the next one's input (`Containers`; an inference pipeline).
    ///
    /// ```
    /// use stepfunctions_tasks::*;
    /// let model = SageMakerCreateModel::inference_pipeline(
    ///     "churn-pipeline",
    ///     [
    ///         ContainerDefinition::new().image(DockerImage::from_ecr_repository("preprocess", "v2")).container_hostname("preprocess"),
    ///         ContainerDefinition::new().image(DockerImage::from_ecr_repository("xgboost-serve", "v2")).container_hostname("predict"),
    ///     ],
    /// );
    /// ```
    pub fn inference_pipeline(
        model_name: impl Into<Payload>,
        containers: impl IntoIterator<Item = ContainerDefinition>,
    ) -> Self {
        Self::with_containers(
            model_name.into(),
            Containers::Pipeline(containers.into_iter().collect()),
        )
    }

    fn with_containers(name: Payload, containers: Containers) -> Self {
        SageMakerCreateModel {
            props: ModelProps {
                name,
                containers,
                enable_network_isolation: None,
                vpc_config: None,
                tags: Tags::default(),
            },
            role: (),
        }
    }

    /// Isolates the model's containers from the network (`EnableNetworkIsolation`), which AWS
    /// Marketplace models require. Default: not set (SageMaker's `false`).
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let model = SageMakerCreateModel::new("M", ContainerDefinition::new().image(DockerImage::from_json_expression("$.i")));
    /// let model = model.enable_network_isolation(true);
    /// ```
    #[must_use]
    pub fn enable_network_isolation(mut self, enable: bool) -> Self {
        self.props.enable_network_isolation = Some(enable);
        self
    }

    /// The VPC the model's containers connect to (`VpcConfig`). Default: none.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let model = SageMakerCreateModel::new("M", ContainerDefinition::new().image(DockerImage::from_json_expression("$.i")));
    /// let model = model.vpc_config(VpcConfig::new(["subnet-0123456789abcdef0".into()], ["sg-0123456789abcdef0".into()]));
    /// ```
    #[must_use]
    pub fn vpc_config(mut self, vpc: VpcConfig) -> Self {
        self.props.vpc_config = Some(vpc);
        self
    }

    /// Adds a tag to the model (at most 50). Default: none.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let model = SageMakerCreateModel::new("M", ContainerDefinition::new().image(DockerImage::from_json_expression("$.i")));
    /// let model = model.tag("stage", "prod");
    /// ```
    #[must_use]
    pub fn tag(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.props.tags.insert(key.into(), value.into());
        self
    }

    /// Runs the model's containers as an existing execution role; the state machine may pass
    /// it to SageMaker. The role must be able to pull the images and read the model data.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let model = SageMakerCreateModel::new("M", ContainerDefinition::new().image(DockerImage::from_json_expression("$.i")));
    /// let model = model.role(SageMakerRole::from_arn(cfn_model::Expr::reference("ModelRoleArn")));
    /// ```
    pub fn role(self, role: SageMakerRole) -> SageMakerCreateModel {
        SageMakerCreateModel {
            props: self.props,
            role,
        }
    }

    /// Creates the execution role in the template, `<construct_id>SagemakerRole` with its
    /// policy `<construct_id>SagemakerRoleDefaultPolicy` (CDK's ids), trusting
    /// `sagemaker.amazonaws.com`, with the developer guide's `CreateModel` permissions
    /// (<https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html>) scoped to this
    /// model:
    /// - `cloudwatch:PutMetricData`, `logs:CreateLogStream`, `logs:PutLogEvents`,
    ///   `logs:CreateLogGroup`, `logs:DescribeLogStreams`, `ecr:GetAuthorizationToken` on `*`,
    ///   and with a VPC the network-interface actions on `*`;
    /// - the ECR pull actions on each image's repository (see [`DockerImage`]);
    /// - `s3:GetObject` on each container's model data (any object, `arn:<partition>:s3:::*`,
    ///   for a location read from the input).
    ///
    /// Transform jobs on the model run as this role too: to let them read their input and
    /// write their output, attach a policy to [`SageMakerRole::role_name`].
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let model = SageMakerCreateModel::new("M", ContainerDefinition::new().image(DockerImage::from_json_expression("$.i")));
    /// let mut t = cfn_model::Template::new();
    /// let model = model.create_role(&mut t, "Model").unwrap();
    /// assert_eq!(model.execution_role().arn(), &cfn_model::Expr::get_att("ModelSagemakerRole", "Arn"));
    /// ```
    pub fn create_role(
        self,
        template: &mut Template,
        construct_id: &str,
    ) -> Result<SageMakerCreateModel, stepfunctions::Error> {
        let mut statements = base_role_statements(self.props.vpc_config.is_some());
        for c in self.props.containers.all() {
            statements.extend(c.role_statements());
        }
        let role = add_role(template, construct_id, statements)?;
        Ok(self.role(role))
    }
}

impl SageMakerCreateModel {
    /// The execution role the model's containers run as.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// let model = SageMakerCreateModel::new("M", ContainerDefinition::new().image(DockerImage::from_json_expression("$.i")))
    ///     .role(SageMakerRole::from_arn("arn:aws:iam::123456789012:role/R"));
    /// assert!(model.execution_role().role_name().is_none());
    /// ```
    pub fn execution_role(&self) -> &SageMakerRole {
        &self.role
    }
}

impl ServiceIntegration for SageMakerCreateModel {
    const SERVICE: &'static str = "sagemaker";
    const API: &'static str = "createModel";

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        let p = &self.props;
        let mut out = vec![];
        if let Some(n) = p.enable_network_isolation {
            out.push(("EnableNetworkIsolation", n.into()));
        }
        out.extend([
            ("ExecutionRoleArn", self.role.arn().clone().into()),
            ("ModelName", p.name.clone()),
        ]);
        if let Some(tags) = p.tags.render() {
            out.push(("Tags", tags));
        }
        match &p.containers {
            Containers::Primary(c) => out.push(("PrimaryContainer", c.render())),
            Containers::Pipeline(cs) => out.push((
                "Containers",
                Payload::Array(cs.iter().map(ContainerDefinition::render).collect()),
            )),
        }
        if let Some(vpc) = &p.vpc_config {
            out.push(("VpcConfig", vpc.render()));
        }
        Some(Payload::from_object(out))
    }

    fn policy_statements(&self, _pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        let model = sagemaker_arn("model", &self.props.name, false);
        let mut statements = vec![
            PolicyStatement::allow(["sagemaker:CreateModel"], [model.clone()]),
            PolicyStatement::allow(["sagemaker:ListTags"], [model.clone()]),
        ];
        if !self.props.tags.is_empty() {
            statements.push(PolicyStatement::allow(["sagemaker:AddTags"], [model]));
        }
        statements.push(self.role.pass_role_statement());
        statements
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        let p = &self.props;
        check_name("model name", &p.name)?;
        self.role.validate()?;
        if let Containers::Pipeline(cs) = &p.containers {
            if !(1..=15).contains(&cs.len()) {
                return Err(TaskError::field(
                    "Containers",
                    format!("an inference pipeline has 1 to 15 containers; got {}", cs.len()),
                ));
            }
            if cs.len() > 1 && cs.iter().any(|c| c.mode == Some(Mode::MultiModel)) {
                return Err(TaskError::field(
                    "Containers",
                    "an inference pipeline of several containers cannot use MultiModel mode",
                ));
            }
        }
        for c in p.containers.all() {
            c.validate()?;
        }
        if let Some(vpc) = &p.vpc_config {
            vpc.validate()?;
        }
        p.tags.validate().map_err(TaskError::from)
    }
}
