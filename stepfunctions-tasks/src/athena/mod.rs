//! Amazon Athena: start, watch, read and stop queries.
//!
//! See <https://docs.aws.amazon.com/step-functions/latest/dg/connect-athena.html>; the IAM
//! statements follow <https://docs.aws.amazon.com/step-functions/latest/dg/athena-iam.html>.

mod get_query_execution;
mod get_query_results;
mod start_query_execution;
mod stop_query_execution;

use cfn_model::Expr;

pub use get_query_execution::AthenaGetQueryExecution;
pub use get_query_results::AthenaGetQueryResults;
pub use start_query_execution::{AthenaStartQueryExecution, EncryptionOption};
pub use stop_query_execution::AthenaStopQueryExecution;

use crate::util::{partition_arn, stack_arn};

/// An S3 location, a bucket and an optional key prefix: where Athena writes query results.
///
/// The bucket is a name, literal or from the template (`Ref` of an `AWS::S3::Bucket`); it is
/// rendered as `s3://<bucket>/<prefix>/`, CDK's `s3.Location` form.
///
/// ```
/// use stepfunctions_tasks::S3Location;
/// let literal = S3Location::new("query-results-bucket", "folder");
/// let in_template = S3Location::bucket(cfn_model::Expr::reference("ResultsBucket")).prefix("athena");
/// assert_eq!(literal.uri().to_string(), "s3://query-results-bucket/folder/");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct S3Location {
    bucket: Expr,
    prefix: Option<Expr>,
}

impl S3Location {
    /// `s3://<bucket>/<prefix>/` (CDK's `s3.Location { bucketName, objectKey }`).
    ///
    /// ```
    /// let l = stepfunctions_tasks::S3Location::new("mybucket", "myprefix");
    /// ```
    pub fn new(bucket: impl Into<Expr>, prefix: impl Into<Expr>) -> Self {
        S3Location::bucket(bucket).prefix(prefix)
    }

    /// The whole bucket, `s3://<bucket>/`.
    ///
    /// ```
    /// let l = stepfunctions_tasks::S3Location::bucket("mybucket");
    /// assert_eq!(l.uri().to_string(), "s3://mybucket/");
    /// ```
    pub fn bucket(bucket: impl Into<Expr>) -> Self {
        S3Location {
            bucket: bucket.into(),
            prefix: None,
        }
    }

    /// A key prefix inside the bucket; a trailing `/` of a literal prefix is dropped. Default:
    /// none (the bucket's root).
    ///
    /// ```
    /// let l = stepfunctions_tasks::S3Location::bucket("b").prefix("results/");
    /// assert_eq!(l.uri().to_string(), "s3://b/results/");
    /// ```
    #[must_use]
    pub fn prefix(mut self, prefix: impl Into<Expr>) -> Self {
        let prefix = prefix.into();
        self.prefix = Some(match prefix.as_literal() {
            Some(p) => Expr::lit(p.trim_end_matches('/')),
            None => prefix,
        });
        self
    }

    /// The location as an `s3://` URI.
    ///
    /// ```
    /// let l = stepfunctions_tasks::S3Location::new(cfn_model::Expr::reference("B"), "out");
    /// assert_eq!(l.uri().to_string(), "s3://${B}/out/");
    /// ```
    pub fn uri(&self) -> Expr {
        let mut parts = vec![Expr::lit("s3://"), self.bucket.clone(), Expr::lit("/")];
        if let Some(p) = &self.prefix {
            parts.extend([p.clone(), Expr::lit("/")]);
        }
        Expr::concat(parts)
    }

    /// `arn:<partition>:s3:::<bucket>`, the bucket's ARN.
    pub(crate) fn bucket_arn(&self) -> Expr {
        partition_arn("s3", self.bucket.clone())
    }

    /// `arn:<partition>:s3:::<bucket>/<prefix>/*`, every object under the location.
    pub(crate) fn objects_arn(&self) -> Expr {
        let mut parts = vec![self.bucket.clone(), Expr::lit("/")];
        if let Some(p) = &self.prefix {
            parts.extend([p.clone(), Expr::lit("/")]);
        }
        parts.push(Expr::lit("*"));
        partition_arn("s3", Expr::concat(parts))
    }

    /// A literal bucket name breaking S3's naming rules, if any.
    pub(crate) fn validate(&self) -> Result<(), String> {
        if let Some(b) = self.bucket.as_literal() {
            let ok_chars = b
                .bytes()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'.' | b'-'));
            if !(3..=63).contains(&b.len()) || !ok_chars {
                return Err(format!(
                    "`{b}` is not an S3 bucket name (3 to 63 lower-case letters, digits, dots and hyphens)"
                ));
            }
        }
        if let Some(p) = self.prefix.as_ref().and_then(Expr::as_literal) {
            if p.is_empty() || p.starts_with('/') {
                return Err(format!("the S3 key prefix `{p}` must not be empty or start with `/`"));
            }
        }
        Ok(())
    }
}

/// `arn:<partition>:athena:<region>:<account>:workgroup/*`: the query-execution APIs name no
/// workgroup, so the Step Functions IAM templates grant every workgroup of the account.
fn any_workgroup() -> Expr {
    stack_arn("athena", "workgroup/*")
}
