//! `batch_submit_job`: AWS Batch.

use stepfunctions_cdk::prelude::*;

use super::Build;

pub const CASES: &[(&str, Build)] = &[("batch_submit_job", batch_submit_job)];

/// Seed: Batch / SubmitJob (job definition and queue imported from fixed ARNs).
fn batch_submit_job(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let batch_job_definition =
        BatchJobDefinition::from_arn("arn:aws:batch:us-east-1:123456789012:job-definition/MyJobDefinition:1");
    let batch_queue = BatchJobQueue::from_arn("arn:aws:batch:us-east-1:123456789012:job-queue/MyJobQueue");

    let task = Task::new(
        "Submit Job",
        BatchSubmitJob::new(batch_job_definition, "MyJob", batch_queue),
    );
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}
