//! `glue_start_job_run`, `glue_start_crawler_run` and `databrew_start_job_run`: AWS Glue and
//! Glue DataBrew.

use std::time::Duration;

use stepfunctions_cdk::prelude::*;

use super::Build;

pub const CASES: &[(&str, Build)] = &[
    ("databrew_start_job_run", databrew_start_job_run),
    ("glue_start_job_run", glue_start_job_run),
    ("glue_start_crawler_run", glue_start_crawler_run),
];

/// GlueStartCrawlerRun by crawler name (aws-sdk integration).
fn glue_start_crawler_run(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let task = Task::new("Start Crawler", GlueStartCrawlerRun::new("my-crawler-job"));
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}

/// Seed: Glue / StartJobRun (the deprecated `timeout` is the job's: `job_timeout`).
fn glue_start_job_run(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let task = Task::new(
        "Task",
        GlueStartJobRun::new("my-glue-job")
            .arguments(Payload::from_object([("key", "value".into())]))
            .job_timeout(Duration::from_secs(30 * 60))
            .notify_delay_after(Duration::from_secs(5 * 60)),
    );
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}

/// Seed: Glue DataBrew / StartJobRun.
fn databrew_start_job_run(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let task = Task::new("Task", GlueDataBrewStartJobRun::new("databrew-job"));
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}
