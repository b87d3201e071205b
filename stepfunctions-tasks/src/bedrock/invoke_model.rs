//! `BedrockInvokeModel`: Bedrock runtime's `InvokeModel`,
//! <https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html>.

use cfn_model::iam::PolicyStatement;
use cfn_model::Expr;
use stepfunctions::TaskError;
use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration};

use super::BedrockModel;
use crate::util::{literal, object_of_set, partition_arn, stack_arn};

/// An S3 object that a Bedrock model reads its input from or writes its output to.
///
/// ```
/// use stepfunctions::JsonPath;
/// use stepfunctions_tasks::BedrockS3Location;
/// let fixed = BedrockS3Location::object("my-input-bucket", "prompts/input.json");
/// assert_eq!(fixed.uri_value(), &stepfunctions::Payload::from_text("s3://my-input-bucket/prompts/input.json"));
/// let from_input = BedrockS3Location::uri(JsonPath::string_at("$.promptUri"), "my-input-bucket");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct BedrockS3Location {
    uri: Payload,
    resource: Expr,
    bucket: Expr,
    key: Option<Expr>,
}

impl BedrockS3Location {
    /// The object `key` of `bucket` (`s3://<bucket>/<key>`); the role is granted that object
    /// only. Each may be a literal or a CloudFormation value (the `Ref` of a bucket).
    ///
    /// ```
    /// let l = stepfunctions_tasks::BedrockS3Location::object(cfn_model::Expr::reference("Prompts"), "in.json");
    /// assert_eq!(l.uri_value(), &stepfunctions::Payload::from_text(cfn_model::Expr::concat([
    ///     cfn_model::Expr::lit("s3://"), cfn_model::Expr::reference("Prompts"), cfn_model::Expr::lit("/in.json"),
    /// ])));
    /// ```
    pub fn object(bucket: impl Into<Expr>, key: impl Into<Expr>) -> Self {
        let (bucket, key) = (bucket.into(), key.into());
        let object = Expr::concat([bucket.clone(), Expr::lit("/"), key.clone()]);
        BedrockS3Location {
            uri: Payload::String(Expr::concat([Expr::lit("s3://"), object.clone()])),
            resource: partition_arn("s3", object),
            bucket,
            key: Some(key),
        }
    }

    /// An `s3://` URI known only when the state runs (read from the input, built with an
    /// intrinsic function or a JSONata expression), of an object in `bucket`: the role is
    /// granted the objects of that bucket (`<bucket>/*`). The CDK grants every object of every
    /// bucket (`arn:<partition>:s3:::*`) for such a URI; name the bucket `*` for that.
    ///
    /// ```
    /// use stepfunctions::JsonPath;
    /// let l = stepfunctions_tasks::BedrockS3Location::uri(JsonPath::string_at("$.answerUri"), "answers");
    /// ```
    pub fn uri(uri: impl Into<Payload>, bucket: impl Into<Expr>) -> Self {
        let bucket = bucket.into();
        BedrockS3Location {
            uri: uri.into(),
            resource: partition_arn("s3", Expr::concat([bucket.clone(), Expr::lit("/*")])),
            bucket,
            key: None,
        }
    }

    /// The value of the call's `S3Uri`.
    ///
    /// ```
    /// let l = stepfunctions_tasks::BedrockS3Location::object("b", "k");
    /// assert_eq!(l.uri_value(), &stepfunctions::Payload::from_text("s3://b/k"));
    /// ```
    pub fn uri_value(&self) -> &Payload {
        &self.uri
    }

    fn check(&self, field: &str) -> Result<(), TaskError> {
        let bad = |reason: String| Err(TaskError::field(format!("{field}.S3Uri"), reason));
        if let Some(bucket) = self.bucket.as_literal() {
            let valid = bucket == "*"
                || ((3..=63).contains(&bucket.len())
                    && bucket
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'-')));
            if !valid {
                return bad(format!(
                    "`{bucket}` is not an S3 bucket name (3 to 63 lowercase letters, digits, `.` or `-`)"
                ));
            }
        }
        if let Some(key) = self.key.as_ref().and_then(Expr::as_literal) {
            if key.is_empty() || key.len() > 1024 {
                return bad(format!("the object key `{key}` must be 1 to 1024 bytes"));
            }
        }
        if self.key.is_none() {
            if let Some(uri) = literal(&self.uri) {
                let in_bucket = uri.strip_prefix("s3://").and_then(|rest| rest.split_once('/'));
                match (in_bucket, self.bucket.as_literal()) {
                    (None, _) => return bad(format!("`{uri}` is not an `s3://<bucket>/<key>` URI")),
                    (Some((b, _)), Some(named)) if named != "*" && b != named => {
                        return bad(format!(
                            "`{uri}` is not in the bucket `{named}` that the role is granted"
                        ))
                    }
                    _ => {}
                }
            }
        }
        Ok(())
    }
}

/// A guardrail applied to a model invocation: its identifier (an id or an ARN) and version.
///
/// ```
/// use stepfunctions_tasks::BedrockGuardrail;
/// let numbered = BedrockGuardrail::enable("guardrail1abc", 1);
/// let draft = BedrockGuardrail::enable_draft("arn:aws:bedrock:us-east-1:123456789012:guardrail/guardrail1abc");
/// let in_template = BedrockGuardrail::enable(cfn_model::Expr::get_att("Guardrail", "GuardrailArn"), 2);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct BedrockGuardrail {
    identifier: Expr,
    version: Option<u32>,
}

impl BedrockGuardrail {
    /// Version `version` (1 to 99999999) of the guardrail. A literal identifier is an id
    /// (lowercase letters and digits) or an ARN (`arn:<partition>:bedrock:<region>:<account>:guardrail/<id>`);
    /// a CloudFormation value is taken as the guardrail's ARN when it is the `GuardrailArn`
    /// attribute of an `AWS::Bedrock::Guardrail`, as its id otherwise (`GuardrailId`).
    ///
    /// ```
    /// let g = stepfunctions_tasks::BedrockGuardrail::enable("guardrail1abc", 3);
    /// ```
    pub fn enable(identifier: impl Into<Expr>, version: u32) -> Self {
        BedrockGuardrail {
            identifier: identifier.into(),
            version: Some(version),
        }
    }

    /// The working draft of the guardrail (`DRAFT`).
    ///
    /// ```
    /// let g = stepfunctions_tasks::BedrockGuardrail::enable_draft("guardrail1abc");
    /// ```
    pub fn enable_draft(identifier: impl Into<Expr>) -> Self {
        BedrockGuardrail {
            identifier: identifier.into(),
            version: None,
        }
    }

    fn is_arn(&self) -> bool {
        match &self.identifier {
            Expr::Literal(text) => text.starts_with("arn:"),
            Expr::GetAtt(_, attribute) => attribute == "GuardrailArn",
            _ => false,
        }
    }

    /// The resource of `bedrock:ApplyGuardrail`: the ARN, or the stack's `guardrail/<id>`.
    fn arn(&self) -> Expr {
        if self.is_arn() {
            self.identifier.clone()
        } else {
            stack_arn(
                "bedrock",
                Expr::concat([Expr::lit("guardrail/"), self.identifier.clone()]),
            )
        }
    }

    fn version_text(&self) -> String {
        self.version.map_or_else(|| "DRAFT".to_owned(), |v| v.to_string())
    }

    fn check(&self) -> Result<(), TaskError> {
        if let Some(v) = self.version {
            if !(1..=99_999_999).contains(&v) {
                return Err(TaskError::field(
                    "GuardrailVersion",
                    format!("guardrail version {v} is not 1 to 99999999"),
                ));
            }
        }
        if let Some(text) = self.identifier.as_literal() {
            let id = if text.starts_with("arn:") {
                let fields: Vec<&str> = text.splitn(6, ':').collect();
                match fields.as_slice() {
                    [_, partition, "bedrock", region, account, resource]
                        if partition.starts_with("aws")
                            && !region.is_empty()
                            && account.len() == 12
                            && account.bytes().all(|b| b.is_ascii_digit()) =>
                    {
                        resource.strip_prefix("guardrail/")
                    }
                    _ => None,
                }
            } else {
                Some(text)
            };
            let valid = text.len() <= 2048
                && id.is_some_and(|id| {
                    !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
                });
            if !valid {
                return Err(TaskError::field(
                    "GuardrailIdentifier",
                    format!(
                        "`{text}` is not a guardrail id (lowercase letters and digits) or ARN \
                         (`arn:<partition>:bedrock:<region>:<account>:guardrail/<id>`)"
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// Invokes a Bedrock model (`arn:aws:states:::bedrock:invokeModel`) with a request body, or
/// with its input read from S3 ([`from_s3`](Self::from_s3)): one of the two, by constructor.
/// The result is the model's response (`Body`), or with [`output`](Self::output) a reference
/// to the S3 object it was written to. Request-response only.
///
/// IAM, as the Step Functions IAM policies for Bedrock give it: `bedrock:InvokeModel` on the
/// model; `s3:GetObject` on the input object and `s3:PutObject` on the output object;
/// `bedrock:ApplyGuardrail` on the guardrail.
///
/// Deviation from the CDK: for an S3 URI read at run time, the CDK grants the object actions
/// on every bucket (`arn:<partition>:s3:::*`); here on the bucket the location names
/// ([`BedrockS3Location::uri`]).
///
/// ```
/// use serde_json::json;
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{BedrockGuardrail, BedrockInvokeModel, BedrockModel};
/// let model = BedrockModel::foundation("amazon.titan-text-express-v1");
/// let body = Payload::from_json(json!({"inputText": "Generate a list of five first names."}));
/// let task = Task::new("Prompt", BedrockInvokeModel::new(&model, body)
///     .guardrail(BedrockGuardrail::enable("guardrail1abc", 1))
///     .trace(true));
/// let r = stepfunctions::testing::render_state(task).unwrap();
/// assert_eq!(r["States"]["Prompt"]["Parameters"]["GuardrailVersion"], "1");
/// assert_eq!(r["States"]["Prompt"]["Parameters"]["Trace"], "ENABLED");
/// ```
///
/// Bedrock has no run-job or callback pattern:
///
/// ```compile_fail
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{BedrockInvokeModel, BedrockModel};
/// let m = BedrockModel::foundation("amazon.titan-text-express-v1");
/// let t = Task::new("Prompt", BedrockInvokeModel::new(&m, Payload::empty_object())).run_job();
/// ```
#[derive(Debug, Clone)]
pub struct BedrockInvokeModel {
    model: BedrockModel,
    body: Option<Payload>,
    input: Option<BedrockS3Location>,
    output: Option<BedrockS3Location>,
    accept: Option<Payload>,
    content_type: Option<Payload>,
    guardrail: Option<BedrockGuardrail>,
    trace: Option<bool>,
}

impl BedrockInvokeModel {
    /// Invokes `model` with `body`, the inference request in the model's own format (CDK's
    /// `body`).
    ///
    /// ```
    /// use stepfunctions::{JsonPath, Payload};
    /// use stepfunctions_tasks::{BedrockInvokeModel, BedrockModel};
    /// let m = BedrockModel::foundation("amazon.titan-text-express-v1");
    /// let task = BedrockInvokeModel::new(&m, Payload::from_object([("inputText", JsonPath::string_at("$.prompt"))]));
    /// ```
    pub fn new(model: &BedrockModel, body: impl Into<Payload>) -> Self {
        BedrockInvokeModel {
            body: Some(body.into()),
            ..Self::empty(model)
        }
    }

    /// Invokes `model` with the request read from an S3 object (CDK's `input`), for requests
    /// larger than a state's input can be.
    ///
    /// ```
    /// use stepfunctions_tasks::{BedrockInvokeModel, BedrockModel, BedrockS3Location};
    /// let m = BedrockModel::foundation("amazon.titan-text-express-v1");
    /// let task = BedrockInvokeModel::from_s3(&m, BedrockS3Location::object("prompts", "input.json"));
    /// ```
    pub fn from_s3(model: &BedrockModel, input: BedrockS3Location) -> Self {
        BedrockInvokeModel {
            input: Some(input),
            ..Self::empty(model)
        }
    }

    fn empty(model: &BedrockModel) -> Self {
        BedrockInvokeModel {
            model: model.clone(),
            body: None,
            input: None,
            output: None,
            accept: None,
            content_type: None,
            guardrail: None,
            trace: None,
        }
    }

    /// Writes the response to an S3 object; the task's result is then a reference to it.
    /// Default: the response is the result.
    ///
    /// ```
    /// use stepfunctions_tasks::{BedrockInvokeModel, BedrockModel, BedrockS3Location};
    /// let m = BedrockModel::foundation("amazon.titan-text-express-v1");
    /// let task = BedrockInvokeModel::from_s3(&m, BedrockS3Location::object("prompts", "in.json"))
    ///     .output(BedrockS3Location::object("answers", "out.json"));
    /// ```
    #[must_use]
    pub fn output(mut self, output: BedrockS3Location) -> Self {
        self.output = Some(output);
        self
    }

    /// The MIME type of the response body (`Accept`). Default: the service's,
    /// `application/json`.
    ///
    /// ```
    /// # let m = stepfunctions_tasks::BedrockModel::foundation("amazon.titan-text-express-v1");
    /// let task = stepfunctions_tasks::BedrockInvokeModel::new(&m, stepfunctions::Payload::empty_object())
    ///     .accept("application/json");
    /// ```
    #[must_use]
    pub fn accept(mut self, accept: impl Into<Payload>) -> Self {
        self.accept = Some(accept.into());
        self
    }

    /// The MIME type of the request body (`ContentType`). Default: the service's,
    /// `application/json`.
    ///
    /// ```
    /// # let m = stepfunctions_tasks::BedrockModel::foundation("amazon.titan-text-express-v1");
    /// let task = stepfunctions_tasks::BedrockInvokeModel::new(&m, stepfunctions::Payload::empty_object())
    ///     .content_type("application/json");
    /// ```
    #[must_use]
    pub fn content_type(mut self, content_type: impl Into<Payload>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// Applies a guardrail to the invocation. Default: none.
    ///
    /// ```
    /// # let m = stepfunctions_tasks::BedrockModel::foundation("amazon.titan-text-express-v1");
    /// use stepfunctions_tasks::BedrockGuardrail;
    /// let task = stepfunctions_tasks::BedrockInvokeModel::new(&m, stepfunctions::Payload::empty_object())
    ///     .guardrail(BedrockGuardrail::enable_draft("guardrail1abc"));
    /// ```
    #[must_use]
    pub fn guardrail(mut self, guardrail: BedrockGuardrail) -> Self {
        self.guardrail = Some(guardrail);
        self
    }

    /// Enables (`ENABLED`) or disables (`DISABLED`) the Bedrock trace of a guardrail's
    /// evaluation. Default: not sent (the service's default, disabled).
    ///
    /// ```
    /// # let m = stepfunctions_tasks::BedrockModel::foundation("amazon.titan-text-express-v1");
    /// let task = stepfunctions_tasks::BedrockInvokeModel::new(&m, stepfunctions::Payload::empty_object()).trace(true);
    /// ```
    #[must_use]
    pub fn trace(mut self, enabled: bool) -> Self {
        self.trace = Some(enabled);
        self
    }
}

fn s3_uri(location: &BedrockS3Location) -> Payload {
    Payload::from_object([("S3Uri", location.uri.clone())])
}

impl ServiceIntegration for BedrockInvokeModel {
    const SERVICE: &'static str = "bedrock";
    const API: &'static str = "invokeModel";

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        let fields = [
            ("ModelId", Some(Payload::String(self.model.arn.clone()))),
            ("Accept", self.accept.clone()),
            ("ContentType", self.content_type.clone()),
            ("Body", self.body.clone()),
            ("Input", self.input.as_ref().map(s3_uri)),
            ("Output", self.output.as_ref().map(s3_uri)),
            (
                "GuardrailIdentifier",
                self.guardrail.as_ref().map(|g| Payload::String(g.identifier.clone())),
            ),
            (
                "GuardrailVersion",
                self.guardrail.as_ref().map(|g| Payload::from_text(g.version_text())),
            ),
            (
                "Trace",
                self.trace
                    .map(|on| Payload::from_text(if on { "ENABLED" } else { "DISABLED" })),
            ),
        ];
        Some(object_of_set(fields))
    }

    fn policy_statements(&self, _pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        let mut statements = vec![PolicyStatement::allow(
            ["bedrock:InvokeModel"],
            [self.model.arn.clone()],
        )];
        if let Some(input) = &self.input {
            statements.push(PolicyStatement::allow(["s3:GetObject"], [input.resource.clone()]));
        }
        if let Some(output) = &self.output {
            statements.push(PolicyStatement::allow(["s3:PutObject"], [output.resource.clone()]));
        }
        if let Some(guardrail) = &self.guardrail {
            statements.push(PolicyStatement::allow(["bedrock:ApplyGuardrail"], [guardrail.arn()]));
        }
        statements
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        self.model
            .check()
            .map_err(|reason| TaskError::field("ModelId", reason))?;
        if let Some(input) = &self.input {
            input.check("Input")?;
        }
        if let Some(output) = &self.output {
            output.check("Output")?;
        }
        if let Some(guardrail) = &self.guardrail {
            guardrail.check()?;
        }
        Ok(())
    }
}
