//! The APIs the endpoint tasks call: referenced by id, or defined in the template.

use cfn_model::iam::Role;
use cfn_model::{DeletionPolicy, Expr, LogicalId, Resource, Template, Value};

use super::HttpMethod;
use crate::lambda::LambdaFunction;

/// An API Gateway REST API, by id: a literal, a parameter, an import, or the `Ref` of one
/// defined in the same template ([`RestApi::define`]).
///
/// ```
/// use stepfunctions_tasks::RestApi;
/// let imported = RestApi::from_id("abc123defg");
/// let from_parameter = RestApi::from_id(cfn_model::Expr::reference("ApiId"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct RestApi {
    id: Expr,
}

impl RestApi {
    /// The REST API with this id.
    ///
    /// ```
    /// let api = stepfunctions_tasks::RestApi::from_id("abc123defg");
    /// ```
    pub fn from_id(id: impl Into<Expr>) -> Self {
        RestApi { id: id.into() }
    }

    /// The API's id.
    ///
    /// ```
    /// let api = stepfunctions_tasks::RestApi::from_id("abc123defg");
    /// assert_eq!(api.id().as_literal(), Some("abc123defg"));
    /// ```
    pub fn id(&self) -> &Expr {
        &self.id
    }

    /// Defines a minimal regional REST API in the template: methods on its root resource, a
    /// deployment and a stage (see [`RestApiBuilder`]).
    ///
    /// ```
    /// use stepfunctions_tasks::{HttpMethod, RestApi};
    /// let mut t = cfn_model::Template::new();
    /// let api = RestApi::define("MyRestApi").mock_method(HttpMethod::Get, r#"{"hello": "world"}"#).add_to(&mut t).unwrap();
    /// assert_eq!(api.id(), &cfn_model::Expr::reference("MyRestApi"));
    /// assert!(t.resource("MyRestApiDeploymentStageProd").is_some());
    /// ```
    pub fn define(construct_id: impl Into<String>) -> RestApiBuilder {
        RestApiBuilder {
            construct_id: construct_id.into(),
            name: None,
            stage_name: "prod".into(),
            methods: Vec::new(),
            cloud_watch_role: false,
        }
    }
}

#[derive(Debug, Clone)]
enum Backend {
    Mock { body: String },
    Function(LambdaFunction),
}

/// A REST API to add to a template ([`RestApi::define`]): `AWS::ApiGateway::RestApi`
/// (`<id>`, regional), one `AWS::ApiGateway::Method` per method on the root resource
/// (`<id><METHOD>`), an `AWS::ApiGateway::Deployment` (`<id>Deployment<hash>`: the hash of the
/// methods changes the logical id, so that a change of the methods is deployed) and its
/// `AWS::ApiGateway::Stage` (`<id>DeploymentStage<stage>`). The methods are open
/// (`AuthorizationType: NONE`).
#[derive(Debug, Clone)]
pub struct RestApiBuilder {
    construct_id: String,
    name: Option<String>,
    stage_name: String,
    methods: Vec<(HttpMethod, Backend)>,
    cloud_watch_role: bool,
}

impl RestApiBuilder {
    /// The API's name. Default: the construct id.
    ///
    /// ```
    /// let b = stepfunctions_tasks::RestApi::define("Api").name("orders-api");
    /// ```
    #[must_use]
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// The stage the API is deployed to. Default: `prod`.
    ///
    /// ```
    /// let b = stepfunctions_tasks::RestApi::define("Api").stage_name("beta");
    /// ```
    #[must_use]
    pub fn stage_name(mut self, stage_name: impl Into<String>) -> Self {
        self.stage_name = stage_name.into();
        self
    }

    /// A method on the root resource answered by API Gateway itself (a `MOCK` integration):
    /// status 200 with `body` (JSON text) as the `application/json` response. Default: no
    /// method (an API needs one).
    ///
    /// ```
    /// use stepfunctions_tasks::{HttpMethod, RestApi};
    /// let b = RestApi::define("Api").mock_method(HttpMethod::Get, r#"{"status": "ok"}"#);
    /// ```
    #[must_use]
    pub fn mock_method(mut self, method: HttpMethod, body: impl Into<String>) -> Self {
        self.methods.push((method, Backend::Mock { body: body.into() }));
        self
    }

    /// A method on the root resource that invokes `function` (a Lambda proxy integration),
    /// with the `AWS::Lambda::Permission` (`<id><METHOD>Permission`) that lets this method of
    /// the API invoke it. Default: no method (an API needs one).
    ///
    /// ```
    /// use stepfunctions_tasks::{HttpMethod, LambdaFunction, RestApi};
    /// let f = LambdaFunction::from_arn(cfn_model::Expr::get_att("Handler", "Arn"));
    /// let b = RestApi::define("Api").lambda_method(HttpMethod::Put, &f);
    /// ```
    #[must_use]
    pub fn lambda_method(mut self, method: HttpMethod, function: &LambdaFunction) -> Self {
        self.methods.push((method, Backend::Function(function.clone())));
        self
    }

    /// Gives API Gateway a role to write CloudWatch Logs with: an `AWS::ApiGateway::Account`
    /// (`<id>Account`) and its role (`<id>CloudWatchRole`), both retained when the stack is
    /// deleted. CDK does this by default; here it is opt-in, because the account setting is one
    /// per region and account, shared by every API. Default: false.
    ///
    /// ```
    /// let b = stepfunctions_tasks::RestApi::define("Api").cloud_watch_role(true);
    /// ```
    #[must_use]
    pub fn cloud_watch_role(mut self, enabled: bool) -> Self {
        self.cloud_watch_role = enabled;
        self
    }

    /// Adds the API's resources to `template`; returns the API to call.
    ///
    /// ```
    /// use stepfunctions_tasks::{HttpMethod, RestApi};
    /// let mut t = cfn_model::Template::new();
    /// assert!(RestApi::define("Empty").add_to(&mut t).is_err(), "an API without a method cannot be deployed");
    /// ```
    pub fn add_to(self, template: &mut Template) -> Result<RestApi, stepfunctions::Error> {
        let invalid = |reason: String| stepfunctions::Error::InvalidResource {
            construct: self.construct_id.clone(),
            field: "RestApi",
            reason,
        };
        if self.methods.is_empty() {
            return Err(invalid("a REST API needs a method to be deployed".into()));
        }
        let stage_ok = !self.stage_name.is_empty()
            && self.stage_name.len() <= 128
            && self
                .stage_name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'));
        if !stage_ok {
            return Err(invalid(format!(
                "the stage name `{}` must be 1 to 128 letters, digits, hyphens or underscores",
                self.stage_name
            )));
        }
        for (i, (m, _)) in self.methods.iter().enumerate() {
            if self.methods[..i].iter().any(|(other, _)| other == m) {
                return Err(invalid(format!("the method {} is defined twice", m.as_str())));
            }
        }

        let name = self.name.clone().unwrap_or_else(|| self.construct_id.clone());
        let api_id = template.add_resource(
            &self.construct_id,
            Resource::new("AWS::ApiGateway::RestApi")
                .property("Name", name.as_str().into())
                .property(
                    "EndpointConfiguration",
                    Value::map([("Types", Value::list(["REGIONAL".into()]))]),
                ),
        )?;
        let api = Expr::reference(api_id.as_str());

        let mut methods: Vec<(LogicalId, Resource)> = Vec::new();
        for (method, backend) in &self.methods {
            let integration = match backend {
                Backend::Mock { body } => Value::map([
                    ("Type", "MOCK".into()),
                    (
                        "RequestTemplates",
                        Value::map([("application/json", r#"{"statusCode": 200}"#.into())]),
                    ),
                    (
                        "IntegrationResponses",
                        Value::list([Value::map([
                            ("StatusCode", "200".into()),
                            (
                                "ResponseTemplates",
                                Value::map([("application/json", body.as_str().into())]),
                            ),
                        ])]),
                    ),
                ]),
                Backend::Function(function) => Value::map([
                    ("Type", "AWS_PROXY".into()),
                    ("IntegrationHttpMethod", "POST".into()),
                    (
                        "Uri",
                        Expr::concat([
                            Expr::lit("arn:"),
                            Expr::partition(),
                            Expr::lit(":apigateway:"),
                            Expr::region(),
                            Expr::lit(":lambda:path/2015-03-31/functions/"),
                            function.arn().clone(),
                            Expr::lit("/invocations"),
                        ])
                        .into(),
                    ),
                ]),
            };
            let mut resource = Resource::new("AWS::ApiGateway::Method")
                .property("AuthorizationType", "NONE".into())
                .property("HttpMethod", method.as_str().into())
                .property("Integration", integration)
                .property("ResourceId", Expr::get_att(api_id.as_str(), "RootResourceId").into())
                .property("RestApiId", api.clone().into());
            if let Backend::Mock { .. } = backend {
                resource = resource.property(
                    "MethodResponses",
                    Value::list([Value::map([("StatusCode", "200".into())])]),
                );
            }
            let id = template.add_resource(&format!("{} {}", self.construct_id, method.as_str()), resource.clone())?;
            if let Backend::Function(function) = backend {
                // This method of this API, in any stage: `<api id>/*/<METHOD>/`.
                let source = Expr::concat([
                    Expr::lit("arn:"),
                    Expr::partition(),
                    Expr::lit(":execute-api:"),
                    Expr::region(),
                    Expr::lit(":"),
                    Expr::account_id(),
                    Expr::lit(":"),
                    api.clone(),
                    Expr::lit(format!("/*/{}/", method.as_str())),
                ]);
                template.add_resource(
                    &format!("{} {} Permission", self.construct_id, method.as_str()),
                    lambda_permission(function, source),
                )?;
            }
            methods.push((id, resource));
        }

        let mut account = None;
        if self.cloud_watch_role {
            let role = Role::for_service("apigateway.amazonaws.com")
                .managed_policy(Expr::sub(
                    "arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs",
                ))
                .into_resource()
                .removal_policy(DeletionPolicy::Retain);
            let role_id = template.add_resource(&format!("{} CloudWatchRole", self.construct_id), role)?;
            let account_id = template.add_resource(
                &format!("{} Account", self.construct_id),
                Resource::new("AWS::ApiGateway::Account")
                    .property("CloudWatchRoleArn", Expr::get_att(role_id.as_str(), "Arn").into())
                    .depends_on(api_id.clone())
                    .removal_policy(DeletionPolicy::Retain),
            )?;
            account = Some(account_id);
        }

        // A deployment is a snapshot: a new logical id when the methods change makes
        // CloudFormation deploy them.
        let hash = content_hash(&methods);
        let mut deployment = Resource::new("AWS::ApiGateway::Deployment")
            .property("Description", format!("Deploys {name}").into())
            .property("RestApiId", api.clone().into());
        for (id, _) in &methods {
            deployment = deployment.depends_on(id.clone());
        }
        let deployment_id = template.add_resource(&format!("{} Deployment {hash}", self.construct_id), deployment)?;
        let mut stage = Resource::new("AWS::ApiGateway::Stage")
            .property("DeploymentId", Expr::reference(deployment_id.as_str()).into())
            .property("RestApiId", api.clone().into())
            .property("StageName", self.stage_name.as_str().into());
        if let Some(account) = account {
            stage = stage.depends_on(account);
        }
        template.add_resource(
            &format!("{} DeploymentStage {}", self.construct_id, self.stage_name),
            stage,
        )?;
        Ok(RestApi::from_id(api))
    }
}

/// An API Gateway HTTP API, by id: a literal, a parameter, an import, or the `Ref` of one
/// defined in the same template ([`HttpApi::define`]).
///
/// ```
/// use stepfunctions_tasks::HttpApi;
/// let imported = HttpApi::from_id("a1b2c3d4e5");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct HttpApi {
    id: Expr,
}

impl HttpApi {
    /// The HTTP API with this id.
    ///
    /// ```
    /// let api = stepfunctions_tasks::HttpApi::from_id(cfn_model::Expr::import_value("SharedApiId"));
    /// ```
    pub fn from_id(id: impl Into<Expr>) -> Self {
        HttpApi { id: id.into() }
    }

    /// The API's id.
    ///
    /// ```
    /// let api = stepfunctions_tasks::HttpApi::from_id("a1b2c3d4e5");
    /// assert_eq!(api.id().as_literal(), Some("a1b2c3d4e5"));
    /// ```
    pub fn id(&self) -> &Expr {
        &self.id
    }

    /// Defines an HTTP API in the template, with its automatically deployed `$default` stage and
    /// optional routes to Lambda functions (see [`HttpApiBuilder`]).
    ///
    /// ```
    /// let mut t = cfn_model::Template::new();
    /// let api = stepfunctions_tasks::HttpApi::define("MyHttpApi").add_to(&mut t).unwrap();
    /// assert_eq!(api.id(), &cfn_model::Expr::reference("MyHttpApi"));
    /// assert!(t.resource("MyHttpApiDefaultStage").is_some());
    /// ```
    pub fn define(construct_id: impl Into<String>) -> HttpApiBuilder {
        HttpApiBuilder {
            construct_id: construct_id.into(),
            name: None,
            routes: Vec::new(),
        }
    }
}

/// An HTTP API to add to a template ([`HttpApi::define`]): `AWS::ApiGatewayV2::Api` (`<id>`),
/// its `$default` stage deployed automatically (`<id>DefaultStage`), and for each route to a
/// function an integration, a route and a Lambda permission (`<id><METHOD><path>Integration`,
/// `...Route`, `...Permission`). Routes are open (no authorizer).
#[derive(Debug, Clone)]
pub struct HttpApiBuilder {
    construct_id: String,
    name: Option<String>,
    routes: Vec<(HttpMethod, String, LambdaFunction)>,
}

impl HttpApiBuilder {
    /// The API's name. Default: the construct id.
    ///
    /// ```
    /// let b = stepfunctions_tasks::HttpApi::define("Api").name("orders-api");
    /// ```
    #[must_use]
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// A route (`GET /hello`) that invokes `function` (a Lambda proxy integration, payload
    /// format 2.0). `path` starts with `/`. Default: no route.
    ///
    /// ```
    /// use stepfunctions_tasks::{HttpApi, HttpMethod, LambdaFunction};
    /// let f = LambdaFunction::from_arn(cfn_model::Expr::get_att("Handler", "Arn"));
    /// let b = HttpApi::define("Api").route(HttpMethod::Get, "/hello", &f);
    /// ```
    #[must_use]
    pub fn route(mut self, method: HttpMethod, path: impl Into<String>, function: &LambdaFunction) -> Self {
        self.routes.push((method, path.into(), function.clone()));
        self
    }

    /// Adds the API's resources to `template`; returns the API to call.
    ///
    /// ```
    /// use stepfunctions_tasks::{HttpApi, HttpMethod, LambdaFunction};
    /// let mut t = cfn_model::Template::new();
    /// let f = LambdaFunction::from_arn(cfn_model::Expr::get_att("Handler", "Arn"));
    /// HttpApi::define("Api").route(HttpMethod::Get, "/hello", &f).add_to(&mut t).unwrap();
    /// assert!(t.resource("ApiGETHelloRoute").is_some());
    /// ```
    pub fn add_to(self, template: &mut Template) -> Result<HttpApi, stepfunctions::Error> {
        for (method, path, _) in &self.routes {
            if !path.starts_with('/') || path.contains(char::is_whitespace) {
                return Err(stepfunctions::Error::InvalidResource {
                    construct: self.construct_id.clone(),
                    field: "HttpApi route",
                    reason: format!(
                        "the path of `{} {path}` must start with `/` and hold no whitespace",
                        method.as_str()
                    ),
                });
            }
        }
        let name = self.name.clone().unwrap_or_else(|| self.construct_id.clone());
        let api_id = template.add_resource(
            &self.construct_id,
            Resource::new("AWS::ApiGatewayV2::Api")
                .property("Name", name.into())
                .property("ProtocolType", "HTTP".into()),
        )?;
        let api = Expr::reference(api_id.as_str());
        template.add_resource(
            &format!("{} DefaultStage", self.construct_id),
            Resource::new("AWS::ApiGatewayV2::Stage")
                .property("ApiId", api.clone().into())
                .property("AutoDeploy", true.into())
                .property("StageName", "$default".into()),
        )?;
        for (method, path, function) in &self.routes {
            let prefix = format!("{} {} {path}", self.construct_id, method.as_str());
            let integration = template.add_resource(
                &format!("{prefix} Integration"),
                Resource::new("AWS::ApiGatewayV2::Integration")
                    .property("ApiId", api.clone().into())
                    .property("IntegrationType", "AWS_PROXY".into())
                    .property("IntegrationUri", function.arn().clone().into())
                    .property("PayloadFormatVersion", "2.0".into()),
            )?;
            template.add_resource(
                &format!("{prefix} Route"),
                Resource::new("AWS::ApiGatewayV2::Route")
                    .property("ApiId", api.clone().into())
                    .property("RouteKey", format!("{} {path}", method.as_str()).into())
                    .property(
                        "Target",
                        Expr::concat([Expr::lit("integrations/"), Expr::reference(integration.as_str())]).into(),
                    ),
            )?;
            // This route of this API, in any stage: `<api id>/*/<METHOD><path>`.
            let source = Expr::concat([
                Expr::lit("arn:"),
                Expr::partition(),
                Expr::lit(":execute-api:"),
                Expr::region(),
                Expr::lit(":"),
                Expr::account_id(),
                Expr::lit(":"),
                api.clone(),
                Expr::lit(format!("/*/{}{path}", method.as_str())),
            ]);
            template.add_resource(&format!("{prefix} Permission"), lambda_permission(function, source))?;
        }
        Ok(HttpApi::from_id(api))
    }
}

/// Lets API Gateway invoke `function` for requests matching `source_arn`.
fn lambda_permission(function: &LambdaFunction, source_arn: Expr) -> Resource {
    Resource::new("AWS::Lambda::Permission")
        .property("Action", "lambda:InvokeFunction".into())
        .property("FunctionName", function.arn().clone().into())
        .property("Principal", "apigateway.amazonaws.com".into())
        .property("SourceArn", source_arn.into())
}

/// 16 hex digits of FNV-1a over the methods as JSON: stable across runs and platforms.
fn content_hash(methods: &[(LogicalId, Resource)]) -> String {
    let text = serde_json::to_string(methods).unwrap_or_default();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}
