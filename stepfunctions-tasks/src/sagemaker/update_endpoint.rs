//! `SageMakerUpdateEndpoint`: <https://docs.aws.amazon.com/step-functions/latest/dg/connect-sagemaker.html>.

use cfn_model::iam::PolicyStatement;
use cfn_model::Expr;
use stepfunctions::TaskError;
use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration};

use super::{check_name, sagemaker_arn};
use crate::util::check_kms_key_arn;

/// Deploys another endpoint configuration to a SageMaker endpoint
/// (`arn:aws:states:::sagemaker:updateEndpoint`), without downtime. The task returns once
/// SageMaker accepted the request; the endpoint is `Updating` until the new instances serve.
///
/// Request-response only (there is no integration pattern to choose).
///
/// IAM (the API permissions reference,
/// <https://docs.aws.amazon.com/sagemaker/latest/dg/api-permissions-reference.html>):
/// `sagemaker:UpdateEndpoint` on `endpoint/<name>` and `endpoint-config/<name>` (names
/// lower-cased, as SageMaker writes them in ARNs; a name read from the input or given as a
/// CloudFormation expression widens to the account's `endpoint/*` or `endpoint-config/*`), and
/// `kms:CreateGrant` on the new configuration's KMS key when given with
/// [`kms_key`](SageMakerUpdateEndpoint::kms_key).
///
/// Deviation from the CDK, reviewed in the parity test: the CDK spells the action
/// `sagemaker:updateEndpoint` (IAM action names are case-insensitive; this is the documented
/// spelling).
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::SageMakerUpdateEndpoint;
/// let task = Task::new(
///     "SagemakerEndpoint",
///     SageMakerUpdateEndpoint::new(JsonPath::string_at("$.Endpoint.Name"), JsonPath::string_at("$.Endpoint.EndpointConfig")),
/// );
/// let r = stepfunctions::testing::render_state(task).unwrap();
/// assert_eq!(r["States"]["SagemakerEndpoint"]["Parameters"]["EndpointConfigName.$"], "$.Endpoint.EndpointConfig");
/// ```
///
/// There is no pattern to choose:
///
/// ```compile_fail
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::SageMakerUpdateEndpoint;
/// let t = Task::new("Update", SageMakerUpdateEndpoint::new("e", "c")).run_job();
/// ```
#[derive(Debug, Clone)]
pub struct SageMakerUpdateEndpoint {
    endpoint_name: Payload,
    endpoint_config_name: Payload,
    kms_key: Option<Expr>,
}

impl SageMakerUpdateEndpoint {
    /// Deploys the configuration `endpoint_config_name` to the endpoint `endpoint_name`; each a
    /// name of 1 to 63 letters, digits and hyphens, or read from the input.
    ///
    /// ```
    /// let u = stepfunctions_tasks::SageMakerUpdateEndpoint::new("churn", "churn-config-v3");
    /// ```
    pub fn new(endpoint_name: impl Into<Payload>, endpoint_config_name: impl Into<Payload>) -> Self {
        SageMakerUpdateEndpoint {
            endpoint_name: endpoint_name.into(),
            endpoint_config_name: endpoint_config_name.into(),
            kms_key: None,
        }
    }

    /// The KMS key of the new endpoint configuration (its `KmsKeyId`), as a key ARN: the role
    /// gets `kms:CreateGrant` on it. Nothing is sent. Default: none (the configuration has no
    /// key).
    ///
    /// ```
    /// let u = stepfunctions_tasks::SageMakerUpdateEndpoint::new("churn", "churn-config-v3")
    ///     .kms_key("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");
    /// ```
    #[must_use]
    pub fn kms_key(mut self, key_arn: impl Into<Expr>) -> Self {
        self.kms_key = Some(key_arn.into());
        self
    }
}

impl ServiceIntegration for SageMakerUpdateEndpoint {
    const SERVICE: &'static str = "sagemaker";
    const API: &'static str = "updateEndpoint";

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        Some(Payload::from_object([
            ("EndpointConfigName", self.endpoint_config_name.clone()),
            ("EndpointName", self.endpoint_name.clone()),
        ]))
    }

    fn policy_statements(&self, _pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        let mut statements = vec![PolicyStatement::allow(
            ["sagemaker:UpdateEndpoint"],
            [
                sagemaker_arn("endpoint", &self.endpoint_name, false),
                sagemaker_arn("endpoint-config", &self.endpoint_config_name, false),
            ],
        )];
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
        Ok(())
    }
}
