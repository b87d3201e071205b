//! `HttpInvoke`: `arn:aws:states:::http:invoke`.

use cfn_model::iam::PolicyStatement;
use cfn_model::{Expr, Resource, Template, Value};
use stepfunctions::model::{Arg, Jsonata};
use stepfunctions::TaskError;
use stepfunctions::{IntegrationPattern, JsonPath, Payload, ServiceIntegration};

use crate::util::{literal, object_of_set, stack_arn};
use crate::HttpMethod;

/// An EventBridge connection: the credentials Step Functions adds to each HTTP request, kept by
/// EventBridge in a Secrets Manager secret.
///
/// ```
/// use stepfunctions_tasks::EventBridgeConnection;
/// let imported = EventBridgeConnection::from_arns(
///     "arn:aws:events:us-east-1:123456789012:connection/MyConnection/11111111-2222-3333-4444-555555555555",
///     "arn:aws:secretsmanager:us-east-1:123456789012:secret:events!connection/MyConnection/abcdef-AbCdEf",
/// );
/// let mut t = cfn_model::Template::new();
/// let key = t.add_parameter("ApiKey", cfn_model::Parameter::string().no_echo()).unwrap();
/// let defined = EventBridgeConnection::api_key("Connection", "x-api-key", key).add_to(&mut t).unwrap();
/// assert_eq!(defined.arn(), &cfn_model::Expr::get_att("Connection", "Arn"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EventBridgeConnection {
    arn: Expr,
    secret_arn: Expr,
}

impl EventBridgeConnection {
    /// A connection that exists: its ARN and its secret's ARN (`SecretArn`).
    ///
    /// ```
    /// let c = stepfunctions_tasks::EventBridgeConnection::from_arns(
    ///     cfn_model::Expr::reference("ConnectionArn"),
    ///     cfn_model::Expr::reference("ConnectionSecretArn"),
    /// );
    /// ```
    pub fn from_arns(arn: impl Into<Expr>, secret_arn: impl Into<Expr>) -> Self {
        EventBridgeConnection {
            arn: arn.into(),
            secret_arn: secret_arn.into(),
        }
    }

    /// A connection of the template that sends an API key in the header `header` (the value
    /// best read from a `NoEcho` parameter or a dynamic reference to a secret).
    ///
    /// ```
    /// let d = stepfunctions_tasks::EventBridgeConnection::api_key("Connection", "x-api-key", "{{resolve:secretsmanager:api-key}}");
    /// ```
    pub fn api_key(
        construct_id: impl Into<String>,
        header: impl Into<Expr>,
        value: impl Into<Expr>,
    ) -> EventBridgeConnectionDefinition {
        EventBridgeConnectionDefinition {
            construct_id: construct_id.into(),
            authorization: "API_KEY",
            parameters: Value::map([(
                "ApiKeyAuthParameters",
                Value::map([
                    ("ApiKeyName", Value::from(header.into())),
                    ("ApiKeyValue", Value::from(value.into())),
                ]),
            )]),
            description: None,
        }
    }

    /// A connection of the template that sends HTTP basic credentials.
    ///
    /// ```
    /// let d = stepfunctions_tasks::EventBridgeConnection::basic("Connection", "user", cfn_model::Expr::reference("Password"));
    /// ```
    pub fn basic(
        construct_id: impl Into<String>,
        username: impl Into<Expr>,
        password: impl Into<Expr>,
    ) -> EventBridgeConnectionDefinition {
        EventBridgeConnectionDefinition {
            construct_id: construct_id.into(),
            authorization: "BASIC",
            parameters: Value::map([(
                "BasicAuthParameters",
                Value::map([
                    ("Username", Value::from(username.into())),
                    ("Password", Value::from(password.into())),
                ]),
            )]),
            description: None,
        }
    }

    /// The connection's ARN.
    ///
    /// ```
    /// let c = stepfunctions_tasks::EventBridgeConnection::from_arns("arn:a", "arn:s");
    /// assert_eq!(c.arn().as_literal(), Some("arn:a"));
    /// ```
    pub fn arn(&self) -> &Expr {
        &self.arn
    }

    /// The ARN of the connection's secret.
    ///
    /// ```
    /// let c = stepfunctions_tasks::EventBridgeConnection::from_arns("arn:a", "arn:s");
    /// assert_eq!(c.secret_arn().as_literal(), Some("arn:s"));
    /// ```
    pub fn secret_arn(&self) -> &Expr {
        &self.secret_arn
    }
}

/// An `AWS::Events::Connection` to add to a template ([`EventBridgeConnection::api_key`],
/// [`EventBridgeConnection::basic`]).
#[derive(Debug, Clone)]
pub struct EventBridgeConnectionDefinition {
    construct_id: String,
    authorization: &'static str,
    parameters: Value,
    description: Option<String>,
}

impl EventBridgeConnectionDefinition {
    /// A description of the connection. Default: none.
    ///
    /// ```
    /// let d = stepfunctions_tasks::EventBridgeConnection::basic("C", "u", "p").description("partner API");
    /// ```
    #[must_use]
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.description = Some(text.into());
        self
    }

    /// Adds the connection; returns it with its `Arn` and `SecretArn` attributes.
    ///
    /// ```
    /// let mut t = cfn_model::Template::new();
    /// let c = stepfunctions_tasks::EventBridgeConnection::basic("Partner", "u", "p").add_to(&mut t).unwrap();
    /// assert_eq!(c.secret_arn(), &cfn_model::Expr::get_att("Partner", "SecretArn"));
    /// ```
    pub fn add_to(self, template: &mut Template) -> Result<EventBridgeConnection, stepfunctions::Error> {
        let resource = Resource::new("AWS::Events::Connection")
            .property("AuthorizationType", Value::from(self.authorization))
            .property("AuthParameters", self.parameters)
            .property_opt("Description", self.description.map(Value::from));
        let id = template.add_resource(&self.construct_id, resource)?;
        Ok(EventBridgeConnection::from_arns(
            Expr::get_att(id.as_str(), "Arn"),
            Expr::get_att(id.as_str(), "SecretArn"),
        ))
    }
}

/// How the request body is URL-encoded (`Transform.RequestBodyEncoding: URL_ENCODED`), and how
/// its arrays are written (`RequestEncodingOptions.ArrayFormat`).
///
/// ```
/// let e = stepfunctions_tasks::HttpUrlEncoding::Brackets;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HttpUrlEncoding {
    /// URL-encoded, arrays in the service's default form (`INDICES`), no `ArrayFormat` sent.
    Default,
    /// `a[0]=x&a[1]=y`.
    Indices,
    /// `a=x&a=y`.
    Repeat,
    /// `a=x,y`.
    Commas,
    /// `a[]=x&a[]=y`.
    Brackets,
}

const FORBIDDEN_HEADERS: &[&str] = &[
    "authorization",
    "connection",
    "content-length",
    "expect",
    "host",
    "max-forwards",
    "proxy-authenticate",
    "server",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "via",
    "www-authenticate",
];

/// Calls an HTTPS API (`arn:aws:states:::http:invoke`, the HTTP Task): `Method` on
/// `<api root>/<endpoint>`, authenticated by an [`EventBridgeConnection`], with optional
/// headers, query parameters and body (URL-encoded with [`url_encoding`](Self::url_encoding),
/// which also sets `Content-Type: application/x-www-form-urlencoded`, as the service requires).
/// The endpoint may be read at run time: the URL is then `States.Format('{}/{}', root, endpoint)`
/// (a JSONata expression in a JSONata state). Request-response only.
///
/// IAM, as the HTTP Task's documentation gives it: `events:RetrieveConnectionCredentials` on the
/// connection, `secretsmanager:GetSecretValue` and `secretsmanager:DescribeSecret` on its
/// secret, and `states:InvokeHTTPEndpoint` on the state machines of the stack's account and
/// region, for URLs under the root (`states:HTTPEndpoint` like `<root>/*`) and, with a literal
/// method, that method only (`states:HTTPMethod`).
///
/// Deviations from the CDK, reviewed in the parity test: the CDK grants `states:InvokeHTTPEndpoint`
/// on `*`, for any method, and for `<root>*`, which also matches other hosts
/// (`https://api.example.com.evil.example/`).
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{EventBridgeConnection, HttpInvoke, HttpMethod};
/// let connection = EventBridgeConnection::from_arns(
///     "arn:aws:events:us-east-1:123456789012:connection/MyConnection/11111111-2222-3333-4444-555555555555",
///     "arn:aws:secretsmanager:us-east-1:123456789012:secret:events!connection/MyConnection/abcdef-AbCdEf",
/// );
/// let call = HttpInvoke::new(&connection, "https://api.example.com", "v1/orders", HttpMethod::Get);
/// let r = stepfunctions::testing::render_state(Task::new("Get Orders", call)).unwrap();
/// assert_eq!(r["States"]["Get Orders"]["Parameters"]["ApiEndpoint"], "https://api.example.com/v1/orders");
/// ```
///
/// The HTTP Task has no run-job or callback pattern:
///
/// ```compile_fail
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{EventBridgeConnection, HttpInvoke, HttpMethod};
/// let c = EventBridgeConnection::from_arns("arn:a", "arn:s");
/// let t = Task::new("Call", HttpInvoke::new(&c, "https://api.example.com", "x", HttpMethod::Get)).run_job();
/// ```
#[derive(Debug, Clone)]
pub struct HttpInvoke {
    connection: EventBridgeConnection,
    api_root: Expr,
    endpoint: Payload,
    method: Payload,
    headers: Option<Payload>,
    query: Option<Payload>,
    body: Option<Payload>,
    encoding: Option<HttpUrlEncoding>,
}

impl HttpInvoke {
    /// Calls `method` (an [`HttpMethod`], or a method read from the input) on
    /// `<api_root>/<endpoint>`: the root is an `https://` URL without a trailing `/` (a literal
    /// or a CloudFormation value), the endpoint a path under it (a literal, or read from the
    /// input, or built with `States.Format`).
    ///
    /// ```
    /// use stepfunctions::JsonPath;
    /// use stepfunctions_tasks::{EventBridgeConnection, HttpInvoke, HttpMethod};
    /// let c = EventBridgeConnection::from_arns("arn:aws:events:us-east-1:123456789012:connection/C/1", "arn:s");
    /// let call = HttpInvoke::new(&c, "https://api.example.com", JsonPath::format("orders/{}", [JsonPath::string_at("$.id").into()]), HttpMethod::Delete);
    /// ```
    pub fn new(
        connection: &EventBridgeConnection,
        api_root: impl Into<Expr>,
        endpoint: impl Into<Payload>,
        method: impl Into<HttpInvokeMethod>,
    ) -> Self {
        HttpInvoke {
            connection: connection.clone(),
            api_root: api_root.into(),
            endpoint: endpoint.into(),
            method: method.into().0,
            headers: None,
            query: None,
            body: None,
            encoding: None,
        }
    }

    /// Request headers (an object; the connection's own headers win over these). Default: none.
    ///
    /// ```
    /// # let c = stepfunctions_tasks::EventBridgeConnection::from_arns("arn:a", "arn:s");
    /// use stepfunctions::Payload;
    /// let call = stepfunctions_tasks::HttpInvoke::new(&c, "https://api.example.com", "x", stepfunctions_tasks::HttpMethod::Get)
    ///     .headers(Payload::from_object([("Accept", "application/json".into())]));
    /// ```
    #[must_use]
    pub fn headers(mut self, headers: Payload) -> Self {
        self.headers = Some(headers);
        self
    }

    /// Query string parameters (an object). Default: none.
    ///
    /// ```
    /// # let c = stepfunctions_tasks::EventBridgeConnection::from_arns("arn:a", "arn:s");
    /// use stepfunctions::Payload;
    /// let call = stepfunctions_tasks::HttpInvoke::new(&c, "https://api.example.com", "x", stepfunctions_tasks::HttpMethod::Get)
    ///     .query_parameters(Payload::from_object([("page", "1".into())]));
    /// ```
    #[must_use]
    pub fn query_parameters(mut self, parameters: Payload) -> Self {
        self.query = Some(parameters);
        self
    }

    /// The request body (JSON, or text). Default: none.
    ///
    /// ```
    /// # let c = stepfunctions_tasks::EventBridgeConnection::from_arns("arn:a", "arn:s");
    /// use stepfunctions::JsonPath;
    /// let call = stepfunctions_tasks::HttpInvoke::new(&c, "https://api.example.com", "x", stepfunctions_tasks::HttpMethod::Post)
    ///     .body(JsonPath::object_at("$.order"));
    /// ```
    #[must_use]
    pub fn body(mut self, body: impl Into<Payload>) -> Self {
        self.body = Some(body.into());
        self
    }

    /// Sends the body URL-encoded, with `Content-Type: application/x-www-form-urlencoded`
    /// (replacing a `Content-Type` of the headers). Default: the body as it is.
    ///
    /// ```
    /// # let c = stepfunctions_tasks::EventBridgeConnection::from_arns("arn:a", "arn:s");
    /// use stepfunctions_tasks::HttpUrlEncoding;
    /// let call = stepfunctions_tasks::HttpInvoke::new(&c, "https://api.example.com", "x", stepfunctions_tasks::HttpMethod::Post)
    ///     .url_encoding(HttpUrlEncoding::Repeat);
    /// ```
    #[must_use]
    pub fn url_encoding(mut self, encoding: HttpUrlEncoding) -> Self {
        self.encoding = Some(encoding);
        self
    }

    fn api_endpoint(&self) -> Payload {
        let root = &self.api_root;
        match &self.endpoint {
            Payload::String(e) => Payload::String(Expr::concat([root.clone(), Expr::lit("/"), e.clone()])),
            Payload::Jsonata(j) => {
                let root = root.as_literal().unwrap_or_default();
                Payload::Jsonata(Jsonata::new(format!(
                    "{} & '/' & ({})",
                    Jsonata::string(root).as_str(),
                    j.as_str()
                )))
            }
            other => JsonPath::format(
                "{}/{}",
                [
                    Arg::Str(root.as_literal().unwrap_or_default().to_owned()),
                    Arg::from(other.clone()),
                ],
            ),
        }
    }

    fn headers_payload(&self) -> Option<Payload> {
        if self.encoding.is_none() {
            return self.headers.clone();
        }
        let mut fields = match &self.headers {
            Some(Payload::Object(fields)) => fields.clone(),
            _ => Default::default(),
        };
        fields.retain(|k, _| !k.eq_ignore_ascii_case("content-type"));
        fields.insert(
            "Content-Type".into(),
            Payload::from_text("application/x-www-form-urlencoded"),
        );
        Some(Payload::Object(fields))
    }
}

/// The method of an [`HttpInvoke`]: an [`HttpMethod`], or a value read at run time.
///
/// ```
/// use stepfunctions_tasks::{HttpInvokeMethod, HttpMethod};
/// let fixed: HttpInvokeMethod = HttpMethod::Post.into();
/// let from_input: HttpInvokeMethod = stepfunctions::JsonPath::string_at("$.method").into();
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct HttpInvokeMethod(Payload);

impl From<HttpMethod> for HttpInvokeMethod {
    fn from(m: HttpMethod) -> Self {
        HttpInvokeMethod(Payload::from_text(m.as_str()))
    }
}

impl From<Payload> for HttpInvokeMethod {
    fn from(p: Payload) -> Self {
        HttpInvokeMethod(p)
    }
}

impl ServiceIntegration for HttpInvoke {
    const SERVICE: &'static str = "http";
    const API: &'static str = "invoke";

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        let transform = self.encoding.map(|e| {
            let format = match e {
                HttpUrlEncoding::Default => None,
                HttpUrlEncoding::Indices => Some("INDICES"),
                HttpUrlEncoding::Repeat => Some("REPEAT"),
                HttpUrlEncoding::Commas => Some("COMMAS"),
                HttpUrlEncoding::Brackets => Some("BRACKETS"),
            };
            let mut fields = vec![("RequestBodyEncoding", Payload::from_text("URL_ENCODED"))];
            if let Some(f) = format {
                fields.push((
                    "RequestEncodingOptions",
                    Payload::from_object([("ArrayFormat", Payload::from_text(f))]),
                ));
            }
            Payload::from_object(fields)
        });
        let fields = [
            ("ApiEndpoint", Some(self.api_endpoint())),
            (
                "Authentication",
                Some(Payload::from_object([(
                    "ConnectionArn",
                    Payload::String(self.connection.arn.clone()),
                )])),
            ),
            ("Method", Some(self.method.clone())),
            ("Headers", self.headers_payload()),
            ("RequestBody", self.body.clone()),
            ("QueryParameters", self.query.clone()),
            ("Transform", transform),
        ];
        Some(object_of_set(fields))
    }

    fn policy_statements(&self, _pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        let mut invoke = PolicyStatement::allow(["states:InvokeHTTPEndpoint"], [stack_arn("states", "stateMachine:*")])
            .condition(
                "StringLike",
                "states:HTTPEndpoint",
                [Expr::concat([self.api_root.clone(), Expr::lit("/*")])],
            );
        if let Some(method) = literal(&self.method) {
            invoke = invoke.condition("StringEquals", "states:HTTPMethod", [Expr::lit(method)]);
        }
        vec![
            PolicyStatement::allow(["events:RetrieveConnectionCredentials"], [self.connection.arn.clone()]),
            PolicyStatement::allow(
                ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
                [self.connection.secret_arn.clone()],
            ),
            invoke,
        ]
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        match self.api_root.as_literal() {
            Some(root) if !root.starts_with("https://") || root.ends_with('/') || root.len() <= "https://".len() => {
                return Err(TaskError::field(
                    "ApiEndpoint",
                    format!("the API root `{root}` must be an `https://` URL without a trailing `/`"),
                ))
            }
            None if !matches!(self.endpoint, Payload::String(_)) => {
                return Err(TaskError::field(
                    "ApiEndpoint",
                    "an endpoint read at run time needs a literal API root, which the URL is built from",
                ))
            }
            _ => {}
        }
        if let Some(endpoint) = literal(&self.endpoint) {
            if endpoint.starts_with('/') {
                return Err(TaskError::field(
                    "ApiEndpoint",
                    format!("the endpoint `{endpoint}` is a path under the root, without a leading `/`"),
                ));
            }
        }
        if let Some(method) = literal(&self.method) {
            const METHODS: [&str; 7] = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"];
            if !METHODS.contains(&method) {
                return Err(TaskError::field(
                    "Method",
                    format!("`{method}` is not one of {}", METHODS.join(", ")),
                ));
            }
        }
        match &self.headers {
            Some(Payload::Object(fields)) => {
                if let Some(name) = fields.keys().find(|k| {
                    let lower = k.to_ascii_lowercase();
                    FORBIDDEN_HEADERS.contains(&lower.as_str())
                        || lower.starts_with("x-forwarded")
                        || lower.starts_with("x-amz")
                }) {
                    return Err(TaskError::field(
                        "Headers",
                        format!("the HTTP Task does not send the header `{name}`; set credentials on the connection"),
                    ));
                }
            }
            Some(_) if self.encoding.is_some() => {
                return Err(TaskError::field(
                    "Headers",
                    "with URL encoding the headers must be an object, to which Content-Type is added",
                ))
            }
            _ => {}
        }
        Ok(())
    }
}
