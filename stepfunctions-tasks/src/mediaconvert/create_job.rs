//! `MediaConvertCreateJob`: MediaConvert's `CreateJob`,
//! <https://docs.aws.amazon.com/mediaconvert/latest/apireference/jobs.html#jobspost>.

use cfn_model::iam::PolicyStatement;
use cfn_model::Expr;
use stepfunctions::TaskError;
use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration, SupportsRunJob};

use crate::util::{is_role_arn, managed_rule_statement, static_value};

/// The EventBridge rule Step Functions manages to learn that a job ended.
const RULE: &str = "StepFunctionsGetEventsForMediaConvertJobRule";

/// Creates a MediaConvert transcoding job (`arn:aws:states:::mediaconvert:createJob`), with the
/// `CreateJob` request as given (CDK's `createJobRequest`): its `Role` and `Settings` are
/// required, every other field of the API (`Queue`, `JobTemplate`, `Priority`,
/// `UserMetadata`, `Tags`, ...) passes through. Request-response (the default) or run-job
/// ([`Task::run_job`](stepfunctions::Task::run_job), `.sync`, which waits for the job to end).
///
/// IAM, as the Step Functions IAM templates give it: MediaConvert has no resource-level
/// permissions for these actions, so `mediaconvert:CreateJob` (and with run-job
/// `mediaconvert:GetJob`, `mediaconvert:CancelJob` and the managed rule) is on `*`;
/// `iam:PassRole` on the request's `Role` for `mediaconvert.amazonaws.com` only (on `*`, with
/// that condition, when the role is read from the input). A request with `Tags` also gets
/// `mediaconvert:TagResource`, which `CreateJob` authorizes for tagging (Service
/// Authorization Reference); the CDK omits it.
///
/// ```
/// use serde_json::json;
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::MediaConvertCreateJob;
/// let request = Payload::from_json(json!({
///     "Role": "arn:aws:iam::123456789012:role/MediaConvertRole",
///     "Settings": {
///         "Inputs": [{"FileInput.$": "$.inputFile"}],
///         "OutputGroups": [{"OutputGroupSettings": {
///             "Type": "FILE_GROUP_SETTINGS",
///             "FileGroupSettings": {"Destination": "s3://my-bucket/out/"}
///         }}]
///     }
/// }));
/// let task = Task::new("Transcode", MediaConvertCreateJob::new(request)).run_job();
/// let r = stepfunctions::testing::render_state(task).unwrap();
/// let state = &r["States"]["Transcode"];
/// assert_eq!(state["Parameters"]["Settings"]["Inputs"][0]["FileInput.$"], "$.inputFile");
/// assert_eq!(r["PolicyStatements"][0]["Action"], "iam:PassRole");
/// ```
///
/// MediaConvert has no callback pattern:
///
/// ```compile_fail
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::MediaConvertCreateJob;
/// let t = Task::new("Transcode", MediaConvertCreateJob::new(Payload::empty_object())).wait_for_task_token();
/// ```
#[derive(Debug, Clone)]
pub struct MediaConvertCreateJob {
    request: Payload,
}

impl MediaConvertCreateJob {
    /// A job from the `CreateJob` request: an object with `Role` (an IAM role ARN, a
    /// CloudFormation value or a path) and `Settings`, in the API's field names.
    ///
    /// ```
    /// use serde_json::json;
    /// use stepfunctions::Payload;
    /// use stepfunctions_tasks::MediaConvertCreateJob;
    /// let job = MediaConvertCreateJob::new(Payload::from_json(json!({
    ///     "Role.$": "$.role",
    ///     "JobTemplate": "System-Generic_Hd_Mp4_Avc_Aac_16x9_1920x1080p_24Hz_6Mbps",
    ///     "Settings": {"Inputs": [{"FileInput.$": "$.input"}]}
    /// })));
    /// ```
    pub fn new(request: Payload) -> Self {
        MediaConvertCreateJob { request }
    }

    fn field(&self, name: &str) -> Option<&Payload> {
        match &self.request {
            Payload::Object(fields) => fields.get(name),
            _ => None,
        }
    }
}

impl ServiceIntegration for MediaConvertCreateJob {
    const SERVICE: &'static str = "mediaconvert";
    const API: &'static str = "createJob";

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        Some(self.request.clone())
    }

    fn policy_statements(&self, pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        let role = self
            .field("Role")
            .and_then(static_value)
            .cloned()
            .unwrap_or_else(|| Expr::lit("*"));
        let mut statements = vec![
            PolicyStatement::allow(["iam:PassRole"], [role]).condition(
                "StringLike",
                "iam:PassedToService",
                [Expr::lit("mediaconvert.amazonaws.com")],
            ),
            PolicyStatement::allow(["mediaconvert:CreateJob"], [Expr::lit("*")]),
        ];
        if self.field("Tags").is_some() {
            statements.push(PolicyStatement::allow(["mediaconvert:TagResource"], [Expr::lit("*")]));
        }
        if pattern == IntegrationPattern::RunJob {
            statements.push(PolicyStatement::allow(
                ["mediaconvert:GetJob", "mediaconvert:CancelJob"],
                [Expr::lit("*")],
            ));
            statements.push(managed_rule_statement(RULE));
        }
        statements
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        if !matches!(self.request, Payload::Object(_)) {
            return Err(TaskError::field(
                "Parameters",
                "the CreateJob request is an object with `Role` and `Settings`",
            ));
        }
        for required in ["Role", "Settings"] {
            if self.field(required).is_none() {
                return Err(TaskError::field(
                    required,
                    format!("the CreateJob request needs `{required}`"),
                ));
            }
        }
        match self.field("Role").and_then(static_value).and_then(Expr::as_literal) {
            Some(arn) if !is_role_arn(arn) => Err(TaskError::field(
                "Role",
                format!("`{arn}` is not an IAM role ARN (`arn:<partition>:iam::<account>:role/<name>`)"),
            )),
            _ => Ok(()),
        }
    }
}

impl SupportsRunJob for MediaConvertCreateJob {}
