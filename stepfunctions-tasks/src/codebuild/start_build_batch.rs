//! `CodeBuildStartBuildBatch`: <https://docs.aws.amazon.com/step-functions/latest/dg/connect-codebuild.html>.

use cfn_model::iam::PolicyStatement;
use stepfunctions::TaskError;
use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration, SupportsRunJob};

use super::start_build::{build_statements, BuildOverrides};
use super::{BuildEnvironmentVariable, CodeBuildProject};

/// The EventBridge rule Step Functions manages to learn that a batch of builds ended.
const RULE: &str = "StepFunctionsGetEventForCodeBuildStartBuildBatchRule";

/// Starts a batch build of a CodeBuild project (`arn:aws:states:::codebuild:startBuildBatch`):
/// the builds the project's batch configuration (a build graph, list or matrix) describes.
/// With [`run_job`](stepfunctions::Task::run_job) the task waits for the batch to end and
/// returns it; otherwise it returns the started batch at once.
///
/// Supports request-response (default) and run-job. The project must have batch builds
/// enabled (its `BuildBatchConfig`), or CodeBuild refuses the call.
///
/// IAM, as in <https://docs.aws.amazon.com/step-functions/latest/dg/codebuild-iam.html>:
/// `codebuild:StartBuildBatch` on the project; run-job adds `codebuild:StopBuildBatch` and
/// `codebuild:BatchGetBuildBatches` on the project and `events:PutTargets`, `events:PutRule`,
/// `events:DescribeRule` on the managed rule
/// `StepFunctionsGetEventForCodeBuildStartBuildBatchRule`. A project read from the input widens
/// to the account's `project/*`. The statements are the CDK's.
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{BuildEnvironmentVariable, CodeBuildProject, CodeBuildStartBuildBatch};
/// let task = Task::new(
///     "Build Batch",
///     CodeBuildStartBuildBatch::new(CodeBuildProject::from_name("MyBatchProject"))
///         .environment_variable("ZONE", BuildEnvironmentVariable::plaintext(JsonPath::string_at("$.zone"))),
/// )
/// .run_job();
/// let r = stepfunctions::testing::render_state(task).unwrap();
/// assert!(r["DefinitionSubstitutions"].to_string().contains(":states:::codebuild:startBuildBatch.sync"));
/// assert_eq!(r["States"]["Build Batch"]["Parameters"]["EnvironmentVariablesOverride"][0]["Value.$"], "$.zone");
/// ```
///
/// CodeBuild has no callback pattern:
///
/// ```compile_fail
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{CodeBuildProject, CodeBuildStartBuildBatch};
/// let t = Task::new("Build", CodeBuildStartBuildBatch::new(CodeBuildProject::from_name("P"))).wait_for_task_token();
/// ```
#[derive(Debug, Clone)]
pub struct CodeBuildStartBuildBatch {
    project: CodeBuildProject,
    build: BuildOverrides,
}

impl CodeBuildStartBuildBatch {
    /// Starts a batch of `project` with its own settings.
    ///
    /// ```
    /// use stepfunctions_tasks::{CodeBuildProject, CodeBuildStartBuildBatch};
    /// let b = CodeBuildStartBuildBatch::new(CodeBuildProject::from_name("MyBatchProject"));
    /// ```
    pub fn new(project: CodeBuildProject) -> Self {
        CodeBuildStartBuildBatch {
            project,
            build: BuildOverrides::default(),
        }
    }

    /// Sets an environment variable for the builds of this batch only
    /// (`EnvironmentVariablesOverride`). Default: the project's variables.
    ///
    /// ```
    /// use stepfunctions_tasks::{BuildEnvironmentVariable, CodeBuildProject, CodeBuildStartBuildBatch};
    /// let b = CodeBuildStartBuildBatch::new(CodeBuildProject::from_name("P"))
    ///     .environment_variable("TOKEN", BuildEnvironmentVariable::parameter_store("/my/token"));
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
    /// use stepfunctions_tasks::{CodeBuildProject, CodeBuildStartBuildBatch};
    /// let b = CodeBuildStartBuildBatch::new(CodeBuildProject::from_name("P"))
    ///     .source_version(stepfunctions::JsonPath::string_at("$.commit"));
    /// ```
    #[must_use]
    pub fn source_version(mut self, version: impl Into<Payload>) -> Self {
        self.build.source_version = Some(version.into());
        self
    }

    /// A buildspec for this batch only (`BuildspecOverride`), whose `batch` section describes
    /// the builds: its text (YAML or JSON) or a path to a buildspec file in the source.
    /// Default: the project's.
    ///
    /// ```
    /// use stepfunctions_tasks::{CodeBuildProject, CodeBuildStartBuildBatch};
    /// let b = CodeBuildStartBuildBatch::new(CodeBuildProject::from_name("P"))
    ///     .buildspec_override("buildspec-batch.yml");
    /// ```
    #[must_use]
    pub fn buildspec_override(mut self, buildspec: impl Into<Payload>) -> Self {
        self.build.buildspec_override = Some(buildspec.into());
        self
    }
}

impl ServiceIntegration for CodeBuildStartBuildBatch {
    const SERVICE: &'static str = "codebuild";
    const API: &'static str = "startBuildBatch";

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        Some(self.build.parameters(&self.project))
    }

    fn policy_statements(&self, pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        build_statements(
            &self.project,
            pattern,
            [
                "codebuild:StartBuildBatch",
                "codebuild:StopBuildBatch",
                "codebuild:BatchGetBuildBatches",
            ],
            RULE,
        )
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        self.build.validate(&self.project)
    }
}

impl SupportsRunJob for CodeBuildStartBuildBatch {}
