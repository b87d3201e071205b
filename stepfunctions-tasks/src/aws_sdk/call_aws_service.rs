//! `CallAwsService`:
//! <https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html>.

use cfn_model::iam::PolicyStatement;
use cfn_model::Expr;
use stepfunctions::TaskError;
use stepfunctions::{
    integration_resource_arn, IntegrationPattern, Payload, ServiceIntegration, SupportsWaitForTaskToken,
};

use super::{call_statements, check_call, iam_prefix};

/// Calls an API action of an AWS service through the AWS SDK integration
/// (`arn:aws:states:::aws-sdk:<service>:<action>`). The task's result is the action's response.
///
/// The service is named as in the Step Functions list of SDK integrations (`s3`, `sfn`,
/// `cloudwatchlogs`; lower-cased in the Resource), the action in camelCase (`getObject`), the
/// parameters in PascalCase (`Bucket`). Supports request-response (default) and
/// wait-for-task-token; not run-a-job, which the SDK integrations do not offer:
///
/// ```compile_fail
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::CallAwsService;
/// let t = Task::new("List", CallAwsService::new("s3", "listBuckets", ["*"])).run_job();
/// ```
///
/// IAM: one statement granting `<prefix>:<action>` on the IAM resources given, where the prefix
/// is the service's IAM prefix ([`iam_prefix`](super::iam_prefix): `sfn` is authorized as
/// `states`, `efs` as `elasticfilesystem`, ...), and the action keeps the API's camelCase (IAM
/// compares actions without regard to case), as CDK writes it. Where the API action and the IAM
/// action differ (`s3:listBuckets` is authorized as `s3:ListAllMyBuckets`), set
/// [`iam_action`](Self::iam_action); where the call needs more (reading the S3 object a
/// Rekognition call analyses), add [`additional_iam_statements`](Self::additional_iam_statements).
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::CallAwsService;
/// let get_object = Task::new(
///     "GetObject",
///     CallAwsService::new("s3", "getObject", ["arn:aws:s3:::my-bucket/*"]).parameters(Payload::from_object([
///         ("Bucket", "my-bucket".into()),
///         ("Key", JsonPath::string_at("$.key")),
///     ])),
/// );
/// let asl = StateMachine::new("M", get_object).render_asl().unwrap();
/// assert!(asl.definition.contains("\"Key.$\": \"$.key\""));
/// ```
#[derive(Debug, Clone)]
pub struct CallAwsService {
    service: String,
    action: String,
    parameters: Option<Payload>,
    iam_resources: Vec<Expr>,
    iam_action: Option<String>,
    additional_iam_statements: Vec<PolicyStatement>,
}

impl CallAwsService {
    /// Calls `action` (camelCase) of `service`; the role may call it on `iam_resources` (`*`
    /// where the action supports no resource-level permission).
    ///
    /// ```
    /// use stepfunctions_tasks::CallAwsService;
    /// let list = CallAwsService::new("s3", "listBuckets", ["*"]).iam_action("s3:ListAllMyBuckets");
    /// let describe = CallAwsService::new("sfn", "describeStateMachine", [cfn_model::Expr::reference("Child")]);
    /// ```
    pub fn new<R: Into<Expr>>(
        service: impl Into<String>,
        action: impl Into<String>,
        iam_resources: impl IntoIterator<Item = R>,
    ) -> Self {
        CallAwsService {
            service: service.into(),
            action: action.into(),
            parameters: None,
            iam_resources: iam_resources.into_iter().map(Into::into).collect(),
            iam_action: None,
            additional_iam_statements: Vec::new(),
        }
    }

    /// The action's parameters: an object whose keys are in PascalCase. Default: none (`{}`).
    ///
    /// ```
    /// use stepfunctions::{JsonPath, Payload};
    /// use stepfunctions_tasks::CallAwsService;
    /// let get = CallAwsService::new("dynamodb", "getItem", ["arn:aws:dynamodb:us-east-1:123456789012:table/T"])
    ///     .parameters(Payload::from_object([
    ///         ("TableName", "T".into()),
    ///         ("Key", Payload::from_object([("id", Payload::from_object([("S", JsonPath::string_at("$.id"))]))])),
    ///     ]));
    /// ```
    #[must_use]
    pub fn parameters(mut self, parameters: Payload) -> Self {
        self.parameters = Some(parameters);
        self
    }

    /// The IAM action to grant instead of `<prefix>:<action>`, e.g. `s3:ListAllMyBuckets` for
    /// `s3:listBuckets`. Default: `<prefix>:<action>`.
    ///
    /// ```
    /// let list = stepfunctions_tasks::CallAwsService::new("s3", "listBuckets", ["*"]).iam_action("s3:ListAllMyBuckets");
    /// ```
    #[must_use]
    pub fn iam_action(mut self, action: impl Into<String>) -> Self {
        self.iam_action = Some(action.into());
        self
    }

    /// Statements the call needs besides its own action. Default: none.
    ///
    /// ```
    /// use cfn_model::{iam::PolicyStatement, Expr};
    /// use stepfunctions_tasks::CallAwsService;
    /// let detect = CallAwsService::new("rekognition", "detectLabels", ["*"]).additional_iam_statements([
    ///     PolicyStatement::allow(["s3:getObject"], [Expr::lit("arn:aws:s3:::amzn-s3-demo-bucket/*")]),
    /// ]);
    /// ```
    #[must_use]
    pub fn additional_iam_statements(mut self, statements: impl IntoIterator<Item = PolicyStatement>) -> Self {
        self.additional_iam_statements.extend(statements);
        self
    }

    fn resource_service(&self) -> String {
        self.service.to_ascii_lowercase()
    }
}

impl ServiceIntegration for CallAwsService {
    const SERVICE: &'static str = "aws-sdk";
    const API: &'static str = "";

    fn resource(&self, pattern: IntegrationPattern) -> Expr {
        integration_resource_arn(
            Self::SERVICE,
            &format!("{}:{}", self.resource_service(), self.action),
            pattern,
        )
    }

    /// Always an object: the SDK integrations require `Parameters`.
    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        Some(self.parameters.clone().unwrap_or_else(Payload::empty_object))
    }

    fn policy_statements(&self, _pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        call_statements(
            iam_prefix(&self.resource_service()),
            &self.action,
            self.iam_action.as_deref(),
            &self.iam_resources,
            &self.additional_iam_statements,
        )
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        let service = self.resource_service();
        if service.is_empty() || !service.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(TaskError::field(
                "service",
                format!(
                    "the service `{}` must be an SDK service name, letters and digits (`s3`, `sfn`, `cloudwatchlogs`)",
                    self.service
                ),
            ));
        }
        check_call(
            &self.action,
            self.parameters.as_ref(),
            &self.iam_resources,
            self.iam_action.as_deref(),
        )
    }
}

impl SupportsWaitForTaskToken for CallAwsService {}
