//! `SageMakerCreateEndpointConfig`: <https://docs.aws.amazon.com/step-functions/latest/dg/connect-sagemaker.html>.

use cfn_model::iam::PolicyStatement;
use cfn_model::Expr;
use stepfunctions::TaskError;
use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration};

use super::{check_instance_type, check_name, sagemaker_arn, Tags};
use crate::util::literal;

/// An Elastic Inference accelerator for a production variant: `AcceleratorType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcceleratorType {
    /// `ml.eia1.medium`.
    Eia1Medium,
    /// `ml.eia1.large`.
    Eia1Large,
    /// `ml.eia1.xlarge`.
    Eia1Xlarge,
    /// `ml.eia2.medium`.
    Eia2Medium,
    /// `ml.eia2.large`.
    Eia2Large,
    /// `ml.eia2.xlarge`.
    Eia2Xlarge,
}

impl AcceleratorType {
    fn as_str(self) -> &'static str {
        match self {
            AcceleratorType::Eia1Medium => "ml.eia1.medium",
            AcceleratorType::Eia1Large => "ml.eia1.large",
            AcceleratorType::Eia1Xlarge => "ml.eia1.xlarge",
            AcceleratorType::Eia2Medium => "ml.eia2.medium",
            AcceleratorType::Eia2Large => "ml.eia2.large",
            AcceleratorType::Eia2Xlarge => "ml.eia2.xlarge",
        }
    }
}

/// A model hosted by an endpoint, and the instances that host it.
///
/// ```
/// use stepfunctions_tasks::ProductionVariant;
/// let v = ProductionVariant::new("MyModel", "awesome-variant", "ml.m5.xlarge")
///     .initial_instance_count(2)
///     .initial_variant_weight(0.5);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ProductionVariant {
    model_name: Payload,
    variant_name: Payload,
    instance_type: Payload,
    initial_instance_count: u32,
    initial_variant_weight: Option<f64>,
    accelerator_type: Option<AcceleratorType>,
}

impl ProductionVariant {
    /// The model `model_name` served as the variant `variant_name` on instances of
    /// `instance_type` (a SageMaker ML instance type such as `ml.m5.xlarge`, or read from the
    /// input).
    ///
    /// ```
    /// use stepfunctions::JsonPath;
    /// let v = stepfunctions_tasks::ProductionVariant::new(JsonPath::string_at("$.modelName"), "primary", "ml.m5.large");
    /// ```
    pub fn new(
        model_name: impl Into<Payload>,
        variant_name: impl Into<Payload>,
        instance_type: impl Into<Payload>,
    ) -> Self {
        ProductionVariant {
            model_name: model_name.into(),
            variant_name: variant_name.into(),
            instance_type: instance_type.into(),
            initial_instance_count: 1,
            initial_variant_weight: None,
            accelerator_type: None,
        }
    }

    /// How many instances start, at least 1 (`InitialInstanceCount`). Default: 1.
    ///
    /// ```
    /// let v = stepfunctions_tasks::ProductionVariant::new("M", "v", "ml.m5.large").initial_instance_count(3);
    /// ```
    #[must_use]
    pub fn initial_instance_count(mut self, count: u32) -> Self {
        self.initial_instance_count = count;
        self
    }

    /// The variant's share of the traffic, relative to the other variants' weights, at least 0
    /// (`InitialVariantWeight`). Default: SageMaker's (1.0).
    ///
    /// ```
    /// let v = stepfunctions_tasks::ProductionVariant::new("M", "canary", "ml.m5.large").initial_variant_weight(0.1);
    /// ```
    #[must_use]
    pub fn initial_variant_weight(mut self, weight: f64) -> Self {
        self.initial_variant_weight = Some(weight);
        self
    }

    /// An Elastic Inference accelerator for each instance (`AcceleratorType`). Default: none.
    ///
    /// ```
    /// use stepfunctions_tasks::{AcceleratorType, ProductionVariant};
    /// let v = ProductionVariant::new("M", "v", "ml.m5.large").accelerator_type(AcceleratorType::Eia2Medium);
    /// ```
    #[must_use]
    pub fn accelerator_type(mut self, accelerator: AcceleratorType) -> Self {
        self.accelerator_type = Some(accelerator);
        self
    }

    fn render(&self) -> Payload {
        let mut p = vec![
            ("InitialInstanceCount", self.initial_instance_count.into()),
            ("InstanceType", self.instance_type.clone()),
            ("ModelName", self.model_name.clone()),
            ("VariantName", self.variant_name.clone()),
        ];
        if let Some(a) = self.accelerator_type {
            p.push(("AcceleratorType", a.as_str().into()));
        }
        if let Some(w) = self.initial_variant_weight {
            p.push(("InitialVariantWeight", w.into()));
        }
        Payload::from_object(p)
    }

    fn validate(&self) -> Result<(), String> {
        check_name("model name", &self.model_name)?;
        check_name("variant name", &self.variant_name)?;
        check_instance_type(&self.instance_type)?;
        if self.initial_instance_count == 0 {
            return Err("a production variant starts at least 1 instance".into());
        }
        if let Some(w) = self.initial_variant_weight {
            if !(w.is_finite() && w >= 0.0) {
                return Err(format!("a variant weight is a number of at least 0; got {w}"));
            }
        }
        Ok(())
    }
}

/// Creates a SageMaker endpoint configuration
/// (`arn:aws:states:::sagemaker:createEndpointConfig`): the models an endpoint hosts and on
/// which instances.
///
/// Request-response only (there is no integration pattern to choose).
///
/// IAM, on the configuration's ARN `endpoint-config/<name>` (the name lower-cased, as SageMaker
/// writes it in ARNs; a name read from the input or given as a CloudFormation expression widens
/// to the account's `endpoint-config/*`): `sagemaker:CreateEndpointConfig`,
/// `sagemaker:ListTags`, and `sagemaker:AddTags` when the task sets tags (the API permissions
/// reference, <https://docs.aws.amazon.com/sagemaker/latest/dg/api-permissions-reference.html>).
///
/// Deviation from the CDK, reviewed in the parity test: the CDK grants `sagemaker:ListTags` on
/// `*` (`ListTags` takes resource-level permissions; here the configuration's ARN). CDK renders
/// a variant's `acceleratorType` as an object SageMaker rejects; here it is the type's name.
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{ProductionVariant, SageMakerCreateEndpointConfig};
/// let task = Task::new(
///     "SagemakerEndpointConfig",
///     SageMakerCreateEndpointConfig::new(
///         "MyEndpointConfig",
///         [ProductionVariant::new("MyModel", "awesome-variant", "ml.m5.xlarge").initial_instance_count(2)],
///     ),
/// );
/// let r = stepfunctions::testing::render_state(task).unwrap();
/// assert_eq!(r["States"]["SagemakerEndpointConfig"]["Parameters"]["ProductionVariants"][0]["InitialInstanceCount"], 2);
/// ```
///
/// There is no pattern to choose:
///
/// ```compile_fail
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{ProductionVariant, SageMakerCreateEndpointConfig};
/// let c = SageMakerCreateEndpointConfig::new("C", [ProductionVariant::new("M", "v", "ml.m5.large")]);
/// let t = Task::new("Config", c).run_job();
/// ```
#[derive(Debug, Clone)]
pub struct SageMakerCreateEndpointConfig {
    name: Payload,
    variants: Vec<ProductionVariant>,
    kms_key: Option<Expr>,
    tags: Tags,
}

impl SageMakerCreateEndpointConfig {
    /// A configuration named `endpoint_config_name` (1 to 63 letters, digits and hyphens, or
    /// read from the input) with 1 to 10 production variants.
    ///
    /// ```
    /// use stepfunctions_tasks::{ProductionVariant, SageMakerCreateEndpointConfig};
    /// let c = SageMakerCreateEndpointConfig::new(
    ///     stepfunctions::JsonPath::string_at("$.configName"),
    ///     [
    ///         ProductionVariant::new("model-a", "a", "ml.m5.large").initial_variant_weight(0.9),
    ///         ProductionVariant::new("model-b", "b", "ml.m5.large").initial_variant_weight(0.1),
    ///     ],
    /// );
    /// ```
    pub fn new(
        endpoint_config_name: impl Into<Payload>,
        production_variants: impl IntoIterator<Item = ProductionVariant>,
    ) -> Self {
        SageMakerCreateEndpointConfig {
            name: endpoint_config_name.into(),
            variants: production_variants.into_iter().collect(),
            kms_key: None,
            tags: Tags::default(),
        }
    }

    /// The KMS key that encrypts the hosting instances' volumes (`KmsKeyId`: a key id, ARN or
    /// alias). Endpoints created or updated with this configuration need `kms:CreateGrant` on it
    /// ([`SageMakerCreateEndpoint::kms_key`](crate::SageMakerCreateEndpoint::kms_key)). Default:
    /// AWS managed encryption.
    ///
    /// ```
    /// use stepfunctions_tasks::{ProductionVariant, SageMakerCreateEndpointConfig};
    /// let c = SageMakerCreateEndpointConfig::new("C", [ProductionVariant::new("M", "v", "ml.m5.large")])
    ///     .kms_key(cfn_model::Expr::get_att("EndpointKey", "Arn"));
    /// ```
    #[must_use]
    pub fn kms_key(mut self, key: impl Into<Expr>) -> Self {
        self.kms_key = Some(key.into());
        self
    }

    /// Adds a tag to the configuration (at most 50). Default: none.
    ///
    /// ```
    /// use stepfunctions_tasks::{ProductionVariant, SageMakerCreateEndpointConfig};
    /// let c = SageMakerCreateEndpointConfig::new("C", [ProductionVariant::new("M", "v", "ml.m5.large")]).tag("stage", "prod");
    /// ```
    #[must_use]
    pub fn tag(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.tags.insert(key.into(), value.into());
        self
    }
}

impl ServiceIntegration for SageMakerCreateEndpointConfig {
    const SERVICE: &'static str = "sagemaker";
    const API: &'static str = "createEndpointConfig";

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        let mut p = vec![("EndpointConfigName", self.name.clone())];
        if let Some(tags) = self.tags.render() {
            p.push(("Tags", tags));
        }
        if let Some(k) = &self.kms_key {
            p.push(("KmsKeyId", k.clone().into()));
        }
        p.push((
            "ProductionVariants",
            Payload::Array(self.variants.iter().map(ProductionVariant::render).collect()),
        ));
        Some(Payload::from_object(p))
    }

    fn policy_statements(&self, _pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        let config = sagemaker_arn("endpoint-config", &self.name, false);
        let mut statements = vec![
            PolicyStatement::allow(["sagemaker:CreateEndpointConfig"], [config.clone()]),
            PolicyStatement::allow(["sagemaker:ListTags"], [config.clone()]),
        ];
        if !self.tags.is_empty() {
            statements.push(PolicyStatement::allow(["sagemaker:AddTags"], [config]));
        }
        statements
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        check_name("endpoint configuration name", &self.name)?;
        if !(1..=10).contains(&self.variants.len()) {
            return Err(TaskError::field(
                "ProductionVariants",
                format!(
                    "an endpoint configuration has 1 to 10 production variants; got {}",
                    self.variants.len()
                ),
            ));
        }
        for (i, v) in self.variants.iter().enumerate() {
            v.validate()?;
            if let Some(name) = literal(&v.variant_name) {
                if self.variants[..i]
                    .iter()
                    .any(|o| literal(&o.variant_name) == Some(name))
                {
                    return Err(TaskError::field(
                        "ProductionVariants",
                        format!("variant `{name}` is given twice"),
                    ));
                }
            }
        }
        self.tags.validate().map_err(TaskError::from)
    }
}
