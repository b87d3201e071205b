//! The state machine and activity resources, and their rendering into a template.

use std::time::Duration;

use cfn_model::iam::{Policy, PolicyDocument, PolicyStatement, Role};
use cfn_model::{DeletionPolicy, Expr, LogicalId, Resource, Template, Value};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::encryption::{Encryption, KmsKey};
use crate::error::{Error, Warning};
use crate::model::{whole_seconds, Definition, IntoDefinition};
use crate::render::{RenderContext, Substitutions};
use crate::validate::validate;

/// The 1 MiB service limit on a definition.
pub const MAX_DEFINITION_BYTES: usize = 1_048_576;

/// Standard (long-running, exactly once) or Express (short, high-volume).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum StateMachineType {
    /// Up to a year, exactly-once execution.
    Standard,
    /// Up to five minutes, at-least-once execution.
    Express,
}

/// What the state machine logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum LogLevel {
    /// Every event.
    All,
    /// Errors only.
    Error,
    /// Fatal errors only.
    Fatal,
    /// Nothing.
    Off,
}

/// Logging to a CloudWatch Logs log group.
///
/// ```
/// use cfn_model::Expr;
/// use stepfunctions::{LogLevel, LogOptions};
/// let logs = LogOptions::new(Expr::get_att("Logs", "Arn")).level(LogLevel::Error).include_execution_data(true);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct LogOptions {
    destination: Expr,
    level: LogLevel,
    include_execution_data: bool,
}

impl LogOptions {
    /// Logs to the log group with this ARN (the `Arn` attribute of an `AWS::Logs::LogGroup`,
    /// which ends in `:*`).
    ///
    /// ```
    /// let logs = stepfunctions::LogOptions::new(cfn_model::Expr::get_att("Logs", "Arn"));
    /// ```
    pub fn new(log_group_arn: impl Into<Expr>) -> Self {
        LogOptions {
            destination: log_group_arn.into(),
            level: LogLevel::Error,
            include_execution_data: false,
        }
    }

    /// What to log. Default: [`LogLevel::Error`].
    ///
    /// ```
    /// let logs = stepfunctions::LogOptions::new("arn:aws:logs:us-east-1:123456789012:log-group:sfn:*").level(stepfunctions::LogLevel::All);
    /// ```
    #[must_use]
    pub fn level(mut self, level: LogLevel) -> Self {
        self.level = level;
        self
    }

    /// Whether to log input and output data. Default: false.
    ///
    /// ```
    /// let logs = stepfunctions::LogOptions::new("arn:aws:logs:us-east-1:123456789012:log-group:sfn:*").include_execution_data(true);
    /// ```
    #[must_use]
    pub fn include_execution_data(mut self, include: bool) -> Self {
        self.include_execution_data = include;
        self
    }
}

/// A role that exists already.
///
/// ```
/// use stepfunctions::ExistingRole;
/// let role = ExistingRole::from_arn("arn:aws:iam::123456789012:role/service-role/MyRole");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ExistingRole {
    arn: Expr,
    name: Option<Expr>,
    mutable: bool,
}

impl ExistingRole {
    /// The role with this ARN. The statements the state machine needs are attached to it as an
    /// `AWS::IAM::Policy`, by the role name taken from a literal ARN.
    ///
    /// ```
    /// let role = stepfunctions::ExistingRole::from_arn(cfn_model::Expr::reference("RoleArn"))
    ///     .name(cfn_model::Expr::reference("RoleName"));
    /// ```
    pub fn from_arn(arn: impl Into<Expr>) -> Self {
        ExistingRole {
            arn: arn.into(),
            name: None,
            mutable: true,
        }
    }

    /// The role's name, needed when the ARN is an expression. Default: taken from the ARN.
    ///
    /// ```
    /// let role = stepfunctions::ExistingRole::from_arn(cfn_model::Expr::reference("RoleArn")).name("MyRole");
    /// ```
    #[must_use]
    pub fn name(mut self, name: impl Into<Expr>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Attaches nothing to the role: it must already grant what the state machine needs; the
    /// statements left out come back as a warning. Default: mutable.
    ///
    /// ```
    /// let role = stepfunctions::ExistingRole::from_arn("arn:aws:iam::123456789012:role/R").immutable();
    /// ```
    #[must_use]
    pub fn immutable(mut self) -> Self {
        self.mutable = false;
        self
    }

    fn role_name(&self) -> Option<Expr> {
        self.name.clone().or_else(|| {
            let arn = self.arn.as_literal()?;
            let name = arn.rsplit('/').next()?;
            (!name.is_empty() && arn.contains(":role/")).then(|| Expr::lit(name))
        })
    }
}

/// The ASL definition rendered alone.
#[derive(Debug, Clone)]
pub struct Asl {
    /// The definition as pretty JSON. Where it uses CloudFormation values it holds `${Key}`
    /// placeholders, listed in `substitutions`.
    pub definition: String,
    /// Placeholders and the CloudFormation expressions they stand for; empty for plain ASL.
    pub substitutions: Substitutions,
    /// What deploys but may not behave as written.
    pub warnings: Vec<Warning>,
}

/// What [`StateMachine::add_to`] put into the template.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The state machine's logical id.
    pub logical_id: LogicalId,
    /// The role's ARN.
    pub role_arn: Expr,
    /// What deploys but may not behave as written.
    pub warnings: Vec<Warning>,
}

impl Rendered {
    /// The state machine's ARN (`Ref`).
    ///
    /// ```
    /// let mut t = cfn_model::Template::new();
    /// let r = stepfunctions::StateMachine::new("M", stepfunctions::Pass::new("P")).add_to(&mut t).unwrap();
    /// assert_eq!(r.arn(), cfn_model::Expr::reference("M"));
    /// ```
    pub fn arn(&self) -> Expr {
        Expr::reference(self.logical_id.as_str())
    }

    /// The state machine's name (`Fn::GetAtt Name`).
    ///
    /// ```
    /// let mut t = cfn_model::Template::new();
    /// let r = stepfunctions::StateMachine::new("M", stepfunctions::Pass::new("P")).add_to(&mut t).unwrap();
    /// assert_eq!(r.name(), cfn_model::Expr::get_att("M", "Name"));
    /// ```
    pub fn name(&self) -> Expr {
        Expr::get_att(self.logical_id.as_str(), "Name")
    }

    /// The ARN pattern of the state machine's executions, `...:execution:<name>:*`.
    ///
    /// ```
    /// let mut t = cfn_model::Template::new();
    /// let r = stepfunctions::StateMachine::new("M", stepfunctions::Pass::new("P")).add_to(&mut t).unwrap();
    /// assert!(serde_json::to_string(&r.executions_arn()).unwrap().contains(":execution:"));
    /// ```
    pub fn executions_arn(&self) -> Expr {
        executions_arn(&self.logical_id, ":*")
    }

    /// What lets another principal start executions (CDK's `grantStartExecution`):
    /// `states:StartExecution` on the state machine. Attach it to that principal's role with a
    /// [`Policy`](cfn_model::iam::Policy).
    ///
    /// ```
    /// use cfn_model::{iam::{Policy, PolicyDocument}, Expr};
    /// let mut t = cfn_model::Template::new();
    /// let r = stepfunctions::StateMachine::new("M", stepfunctions::Pass::new("P")).add_to(&mut t).unwrap();
    /// let mut document = PolicyDocument::new();
    /// document.add(r.grant_start_execution());
    /// t.add_resource("CallerPolicy", Policy::new("CallerPolicy", document, [Expr::reference("CallerRole")]).into_resource()).unwrap();
    /// ```
    pub fn grant_start_execution(&self) -> PolicyStatement {
        self.grant(["states:StartExecution"])
    }

    /// What lets another principal run synchronous Express executions (CDK's
    /// `grantStartSyncExecution`): `states:StartSyncExecution` on the state machine.
    ///
    /// ```
    /// let mut t = cfn_model::Template::new();
    /// let r = stepfunctions::StateMachine::new("M", stepfunctions::Pass::new("P")).add_to(&mut t).unwrap();
    /// assert_eq!(r.grant_start_sync_execution().actions(), ["states:StartSyncExecution"]);
    /// ```
    pub fn grant_start_sync_execution(&self) -> PolicyStatement {
        self.grant(["states:StartSyncExecution"])
    }

    /// What lets a worker answer task tokens (CDK's `grantTaskResponse`):
    /// `states:SendTaskSuccess`, `states:SendTaskFailure` and `states:SendTaskHeartbeat` on the
    /// state machine.
    ///
    /// ```
    /// let mut t = cfn_model::Template::new();
    /// let r = stepfunctions::StateMachine::new("M", stepfunctions::Pass::new("P")).add_to(&mut t).unwrap();
    /// assert_eq!(r.grant_task_response().actions().len(), 3);
    /// ```
    pub fn grant_task_response(&self) -> PolicyStatement {
        self.grant([
            "states:SendTaskSuccess",
            "states:SendTaskFailure",
            "states:SendTaskHeartbeat",
        ])
    }

    /// What lets another principal read the state machine and its executions (CDK's
    /// `grantRead`): `states:ListExecutions` and `states:ListStateMachines` on the state
    /// machine; `states:DescribeExecution`, `states:DescribeStateMachineForExecution` and
    /// `states:GetExecutionHistory` on its executions; `states:ListActivities`,
    /// `states:DescribeStateMachine` and `states:DescribeActivity` on `*`.
    ///
    /// ```
    /// let mut t = cfn_model::Template::new();
    /// let r = stepfunctions::StateMachine::new("M", stepfunctions::Pass::new("P")).add_to(&mut t).unwrap();
    /// assert_eq!(r.grant_read().len(), 3);
    /// ```
    pub fn grant_read(&self) -> Vec<PolicyStatement> {
        vec![
            self.grant(["states:ListExecutions", "states:ListStateMachines"]),
            self.grant_execution([
                "states:DescribeExecution",
                "states:DescribeStateMachineForExecution",
                "states:GetExecutionHistory",
            ]),
            PolicyStatement::allow(
                [
                    "states:ListActivities",
                    "states:DescribeStateMachine",
                    "states:DescribeActivity",
                ],
                [Expr::lit("*")],
            ),
        ]
    }

    /// `actions` on the state machine's executions (CDK's `grantExecution`), e.g.
    /// `states:StopExecution`.
    ///
    /// ```
    /// let mut t = cfn_model::Template::new();
    /// let r = stepfunctions::StateMachine::new("M", stepfunctions::Pass::new("P")).add_to(&mut t).unwrap();
    /// let st = r.grant_execution(["states:StopExecution"]);
    /// assert_eq!(st.resources(), [r.executions_arn()]);
    /// ```
    pub fn grant_execution<A: Into<String>>(&self, actions: impl IntoIterator<Item = A>) -> PolicyStatement {
        PolicyStatement::allow(actions, [self.executions_arn()])
    }

    /// `actions` on the state machine (CDK's `grant`).
    ///
    /// ```
    /// let mut t = cfn_model::Template::new();
    /// let r = stepfunctions::StateMachine::new("M", stepfunctions::Pass::new("P")).add_to(&mut t).unwrap();
    /// assert_eq!(r.grant(["states:UpdateStateMachine"]).resources(), [r.arn()]);
    /// ```
    pub fn grant<A: Into<String>>(&self, actions: impl IntoIterator<Item = A>) -> PolicyStatement {
        PolicyStatement::allow(actions, [self.arn()])
    }

    /// Exports the state machine's ARN as the output `<logical id>Arn` (what
    /// `aws stepfunctions start-execution --state-machine-arn` takes) and returns the warnings.
    ///
    /// ```
    /// let mut t = cfn_model::Template::new();
    /// let warnings = stepfunctions::StateMachine::new("Flow", stepfunctions::Pass::new("P"))
    ///     .add_to(&mut t)
    ///     .and_then(|r| r.output_arn(&mut t))
    ///     .unwrap();
    /// assert!(warnings.is_empty());
    /// assert!(t.to_json_pretty().unwrap().contains("\"FlowArn\""));
    /// ```
    pub fn output_arn(self, template: &mut Template) -> Result<Vec<Warning>, Error> {
        let output = cfn_model::Output::new(self.arn()).description("Start executions of this ARN");
        template.add_output(&format!("{}Arn", self.logical_id), output)?;
        Ok(self.warnings)
    }
}

/// A state machine: a definition, its role, and its settings.
///
/// ```
/// use stepfunctions::prelude::*;
/// let definition = Pass::new("Hello").result("World".into());
/// let mut template = cfn_model::Template::new();
/// let rendered = StateMachine::new("StateMachine", definition)
///     .state_machine_type(StateMachineType::Express)
///     .timeout(std::time::Duration::from_secs(300))
///     .add_to(&mut template)
///     .unwrap();
/// assert!(rendered.warnings.is_empty());
/// assert!(template.to_json_pretty().unwrap().contains("\"StateMachineRole\""));
/// ```
#[derive(Debug, Clone)]
pub struct StateMachine {
    id: String,
    definition: Definition,
    /// What the builders found wrong, reported when the machine renders.
    errors: Vec<Error>,
    name: Option<Expr>,
    machine_type: Option<StateMachineType>,
    comment: Option<String>,
    timeout: Option<Duration>,
    role: Option<ExistingRole>,
    logs: Option<LogOptions>,
    tracing: bool,
    removal_policy: DeletionPolicy,
    statements: Vec<PolicyStatement>,
    check_size: bool,
    substitutions: indexmap::IndexMap<String, Expr>,
    encryption: Option<Encryption>,
    /// A definition given as ASL text ([`StateMachine::from_asl`]): written as it is.
    asl_text: Option<String>,
}

impl StateMachine {
    /// A state machine with a construct id (its logical id is derived from it) and a
    /// definition: a state, a [`Chain`](crate::Chain), or a [`Definition`] of the model.
    ///
    /// ```
    /// let m = stepfunctions::StateMachine::new("StateMachine", stepfunctions::Pass::new("P"));
    /// ```
    pub fn new(id: impl Into<String>, definition: impl IntoDefinition) -> Self {
        let (definition, errors) = definition.into_definition();
        StateMachine {
            id: id.into(),
            definition,
            errors,
            name: None,
            machine_type: None,
            comment: None,
            timeout: None,
            role: None,
            logs: None,
            tracing: false,
            removal_policy: DeletionPolicy::Delete,
            statements: Vec::new(),
            check_size: true,
            substitutions: indexmap::IndexMap::new(),
            encryption: None,
            asl_text: None,
        }
    }

    /// A state machine whose definition is ASL text, written into `DefinitionString` as it is
    /// (CDK's `DefinitionBody.fromString`), with `${key}` placeholders filled by
    /// [`definition_substitution`](Self::definition_substitution).
    ///
    /// The text is checked for what CloudFormation would reject at deploy time (not JSON, no
    /// `StartAt`, a `StartAt` naming no state, Express-only rules, the size limit), and a
    /// Distributed Map in it gets its child-execution permissions; the permissions of its
    /// tasks are not read from it: add them with
    /// [`add_to_role_policy`](Self::add_to_role_policy). Comment, timeout and query language
    /// belong in the text.
    ///
    /// ```
    /// use cfn_model::{iam::PolicyStatement, Expr};
    /// use stepfunctions::StateMachine;
    /// let asl = r#"{"StartAt": "Notify", "States": {"Notify": {"Type": "Task",
    ///     "Resource": "arn:aws:states:::sns:publish",
    ///     "Parameters": {"TopicArn": "${TopicArn}", "Message.$": "$.message"}, "End": true}}}"#;
    /// let topic = Expr::reference("Topic");
    /// let mut t = cfn_model::Template::new();
    /// StateMachine::from_asl("StateMachine", asl)
    ///     .definition_substitution("TopicArn", topic.clone())
    ///     .add_to_role_policy(PolicyStatement::allow(["sns:Publish"], [topic]))
    ///     .add_to(&mut t)
    ///     .unwrap();
    /// assert!(t.to_json_compact().unwrap().contains(r#""DefinitionString":"{\"StartAt\": \"Notify\""#));
    /// ```
    pub fn from_asl(id: impl Into<String>, text: impl Into<String>) -> Self {
        let mut machine = StateMachine::new(
            id,
            Definition::new(crate::model::Graph::new(String::new(), std::iter::empty())),
        );
        machine.asl_text = Some(text.into());
        machine
    }

    /// Encrypts the definition and execution history with the AWS-owned key or a customer
    /// managed key (see [`Encryption`]). Default: the AWS-owned key, not written.
    ///
    /// A customer managed key gets the role's grant on it, limited to this state machine by
    /// the encryption context (on the role's policy when the machine has a literal or
    /// expression name, else on a policy of its own, `<id>EncryptionPolicy`, that the state
    /// machine does not wait for); with logging, the grant for log delivery; and a key created
    /// in the template gets the key policy for log delivery.
    ///
    /// ```
    /// use stepfunctions::{CustomerManagedKey, KmsKey, Pass, StateMachine};
    /// let m = StateMachine::new("M", Pass::new("P"))
    ///     .state_machine_name("Orders")
    ///     .encryption(CustomerManagedKey::new(KmsKey::create("Key")));
    /// let mut t = cfn_model::Template::new();
    /// m.add_to(&mut t).unwrap();
    /// assert!(t.resource("Key").is_some());
    /// ```
    #[must_use]
    pub fn encryption(mut self, encryption: impl Into<Encryption>) -> Self {
        self.encryption = Some(encryption.into());
        self
    }

    /// The state machine's name. Default: generated by CloudFormation.
    ///
    /// ```
    /// let m = stepfunctions::StateMachine::new("M", stepfunctions::Pass::new("P")).state_machine_name("MyMachine");
    /// ```
    #[must_use]
    pub fn state_machine_name(mut self, name: impl Into<Expr>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Standard or Express. Default: Standard.
    ///
    /// ```
    /// use stepfunctions::{Pass, StateMachine, StateMachineType};
    /// let m = StateMachine::new("M", Pass::new("P")).state_machine_type(StateMachineType::Express);
    /// ```
    #[must_use]
    pub fn state_machine_type(mut self, machine_type: StateMachineType) -> Self {
        self.machine_type = Some(machine_type);
        self
    }

    /// The definition's comment. Default: none.
    ///
    /// ```
    /// let m = stepfunctions::StateMachine::new("M", stepfunctions::Pass::new("P")).comment("A simple AWS Batch workflow");
    /// ```
    #[must_use]
    pub fn comment(mut self, comment: impl Into<String>) -> Self {
        self.comment = Some(comment.into());
        self
    }

    /// The query language of every state that sets none (`QueryLanguage` at the top of the
    /// definition). Default: JSONPath. A state built with `jsonata` or `json_path` keeps its
    /// own, and gets `QueryLanguage` where it differs.
    ///
    /// ```
    /// use stepfunctions::model::{Jsonata, QueryLanguage};
    /// use stepfunctions::prelude::*;
    /// let m = StateMachine::new("M", Pass::jsonata("P").output(Jsonata::states_input().field("a").into()))
    ///     .query_language(QueryLanguage::Jsonata);
    /// let asl = m.render_asl().unwrap();
    /// assert!(asl.definition.contains(r#""QueryLanguage": "JSONata""#));
    /// ```
    #[must_use]
    pub fn query_language(mut self, language: crate::model::QueryLanguage) -> Self {
        self.definition.query_language = Some(language);
        self
    }

    /// The longest an execution may run (`TimeoutSeconds`), in whole seconds. Default: none
    /// (the service maximum).
    ///
    /// ```
    /// let m = stepfunctions::StateMachine::new("M", stepfunctions::Pass::new("P")).timeout(std::time::Duration::from_secs(300));
    /// ```
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Runs as an existing role. Default: a new role, trusted by `states.amazonaws.com` for
    /// state machines of this account and region, with exactly the statements the states need.
    ///
    /// ```
    /// use stepfunctions::{ExistingRole, Pass, StateMachine};
    /// let m = StateMachine::new("M", Pass::new("P")).role(ExistingRole::from_arn("arn:aws:iam::123456789012:role/R"));
    /// ```
    #[must_use]
    pub fn role(mut self, role: ExistingRole) -> Self {
        self.role = Some(role);
        self
    }

    /// Logs to CloudWatch Logs, adding the log-delivery permissions. Default: no logging.
    ///
    /// ```
    /// use stepfunctions::{LogOptions, Pass, StateMachine};
    /// let m = StateMachine::new("M", Pass::new("P")).logs(LogOptions::new(cfn_model::Expr::get_att("Logs", "Arn")));
    /// ```
    #[must_use]
    pub fn logs(mut self, logs: LogOptions) -> Self {
        self.logs = Some(logs);
        self
    }

    /// Traces executions with X-Ray, adding the X-Ray permissions. Default: off.
    ///
    /// ```
    /// let m = stepfunctions::StateMachine::new("M", stepfunctions::Pass::new("P")).tracing(true);
    /// ```
    #[must_use]
    pub fn tracing(mut self, enabled: bool) -> Self {
        self.tracing = enabled;
        self
    }

    /// What happens to the state machine when it leaves the stack or is replaced. Default:
    /// delete.
    ///
    /// ```
    /// let m = stepfunctions::StateMachine::new("M", stepfunctions::Pass::new("P")).removal_policy(cfn_model::DeletionPolicy::Retain);
    /// ```
    #[must_use]
    pub fn removal_policy(mut self, policy: DeletionPolicy) -> Self {
        self.removal_policy = policy;
        self
    }

    /// Adds a statement to the role's policy, for what no state declares (a custom state, say).
    ///
    /// ```
    /// use cfn_model::{iam::PolicyStatement, Expr};
    /// let m = stepfunctions::StateMachine::new("M", stepfunctions::Pass::new("P"))
    ///     .add_to_role_policy(PolicyStatement::allow(["dynamodb:PutItem"], [Expr::lit("arn:aws:dynamodb:us-east-1:123456789012:table/MyTable")]));
    /// ```
    #[must_use]
    pub fn add_to_role_policy(mut self, statement: PolicyStatement) -> Self {
        self.statements.push(statement);
        self
    }

    /// Maps a `${key}` placeholder to a CloudFormation value, for raw ASL in a
    /// [`CustomState`](crate::CustomState) (CDK's `definitionSubstitutions`). Keys are letters
    /// and digits; the keys this library generates avoid yours. Default: none.
    ///
    /// ```
    /// use stepfunctions::prelude::*;
    /// let custom = CustomState::new("Put", serde_json::json!({
    ///     "Type": "Task",
    ///     "Resource": "arn:aws:states:::dynamodb:putItem",
    ///     "Parameters": {"TableName": "${TableName}", "Item": {"id": {"S.$": "$.id"}}}
    /// }));
    /// let m = StateMachine::new("M", custom).definition_substitution("TableName", cfn_model::Expr::reference("Table"));
    /// let asl = m.render_asl().unwrap();
    /// assert_eq!(asl.substitutions.iter().next().unwrap().0, "TableName");
    /// ```
    #[must_use]
    pub fn definition_substitution(mut self, key: impl Into<String>, value: impl Into<Expr>) -> Self {
        self.substitutions.insert(key.into(), value.into());
        self
    }

    /// Skips the 1 MiB definition-size check, for other ASL engines or for measuring. Default:
    /// the check runs.
    ///
    /// ```
    /// let m = stepfunctions::StateMachine::new("M", stepfunctions::Pass::new("P")).skip_size_check();
    /// ```
    #[must_use]
    pub fn skip_size_check(mut self) -> Self {
        self.check_size = false;
        self
    }

    /// Validates and renders the ASL definition alone.
    ///
    /// ```
    /// use stepfunctions::prelude::*;
    /// let asl = StateMachine::new("M", Pass::new("Hello")).render_asl().unwrap();
    /// assert_eq!(asl.definition, "{\n  \"StartAt\": \"Hello\",\n  \"States\": {\n    \"Hello\": {\n      \"Type\": \"Pass\",\n      \"End\": true\n    }\n  }\n}");
    /// ```
    pub fn render_asl(&self) -> Result<Asl, Error> {
        let raw = self.asl_text.is_some();
        let Built {
            compact,
            warnings,
            substitutions,
            ..
        } = self.clone().build()?;
        let text = if raw {
            compact
        } else {
            let mut pretty = cfn_model::JsonSink::buffered();
            crate::render::reindent::reindent(&compact, &mut pretty, 0)
                .map_err(|e| Error::Template(cfn_model::CfnError::Serialization(e.to_string())))?;
            std::mem::take(pretty.buffer())
        };
        let definition =
            String::from_utf8(text).map_err(|e| Error::Template(cfn_model::CfnError::Serialization(e.to_string())))?;
        Ok(Asl {
            definition,
            substitutions,
            warnings,
        })
    }

    /// The errors of the options (not of the definition): substitution keys, name, log
    /// destination, encryption.
    fn option_errors(&self) -> Vec<Error> {
        let mut errors = Vec::new();
        for key in self.substitutions.keys() {
            if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                errors.push(Error::InvalidResource {
                    construct: self.id.clone(),
                    field: "DefinitionSubstitutions",
                    reason: format!("key `{key}` must be letters, digits and underscores"),
                });
            }
        }
        if let Some(name) = self.name.as_ref().and_then(Expr::as_literal) {
            if let Err(reason) = check_machine_name(name) {
                errors.push(Error::InvalidResource {
                    construct: self.id.clone(),
                    field: "StateMachineName",
                    reason,
                });
            }
        }
        if let Some(logs) = &self.logs {
            if let Err(reason) = check_log_destination(&logs.destination) {
                errors.push(Error::InvalidResource {
                    construct: self.id.clone(),
                    field: "LoggingConfiguration",
                    reason,
                });
            }
        }
        if let Some(encryption) = &self.encryption {
            errors.extend(encryption.check(&self.id));
        }
        errors
    }

    fn build(self) -> Result<Built, Error> {
        if self.asl_text.is_some() {
            return self.build_text();
        }
        let option_errors = self.option_errors();
        let mut errors = self.errors;
        let mut definition = self.definition;
        let (warnings, found) = validate(&definition.graph, definition.language());
        // A link the builders could not make leaves the states after it unreachable, and a
        // state they rejected fails its check again: those are the same mistakes, reported once.
        let builders_failed = !errors.is_empty();
        let found: Vec<Error> = found
            .into_iter()
            .filter(|e| {
                !(builders_failed && matches!(e, Error::UnreachableState { .. })
                    || errors
                        .iter()
                        .any(|b| std::mem::discriminant(b) == std::mem::discriminant(e) && b.state() == e.state()))
            })
            .collect();
        errors.extend(found);
        if let Some(c) = self.comment {
            definition.comment = Some(c);
        }
        if let Some(t) = self.timeout {
            match whole_seconds(t) {
                Ok(secs) => definition.timeout_seconds = Some(secs),
                Err(reason) => errors.push(Error::InvalidResource {
                    construct: self.id.clone(),
                    field: "TimeoutSeconds",
                    reason,
                }),
            }
        }
        if let Some(secs) = definition.timeout_seconds {
            if !(1..=99_999_999).contains(&secs) {
                errors.push(Error::InvalidResource {
                    construct: self.id.clone(),
                    field: "TimeoutSeconds",
                    reason: format!("must be 1 to 99999999 seconds, got {secs}"),
                });
            }
        }
        errors.extend(option_errors);
        if self.machine_type == Some(StateMachineType::Express) {
            definition.graph.for_each_state(&mut |state| {
                if let Some(what) = not_run_by_express(state) {
                    errors.push(Error::NotInExpress {
                        state: state.name.clone(),
                        what,
                    });
                }
            });
        }
        if let Some(e) = Error::from_all(errors) {
            return Err(e);
        }
        let user_keys: Vec<String> = self.substitutions.keys().cloned().collect();
        let start = Substitutions::with_user(self.substitutions);
        // The definition is serialized once, compact; the checks read those bytes, and the
        // template writes them (re-indented when pretty).
        let cx = RenderContext::with_substitutions(start);
        let compact = cx
            .to_json(&definition)
            .map_err(|e| Error::Template(cfn_model::CfnError::Serialization(e.to_string())))?;
        let substitutions = cx.into_substitutions();
        let scan = Scan::of(&compact);
        let mut expected = substitutions.placeholder_count();
        for key in &user_keys {
            // Raw ASL may use the user's keys: count them in the text.
            let pattern = format!("${{{key}}}");
            expected += compact
                .windows(pattern.len())
                .filter(|w| *w == pattern.as_bytes())
                .count();
        }
        if !substitutions.is_empty() && scan.placeholders > expected {
            return Err(Error::LiteralPlaceholder);
        }
        if self.check_size && compact.len() > MAX_DEFINITION_BYTES {
            return Err(Error::DefinitionTooLarge {
                state_machine: self.id.clone(),
                size: compact.len(),
                limit: MAX_DEFINITION_BYTES,
            });
        }
        Ok(Built {
            timeout_seconds: definition.timeout_seconds,
            map_runs: map_run_labels(&definition.graph),
            definition,
            warnings,
            substitutions,
            compact,
            as_string: scan.intrinsic_like,
        })
    }

    /// [`build`](Self::build) for a definition given as ASL text: the checks that text allows,
    /// and the text as it is.
    fn build_text(self) -> Result<Built, Error> {
        let mut errors = self.option_errors();
        let text = self.asl_text.unwrap_or_default();
        let invalid = |reason: String| Error::InvalidResource {
            construct: self.id.clone(),
            field: "DefinitionString",
            reason,
        };
        for (set, what) in [
            (self.comment.is_some(), "comment"),
            (self.timeout.is_some(), "timeout"),
            (self.definition.query_language.is_some(), "query_language"),
        ] {
            if set {
                errors.push(invalid(format!(
                    "`{what}` is set on a definition given as ASL text: write it in the text"
                )));
            }
        }
        let mut timeout_seconds = None;
        let mut map_runs = None;
        match serde_json::from_str::<serde_json::Value>(&text) {
            Err(e) => errors.push(invalid(format!("the ASL text is not JSON: {e}"))),
            Ok(serde_json::Value::Object(top)) => {
                let states = top.get("States").and_then(serde_json::Value::as_object);
                match (top.get("StartAt").and_then(serde_json::Value::as_str), states) {
                    (None, _) => errors.push(invalid("the ASL text has no `StartAt` string".into())),
                    (_, None) => errors.push(invalid("the ASL text has no `States` object".into())),
                    (Some(start), Some(states)) if !states.contains_key(start) => {
                        errors.push(invalid(format!("`StartAt` names `{start}`, which is not in `States`")))
                    }
                    _ => {}
                }
                if self.machine_type == Some(StateMachineType::Express) {
                    for (name, state) in states.into_iter().flatten() {
                        if let Some(what) = custom_not_in_express("", state) {
                            errors.push(Error::NotInExpress {
                                state: name.clone(),
                                what,
                            });
                        }
                    }
                }
                timeout_seconds = top.get("TimeoutSeconds").and_then(serde_json::Value::as_u64);
                let mut labels = Vec::new();
                if json_map_run_labels(&serde_json::Value::Object(top), &mut labels) {
                    map_runs = Some(labels);
                }
            }
            Ok(_) => errors.push(invalid("the ASL text is not a JSON object".into())),
        }
        if self.check_size && text.len() > MAX_DEFINITION_BYTES {
            errors.push(Error::DefinitionTooLarge {
                state_machine: self.id.clone(),
                size: text.len(),
                limit: MAX_DEFINITION_BYTES,
            });
        }
        if let Some(e) = Error::from_all(errors) {
            return Err(e);
        }
        Ok(Built {
            definition: self.definition,
            timeout_seconds,
            warnings: Vec::new(),
            substitutions: Substitutions::with_user(self.substitutions),
            compact: text.into_bytes(),
            as_string: true,
            map_runs,
        })
    }

    /// Validates the definition and adds the state machine, its role and its policy to a
    /// template.
    ///
    /// ```
    /// let mut t = cfn_model::Template::new();
    /// let r = stepfunctions::StateMachine::new("Flow", stepfunctions::Pass::new("P")).add_to(&mut t).unwrap();
    /// assert_eq!(r.logical_id.as_str(), "Flow");
    /// assert!(t.resource("FlowRole").is_some());
    /// ```
    pub fn add_to(mut self, template: &mut Template) -> Result<Rendered, Error> {
        let id = LogicalId::from_construct_id(&self.id)?;
        let construct = self.id.clone();
        let logs = self.logs.clone();
        let extra = std::mem::take(&mut self.statements);
        let existing = self.role.clone();
        let name = self.name.clone();
        let machine_type = self.machine_type;
        let tracing = self.tracing;
        let removal = self.removal_policy;
        let encryption = self.encryption.clone();
        let Built {
            definition: model,
            timeout_seconds,
            mut warnings,
            substitutions,
            compact,
            as_string,
            map_runs,
        } = self.build()?;
        let key = encryption
            .as_ref()
            .and_then(Encryption::customer_managed)
            .map(|k| k.key());
        // The statements that name the state machine itself go on policies of their own that
        // the state machine does not wait for (no circular reference): the Distributed Maps'
        // child executions, and a customer managed key's grant when the machine has no name.
        let mut late: Vec<(String, PolicyDocument)> = Vec::new();
        if let Some(labels) = &map_runs {
            late.push((
                format!("{id}DistributedMapPolicy"),
                child_execution_statements(&id, labels),
            ));
        }
        let machine_arn = name.as_ref().map(|n| {
            Expr::concat([
                Expr::sub("arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:"),
                n.clone(),
            ])
        });
        if let (Some(key), None) = (key, &machine_arn) {
            let mut document = PolicyDocument::new();
            document.add(crate::encryption::data_key_statement(
                key.key_arn(),
                "stateMachineArn",
                Expr::reference(id.as_str()),
            ));
            late.push((format!("{id}EncryptionPolicy"), document));
        }

        // The machine's own id first: a collision names the two construct ids the user wrote,
        // not the role's derived one. Then the ids it derives, before anything is added, so an
        // error leaves the template as it was.
        check_free(template, &construct, None)?;
        let mut derived: Vec<String> = match &existing {
            None => vec![format!("{id}Role"), format!("{id}RoleDefaultPolicy")],
            Some(role) if role.mutable => vec![format!("{id}RolePolicy")],
            Some(_) => Vec::new(),
        };
        derived.extend(late.iter().map(|(policy_id, _)| policy_id.clone()));
        if let Some(key_id) = key.and_then(KmsKey::created_id) {
            derived.push(key_id.to_owned());
        }
        for derived in &derived {
            check_free(template, derived, Some(&construct))?;
        }

        if let (Some(StateMachineType::Express), Some(t)) = (machine_type, timeout_seconds) {
            if t > 300 {
                warnings.push(Warning::ExpressTimeoutAboveLimit {
                    state_machine: id.to_string(),
                    timeout_seconds: t,
                });
            }
        }
        // The states' statements first, then encryption, logging and tracing, then the user's,
        // as CDK orders them.
        let mut statements = PolicyDocument::new();
        model.graph.for_each_state(&mut |state| {
            for statement in state.policy_statements() {
                statements.add_ref(statement);
            }
        });
        if let (Some(key), Some(arn)) = (key, &machine_arn) {
            statements.add(crate::encryption::data_key_statement(
                key.key_arn(),
                "stateMachineArn",
                arn.clone(),
            ));
        }
        if let (Some(key), Some(_)) = (key, &logs) {
            statements.add(crate::encryption::log_delivery_statement(key.key_arn()));
        }
        if logs.is_some() {
            statements.add(PolicyStatement::allow(
                [
                    "logs:CreateLogDelivery",
                    "logs:GetLogDelivery",
                    "logs:UpdateLogDelivery",
                    "logs:DeleteLogDelivery",
                    "logs:ListLogDeliveries",
                    "logs:PutResourcePolicy",
                    "logs:DescribeResourcePolicies",
                    "logs:DescribeLogGroups",
                ],
                [Expr::lit("*")],
            ));
        }
        if tracing {
            statements.add(PolicyStatement::allow(
                [
                    "xray:PutTraceSegments",
                    "xray:PutTelemetryRecords",
                    "xray:GetSamplingRules",
                    "xray:GetSamplingTargets",
                ],
                [Expr::lit("*")],
            ));
        }
        statements.extend(extra);

        // A key created in the template, with what log delivery needs in its policy.
        if let Some(key) = key {
            let log_delivery = logs.is_some().then(crate::encryption::log_delivery_key_statement);
            key.add_to(template, log_delivery)?;
        }

        let mut depends_on = Vec::new();
        let mut late_roles = Vec::new();
        let role_arn = match &existing {
            None => {
                let role = Role::for_service("states.amazonaws.com")
                    .trust_condition(
                        "ArnLike",
                        "aws:SourceArn",
                        [Expr::sub(
                            "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:*",
                        )],
                    )
                    .trust_condition("StringEquals", "aws:SourceAccount", [Expr::account_id()]);
                let role_id = template.add_resource(&format!("{id}Role"), role.into_resource())?;
                if !statements.is_empty() {
                    let policy_construct = format!("{role_id}DefaultPolicy");
                    let policy = Policy::new(
                        LogicalId::from_construct_id(&policy_construct)?.to_string(),
                        statements,
                        [Expr::reference(role_id.as_str())],
                    );
                    // The policy must exist before the state machine is created (CloudFormation
                    // checks the role's permissions then); the role itself is ordered by GetAtt.
                    depends_on.push(template.add_resource(&policy_construct, policy.into_resource())?);
                }
                late_roles.push(Expr::reference(role_id.as_str()));
                Expr::get_att(role_id.as_str(), "Arn")
            }
            Some(role) if role.mutable => {
                let role_name = || {
                    role.role_name().ok_or_else(|| Error::InvalidResource {
                        construct: self_id(&id),
                        field: "role",
                        reason: "the role's name cannot be read from its ARN: give it with ExistingRole::name".into(),
                    })
                };
                if !statements.is_empty() {
                    let policy_construct = format!("{id}RolePolicy");
                    let policy = Policy::new(
                        LogicalId::from_construct_id(&policy_construct)?.to_string(),
                        statements,
                        [role_name()?],
                    );
                    depends_on.push(template.add_resource(&policy_construct, policy.into_resource())?);
                }
                if !late.is_empty() {
                    late_roles.push(role_name()?);
                }
                role.arn.clone()
            }
            Some(role) => {
                let needed =
                    statements.statements().len() + late.iter().map(|(_, d)| d.statements().len()).sum::<usize>();
                if needed > 0 {
                    warnings.push(Warning::PermissionsNotGranted {
                        state_machine: self_id(&id),
                        statements: needed,
                    });
                }
                role.arn.clone()
            }
        };

        // A JSON object in `Definition` whose only key is `Ref` or `Fn::...` would be read by
        // CloudFormation as an intrinsic function: such a definition goes in as a string, as
        // does ASL text.
        let definition = if as_string {
            let text = String::from_utf8(compact)
                .map_err(|e| Error::Template(cfn_model::CfnError::Serialization(e.to_string())))?;
            ("DefinitionString", Value::from(text))
        } else {
            ("Definition", Value::custom(DefinitionValue { compact, _model: model }))
        };
        let mut resource = Resource::new("AWS::StepFunctions::StateMachine").property(definition.0, definition.1);
        if !substitutions.is_empty() {
            resource = resource.property(
                "DefinitionSubstitutions",
                Value::map(substitutions.iter().map(|(k, e)| (k.to_owned(), Value::from(e)))),
            );
        }
        resource = resource
            .property_opt("EncryptionConfiguration", encryption.as_ref().map(Encryption::property))
            .property("RoleArn", Value::from(role_arn.clone()))
            .property_opt("StateMachineName", name.map(Value::from))
            .property_opt("StateMachineType", machine_type.map(Value::custom))
            .property_opt(
                "LoggingConfiguration",
                logs.map(|l| Value::custom(LoggingConfiguration(l))),
            )
            .property_opt(
                "TracingConfiguration",
                tracing.then(|| Value::map([("Enabled", Value::Bool(true))])),
            )
            .removal_policy(removal);
        for dep in depends_on {
            resource = resource.depends_on(dep);
        }
        let logical_id = template.add_resource(&construct, resource)?;
        if !late_roles.is_empty() {
            for (policy_construct, document) in late {
                let policy = Policy::new(
                    LogicalId::from_construct_id(&policy_construct)?.to_string(),
                    document,
                    late_roles.clone(),
                );
                template.add_resource(&policy_construct, policy.into_resource())?;
            }
        }
        Ok(Rendered {
            logical_id,
            role_arn,
            warnings,
        })
    }
}

/// The labels of a definition's Distributed Maps (`None` for one without), each once, or `None`
/// where it has no Distributed Map.
fn map_run_labels(graph: &crate::model::Graph) -> Option<Vec<Option<String>>> {
    let mut labels: Vec<Option<String>> = Vec::new();
    let mut any = false;
    graph.for_each_state(&mut |state| match &state.kind {
        crate::model::StateKind::Custom(json) => {
            for value in json.values() {
                any |= json_map_run_labels(value, &mut labels);
            }
            if is_distributed_map(json) {
                any = true;
                push_label(&mut labels, json.get("Label").and_then(serde_json::Value::as_str));
            }
        }
        _ => {
            if let Some(d) = state.distributed() {
                any = true;
                push_label(&mut labels, d.label.as_deref());
            }
        }
    });
    any.then_some(labels)
}

fn push_label(labels: &mut Vec<Option<String>>, label: Option<&str>) {
    let label = label.map(str::to_owned);
    if !labels.contains(&label) {
        labels.push(label);
    }
}

/// Whether an ASL state object is a Distributed Map (`ProcessorConfig.Mode` `DISTRIBUTED` in
/// its `ItemProcessor`, or its legacy `Iterator`).
fn is_distributed_map(state: &serde_json::Map<String, serde_json::Value>) -> bool {
    ["ItemProcessor", "Iterator"].iter().any(|field| {
        state
            .get(*field)
            .and_then(|p| p.get("ProcessorConfig"))
            .and_then(|c| c.get("Mode"))
            .and_then(serde_json::Value::as_str)
            == Some("DISTRIBUTED")
    })
}

/// Collects the labels of the Distributed Maps anywhere in ASL JSON (a definition given as
/// text, a custom state); whether there is one.
fn json_map_run_labels(value: &serde_json::Value, labels: &mut Vec<Option<String>>) -> bool {
    let mut any = false;
    match value {
        serde_json::Value::Object(object) => {
            if is_distributed_map(object) {
                any = true;
                push_label(labels, object.get("Label").and_then(serde_json::Value::as_str));
            }
            for v in object.values() {
                any |= json_map_run_labels(v, labels);
            }
        }
        serde_json::Value::Array(items) => {
            for v in items {
                any |= json_map_run_labels(v, labels);
            }
        }
        _ => {}
    }
    any
}

/// What a Distributed Map's child executions need (the AWS developer guide's Distributed Map
/// policy, as CDK grants it): `states:StartExecution` on the state machine,
/// `states:DescribeExecution` and `states:StopExecution` on its executions, and
/// `states:RedriveExecution` on the Map Runs' (`<name>/<label>:*`, or `<name>/*:*` for a map
/// without a label).
fn child_execution_statements(id: &LogicalId, labels: &[Option<String>]) -> PolicyDocument {
    let executions = |tail: String| executions_arn(id, &tail);
    let mut document = PolicyDocument::new();
    document.add(PolicyStatement::allow(
        ["states:StartExecution"],
        [Expr::reference(id.as_str())],
    ));
    document.add(PolicyStatement::allow(
        ["states:DescribeExecution", "states:StopExecution"],
        [executions(":*".into())],
    ));
    let runs: Vec<Expr> = if labels.iter().any(Option::is_none) {
        vec![executions("/*:*".into())]
    } else {
        labels.iter().flatten().map(|l| executions(format!("/{l}:*"))).collect()
    };
    document.add(PolicyStatement::allow(["states:RedriveExecution"], runs));
    document
}

/// `arn:<partition>:states:<region>:<account>:execution:<name of the machine id><tail>`.
fn executions_arn(id: &LogicalId, tail: &str) -> Expr {
    Expr::concat([
        Expr::sub("arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:"),
        Expr::get_att(id.as_str(), "Name"),
        Expr::lit(tail),
    ])
}

/// The rules of `CreateStateMachine`'s name: 1 to 80 characters, none of whitespace,
/// `< > { } [ ] ? * " # % \ ^ | ~ ` $ & , ; : /`, control characters (U+0000-001F,
/// U+007F-009F) or U+FFFE-FFFF.
fn check_machine_name(name: &str) -> Result<(), String> {
    let length = name.chars().count();
    if !(1..=80).contains(&length) {
        return Err(format!("`{name}` must be 1 to 80 characters long (it has {length})"));
    }
    let forbidden = |c: char| {
        c.is_whitespace()
            || "<>{}[]?*\"#%\\^|~`$&,;:/".contains(c)
            || matches!(c as u32, 0..=0x1f | 0x7f..=0x9f | 0xfffe | 0xffff)
    };
    match name.chars().find(|&c| forbidden(c)) {
        Some(c) => Err(format!(
            "`{}` holds {}, which a state machine name may not",
            name.escape_debug(),
            crate::util::describe_char(c)
        )),
        None => Ok(()),
    }
}

/// A literal log destination must be a log group ARN ending in `:*`, as the service asks.
fn check_log_destination(destination: &Expr) -> Result<(), String> {
    let Some(arn) = destination.as_literal() else {
        return Ok(());
    };
    if arn.is_empty() {
        return Err("the log group ARN is empty".into());
    }
    if !(arn.starts_with("arn:") && arn.contains(":log-group:")) {
        return Err(format!(
            "`{arn}` is not a log group ARN (arn:<partition>:logs:<region>:<account>:log-group:<name>:*)"
        ));
    }
    if !arn.ends_with(":*") {
        return Err(format!("the log group ARN `{arn}` must end with `:*`"));
    }
    Ok(())
}

/// What an Express state machine does not run in this state: `.sync` and `.waitForTaskToken`
/// integrations (Express workflows support Request Response only), by the task's Resource, and
/// Distributed Maps.
pub(crate) fn not_run_by_express(state: &crate::model::State) -> Option<&'static str> {
    match &state.kind {
        crate::model::StateKind::Task(task) => not_in_express(&task.resource.to_string()),
        // "Distributed mode is supported in Standard workflows but not supported in Express
        // workflows" (AWS developer guide, Distributed Map state).
        crate::model::StateKind::Map(map) if map.distributed.is_some() => Some("Distributed Maps"),
        // A custom state's own JSON, nested states of a custom Parallel or Map included.
        crate::model::StateKind::Custom(json) if is_distributed_map(json) => Some("Distributed Maps"),
        crate::model::StateKind::Custom(json) => json.iter().find_map(|(k, v)| custom_not_in_express(k, v)),
        _ => None,
    }
}

fn custom_not_in_express(key: &str, value: &serde_json::Value) -> Option<&'static str> {
    match value {
        serde_json::Value::String(resource) if key == "Resource" => not_in_express(resource),
        serde_json::Value::Object(map) if is_distributed_map(map) => Some("Distributed Maps"),
        serde_json::Value::Object(map) => map.iter().find_map(|(k, v)| custom_not_in_express(k, v)),
        serde_json::Value::Array(items) => items.iter().find_map(|v| custom_not_in_express("", v)),
        _ => None,
    }
}

/// What of a task's Resource Express workflows do not run: `.sync`, `.waitForTaskToken`,
/// activities (Express supports Request Response only, and no activities).
fn not_in_express(resource: &str) -> Option<&'static str> {
    if resource.ends_with(".waitForTaskToken") {
        Some("the wait-for-task-token integration pattern (`.waitForTaskToken`)")
    } else if resource.ends_with(".sync") || resource.contains(".sync:") {
        Some("the run-a-job integration pattern (`.sync`)")
    } else if resource.starts_with("arn:") && resource.contains(":activity:") {
        Some("activities")
    } else {
        None
    }
}

/// Fails when the logical id of `construct_id` is taken already, naming both construct ids
/// (and, for an id derived from a state machine's, that machine).
fn check_free(template: &Template, construct_id: &str, derived_from: Option<&str>) -> Result<(), Error> {
    let logical_id = LogicalId::from_construct_id(construct_id)?;
    match template.claimed(logical_id.as_str()) {
        Some((existing_construct_id, existing)) => Err(cfn_model::CfnError::DuplicateLogicalId {
            logical_id: logical_id.to_string(),
            construct_id: match derived_from {
                Some(owner) => format!("{construct_id} (derived from the state machine `{owner}`)"),
                None => construct_id.to_owned(),
            },
            existing,
            existing_construct_id: existing_construct_id.to_owned(),
        }
        .into()),
        None => Ok(()),
    }
}

fn self_id(id: &LogicalId) -> String {
    id.to_string()
}

/// What [`StateMachine::build`] gives: the validated graph, its warnings, its substitutions,
/// the definition as compact JSON, and whether that JSON holds an object CloudFormation would read
/// as an intrinsic.
struct Built {
    definition: Definition,
    timeout_seconds: Option<u64>,
    warnings: Vec<Warning>,
    substitutions: Substitutions,
    compact: Vec<u8>,
    /// Whether the definition goes in as `DefinitionString`: ASL text, or JSON holding an
    /// object CloudFormation would read as an intrinsic.
    as_string: bool,
    /// The labels of the definition's Distributed Maps, if it has any.
    map_runs: Option<Vec<Option<String>>>,
}

/// What the checks read in the compact definition: how many `${` it holds, and whether it holds
/// `{"Ref":` or `{"Fn::` (an object CloudFormation would take for an intrinsic function; a match
/// inside a string value is harmless: the definition then goes in as a string, which is valid
/// too).
#[derive(Default)]
struct Scan {
    placeholders: usize,
    intrinsic_like: bool,
}

impl Scan {
    fn of(json: &[u8]) -> Scan {
        let mut scan = Scan::default();
        let mut at = 0;
        // Both patterns hold a `{`: visit those, eight bytes at a time in between.
        while let Some(i) = crate::render::reindent::find_either(json, at, b'{', b'{') {
            if i > 0 && json[i - 1] == b'$' {
                scan.placeholders += 1;
            } else if json[i + 1..].starts_with(b"\"Ref\":") || json[i + 1..].starts_with(b"\"Fn::") {
                scan.intrinsic_like = true;
            }
            at = i + 1;
        }
        scan
    }
}

/// The `Definition` property: the definition's compact JSON, written as it is into a compact
/// template and re-indented into a pretty one.
#[derive(Debug)]
struct DefinitionValue {
    compact: Vec<u8>,
    /// The model the bytes were written from, kept with them: the template owns it, and a
    /// program that exits without freeing the template (the examples' command line) does not pay
    /// for freeing thousands of states.
    _model: Definition,
}

impl cfn_model::CustomValue for DefinitionValue {
    fn write_json(&self, out: &mut cfn_model::JsonSink<'_>, depth: Option<usize>) -> Result<(), serde_json::Error> {
        match depth {
            Some(depth) => crate::render::reindent::reindent(&self.compact, out, depth),
            None => out.write_bytes(&self.compact),
        }
        .map_err(serde_json::Error::io)
    }

    fn to_json_value(&self) -> Result<serde_json::Value, serde_json::Error> {
        serde_json::from_slice(&self.compact)
    }

    /// A definition with an object CloudFormation would read as an intrinsic goes in as a
    /// string: the `Definition` object holds none.
    fn may_refer(&self) -> bool {
        false
    }
}

#[derive(Debug)]
struct LoggingConfiguration(LogOptions);

impl Serialize for LoggingConfiguration {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let destinations = serde_json::json!([{ "CloudWatchLogsLogGroup": { "LogGroupArn": self.0.destination } }]);
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("Destinations", &destinations)?;
        m.serialize_entry("IncludeExecutionData", &self.0.include_execution_data)?;
        m.serialize_entry("Level", &self.0.level)?;
        m.end()
    }
}

/// An activity: work done by a worker that polls Step Functions.
///
/// ```
/// use stepfunctions::Activity;
/// let mut t = cfn_model::Template::new();
/// let activity = Activity::new("SubmitJob");
/// let arn = activity.arn();
/// activity.add_to(&mut t).unwrap();
/// assert_eq!(arn, cfn_model::Expr::reference("SubmitJob"));
/// ```
#[derive(Debug, Clone)]
pub struct Activity {
    id: String,
    name: Option<Expr>,
    encryption: Option<Encryption>,
}

impl Activity {
    /// An activity with a construct id.
    ///
    /// ```
    /// let a = stepfunctions::Activity::new("Worker");
    /// ```
    pub fn new(id: impl Into<String>) -> Self {
        Activity {
            id: id.into(),
            name: None,
            encryption: None,
        }
    }

    /// Encrypts the activity's inputs with the AWS-owned key or a customer managed key.
    /// Default: the AWS-owned key, not written. A key created in the template gets the key
    /// policy statement that lets Step Functions use it for this activity; a state machine
    /// that runs the activity through [`StepFunctionsInvokeActivity::of`](crate::StepFunctionsInvokeActivity::of)
    /// gets its grant on the key.
    ///
    /// ```
    /// use stepfunctions::{Activity, CustomerManagedKey, KmsKey};
    /// let a = Activity::new("Worker").encryption(CustomerManagedKey::new(KmsKey::create("WorkerKey")));
    /// let mut t = cfn_model::Template::new();
    /// a.add_to(&mut t).unwrap();
    /// assert!(t.resource("WorkerKey").is_some());
    /// ```
    #[must_use]
    pub fn encryption(mut self, encryption: impl Into<Encryption>) -> Self {
        self.encryption = Some(encryption.into());
        self
    }

    /// The ARN of the customer managed key the activity is encrypted with, if any.
    ///
    /// ```
    /// use stepfunctions::{Activity, CustomerManagedKey};
    /// let key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    /// let a = Activity::new("Worker").encryption(CustomerManagedKey::new(key));
    /// assert_eq!(a.key_arn(), Some(cfn_model::Expr::lit(key)));
    /// ```
    pub fn key_arn(&self) -> Option<Expr> {
        self.encryption
            .as_ref()
            .and_then(Encryption::customer_managed)
            .map(|k| k.key().key_arn())
    }

    /// The activity's name (1 to 80 characters). Default: `<stack name>-<logical id>`, unique
    /// per stack (keep stack names short enough for the 80-character limit).
    ///
    /// ```
    /// let a = stepfunctions::Activity::new("Worker").name("my-worker");
    /// ```
    #[must_use]
    pub fn name(mut self, name: impl Into<Expr>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// The activity's ARN (`Ref` of its logical id).
    ///
    /// ```
    /// assert_eq!(stepfunctions::Activity::new("Worker").arn(), cfn_model::Expr::reference("Worker"));
    /// ```
    pub fn arn(&self) -> Expr {
        let id = LogicalId::from_construct_id(&self.id)
            .map(|i| i.to_string())
            .unwrap_or_else(|_| self.id.clone());
        Expr::reference(id)
    }

    /// Adds the `AWS::StepFunctions::Activity` to a template.
    ///
    /// ```
    /// let mut t = cfn_model::Template::new();
    /// stepfunctions::Activity::new("Worker").add_to(&mut t).unwrap();
    /// ```
    pub fn add_to(self, template: &mut Template) -> Result<LogicalId, Error> {
        let id = LogicalId::from_construct_id(&self.id)?;
        let mut errors = Vec::new();
        if let Some(name) = self.name.as_ref().and_then(Expr::as_literal) {
            if let Err(reason) = check_machine_name(name) {
                errors.push(Error::InvalidResource {
                    construct: self.id.clone(),
                    field: "Name",
                    reason: reason.replace("a state machine name", "an activity name"),
                });
            }
        }
        if let Some(encryption) = &self.encryption {
            errors.extend(encryption.check(&self.id));
        }
        if let Some(e) = Error::from_all(errors) {
            return Err(e);
        }
        check_free(template, &self.id, None)?;
        let key = self
            .encryption
            .as_ref()
            .and_then(Encryption::customer_managed)
            .map(|k| k.key());
        if let Some(key_id) = key.and_then(KmsKey::created_id) {
            check_free(template, key_id, Some(&self.id))?;
        }
        let name = self
            .name
            .unwrap_or_else(|| Expr::concat([Expr::stack_name(), Expr::lit(format!("-{id}"))]));
        if let Some(key) = key {
            // The activity's ARN from its name: the key policy cannot name the activity itself,
            // which is created after the key.
            let arn = Expr::concat([
                Expr::sub("arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:activity:"),
                name.clone(),
            ]);
            let statement = crate::encryption::data_key_statement(Expr::lit("*"), "activityArn", arn)
                .principal("Service", "states.amazonaws.com");
            key.add_to(template, [statement])?;
        }
        Ok(template.add_resource(
            &self.id,
            Resource::new("AWS::StepFunctions::Activity")
                .property_opt(
                    "EncryptionConfiguration",
                    self.encryption.as_ref().map(Encryption::property),
                )
                .property("Name", Value::from(name)),
        )?)
    }
}

#[cfg(test)]
mod tests {
    use super::Scan;

    #[test]
    fn scan_counts_placeholders_and_finds_intrinsic_like_objects() {
        let s = Scan::of(br#"{"A":"${Fn}-${x}","B":{"C":"{\"Ref\":1}"},"D":"$"}"#);
        assert_eq!((s.placeholders, s.intrinsic_like), (2, false));
        assert!(Scan::of(br#"{"A":{"Ref":"X"}}"#).intrinsic_like);
        assert!(Scan::of(br#"{"A":[1,{"Fn::GetAtt":["X","Arn"]}]}"#).intrinsic_like);
        assert!(!Scan::of(br#"{"A":{"Fn":1,"Ref":2}}"#).intrinsic_like);
        let s = Scan::of(br#"{"${":"${","x":"{"}"#);
        assert_eq!((s.placeholders, s.intrinsic_like), (2, false));
        assert_eq!(Scan::of(b"{").placeholders, 0);
    }
}
