//! `SageMakerCreateEndpoint`: <https://docs.aws.amazon.com/step-functions/latest/dg/connect-sagemaker.html>.

use cfn_model::iam::PolicyStatement;
use cfn_model::Expr;
use stepfunctions::TaskError;
use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration};

use super::{check_name, sagemaker_arn, Tags};
use crate::util::check_kms_key_arn;

/// Creates a SageMaker endpoint (`arn:aws:states:::sagemaker:createEndpoint`) from an endpoint
/// configuration. The task returns once SageMaker accepted the request; the endpoint is
/// `Creating` until its instances are up.
///
/// Request-response only (there is no integration pattern to choose).
///
/// IAM (the API permissions reference,
/// <https://docs.aws.amazon.com/sagemaker/latest/dg/api-permissions-reference.html>), on the
/// ARNs `endpoint/<name>` and `endpoint-config/<name>` (names lower-cased, as SageMaker writes
/// them in ARNs; a name read from the input or given as a CloudFormation expression widens to
/// the account's `endpoint/*` or `endpoint-config/*`):
/// - `sagemaker:CreateEndpoint` on the endpoint and its configuration;
/// - `sagemaker:ListTags` on the endpoint, and `sagemaker:AddTags` when the task sets tags;
/// - `kms:CreateGrant` on the configuration's KMS key, when given with
///   [`kms_key`](SageMakerCreateEndpoint::kms_key).
///
/// Deviations from the CDK, reviewed in the parity test: the CDK spells the action
/// `sagemaker:createEndpoint` (IAM action names are case-insensitive; this is the documented
/// spelling) and grants `sagemaker:ListTags` on `*` (`ListTags` takes resource-level
/// permissions; here the endpoint's ARN).
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::SageMakerCreateEndpoint;
/// let task = Task::new(
///     "SagemakerEndpoint",
///     SageMakerCreateEndpoint::new(JsonPath::string_at("$.EndpointName"), JsonPath::string_at("$.EndpointConfigName")),
/// );
/// let r = stepfunctions::testing::render_state(task).unwrap();
/// assert_eq!(r["States"]["SagemakerEndpoint"]["Parameters"]["EndpointName.$"], "$.EndpointName");
/// ```
///
/// There is no pattern to choose:
///
/// ```compile_fail
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::SageMakerCreateEndpoint;
/// let t = Task::new("Endpoint", SageMakerCreateEndpoint::new("e", "c")).run_job();
/// ```
#[derive(Debug, Clone)]
pub struct SageMakerCreateEndpoint {
    endpoint_name: Payload,
    endpoint_config_name: Payload,
    kms_key: Option<Expr>,
    tags: Tags,
}

impl SageMakerCreateEndpoint {
    /// The endpoint `endpoint_name` (unique in the account and region) serving the
    /// configuration `endpoint_config_name`; each a name of 1 to 63 letters, digits and
    /// hyphens, or read from the input.
    ///
    /// ```
    /// let e = stepfunctions_tasks::SageMakerCreateEndpoint::new("churn", "churn-config-v2");
    /// ```
    pub fn new(endpoint_name: impl Into<Payload>, endpoint_config_name: impl Into<Payload>) -> Self {
        SageMakerCreateEndpoint {
            endpoint_name: endpoint_name.into(),
            endpoint_config_name: endpoint_config_name.into(),
            kms_key: None,
            tags: Tags::default(),
        }
    }

    /// The KMS key of the endpoint configuration (its `KmsKeyId`), as a key ARN: SageMaker
    /// creates a grant for it as the caller, so the role gets `kms:CreateGrant` on it. Nothing
    /// is sent. Default: none (the configuration has no key).
    ///
    /// ```
    /// let e = stepfunctions_tasks::SageMakerCreateEndpoint::new("churn", "churn-config")
    ///     .kms_key(cfn_model::Expr::get_att("EndpointKey", "Arn"));
    /// ```
    #[must_use]
    pub fn kms_key(mut self, key_arn: impl Into<Expr>) -> Self {
        self.kms_key = Some(key_arn.into());
        self
    }

    /// Adds a tag to the endpoint (at most 50). Default: none.
    ///
    /// ```
    /// let e = stepfunctions_tasks::SageMakerCreateEndpoint::new("churn", "churn-config").tag("stage", "prod");
    /// ```
    #[must_use]
    pub fn tag(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.tags.insert(key.into(), value.into());
        self
    }
}

impl ServiceIntegration for SageMakerCreateEndpoint {
    const SERVICE: &'static str = "sagemaker";
    const API: &'static str = "createEndpoint";

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        let mut p = vec![
            ("EndpointConfigName", self.endpoint_config_name.clone()),
            ("EndpointName", self.endpoint_name.clone()),
        ];
        if let Some(tags) = self.tags.render() {
            p.push(("Tags", tags));
        }
        Some(Payload::from_object(p))
    }

    fn policy_statements(&self, _pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        let endpoint = sagemaker_arn("endpoint", &self.endpoint_name, false);
        let config = sagemaker_arn("endpoint-config", &self.endpoint_config_name, false);
        let mut statements = vec![
            PolicyStatement::allow(["sagemaker:CreateEndpoint"], [endpoint.clone(), config]),
            PolicyStatement::allow(["sagemaker:ListTags"], [endpoint.clone()]),
        ];
        if !self.tags.is_empty() {
            statements.push(PolicyStatement::allow(["sagemaker:AddTags"], [endpoint]));
        }
        if let Some(key) = &self.kms_key {
            statements.push(PolicyStatement::allow(["kms:CreateGrant"], [key.clone()]));
        }
        statements
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        check_name("endpoint name", &self.endpoint_name)?;
        check_name("endpoint configuration name", &self.endpoint_config_name)?;
        if let Some(key) = &self.kms_key {
            check_kms_key_arn(key)?;
        }
        self.tags.validate().map_err(TaskError::from)
    }
}
