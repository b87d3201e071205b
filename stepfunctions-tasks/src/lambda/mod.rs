//! AWS Lambda: invoke a function.
//!
//! See <https://docs.aws.amazon.com/step-functions/latest/dg/connect-lambda.html>.

mod invoke;

use cfn_model::Expr;

pub use invoke::{LambdaInvocationType, LambdaInvoke, LambdaInvokeResponseOnly};

/// A Lambda function, by ARN: a literal, a parameter, an import, or the `Arn` of a function in
/// the same template.
///
/// ```
/// use stepfunctions_tasks::LambdaFunction;
/// let imported = LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:MyFn");
/// let in_template = LambdaFunction::from_arn(cfn_model::Expr::get_att("MyFunction", "Arn"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct LambdaFunction {
    arn: Expr,
}

impl LambdaFunction {
    /// The function with this ARN.
    ///
    /// ```
    /// let f = stepfunctions_tasks::LambdaFunction::from_arn(cfn_model::Expr::reference("FunctionArn"));
    /// ```
    pub fn from_arn(arn: impl Into<Expr>) -> Self {
        LambdaFunction { arn: arn.into() }
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
