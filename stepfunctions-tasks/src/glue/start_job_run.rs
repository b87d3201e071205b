//! `GlueStartJobRun`: <https://docs.aws.amazon.com/step-functions/latest/dg/connect-glue.html>.

use std::time::Duration;

use cfn_model::iam::PolicyStatement;
use cfn_model::Expr;
use stepfunctions::model::Path;
use stepfunctions::TaskError;
use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration, SupportsRunJob};

use crate::util::{literal_len, stack_arn, static_value};

/// The kind of worker a job run gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GlueWorkerType {
    /// `Standard`: 4 vCPU, 16 GB of memory, 2 executors.
    Standard,
    /// `G.025X`: 0.25 DPU, for low-volume streaming jobs.
    G025X,
    /// `G.1X`: 1 DPU.
    G1X,
    /// `G.2X`: 2 DPU.
    G2X,
    /// `G.4X`: 4 DPU (Glue 3.0 and later).
    G4X,
    /// `G.8X`: 8 DPU (Glue 3.0 and later).
    G8X,
    /// `Z.2X`: 2 M-DPU, for Ray jobs.
    Z2X,
    /// Another type, by its API name.
    Other(String),
}

impl GlueWorkerType {
    fn as_str(&self) -> &str {
        match self {
            GlueWorkerType::Standard => "Standard",
            GlueWorkerType::G025X => "G.025X",
            GlueWorkerType::G1X => "G.1X",
            GlueWorkerType::G2X => "G.2X",
            GlueWorkerType::G4X => "G.4X",
            GlueWorkerType::G8X => "G.8X",
            GlueWorkerType::Z2X => "Z.2X",
            GlueWorkerType::Other(s) => s,
        }
    }
}

/// How Glue schedules the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GlueExecutionClass {
    /// `STANDARD`: dedicated resources, fast start.
    Standard,
    /// `FLEX`: spare capacity, for time-insensitive Spark jobs (Glue 3.0 and later).
    Flex,
}

/// A number of whole minutes, or read from the input.
fn minutes(duration: Duration, what: &str) -> Result<Payload, String> {
    let secs = duration.as_secs();
    if duration.subsec_nanos() != 0 || secs % 60 != 0 || secs == 0 {
        return Err(format!("the {what} is whole minutes, at least 1; got {duration:?}"));
    }
    Ok((secs / 60).into())
}

/// Starts a run of a Glue job (`arn:aws:states:::glue:startJobRun`). With
/// [`run_job`](stepfunctions::Task::run_job) the task waits for the run to end and returns it;
/// otherwise it returns the `JobRunId` at once.
///
/// Supports request-response (default) and run-job.
///
/// The run's own timeout is [`job_timeout`](GlueStartJobRun::job_timeout), rendered as
/// `Parameters.Timeout` in minutes (CDK's deprecated `timeout`); the task's
/// [`timeout`](stepfunctions::Task::timeout) stays the state's `TimeoutSeconds`.
///
/// IAM: `glue:StartJobRun` on the job (`job/<name>`); run-job adds `glue:GetJobRun`,
/// `glue:GetJobRuns` and `glue:BatchStopJobRun`, the actions of the Step Functions IAM template
/// for Glue (<https://docs.aws.amazon.com/step-functions/latest/dg/glue-iam.html>), which
/// grants them on `*`. A job name read from the input widens to the account's `job/*` (the
/// CDK writes the path itself into the ARN, `job/$.JobName`, which matches no job).
///
/// ```
/// use std::time::Duration;
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::GlueStartJobRun;
/// let task = Task::new(
///     "Task",
///     GlueStartJobRun::new("my-glue-job")
///         .arguments(Payload::from_object([("key", "value".into())]))
///         .job_timeout(Duration::from_secs(30 * 60))
///         .notify_delay_after(Duration::from_secs(5 * 60)),
/// );
/// let r = stepfunctions::testing::render_state(task).unwrap();
/// assert_eq!(r["States"]["Task"]["Parameters"]["Timeout"], 30);
/// ```
///
/// Glue has no callback pattern:
///
/// ```compile_fail
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::GlueStartJobRun;
/// let t = Task::new("Task", GlueStartJobRun::new("my-glue-job")).wait_for_task_token();
/// ```
#[derive(Debug, Clone)]
pub struct GlueStartJobRun {
    job_name: Payload,
    arguments: Option<Payload>,
    job_timeout: Option<Result<Payload, String>>,
    security_configuration: Option<Payload>,
    notify_delay_after: Option<Result<Payload, String>>,
    worker: Option<(GlueWorkerType, u32)>,
    execution_class: Option<GlueExecutionClass>,
}

impl GlueStartJobRun {
    /// Runs the job with this name: a literal, a CloudFormation value (the `Ref` of an
    /// `AWS::Glue::Job`), or read from the input.
    ///
    /// ```
    /// use stepfunctions_tasks::GlueStartJobRun;
    /// let literal = GlueStartJobRun::new("my-glue-job");
    /// let from_input = GlueStartJobRun::new(stepfunctions::JsonPath::string_at("$.JobName"));
    /// ```
    pub fn new(job_name: impl Into<Payload>) -> Self {
        GlueStartJobRun {
            job_name: job_name.into(),
            arguments: None,
            job_timeout: None,
            security_configuration: None,
            notify_delay_after: None,
            worker: None,
            execution_class: None,
        }
    }

    /// Arguments for this run (`Arguments`), replacing the job's default arguments: an object
    /// of `--name` keys, or read from the input. Default: the job's.
    ///
    /// ```
    /// use stepfunctions::{JsonPath, Payload};
    /// let g = stepfunctions_tasks::GlueStartJobRun::new("my-glue-job")
    ///     .arguments(Payload::from_object([("--day", JsonPath::string_at("$.day"))]));
    /// ```
    #[must_use]
    pub fn arguments(mut self, arguments: Payload) -> Self {
        self.arguments = Some(arguments);
        self
    }

    /// How long the run may take before Glue stops it, in whole minutes (`Timeout`). Default:
    /// the job's.
    ///
    /// ```
    /// let g = stepfunctions_tasks::GlueStartJobRun::new("my-glue-job")
    ///     .job_timeout(std::time::Duration::from_secs(30 * 60));
    /// ```
    #[must_use]
    pub fn job_timeout(mut self, timeout: Duration) -> Self {
        self.job_timeout = Some(minutes(timeout, "job timeout"));
        self
    }

    /// [`job_timeout`](GlueStartJobRun::job_timeout) in minutes read from the input.
    ///
    /// ```
    /// let g = stepfunctions_tasks::GlueStartJobRun::new("my-glue-job").job_timeout_at("$.timeoutMinutes");
    /// ```
    #[must_use]
    pub fn job_timeout_at(mut self, path: impl Into<String>) -> Self {
        self.job_timeout = Some(Ok(Payload::Path(Path::new(path))));
        self
    }

    /// The security configuration the run uses. Default: the job's.
    ///
    /// ```
    /// let g = stepfunctions_tasks::GlueStartJobRun::new("my-glue-job").security_configuration("encrypted");
    /// ```
    #[must_use]
    pub fn security_configuration(mut self, name: impl Into<Payload>) -> Self {
        self.security_configuration = Some(name.into());
        self
    }

    /// How long after the run starts Glue sends a delay notification, in whole minutes
    /// (`NotificationProperty.NotifyDelayAfter`). Default: the job's.
    ///
    /// ```
    /// let g = stepfunctions_tasks::GlueStartJobRun::new("my-glue-job")
    ///     .notify_delay_after(std::time::Duration::from_secs(5 * 60));
    /// ```
    #[must_use]
    pub fn notify_delay_after(mut self, delay: Duration) -> Self {
        self.notify_delay_after = Some(minutes(delay, "notify delay"));
        self
    }

    /// The workers of this run (`WorkerType`, `NumberOfWorkers`). Default: the job's.
    ///
    /// ```
    /// use stepfunctions_tasks::{GlueStartJobRun, GlueWorkerType};
    /// let g = GlueStartJobRun::new("my-glue-job").worker_configuration(GlueWorkerType::G1X, 10);
    /// ```
    #[must_use]
    pub fn worker_configuration(mut self, worker_type: GlueWorkerType, number_of_workers: u32) -> Self {
        self.worker = Some((worker_type, number_of_workers));
        self
    }

    /// The execution class. Default: the job's (`STANDARD`).
    ///
    /// ```
    /// use stepfunctions_tasks::{GlueExecutionClass, GlueStartJobRun};
    /// let g = GlueStartJobRun::new("my-glue-job").execution_class(GlueExecutionClass::Flex);
    /// ```
    #[must_use]
    pub fn execution_class(mut self, class: GlueExecutionClass) -> Self {
        self.execution_class = Some(class);
        self
    }
}

impl ServiceIntegration for GlueStartJobRun {
    const SERVICE: &'static str = "glue";
    const API: &'static str = "startJobRun";

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        let mut p = vec![("JobName", self.job_name.clone())];
        if let Some(a) = &self.arguments {
            p.push(("Arguments", a.clone()));
        }
        if let Some(Ok(t)) = &self.job_timeout {
            p.push(("Timeout", t.clone()));
        }
        if let Some(s) = &self.security_configuration {
            p.push(("SecurityConfiguration", s.clone()));
        }
        if let Some(Ok(d)) = &self.notify_delay_after {
            p.push((
                "NotificationProperty",
                Payload::from_object([("NotifyDelayAfter", d.clone())]),
            ));
        }
        if let Some((kind, n)) = &self.worker {
            p.push(("WorkerType", kind.as_str().into()));
            p.push(("NumberOfWorkers", (*n).into()));
        }
        if let Some(c) = self.execution_class {
            let c = match c {
                GlueExecutionClass::Standard => "STANDARD",
                GlueExecutionClass::Flex => "FLEX",
            };
            p.push(("ExecutionClass", c.into()));
        }
        Some(Payload::from_object(p))
    }

    fn policy_statements(&self, pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        let mut actions = vec!["glue:StartJobRun"];
        if pattern == IntegrationPattern::RunJob {
            actions.extend(["glue:GetJobRun", "glue:GetJobRuns", "glue:BatchStopJobRun"]);
        }
        let name = static_value(&self.job_name).cloned().unwrap_or_else(|| Expr::lit("*"));
        vec![PolicyStatement::allow(
            actions,
            [stack_arn("glue", Expr::concat([Expr::lit("job/"), name]))],
        )]
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        if let Some(n) = literal_len(&self.job_name) {
            if n == 0 || n > 255 {
                return Err(TaskError::field(
                    "JobName",
                    "the Glue job name must be 1 to 255 characters",
                ));
            }
        }
        if let Some(n) = self.security_configuration.as_ref().and_then(literal_len) {
            if n == 0 || n > 255 {
                return Err(TaskError::field(
                    "SecurityConfiguration",
                    "the security configuration name must be 1 to 255 characters",
                ));
            }
        }
        for value in [&self.job_timeout, &self.notify_delay_after].into_iter().flatten() {
            value.as_ref().map_err(Clone::clone)?;
        }
        if let Some((kind, n)) = &self.worker {
            if *n == 0 {
                return Err(TaskError::field(
                    "NumberOfWorkers",
                    "the number of workers must be at least 1",
                ));
            }
            if kind.as_str().is_empty() {
                return Err(TaskError::field("WorkerType", "the worker type is empty"));
            }
        }
        Ok(())
    }
}

impl SupportsRunJob for GlueStartJobRun {}
