//! AWS Glue DataBrew: start a job run.
//!
//! See <https://docs.aws.amazon.com/step-functions/latest/dg/connect-databrew.html>.

mod start_job_run;

pub use start_job_run::GlueDataBrewStartJobRun;
