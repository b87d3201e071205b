//! `AthenaGetQueryResults`: <https://docs.aws.amazon.com/step-functions/latest/dg/connect-athena.html>.

use cfn_model::iam::PolicyStatement;
use stepfunctions::model::Path;
use stepfunctions::TaskError;
use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration};

use super::any_workgroup;
use crate::util::{literal_len, partition_arn};

/// Reads a page of a finished query's results (`arn:aws:states:::athena:getQueryResults`).
///
/// Supports request-response only. A task's result is limited to 256 KiB: page with
/// [`max_results`](AthenaGetQueryResults::max_results) and
/// [`next_token`](AthenaGetQueryResults::next_token).
///
/// IAM, as in <https://docs.aws.amazon.com/step-functions/latest/dg/athena-iam.html>:
/// `athena:getQueryResults` on every workgroup of the stack's account and region
/// (`workgroup/*`: the request names no workgroup), and `s3:GetObject` on `arn:aws:s3:::*`
/// (Athena streams the results from their S3 location with the caller's permissions, and the
/// location is the query's, unknown here). The CDK grants both on `*`.
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::AthenaGetQueryResults;
/// let task = Task::new(
///     "Get Query Results",
///     AthenaGetQueryResults::new(JsonPath::string_at("$.QueryExecutionId")).max_results(100),
/// );
/// let r = stepfunctions::testing::render_state(task).unwrap();
/// assert_eq!(r["States"]["Get Query Results"]["Parameters"]["MaxResults"], 100);
/// ```
#[derive(Debug, Clone)]
pub struct AthenaGetQueryResults {
    query_execution_id: Payload,
    next_token: Option<Payload>,
    max_results: Option<Payload>,
}

impl AthenaGetQueryResults {
    /// Reads the results of the execution with this id, usually read from the input.
    ///
    /// ```
    /// use stepfunctions::JsonPath;
    /// let t = stepfunctions_tasks::AthenaGetQueryResults::new(JsonPath::string_at("$.QueryExecutionId"));
    /// ```
    pub fn new(query_execution_id: impl Into<Payload>) -> Self {
        AthenaGetQueryResults {
            query_execution_id: query_execution_id.into(),
            next_token: None,
            max_results: None,
        }
    }

    /// The token of the page to read, from the previous page's `NextToken`. Default: the
    /// first page.
    ///
    /// ```
    /// use stepfunctions::JsonPath;
    /// let t = stepfunctions_tasks::AthenaGetQueryResults::new(JsonPath::string_at("$.id"))
    ///     .next_token(JsonPath::string_at("$.page.NextToken"));
    /// ```
    #[must_use]
    pub fn next_token(mut self, token: impl Into<Payload>) -> Self {
        self.next_token = Some(token.into());
        self
    }

    /// How many rows a page holds, 1 to 1000. Default: Athena's (1000).
    ///
    /// ```
    /// use stepfunctions::JsonPath;
    /// let t = stepfunctions_tasks::AthenaGetQueryResults::new(JsonPath::string_at("$.id")).max_results(50);
    /// ```
    #[must_use]
    pub fn max_results(mut self, max: u32) -> Self {
        self.max_results = Some(max.into());
        self
    }

    /// [`max_results`](AthenaGetQueryResults::max_results) read from the input.
    ///
    /// ```
    /// let t = stepfunctions_tasks::AthenaGetQueryResults::new(stepfunctions::JsonPath::string_at("$.id"))
    ///     .max_results_at("$.pageSize");
    /// ```
    #[must_use]
    pub fn max_results_at(mut self, path: impl Into<String>) -> Self {
        self.max_results = Some(Payload::Path(Path::new(path)));
        self
    }
}

impl ServiceIntegration for AthenaGetQueryResults {
    const SERVICE: &'static str = "athena";
    const API: &'static str = "getQueryResults";

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        let mut p = vec![("QueryExecutionId", self.query_execution_id.clone())];
        if let Some(t) = &self.next_token {
            p.push(("NextToken", t.clone()));
        }
        if let Some(m) = &self.max_results {
            p.push(("MaxResults", m.clone()));
        }
        Some(Payload::from_object(p))
    }

    fn policy_statements(&self, _pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        vec![
            PolicyStatement::allow(["athena:getQueryResults"], [any_workgroup()]),
            PolicyStatement::allow(["s3:GetObject"], [partition_arn("s3", "*")]),
        ]
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        if let Some(Payload::Number(n)) = &self.max_results {
            if !n.as_u64().is_some_and(|n| (1..=1000).contains(&n)) {
                return Err(TaskError::field(
                    "MaxResults",
                    format!("max results is {n}; Athena returns 1 to 1000 rows a page"),
                ));
            }
        }
        if let Some(n) = self.next_token.as_ref().and_then(literal_len) {
            if n == 0 || n > 1024 {
                return Err(TaskError::field(
                    "NextToken",
                    "the next token must be 1 to 1024 characters",
                ));
            }
        }
        Ok(())
    }
}
