//! AWS Glue: start a job run.
//!
//! See <https://docs.aws.amazon.com/step-functions/latest/dg/connect-glue.html>.

mod start_job_run;

pub use start_job_run::{GlueExecutionClass, GlueStartJobRun, GlueWorkerType};
