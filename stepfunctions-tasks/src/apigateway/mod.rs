//! Amazon API Gateway: call a REST API or an HTTP API endpoint.
//!
//! See <https://docs.aws.amazon.com/step-functions/latest/dg/connect-api-gateway.html>.
//!
//! The APIs are referenced by id ([`RestApi::from_id`], [`HttpApi::from_id`]); a minimal
//! deployable API can be defined in the same template with [`RestApi::define`] and
//! [`HttpApi::define`].

mod apis;
mod call_http_api;
mod call_rest_api;

use cfn_model::iam::PolicyStatement;
use cfn_model::Expr;
use stepfunctions::Payload;

pub use apis::{HttpApi, HttpApiBuilder, RestApi, RestApiBuilder};
pub use call_http_api::CallApiGatewayHttpApiEndpoint;
pub use call_rest_api::CallApiGatewayRestApiEndpoint;

/// The HTTP methods API Gateway supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HttpMethod {
    /// `GET`.
    Get,
    /// `POST`.
    Post,
    /// `PUT`.
    Put,
    /// `DELETE`.
    Delete,
    /// `PATCH`.
    Patch,
    /// `HEAD`.
    Head,
    /// `OPTIONS`.
    Options,
}

impl HttpMethod {
    /// The method's name, e.g. `GET`.
    ///
    /// ```
    /// assert_eq!(stepfunctions_tasks::HttpMethod::Patch.as_str(), "PATCH");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Head => "HEAD",
            HttpMethod::Options => "OPTIONS",
        }
    }
}

/// How Step Functions authenticates the call (`AuthType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum AuthType {
    /// No authentication: the API's methods are open. The role needs nothing.
    #[default]
    NoAuth,
    /// The request is signed (SigV4) with the state machine's role, which gets
    /// `execute-api:Invoke` on the method it calls.
    IamRole,
    /// The API's resource policy authorizes the call: it must allow `execute-api:Invoke` to the
    /// service principal `states.amazonaws.com` (with an `aws:SourceArn` condition naming the
    /// state machine). The role needs nothing.
    ResourcePolicy,
}

impl AuthType {
    /// The value of `AuthType`.
    ///
    /// ```
    /// assert_eq!(stepfunctions_tasks::AuthType::IamRole.as_str(), "IAM_ROLE");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            AuthType::NoAuth => "NO_AUTH",
            AuthType::IamRole => "IAM_ROLE",
            AuthType::ResourcePolicy => "RESOURCE_POLICY",
        }
    }
}

/// What both endpoint tasks share: the request and how it is authenticated.
#[derive(Debug, Clone)]
struct Request {
    method: HttpMethod,
    headers: Option<Payload>,
    path: Option<Payload>,
    query_parameters: Option<Payload>,
    request_body: Option<Payload>,
    auth_type: AuthType,
    region: Option<Expr>,
}

impl Request {
    fn new(method: HttpMethod) -> Self {
        Request {
            method,
            headers: None,
            path: None,
            query_parameters: None,
            request_body: None,
            auth_type: AuthType::NoAuth,
            region: None,
        }
    }

    fn region(&self) -> Expr {
        self.region.clone().unwrap_or_else(Expr::region)
    }

    /// `<api id>.execute-api.<region>.<url suffix>`.
    fn endpoint(&self, api_id: &Expr) -> Expr {
        Expr::concat([
            api_id.clone(),
            Expr::lit(".execute-api."),
            self.region(),
            Expr::lit("."),
            Expr::url_suffix(),
        ])
    }

    /// The parameters, in CDK's order.
    fn parameters(&self, api_id: &Expr, stage: Option<&Expr>) -> Payload {
        let mut p = vec![
            ("ApiEndpoint", Payload::String(self.endpoint(api_id))),
            ("Method", self.method.as_str().into()),
        ];
        if let Some(h) = &self.headers {
            p.push(("Headers", h.clone()));
        }
        if let Some(s) = stage {
            p.push(("Stage", Payload::String(s.clone())));
        }
        if let Some(path) = &self.path {
            p.push(("Path", path.clone()));
        }
        if let Some(q) = &self.query_parameters {
            p.push(("QueryParameters", q.clone()));
        }
        if let Some(b) = &self.request_body {
            p.push(("RequestBody", b.clone()));
        }
        p.push(("AuthType", self.auth_type.as_str().into()));
        Payload::from_object(p)
    }

    /// `execute-api:Invoke` on `<api id>/<stage>/<METHOD>/<path>`, for `IAM_ROLE` only. A literal
    /// path is granted exactly; any other (a parameter, a path read at run time) as `*`.
    fn policy_statements(&self, api_id: &Expr, stage: &Expr) -> Vec<PolicyStatement> {
        if self.auth_type != AuthType::IamRole {
            return Vec::new();
        }
        let path = match &self.path {
            None => Expr::lit(""),
            Some(Payload::String(Expr::Literal(p))) => Expr::lit(p.trim_start_matches('/')),
            // Resolved at deploy or run time: any path.
            Some(_) => Expr::lit("*"),
        };
        let arn = Expr::concat([
            Expr::lit("arn:"),
            Expr::partition(),
            Expr::lit(":execute-api:"),
            self.region(),
            Expr::lit(":"),
            Expr::account_id(),
            Expr::lit(":"),
            api_id.clone(),
            Expr::lit("/"),
            stage.clone(),
            Expr::lit(format!("/{}/", self.method.as_str())),
            path,
        ]);
        vec![PolicyStatement::allow(["execute-api:Invoke"], [arn])]
    }

    fn validate(&self) -> Result<(), String> {
        for (field, value) in [("Headers", &self.headers), ("QueryParameters", &self.query_parameters)] {
            match value {
                None | Some(Payload::Path(_) | Payload::Intrinsic(_) | Payload::Jsonata(_)) => {}
                Some(Payload::Object(fields)) => {
                    if let Some((key, _)) = fields.iter().find(|(_, v)| {
                        !matches!(
                            v,
                            Payload::Array(_) | Payload::Path(_) | Payload::Intrinsic(_) | Payload::Jsonata(_)
                        )
                    }) {
                        return Err(format!(
                            "{field}: the value of `{key}` must be a list of strings (API Gateway takes every \
                             header and query parameter as a list; wrap a path in JsonPath::array)"
                        ));
                    }
                }
                Some(_) => return Err(format!("{field} must be an object of lists, or a path")),
            }
        }
        match &self.path {
            None | Some(Payload::String(_) | Payload::Path(_) | Payload::Intrinsic(_) | Payload::Jsonata(_)) => Ok(()),
            Some(_) => Err("the path must be a string, a path or an intrinsic function".into()),
        }
    }
}

/// The setters both endpoint tasks share, with their documentation.
macro_rules! request_setters {
    ($ty:ident, $new:literal) => {
        impl $ty {
            /// HTTP headers; every value is a list of strings (wrap a path or the task token in
            /// [`JsonPath::array`](stepfunctions::JsonPath::array)). Default: none.
            ///
            /// ```
            /// use stepfunctions::{JsonPath, Payload};
            /// use stepfunctions_tasks::*;
            #[doc = concat!("let task = ", $new)]
            ///     .headers(Payload::from_object([("TaskToken", JsonPath::array([JsonPath::task_token().into()]))]));
            /// ```
            #[must_use]
            pub fn headers(mut self, headers: stepfunctions::Payload) -> Self {
                self.request.headers = Some(headers);
                self
            }

            /// The path after the stage (`Path`): literal text, or a path or intrinsic function
            /// resolved at run time. The role's `execute-api:Invoke` (with
            /// [`AuthType::IamRole`](crate::AuthType::IamRole)) covers exactly a literal path, and any path (`*`) otherwise.
            /// Default: none (the stage's root).
            ///
            /// ```
            /// use stepfunctions::JsonPath;
            /// use stepfunctions_tasks::*;
            #[doc = concat!("let fixed = ", $new, ".api_path(\"/pets\");")]
            #[doc = concat!("let dynamic = ", $new, ".api_path(JsonPath::format(\"/pets/{}\", [JsonPath::string_at(\"$.id\").into()]));")]
            /// ```
            #[must_use]
            pub fn api_path(mut self, path: impl Into<stepfunctions::Payload>) -> Self {
                self.request.path = Some(path.into());
                self
            }

            /// Query parameters; every value is a list of strings. Default: none.
            ///
            /// ```
            /// use stepfunctions::{JsonPath, Payload};
            /// use stepfunctions_tasks::*;
            #[doc = concat!("let task = ", $new)]
            ///     .query_parameters(Payload::from_object([("billing", Payload::from(vec!["1234".into()]))]));
            /// ```
            #[must_use]
            pub fn query_parameters(mut self, query_parameters: stepfunctions::Payload) -> Self {
                self.request.query_parameters = Some(query_parameters);
                self
            }

            /// The request body: JSON, or text. Default: none.
            ///
            /// ```
            /// use stepfunctions::{JsonPath, Payload};
            /// use stepfunctions_tasks::*;
            #[doc = concat!("let task = ", $new)]
            ///     .request_body(Payload::from_object([("order", JsonPath::object_at("$.order"))]));
            /// ```
            #[must_use]
            pub fn request_body(mut self, body: stepfunctions::Payload) -> Self {
                self.request.request_body = Some(body);
                self
            }

            /// How the call is authenticated; only [`AuthType::IamRole`](crate::AuthType::IamRole) grants the role
            /// `execute-api:Invoke`. Default: [`AuthType::NoAuth`](crate::AuthType::NoAuth).
            ///
            /// ```
            /// use stepfunctions_tasks::*;
            #[doc = concat!("let task = ", $new, ".auth_type(AuthType::IamRole);")]
            /// ```
            #[must_use]
            pub fn auth_type(mut self, auth_type: $crate::apigateway::AuthType) -> Self {
                self.request.auth_type = auth_type;
                self
            }

            /// The region the API is deployed in, e.g. `eu-west-1`. Default: the stack's region.
            ///
            /// ```
            /// use stepfunctions_tasks::*;
            #[doc = concat!("let task = ", $new, ".region(\"eu-west-1\");")]
            /// ```
            #[must_use]
            pub fn region(mut self, region: impl Into<cfn_model::Expr>) -> Self {
                self.request.region = Some(region.into());
                self
            }
        }
    };
}

use request_setters;
