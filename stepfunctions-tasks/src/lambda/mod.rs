//! AWS Lambda: invoke a function.
//!
//! See <https://docs.aws.amazon.com/step-functions/latest/dg/connect-lambda.html>.

mod invoke;

use cfn_model::Expr;

pub(crate) use invoke::{invoke_statement, service_exception_retry};
pub use invoke::{LambdaInvocationType, LambdaInvoke, LambdaInvokeResponseOnly};

/// A Lambda function, by ARN: a literal, a parameter, an import, or the `Arn` of a function in
/// the same template; or one of its aliases or versions (a qualified ARN), which a task invokes
/// and is granted exactly.
///
/// ```
/// use stepfunctions_tasks::LambdaFunction;
/// let imported = LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:MyFn");
/// let in_template = LambdaFunction::from_arn(cfn_model::Expr::get_att("MyFunction", "Arn"));
/// let live = imported.alias("live");
/// assert!(live.is_qualified());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct LambdaFunction {
    arn: Expr,
    /// Whether the ARN names an alias or a version (`function:F:live`, `function:F:3`).
    qualified: bool,
    /// For a version: its number, when known (`version(3)`, a `LambdaVersion` of the template).
    version_number: Option<Expr>,
}

impl LambdaFunction {
    /// The function with this (unqualified) ARN.
    ///
    /// ```
    /// let f = stepfunctions_tasks::LambdaFunction::from_arn(cfn_model::Expr::reference("FunctionArn"));
    /// ```
    pub fn from_arn(arn: impl Into<Expr>) -> Self {
        LambdaFunction {
            arn: arn.into(),
            qualified: false,
            version_number: None,
        }
    }

    /// An alias or a version of a function, by its qualified ARN
    /// (`arn:aws:lambda:<region>:<account>:function:<name>:<alias or version>`, or the `Ref` of
    /// an `AWS::Lambda::Alias` or `AWS::Lambda::Version`).
    ///
    /// ```
    /// let f = stepfunctions_tasks::LambdaFunction::from_qualified_arn("arn:aws:lambda:us-east-1:123456789012:function:F:live");
    /// assert!(f.is_qualified());
    /// ```
    pub fn from_qualified_arn(arn: impl Into<Expr>) -> Self {
        LambdaFunction {
            arn: arn.into(),
            qualified: true,
            version_number: None,
        }
    }

    /// The alias of this function with this name (`ARN:name`).
    ///
    /// ```
    /// let f = stepfunctions_tasks::LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:F").alias("live");
    /// assert_eq!(f.arn().to_string(), "arn:aws:lambda:us-east-1:123456789012:function:F:live");
    /// ```
    pub fn alias(&self, name: &str) -> Self {
        LambdaFunction::from_qualified_arn(Expr::concat([self.arn.clone(), Expr::lit(format!(":{name}"))]))
    }

    /// The numbered version of this function (`ARN:version`).
    ///
    /// ```
    /// let f = stepfunctions_tasks::LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:F").version(3);
    /// assert_eq!(f.arn().to_string(), "arn:aws:lambda:us-east-1:123456789012:function:F:3");
    /// ```
    pub fn version(&self, version: u32) -> Self {
        LambdaFunction {
            version_number: Some(Expr::lit(version.to_string())),
            ..LambdaFunction::from_qualified_arn(Expr::concat([self.arn.clone(), Expr::lit(format!(":{version}"))]))
        }
    }

    /// Whether this is an alias or a version rather than the function itself.
    ///
    /// ```
    /// assert!(!stepfunctions_tasks::LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:F").is_qualified());
    /// ```
    pub fn is_qualified(&self) -> bool {
        self.qualified
    }

    /// The function's ARN.
    ///
    /// ```
    /// let f = stepfunctions_tasks::LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:F");
    /// assert_eq!(f.arn().as_literal(), Some("arn:aws:lambda:us-east-1:123456789012:function:F"));
    /// ```
    pub fn arn(&self) -> &Expr {
        &self.arn
    }
}

/// A Lambda function defined in the template with its code inline (`Code.ZipFile`), so the
/// template deploys with no asset upload; it gets an execution role that may write logs.
///
/// Inline code is limited to 4 KB and to the Node.js and Python runtimes.
///
/// ```
/// use stepfunctions_tasks::InlineFunction;
/// let mut t = cfn_model::Template::new();
/// let f = InlineFunction::python("CheckJob", "def handler(event, context):\n    return 'SUCCEEDED'\n")
///     .add_to(&mut t)
///     .unwrap();
/// assert_eq!(f.arn(), &cfn_model::Expr::get_att("CheckJob", "Arn"));
/// ```
#[derive(Debug, Clone)]
pub struct InlineFunction {
    id: String,
    runtime: String,
    handler: String,
    code: String,
    timeout_seconds: Option<u32>,
    statements: Vec<cfn_model::iam::PolicyStatement>,
}

impl InlineFunction {
    /// A Python 3.12 function whose code defines `handler(event, context)`.
    ///
    /// ```
    /// let f = stepfunctions_tasks::InlineFunction::python("F", "def handler(event, context):\n    return event\n");
    /// ```
    pub fn python(id: impl Into<String>, code: impl Into<String>) -> Self {
        InlineFunction {
            id: id.into(),
            runtime: "python3.12".into(),
            handler: "index.handler".into(),
            code: code.into(),
            timeout_seconds: None,
            statements: Vec::new(),
        }
    }

    /// A Node.js 24 function whose code exports `handler` (Node.js 20 reached its end of life on
    /// 30 April 2026, and Lambda deprecates its runtime).
    ///
    /// ```
    /// let mut t = cfn_model::Template::new();
    /// stepfunctions_tasks::InlineFunction::nodejs("F", "exports.handler = async (event) => event;")
    ///     .add_to(&mut t)
    ///     .unwrap();
    /// let json = t.to_json_compact().unwrap();
    /// assert!(json.contains(r#""Runtime":"nodejs24.x""#));
    /// ```
    pub fn nodejs(id: impl Into<String>, code: impl Into<String>) -> Self {
        InlineFunction {
            id: id.into(),
            runtime: "nodejs24.x".into(),
            handler: "index.handler".into(),
            code: code.into(),
            timeout_seconds: None,
            statements: Vec::new(),
        }
    }

    /// The runtime identifier. Default: `python3.12` or `nodejs24.x`.
    ///
    /// ```
    /// let f = stepfunctions_tasks::InlineFunction::python("F", "def handler(e, c): return e").runtime("python3.13");
    /// ```
    #[must_use]
    pub fn runtime(mut self, runtime: impl Into<String>) -> Self {
        self.runtime = runtime.into();
        self
    }

    /// The function timeout in seconds. Default: Lambda's (3 s).
    ///
    /// ```
    /// let f = stepfunctions_tasks::InlineFunction::python("F", "def handler(e, c): return e").timeout_seconds(30);
    /// ```
    #[must_use]
    pub fn timeout_seconds(mut self, seconds: u32) -> Self {
        self.timeout_seconds = Some(seconds);
        self
    }

    /// Grants the function's role more than writing logs (to call `states:SendTaskSuccess`,
    /// say), as an `AWS::IAM::Policy` named `<id>ServiceRoleDefaultPolicy`. Default: logs only.
    ///
    /// ```
    /// use cfn_model::{iam::PolicyStatement, Expr};
    /// let f = stepfunctions_tasks::InlineFunction::python("F", "def handler(e, c): return e")
    ///     .add_to_role_policy(PolicyStatement::allow(["states:SendTaskSuccess"], [Expr::lit("*")]));
    /// ```
    #[must_use]
    pub fn add_to_role_policy(mut self, statement: cfn_model::iam::PolicyStatement) -> Self {
        self.statements.push(statement);
        self
    }

    /// Adds the function (`<id>`) and its role (`<id>ServiceRole`) to a template.
    ///
    /// ```
    /// let mut t = cfn_model::Template::new();
    /// stepfunctions_tasks::InlineFunction::nodejs("Echo", "exports.handler = async (e) => e;").add_to(&mut t).unwrap();
    /// assert!(t.resource("EchoServiceRole").is_some());
    /// ```
    pub fn add_to(self, template: &mut cfn_model::Template) -> Result<LambdaFunction, stepfunctions::Error> {
        use cfn_model::{iam::Role, Resource, Value};
        if self.code.len() > 4096 {
            return Err(stepfunctions::Error::InvalidResource {
                construct: self.id,
                field: "Code.ZipFile",
                reason: "inline code is limited to 4096 characters".into(),
            });
        }
        let role = Role::for_service("lambda.amazonaws.com").managed_policy(Expr::sub(
            "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
        ));
        let role_id = template.add_resource(&format!("{}ServiceRole", self.id), role.into_resource())?;
        let mut policy_id = None;
        if !self.statements.is_empty() {
            let mut doc = cfn_model::iam::PolicyDocument::new();
            doc.extend(self.statements);
            let name = format!("{role_id}DefaultPolicy");
            let policy = cfn_model::iam::Policy::new(name.clone(), doc, [Expr::reference(role_id.as_str())]);
            policy_id = Some(template.add_resource(&name, policy.into_resource())?);
        }
        let mut function = Resource::new("AWS::Lambda::Function")
            .property("Code", Value::map([("ZipFile", Value::from(self.code))]))
            .property("Handler", Value::from(self.handler))
            .property("Role", Value::from(Expr::get_att(role_id.as_str(), "Arn")))
            .property("Runtime", Value::from(self.runtime))
            .property_opt("Timeout", self.timeout_seconds.map(Value::from));
        // The role is ordered by the GetAtt; its policy must exist before the function runs.
        if let Some(p) = policy_id {
            function = function.depends_on(p);
        }
        let id = template.add_resource(&self.id, function)?;
        Ok(LambdaFunction::from_arn(Expr::get_att(id.as_str(), "Arn")))
    }
}

/// A version of a function defined in the template (`AWS::Lambda::Version`): a snapshot of the
/// function's code and configuration when the stack deploys.
///
/// ```
/// use stepfunctions_tasks::{InlineFunction, LambdaVersion};
/// let mut t = cfn_model::Template::new();
/// let f = InlineFunction::python("Worker", "def handler(e, c):\n    return e\n").add_to(&mut t).unwrap();
/// let v1 = LambdaVersion::new("WorkerV1", &f).description("first").add_to(&mut t).unwrap();
/// assert_eq!(v1.arn(), &cfn_model::Expr::reference("WorkerV1"));
/// assert!(v1.is_qualified());
/// ```
#[derive(Debug, Clone)]
pub struct LambdaVersion {
    id: String,
    function: Expr,
    description: Option<String>,
}

impl LambdaVersion {
    /// A version of `function` (an unqualified one), with a construct id.
    ///
    /// ```
    /// let f = stepfunctions_tasks::LambdaFunction::from_arn(cfn_model::Expr::get_att("Worker", "Arn"));
    /// let v = stepfunctions_tasks::LambdaVersion::new("WorkerV1", &f);
    /// ```
    pub fn new(id: impl Into<String>, function: &LambdaFunction) -> Self {
        LambdaVersion {
            id: id.into(),
            function: function.arn.clone(),
            description: None,
        }
    }

    /// The version's description. Default: none.
    ///
    /// ```
    /// # let f = stepfunctions_tasks::LambdaFunction::from_arn(cfn_model::Expr::get_att("Worker", "Arn"));
    /// let v = stepfunctions_tasks::LambdaVersion::new("WorkerV1", &f).description("release 1");
    /// ```
    #[must_use]
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.description = Some(text.into());
        self
    }

    /// Adds the `AWS::Lambda::Version`; returns it as a function to invoke (its `Ref`, the
    /// version's ARN).
    ///
    /// ```
    /// let mut t = cfn_model::Template::new();
    /// let f = stepfunctions_tasks::LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:F");
    /// assert!(stepfunctions_tasks::LambdaVersion::new("V", &f).add_to(&mut t).is_ok());
    /// ```
    pub fn add_to(self, template: &mut cfn_model::Template) -> Result<LambdaFunction, stepfunctions::Error> {
        use cfn_model::{Resource, Value};
        let resource = Resource::new("AWS::Lambda::Version")
            .property("FunctionName", Value::from(self.function))
            .property_opt("Description", self.description.map(Value::from));
        let id = template.add_resource(&self.id, resource)?;
        Ok(LambdaFunction {
            version_number: Some(Expr::get_att(id.as_str(), "Version")),
            ..LambdaFunction::from_qualified_arn(Expr::reference(id.as_str()))
        })
    }
}

/// An alias of a function defined in the template (`AWS::Lambda::Alias`): a name pointing at a
/// version.
///
/// ```
/// use stepfunctions_tasks::{LambdaAlias, LambdaFunction, LambdaVersion};
/// let mut t = cfn_model::Template::new();
/// let f = LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:Worker");
/// let v1 = LambdaVersion::new("WorkerV1", &f).add_to(&mut t).unwrap();
/// let live = LambdaAlias::new("WorkerLive", &f, "live", &v1).add_to(&mut t).unwrap();
/// assert_eq!(live.arn(), &cfn_model::Expr::reference("WorkerLive"));
/// ```
#[derive(Debug, Clone)]
pub struct LambdaAlias {
    id: String,
    function: Expr,
    name: String,
    /// The version's number, or why the given function is not a version.
    version: Result<Expr, String>,
}

impl LambdaAlias {
    /// An alias of `function` named `name`, pointing at `version` (one of the function's
    /// versions: its version number is read from the version's resource, or from the qualified
    /// ARN's last part).
    ///
    /// ```
    /// # let f = stepfunctions_tasks::LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:F");
    /// let a = stepfunctions_tasks::LambdaAlias::new("Live", &f, "live", &f.version(3));
    /// ```
    pub fn new(
        id: impl Into<String>,
        function: &LambdaFunction,
        name: impl Into<String>,
        version: &LambdaFunction,
    ) -> Self {
        // A version of the template or `version(n)` knows its number; a literal qualified ARN
        // ends in it (`arn:aws:lambda:<region>:<account>:function:<name>:<n>`); any other
        // qualified ARN gives its eighth part at deploy time.
        let version = match (&version.version_number, &version.arn) {
            (Some(n), _) => Ok(n.clone()),
            _ if !version.qualified => {
                Err("the version is the unqualified function: give one of its versions".to_owned())
            }
            (None, Expr::Literal(arn)) => {
                let n = arn.rsplit(':').next().unwrap_or_default();
                if n.bytes().all(|b| b.is_ascii_digit()) && !n.is_empty() || n == "$LATEST" {
                    Ok(Expr::lit(n))
                } else {
                    Err(format!(
                        "`{arn}` is not a version's ARN (it ends in `{n}`, not a number)"
                    ))
                }
            }
            (None, other) => Ok(Expr::Select(
                7,
                Box::new(cfn_model::ListExpr::split(":", other.clone())),
            )),
        };
        LambdaAlias {
            id: id.into(),
            function: function.arn.clone(),
            name: name.into(),
            version,
        }
    }

    /// Adds the `AWS::Lambda::Alias`; returns it as a function to invoke (its `Ref`, the
    /// alias's ARN).
    ///
    /// ```
    /// let mut t = cfn_model::Template::new();
    /// let f = stepfunctions_tasks::LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:F");
    /// let a = stepfunctions_tasks::LambdaAlias::new("Live", &f, "live", &f.version(3)).add_to(&mut t).unwrap();
    /// assert!(a.is_qualified());
    /// ```
    pub fn add_to(self, template: &mut cfn_model::Template) -> Result<LambdaFunction, stepfunctions::Error> {
        use cfn_model::{Resource, Value};
        let valid = !self.name.is_empty()
            && self.name.len() <= 128
            && self
                .name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            && !self.name.chars().all(|c| c.is_ascii_digit());
        if !valid {
            return Err(stepfunctions::Error::InvalidResource {
                construct: self.id,
                field: "Name",
                reason: format!(
                    "alias name `{}` must be 1 to 128 letters, digits, `-` or `_`, and not a number alone",
                    self.name
                ),
            });
        }
        let version = self.version.map_err(|reason| stepfunctions::Error::InvalidResource {
            construct: self.id.clone(),
            field: "FunctionVersion",
            reason,
        })?;
        let resource = Resource::new("AWS::Lambda::Alias")
            .property("FunctionName", Value::from(self.function))
            .property("FunctionVersion", Value::from(version))
            .property("Name", Value::from(self.name));
        let id = template.add_resource(&self.id, resource)?;
        Ok(LambdaFunction::from_qualified_arn(Expr::reference(id.as_str())))
    }
}
