//! `CodeBuildStartBuild`: <https://docs.aws.amazon.com/step-functions/latest/dg/connect-codebuild.html>.

use cfn_model::iam::PolicyStatement;
use indexmap::IndexMap;
use stepfunctions::TaskError;
use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration, SupportsRunJob};

use super::CodeBuildProject;
use crate::util::{literal_len, managed_rule_statement};

/// The EventBridge rule Step Functions manages to learn that a build ended.
const RULE: &str = "StepFunctionsGetEventForCodeBuildStartBuildRule";

/// Where CodeBuild takes an environment variable's value from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuildEnvironmentVariableType {
    /// The value itself (`PLAINTEXT`).
    Plaintext,
    /// The name of a Systems Manager parameter (`PARAMETER_STORE`).
    ParameterStore,
    /// A Secrets Manager reference, `secret-id:json-key:version-stage:version-id`
    /// (`SECRETS_MANAGER`).
    SecretsManager,
}

impl BuildEnvironmentVariableType {
    fn as_str(self) -> &'static str {
        match self {
            BuildEnvironmentVariableType::Plaintext => "PLAINTEXT",
            BuildEnvironmentVariableType::ParameterStore => "PARAMETER_STORE",
            BuildEnvironmentVariableType::SecretsManager => "SECRETS_MANAGER",
        }
    }
}

/// An environment variable for one build. The project's service role, not the state
/// machine's, reads `PARAMETER_STORE` and `SECRETS_MANAGER` values: grant it that.
///
/// ```
/// use stepfunctions::JsonPath;
/// use stepfunctions_tasks::BuildEnvironmentVariable;
/// let zone = BuildEnvironmentVariable::plaintext(JsonPath::string_at("$.envVariables.zone"));
/// let token = BuildEnvironmentVariable::parameter_store("/app/token");
/// let secret = BuildEnvironmentVariable::secrets_manager("prod/db:password");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct BuildEnvironmentVariable {
    kind: BuildEnvironmentVariableType,
    value: Payload,
}

impl BuildEnvironmentVariable {
    /// A value of this type.
    ///
    /// ```
    /// use stepfunctions_tasks::{BuildEnvironmentVariable, BuildEnvironmentVariableType};
    /// let v = BuildEnvironmentVariable::new(BuildEnvironmentVariableType::Plaintext, "eu-west-1a");
    /// ```
    pub fn new(kind: BuildEnvironmentVariableType, value: impl Into<Payload>) -> Self {
        BuildEnvironmentVariable {
            kind,
            value: value.into(),
        }
    }

    /// A literal value, or one read from the input.
    ///
    /// ```
    /// let v = stepfunctions_tasks::BuildEnvironmentVariable::plaintext("eu-west-1a");
    /// ```
    pub fn plaintext(value: impl Into<Payload>) -> Self {
        Self::new(BuildEnvironmentVariableType::Plaintext, value)
    }

    /// The value of a Systems Manager parameter, by name.
    ///
    /// ```
    /// let v = stepfunctions_tasks::BuildEnvironmentVariable::parameter_store("/app/token");
    /// ```
    pub fn parameter_store(name: impl Into<Payload>) -> Self {
        Self::new(BuildEnvironmentVariableType::ParameterStore, name)
    }

    /// A Secrets Manager secret's value, by reference.
    ///
    /// ```
    /// let v = stepfunctions_tasks::BuildEnvironmentVariable::secrets_manager("prod/db:password");
    /// ```
    pub fn secrets_manager(reference: impl Into<Payload>) -> Self {
        Self::new(BuildEnvironmentVariableType::SecretsManager, reference)
    }
}

/// Starts a build of a CodeBuild project (`arn:aws:states:::codebuild:startBuild`). With
/// [`run_job`](stepfunctions::Task::run_job) the task waits for the build to end and returns
/// it; otherwise it returns the started build at once.
///
/// Supports request-response (default) and run-job.
///
/// IAM, as in <https://docs.aws.amazon.com/step-functions/latest/dg/codebuild-iam.html>:
/// `codebuild:StartBuild` on the project; run-job adds `codebuild:StopBuild` and
/// `codebuild:BatchGetBuilds` on the project and `events:PutTargets`, `events:PutRule`,
/// `events:DescribeRule` on the managed rule `StepFunctionsGetEventForCodeBuildStartBuildRule`.
/// A project read from the input widens to the account's `project/*`.
///
/// Deviations from the CDK, reviewed in the parity test: the CDK grants `StopBuild`,
/// `BatchGetBuilds` and `BatchGetReports` for request-response too, and `BatchGetReports`
/// always, on the project: that action is authorized on report groups
/// (`report-group/...`), so on a project ARN it grants nothing, and the run-job template does
/// not list it (reading reports is the separate `codebuild:batchGetReports` integration).
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{BuildEnvironmentVariable, CodeBuildProject, CodeBuildStartBuild};
/// let task = Task::new(
///     "Task",
///     CodeBuildStartBuild::new(CodeBuildProject::from_name("MyTestProject"))
///         .environment_variable("ZONE", BuildEnvironmentVariable::plaintext(JsonPath::string_at("$.envVariables.zone"))),
/// )
/// .run_job();
/// let r = stepfunctions::testing::render_state(task).unwrap();
/// assert_eq!(r["States"]["Task"]["Parameters"]["EnvironmentVariablesOverride"][0]["Value.$"], "$.envVariables.zone");
/// ```
///
/// CodeBuild has no callback pattern:
///
/// ```compile_fail
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{CodeBuildProject, CodeBuildStartBuild};
/// let t = Task::new("Build", CodeBuildStartBuild::new(CodeBuildProject::from_name("P"))).wait_for_task_token();
/// ```
#[derive(Debug, Clone)]
pub struct CodeBuildStartBuild {
    project: CodeBuildProject,
    build: BuildOverrides,
}

/// What one build (or batch of builds) changes of its project's settings: the parameters
/// `startBuild` and `startBuildBatch` share.
#[derive(Debug, Clone, Default)]
pub(super) struct BuildOverrides {
    pub(super) environment: IndexMap<String, BuildEnvironmentVariable>,
    pub(super) source_version: Option<Payload>,
    pub(super) buildspec_override: Option<Payload>,
}

/// The statements of a build's or a batch's start: `actions[0]` (the start) on the project;
/// run-job adds the stop and the read (`actions[1..]`) and the managed rule `rule`.
pub(super) fn build_statements(
    project: &CodeBuildProject,
    pattern: IntegrationPattern,
    actions: [&'static str; 3],
    rule: &str,
) -> Vec<PolicyStatement> {
    match pattern {
        IntegrationPattern::RunJob => vec![
            PolicyStatement::allow(actions, [project.arn().clone()]),
            managed_rule_statement(rule),
        ],
        _ => vec![PolicyStatement::allow([actions[0]], [project.arn().clone()])],
    }
}

impl BuildOverrides {
    /// `ProjectName` and the overrides set, in the API's order.
    pub(super) fn parameters(&self, project: &CodeBuildProject) -> Payload {
        let mut p = vec![("ProjectName", project.name().clone())];
        if !self.environment.is_empty() {
            let vars = self.environment.iter().map(|(name, v)| {
                Payload::from_object([
                    ("Name", name.as_str().into()),
                    ("Type", v.kind.as_str().into()),
                    ("Value", v.value.clone()),
                ])
            });
            p.push(("EnvironmentVariablesOverride", Payload::Array(vars.collect())));
        }
        if let Some(v) = &self.source_version {
            p.push(("SourceVersion", v.clone()));
        }
        if let Some(b) = &self.buildspec_override {
            p.push(("BuildspecOverride", b.clone()));
        }
        Payload::from_object(p)
    }

    /// The project name's length (CodeBuild's 2 to 255), variable names, an empty buildspec.
    pub(super) fn validate(&self, project: &CodeBuildProject) -> Result<(), TaskError> {
        if let Some(n) = literal_len(project.name()) {
            if !(2..=255).contains(&n) {
                return Err(TaskError::field(
                    "ProjectName",
                    "the project name must be 2 to 255 characters",
                ));
            }
        }
        if self.environment.keys().any(String::is_empty) {
            return Err(TaskError::field(
                "EnvironmentVariablesOverride",
                "an environment variable has no name",
            ));
        }
        if self.buildspec_override.as_ref().and_then(literal_len) == Some(0) {
            return Err(TaskError::field("BuildspecOverride", "the buildspec override is empty"));
        }
        Ok(())
    }
}

impl CodeBuildStartBuild {
    /// Builds `project` with its own settings.
    ///
    /// ```
    /// use stepfunctions_tasks::{CodeBuildProject, CodeBuildStartBuild};
    /// let b = CodeBuildStartBuild::new(CodeBuildProject::from_name("MyTestProject"));
    /// ```
    pub fn new(project: CodeBuildProject) -> Self {
        CodeBuildStartBuild {
            project,
            build: BuildOverrides::default(),
        }
    }

    /// Sets an environment variable for this build only (`EnvironmentVariablesOverride`).
    /// Default: the project's variables.
    ///
    /// ```
    /// use stepfunctions_tasks::{BuildEnvironmentVariable, CodeBuildProject, CodeBuildStartBuild};
    /// let b = CodeBuildStartBuild::new(CodeBuildProject::from_name("P"))
    ///     .environment_variable("STAGE", BuildEnvironmentVariable::plaintext("prod"));
    /// ```
    #[must_use]
    pub fn environment_variable(mut self, name: impl Into<String>, variable: BuildEnvironmentVariable) -> Self {
        self.build.environment.insert(name.into(), variable);
        self
    }

    /// The commit, branch, tag or version of the source to build (`SourceVersion`). Default:
    /// the project's.
    ///
    /// ```
    /// use stepfunctions_tasks::{CodeBuildProject, CodeBuildStartBuild};
    /// let b = CodeBuildStartBuild::new(CodeBuildProject::from_name("P"))
    ///     .source_version(stepfunctions::JsonPath::string_at("$.commit"));
    /// ```
    #[must_use]
    pub fn source_version(mut self, version: impl Into<Payload>) -> Self {
        self.build.source_version = Some(version.into());
        self
    }

    /// A buildspec for this build only (`BuildspecOverride`): its text (YAML or JSON) or a
    /// path to a buildspec file in the source. Default: the project's.
    ///
    /// ```
    /// use stepfunctions_tasks::{CodeBuildProject, CodeBuildStartBuild};
    /// let b = CodeBuildStartBuild::new(CodeBuildProject::from_name("P"))
    ///     .buildspec_override("version: 0.2\nphases:\n  build:\n    commands:\n      - make test\n");
    /// ```
    #[must_use]
    pub fn buildspec_override(mut self, buildspec: impl Into<Payload>) -> Self {
        self.build.buildspec_override = Some(buildspec.into());
        self
    }
}

impl ServiceIntegration for CodeBuildStartBuild {
    const SERVICE: &'static str = "codebuild";
    const API: &'static str = "startBuild";

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        Some(self.build.parameters(&self.project))
    }

    fn policy_statements(&self, pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        build_statements(
            &self.project,
            pattern,
            [
                "codebuild:StartBuild",
                "codebuild:StopBuild",
                "codebuild:BatchGetBuilds",
            ],
            RULE,
        )
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        self.build.validate(&self.project)
    }
}

impl SupportsRunJob for CodeBuildStartBuild {}
