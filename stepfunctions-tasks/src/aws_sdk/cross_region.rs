//! `CallAwsServiceCrossRegion`: an AWS SDK call made in another region by a Lambda function
//! the template defines.

use cfn_model::iam::{Policy, PolicyDocument, PolicyStatement};
use cfn_model::{Expr, Template};
use stepfunctions::model::Retry;
use stepfunctions::TaskError;
use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration};

use super::{call_statements, check_call, iam_prefix};
use crate::lambda::{invoke_statement, service_exception_retry, InlineFunction, LambdaFunction};
use crate::util::{literal, object_of_set};

/// The code of the function: Node.js, CommonJS, the AWS SDK for JavaScript v3 of the runtime.
const HANDLER: &str = include_str!("cross_region_handler.js");

/// The logical id of the function that makes every cross-region call of a template (as the
/// CDK's singleton: `CrossRegionAwsSdk` and the singleton's UUID); its role is
/// `<id>ServiceRole`, the first call's policy `<id>ServiceRoleDefaultPolicy`, the next ones'
/// `<id>ServiceRoleDefaultPolicy2`, `3`, ...
pub const CROSS_REGION_FUNCTION_ID: &str = "CrossRegionAwsSdk8a0c93f3dbef4b71ac137aaf2048ce7e";

/// Calls an API action of an AWS service in another region (CDK's
/// `CallAwsServiceCrossRegion`): the SDK integrations call the state machine's own region, so
/// the call is made by a Lambda function that the template defines with its code inline (the
/// template deploys as is, with no asset to upload): Node.js 24, 30 s timeout, the runtime's
/// AWS SDK for JavaScript v3. The state invokes the function directly (its ARN is the
/// `Resource`) with `{"region", "endpoint", "action", "service", "parameters"}`; the result is
/// the action's response (a streamed body, such as S3 `GetObject`'s, read as text).
///
/// Built with [`builder`](Self::builder) and [`add_to`](CallAwsServiceCrossRegionBuilder::add_to),
/// which defines the function (once per template, [`CROSS_REGION_FUNCTION_ID`]) and grants
/// the call to its role. The service is named as its SDK for JavaScript v3 package
/// (`@aws-sdk/client-<service>`: `s3`, `sfn`, `cloudwatch-logs`), the action in camelCase, the
/// parameters as that SDK's input (PascalCase).
///
/// IAM: the state machine's role may invoke the function (`lambda:InvokeFunction` on its ARN
/// and `ARN:*`); the function's role gets `<prefix>:<action>` on the IAM resources (the
/// prefix as [`iam_prefix`](super::iam_prefix) gives it for the service without its hyphens,
/// `cloudwatch-logs` as `logs`), or [`iam_action`](CallAwsServiceCrossRegionBuilder::iam_action),
/// and the additional statements. Retries Lambda's transient errors as
/// [`LambdaInvoke`](crate::LambdaInvoke) does, unless turned off. Request-response only: the
/// function returns the response, it never reports a task token.
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{CallAwsServiceCrossRegion, CROSS_REGION_FUNCTION_ID};
/// let mut template = cfn_model::Template::new();
/// let get_object = CallAwsServiceCrossRegion::builder("ap-northeast-1", "s3", "getObject")
///     .parameters(Payload::from_object([("Bucket", "my-tokyo-bucket".into()), ("Key", JsonPath::string_at("$.key"))]))
///     .iam_resources(["arn:aws:s3:::my-tokyo-bucket/*"])
///     .add_to(&mut template)
///     .unwrap();
/// let r = stepfunctions::testing::render_state(Task::new("GetObject", get_object)).unwrap();
/// assert_eq!(r["States"]["GetObject"]["Parameters"]["region"], "ap-northeast-1");
/// assert!(template.resource(CROSS_REGION_FUNCTION_ID).is_some());
/// ```
///
/// There is no pattern to choose:
///
/// ```compile_fail
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::CallAwsServiceCrossRegion;
/// let mut t = cfn_model::Template::new();
/// let call = CallAwsServiceCrossRegion::builder("eu-west-1", "s3", "listBuckets").iam_resources(["*"]).add_to(&mut t).unwrap();
/// let task = Task::new("List", call).wait_for_task_token();
/// ```
#[derive(Debug, Clone)]
pub struct CallAwsServiceCrossRegion {
    function_arn: Expr,
    request: CallAwsServiceCrossRegionBuilder,
}

impl CallAwsServiceCrossRegion {
    /// A call of `action` (camelCase) of `service` (the SDK for JavaScript v3 package name) in
    /// `region` (a literal such as `ap-northeast-1`, or read from the input).
    ///
    /// ```
    /// let b = stepfunctions_tasks::CallAwsServiceCrossRegion::builder("us-east-1", "sfn", "describeStateMachine");
    /// ```
    pub fn builder(
        region: impl Into<Payload>,
        service: impl Into<String>,
        action: impl Into<String>,
    ) -> CallAwsServiceCrossRegionBuilder {
        CallAwsServiceCrossRegionBuilder {
            region: region.into(),
            service: service.into(),
            action: action.into(),
            endpoint: None,
            parameters: None,
            iam_resources: Vec::new(),
            iam_action: None,
            additional_iam_statements: Vec::new(),
            retry_on_service_exceptions: true,
        }
    }

    /// The ARN of the function that makes the call.
    ///
    /// ```
    /// use stepfunctions_tasks::{CallAwsServiceCrossRegion, CROSS_REGION_FUNCTION_ID};
    /// let mut t = cfn_model::Template::new();
    /// let call = CallAwsServiceCrossRegion::builder("eu-west-1", "s3", "listBuckets")
    ///     .iam_resources(["*"]).iam_action("s3:ListAllMyBuckets").add_to(&mut t).unwrap();
    /// assert_eq!(call.function_arn(), &cfn_model::Expr::get_att(CROSS_REGION_FUNCTION_ID, "Arn"));
    /// ```
    pub fn function_arn(&self) -> &Expr {
        &self.function_arn
    }
}

/// A [`CallAwsServiceCrossRegion`] being built; [`add_to`](Self::add_to) finishes it.
#[derive(Debug, Clone)]
pub struct CallAwsServiceCrossRegionBuilder {
    region: Payload,
    service: String,
    action: String,
    endpoint: Option<Payload>,
    parameters: Option<Payload>,
    iam_resources: Vec<Expr>,
    iam_action: Option<String>,
    additional_iam_statements: Vec<PolicyStatement>,
    retry_on_service_exceptions: bool,
}

impl CallAwsServiceCrossRegionBuilder {
    /// The action's input, an object in the SDK's PascalCase. Default: none (`{}`).
    ///
    /// ```
    /// use stepfunctions::{JsonPath, Payload};
    /// let b = stepfunctions_tasks::CallAwsServiceCrossRegion::builder("eu-west-1", "dynamodb", "getItem")
    ///     .parameters(Payload::from_object([("TableName", "T".into())]));
    /// ```
    #[must_use]
    pub fn parameters(mut self, parameters: Payload) -> Self {
        self.parameters = Some(parameters);
        self
    }

    /// The resources the function's role may call the action on (`*` where the action has no
    /// resource-level permission). At least one is required.
    ///
    /// ```
    /// let b = stepfunctions_tasks::CallAwsServiceCrossRegion::builder("eu-west-1", "s3", "getObject")
    ///     .iam_resources(["arn:aws:s3:::my-bucket/*"]);
    /// ```
    #[must_use]
    pub fn iam_resources<R: Into<Expr>>(mut self, resources: impl IntoIterator<Item = R>) -> Self {
        self.iam_resources.extend(resources.into_iter().map(Into::into));
        self
    }

    /// The IAM action to grant instead of `<prefix>:<action>` (`s3:ListAllMyBuckets` for
    /// `listBuckets`). Default: `<prefix>:<action>`.
    ///
    /// ```
    /// let b = stepfunctions_tasks::CallAwsServiceCrossRegion::builder("eu-west-1", "s3", "listBuckets")
    ///     .iam_action("s3:ListAllMyBuckets");
    /// ```
    #[must_use]
    pub fn iam_action(mut self, action: impl Into<String>) -> Self {
        self.iam_action = Some(action.into());
        self
    }

    /// Statements the function's role needs besides the action. Default: none.
    ///
    /// ```
    /// use cfn_model::{iam::PolicyStatement, Expr};
    /// let b = stepfunctions_tasks::CallAwsServiceCrossRegion::builder("eu-west-1", "rekognition", "detectLabels")
    ///     .iam_resources(["*"])
    ///     .additional_iam_statements([PolicyStatement::allow(["s3:GetObject"], [Expr::lit("arn:aws:s3:::photos/*")])]);
    /// ```
    #[must_use]
    pub fn additional_iam_statements(mut self, statements: impl IntoIterator<Item = PolicyStatement>) -> Self {
        self.additional_iam_statements.extend(statements);
        self
    }

    /// The service endpoint to call instead of the region's (a VPC endpoint, a FIPS endpoint).
    /// Default: the region's.
    ///
    /// ```
    /// let b = stepfunctions_tasks::CallAwsServiceCrossRegion::builder("us-east-1", "s3", "listBuckets")
    ///     .endpoint("https://s3-fips.us-east-1.amazonaws.com");
    /// ```
    #[must_use]
    pub fn endpoint(mut self, endpoint: impl Into<Payload>) -> Self {
        self.endpoint = Some(endpoint.into());
        self
    }

    /// Whether to retry Lambda's transient service errors (`Lambda.ServiceException`, ...;
    /// every 2 s, backoff 2, 6 attempts). Default: true.
    ///
    /// ```
    /// let b = stepfunctions_tasks::CallAwsServiceCrossRegion::builder("us-east-1", "s3", "listBuckets")
    ///     .retry_on_service_exceptions(false);
    /// ```
    #[must_use]
    pub fn retry_on_service_exceptions(mut self, retry: bool) -> Self {
        self.retry_on_service_exceptions = retry;
        self
    }

    /// Defines the function in `template` (unless the template has it already: it serves
    /// every cross-region call of the template) and grants it this call, as a policy of its
    /// role; returns the call for [`Task::new`](stepfunctions::Task::new). The call's settings
    /// are checked when the state machine is rendered, with the state's name.
    ///
    /// ```
    /// use stepfunctions_tasks::CallAwsServiceCrossRegion;
    /// let mut t = cfn_model::Template::new();
    /// for region in ["eu-west-1", "us-west-2"] {
    ///     CallAwsServiceCrossRegion::builder(region, "s3", "listBuckets")
    ///         .iam_resources(["*"]).iam_action("s3:ListAllMyBuckets").add_to(&mut t).unwrap();
    /// }
    /// assert_eq!(t.resources().len(), 4, "one function and role, two policies");
    /// ```
    pub fn add_to(self, template: &mut Template) -> Result<CallAwsServiceCrossRegion, stepfunctions::Error> {
        let statements = self.function_statements();
        let function_arn = Expr::get_att(CROSS_REGION_FUNCTION_ID, "Arn");
        match template.resource(CROSS_REGION_FUNCTION_ID) {
            None => {
                statements
                    .into_iter()
                    .fold(
                        InlineFunction::nodejs(CROSS_REGION_FUNCTION_ID, HANDLER).timeout_seconds(30),
                        InlineFunction::add_to_role_policy,
                    )
                    .add_to(template)?;
            }
            Some(r) if r.resource_type() == "AWS::Lambda::Function" => {
                let role_id = format!("{CROSS_REGION_FUNCTION_ID}ServiceRole");
                let base = format!("{role_id}DefaultPolicy");
                let mut n = 2;
                while template.claimed(&format!("{base}{n}")).is_some() {
                    n += 1;
                }
                let name = format!("{base}{n}");
                let mut doc = PolicyDocument::new();
                doc.extend(statements);
                let policy = Policy::new(name.clone(), doc, [Expr::reference(role_id.as_str())]);
                template.add_resource(&name, policy.into_resource())?;
            }
            Some(r) => {
                return Err(stepfunctions::Error::InvalidResource {
                    construct: CROSS_REGION_FUNCTION_ID.into(),
                    field: "Type",
                    reason: format!(
                        "the template's {CROSS_REGION_FUNCTION_ID} is a {}, not the cross-region call function",
                        r.resource_type()
                    ),
                })
            }
        }
        Ok(CallAwsServiceCrossRegion {
            function_arn,
            request: self,
        })
    }

    /// What the function's role needs for the call.
    fn function_statements(&self) -> Vec<PolicyStatement> {
        if self.iam_resources.is_empty() {
            // Reported by `validate`; a statement without resources is not valid IAM.
            return self.additional_iam_statements.clone();
        }
        call_statements(
            iam_prefix(&self.service.replace('-', "")),
            &self.action,
            self.iam_action.as_deref(),
            &self.iam_resources,
            &self.additional_iam_statements,
        )
    }
}

/// `us-east-1`, `ap-northeast-1`, `us-gov-west-1`: a region code.
fn is_region(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    parts.len() >= 3
        && parts[0].len() == 2
        && parts[..parts.len() - 1]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()))
        && parts[parts.len() - 1].bytes().all(|b| b.is_ascii_digit())
        && !parts[parts.len() - 1].is_empty()
}

impl ServiceIntegration for CallAwsServiceCrossRegion {
    const SERVICE: &'static str = "lambda";
    const API: &'static str = "invoke";

    fn resource(&self, _pattern: IntegrationPattern) -> Expr {
        self.function_arn.clone()
    }

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        let r = &self.request;
        let fields = [
            ("region", Some(r.region.clone())),
            ("endpoint", r.endpoint.clone()),
            ("action", Some(Payload::from_text(r.action.as_str()))),
            ("service", Some(Payload::from_text(r.service.as_str()))),
            ("parameters", r.parameters.clone()),
        ];
        Some(object_of_set(fields))
    }

    fn policy_statements(&self, _pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        vec![invoke_statement(
            &LambdaFunction::from_arn(self.function_arn.clone()),
            None,
        )]
    }

    fn default_retries(&self) -> Vec<Retry> {
        if self.request.retry_on_service_exceptions {
            vec![service_exception_retry()]
        } else {
            Vec::new()
        }
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        let r = &self.request;
        if let Some(region) = literal(&r.region) {
            if !is_region(region) {
                return Err(TaskError::field(
                    "region",
                    format!("`{region}` is not a region code such as `ap-northeast-1`"),
                ));
            }
        }
        let service_ok = !r.service.is_empty()
            && !r.service.starts_with('-')
            && !r.service.ends_with('-')
            && r.service
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !service_ok {
            return Err(TaskError::field(
                "service",
                format!(
                    "`{}` is not an AWS SDK for JavaScript v3 service name (the `@aws-sdk/client-<service>` package: `s3`, `sfn`, `cloudwatch-logs`)",
                    r.service
                ),
            ));
        }
        check_call(
            &r.action,
            r.parameters.as_ref(),
            &r.iam_resources,
            r.iam_action.as_deref(),
        )
    }
}
