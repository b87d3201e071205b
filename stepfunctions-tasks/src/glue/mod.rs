//! AWS Glue: start a job run, or a crawler.
//!
//! See <https://docs.aws.amazon.com/step-functions/latest/dg/connect-glue.html>.

mod start_crawler_run;
mod start_job_run;

pub use start_crawler_run::GlueStartCrawlerRun;
pub use start_job_run::{GlueExecutionClass, GlueStartJobRun, GlueWorkerType};
