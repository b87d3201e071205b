//! AWS Batch: submit a job.
//!
//! See <https://docs.aws.amazon.com/step-functions/latest/dg/connect-batch.html>.

mod submit_job;

use cfn_model::Expr;
use stepfunctions::model::Path;
use stepfunctions::Payload;

pub use submit_job::{BatchContainerOverrides, BatchDependencyType, BatchJobDependency, BatchSubmitJob};

use crate::util::stack_arn;

/// A Batch job definition, by ARN: a literal, a parameter, an import, the `Ref` of an
/// `AWS::Batch::JobDefinition` in the same template, or a path of the input.
///
/// `batch:SubmitJob` is authorized on the job definition ARN with its revision
/// (<https://docs.aws.amazon.com/batch/latest/userguide/iam-example-restrict-job-submission.html>):
/// an ARN ending in `:<revision>` is granted as is, one without a revision as `<arn>:*` (every
/// revision), and a CloudFormation value (which may be either) as both.
///
/// ```
/// use stepfunctions_tasks::BatchJobDefinition;
/// let imported = BatchJobDefinition::from_arn("arn:aws:batch:us-east-1:123456789012:job-definition/MyJobDefinition:1");
/// let parameter = BatchJobDefinition::from_arn(cfn_model::Expr::reference("JobDefinitionArn"));
/// let from_input = BatchJobDefinition::from_json_path("$.jobDefinition");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct BatchJobDefinition {
    arn: Payload,
}

impl BatchJobDefinition {
    /// The job definition with this ARN, with or without its `:<revision>`.
    ///
    /// ```
    /// let d = stepfunctions_tasks::BatchJobDefinition::from_arn(cfn_model::Expr::reference("JobDefinition"));
    /// ```
    pub fn from_arn(arn: impl Into<Expr>) -> Self {
        BatchJobDefinition {
            arn: Payload::String(arn.into()),
        }
    }

    /// The job definition named (by ARN or name) at a path of the input; the role may then
    /// submit with any job definition of the account (`job-definition/*`).
    ///
    /// ```
    /// let d = stepfunctions_tasks::BatchJobDefinition::from_json_path("$.jobDefinition");
    /// ```
    pub fn from_json_path(path: impl Into<String>) -> Self {
        BatchJobDefinition {
            arn: Payload::Path(Path::new(path)),
        }
    }

    /// The value of `JobDefinition`.
    ///
    /// ```
    /// let d = stepfunctions_tasks::BatchJobDefinition::from_json_path("$.def");
    /// assert!(d.arn().is_dynamic());
    /// ```
    pub fn arn(&self) -> &Payload {
        &self.arn
    }

    /// The resources of `batch:SubmitJob` for this job definition.
    pub(crate) fn submit_resources(&self) -> Vec<Expr> {
        match &self.arn {
            Payload::String(Expr::Literal(arn)) => {
                let revision = arn
                    .rsplit_once('/')
                    .and_then(|(_, name)| name.rsplit_once(':'))
                    .is_some_and(|(_, rev)| !rev.is_empty() && rev.bytes().all(|b| b.is_ascii_digit()));
                if revision {
                    vec![Expr::lit(arn)]
                } else {
                    vec![Expr::lit(format!("{arn}:*"))]
                }
            }
            Payload::String(e) => vec![e.clone(), Expr::concat([e.clone(), Expr::lit(":*")])],
            _ => vec![stack_arn("batch", "job-definition/*")],
        }
    }

    pub(crate) fn validate(&self) -> Result<(), String> {
        if let Payload::String(Expr::Literal(arn)) = &self.arn {
            if !(arn.starts_with("arn:") && arn.contains(":batch:") && arn.contains(":job-definition/")) {
                return Err(format!(
                    "`{arn}` is not a job definition ARN (arn:<partition>:batch:<region>:<account>:job-definition/<name>[:<revision>])"
                ));
            }
        }
        Ok(())
    }
}

/// A Batch job queue, by ARN: a literal, a parameter, an import, the `Ref` of an
/// `AWS::Batch::JobQueue` in the same template, or a path of the input.
///
/// ```
/// use stepfunctions_tasks::BatchJobQueue;
/// let imported = BatchJobQueue::from_arn("arn:aws:batch:us-east-1:123456789012:job-queue/MyJobQueue");
/// let from_input = BatchJobQueue::from_json_path("$.queue");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct BatchJobQueue {
    arn: Payload,
}

impl BatchJobQueue {
    /// The job queue with this ARN.
    ///
    /// ```
    /// let q = stepfunctions_tasks::BatchJobQueue::from_arn(cfn_model::Expr::reference("JobQueueArn"));
    /// ```
    pub fn from_arn(arn: impl Into<Expr>) -> Self {
        BatchJobQueue {
            arn: Payload::String(arn.into()),
        }
    }

    /// The job queue named (by ARN or name) at a path of the input; the role may then submit
    /// to any job queue of the account (`job-queue/*`).
    ///
    /// ```
    /// let q = stepfunctions_tasks::BatchJobQueue::from_json_path("$.queue");
    /// ```
    pub fn from_json_path(path: impl Into<String>) -> Self {
        BatchJobQueue {
            arn: Payload::Path(Path::new(path)),
        }
    }

    /// The value of `JobQueue`.
    ///
    /// ```
    /// let q = stepfunctions_tasks::BatchJobQueue::from_arn("arn:aws:batch:us-east-1:123456789012:job-queue/Q");
    /// assert!(!q.arn().is_dynamic());
    /// ```
    pub fn arn(&self) -> &Payload {
        &self.arn
    }

    pub(crate) fn submit_resource(&self) -> Expr {
        match &self.arn {
            Payload::String(e) => e.clone(),
            _ => stack_arn("batch", "job-queue/*"),
        }
    }

    pub(crate) fn validate(&self) -> Result<(), String> {
        if let Payload::String(Expr::Literal(arn)) = &self.arn {
            if !(arn.starts_with("arn:") && arn.contains(":batch:") && arn.contains(":job-queue/")) {
                return Err(format!(
                    "`{arn}` is not a job queue ARN (arn:<partition>:batch:<region>:<account>:job-queue/<name>)"
                ));
            }
        }
        Ok(())
    }
}
