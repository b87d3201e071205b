//! `GlueStartCrawlerRun`: Glue's `StartCrawler` through the AWS SDK integration,
//! <https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-crawler-crawling.html#aws-glue-api-crawler-crawling-StartCrawler>.

use cfn_model::iam::PolicyStatement;
use cfn_model::Expr;
use stepfunctions::TaskError;
use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration};

use crate::util::{literal_len, stack_arn, static_value};

/// Starts a crawl of a Glue crawler (`arn:aws:states:::aws-sdk:glue:startCrawler`), returning
/// at once: an AWS SDK integration, so request-response only (the crawl's end is read with
/// `glue:getCrawler`, a [`CallAwsService`](crate::CallAwsService) in a wait loop). Glue fails
/// the call with `Glue.CrawlerRunningException` when the crawler is already running.
///
/// IAM: `glue:StartCrawler` on the crawler (`crawler/<name>`); a name read from the input
/// widens to the account's `crawler/*`.
///
/// Deviation from the CDK, reviewed in the parity test: the CDK also grants `glue:GetCrawler`,
/// which `StartCrawler` does not call; a state that polls the crawler grants it itself.
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::GlueStartCrawlerRun;
/// let task = Task::new("Start Crawler", GlueStartCrawlerRun::new("my-crawler-job"));
/// let r = stepfunctions::testing::render_state(task).unwrap();
/// assert_eq!(r["States"]["Start Crawler"]["Parameters"]["Name"], "my-crawler-job");
/// assert_eq!(r["PolicyStatements"][0]["Action"], "glue:StartCrawler");
/// ```
///
/// An SDK integration has no run-job or callback pattern:
///
/// ```compile_fail
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::GlueStartCrawlerRun;
/// let t = Task::new("Start Crawler", GlueStartCrawlerRun::new("my-crawler-job")).run_job();
/// ```
#[derive(Debug, Clone)]
pub struct GlueStartCrawlerRun {
    crawler_name: Payload,
}

impl GlueStartCrawlerRun {
    /// Starts the crawler with this name: a literal, a CloudFormation value (the `Ref` of an
    /// `AWS::Glue::Crawler`), or read from the input.
    ///
    /// ```
    /// use stepfunctions_tasks::GlueStartCrawlerRun;
    /// let literal = GlueStartCrawlerRun::new("my-crawler-job");
    /// let from_template = GlueStartCrawlerRun::new(cfn_model::Expr::reference("Crawler"));
    /// let from_input = GlueStartCrawlerRun::new(stepfunctions::JsonPath::string_at("$.crawler"));
    /// ```
    pub fn new(crawler_name: impl Into<Payload>) -> Self {
        GlueStartCrawlerRun {
            crawler_name: crawler_name.into(),
        }
    }
}

impl ServiceIntegration for GlueStartCrawlerRun {
    const SERVICE: &'static str = "aws-sdk:glue";
    const API: &'static str = "startCrawler";

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        Some(Payload::from_object([("Name", self.crawler_name.clone())]))
    }

    fn policy_statements(&self, _pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        let name = static_value(&self.crawler_name)
            .cloned()
            .unwrap_or_else(|| Expr::lit("*"));
        vec![PolicyStatement::allow(
            ["glue:StartCrawler"],
            [stack_arn("glue", Expr::concat([Expr::lit("crawler/"), name]))],
        )]
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        match literal_len(&self.crawler_name) {
            Some(n) if n == 0 || n > 255 => Err(TaskError::field(
                "Name",
                "the Glue crawler name must be 1 to 255 characters",
            )),
            _ => Ok(()),
        }
    }
}
