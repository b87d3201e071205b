//! `GlueDataBrewStartJobRun`: <https://docs.aws.amazon.com/step-functions/latest/dg/connect-databrew.html>.

use cfn_model::iam::PolicyStatement;
use cfn_model::Expr;
use stepfunctions::TaskError;
use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration, SupportsRunJob};

use crate::util::{literal_len, stack_arn, static_value};

/// Runs a Glue DataBrew job (`arn:aws:states:::databrew:startJobRun`). With
/// [`run_job`](stepfunctions::Task::run_job) the task waits for the run to end; otherwise it
/// returns the run's id at once.
///
/// Supports request-response (default) and run-job.
///
/// IAM, as in <https://docs.aws.amazon.com/step-functions/latest/dg/databrew-iam.html> but
/// scoped to the job: `databrew:startJobRun` on the job (`job/<name>`); run-job adds
/// `databrew:stopJobRun` and `databrew:listJobRuns`. A name read from the input widens to the
/// account's `job/*`.
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::GlueDataBrewStartJobRun;
/// let task = Task::new("Task", GlueDataBrewStartJobRun::new("databrew-job")).run_job();
/// let r = stepfunctions::testing::render_state(task).unwrap();
/// assert_eq!(r["States"]["Task"]["Parameters"]["Name"], "databrew-job");
/// ```
///
/// DataBrew has no callback pattern:
///
/// ```compile_fail
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::GlueDataBrewStartJobRun;
/// let t = Task::new("Task", GlueDataBrewStartJobRun::new("databrew-job")).wait_for_task_token();
/// ```
#[derive(Debug, Clone)]
pub struct GlueDataBrewStartJobRun {
    name: Payload,
}

impl GlueDataBrewStartJobRun {
    /// Runs the job with this name: a literal, a CloudFormation value, or read from the input.
    ///
    /// ```
    /// use stepfunctions_tasks::GlueDataBrewStartJobRun;
    /// let literal = GlueDataBrewStartJobRun::new("databrew-job");
    /// let from_input = GlueDataBrewStartJobRun::new(stepfunctions::JsonPath::string_at("$.job"));
    /// ```
    pub fn new(name: impl Into<Payload>) -> Self {
        GlueDataBrewStartJobRun { name: name.into() }
    }
}

impl ServiceIntegration for GlueDataBrewStartJobRun {
    const SERVICE: &'static str = "databrew";
    const API: &'static str = "startJobRun";

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        Some(Payload::from_object([("Name", self.name.clone())]))
    }

    fn policy_statements(&self, pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        let mut actions = vec!["databrew:startJobRun"];
        if pattern == IntegrationPattern::RunJob {
            actions.extend(["databrew:stopJobRun", "databrew:listJobRuns"]);
        }
        let name = static_value(&self.name).cloned().unwrap_or_else(|| Expr::lit("*"));
        let job = stack_arn("databrew", Expr::concat([Expr::lit("job/"), name]));
        vec![PolicyStatement::allow(actions, [job])]
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        if let Some(n) = literal_len(&self.name) {
            if n == 0 || n > 240 {
                return Err(TaskError::field(
                    "Name",
                    "the DataBrew job name must be 1 to 240 characters",
                ));
            }
        }
        Ok(())
    }
}

impl SupportsRunJob for GlueDataBrewStartJobRun {}
