//! AWS Elemental MediaConvert: create a transcoding job.
//!
//! See <https://docs.aws.amazon.com/step-functions/latest/dg/connect-mediaconvert.html>; the IAM
//! statements follow <https://docs.aws.amazon.com/step-functions/latest/dg/mediaconvert-iam.html>.

mod create_job;

pub use create_job::MediaConvertCreateJob;
