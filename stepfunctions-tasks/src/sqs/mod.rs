//! Amazon SQS: send a message to a queue.
//!
//! See <https://docs.aws.amazon.com/step-functions/latest/dg/connect-sqs.html>.

mod send_message;

use cfn_model::{Expr, ListExpr, LogicalId, Resource, Template, Value};

pub use send_message::SqsSendMessage;

use crate::util::{check_fifo_capable_name, check_kms_key_arn, generated_fifo_name, literal_arn_name};

/// An SQS queue: one that exists (by ARN, literal or any CloudFormation expression), or one
/// defined in the same template with [`SqsQueue::define`].
///
/// The task sends to the queue's URL and is granted `sqs:SendMessage` on its ARN. What the task
/// must know of a queue comes with it: whether it is FIFO (then every message needs a group id,
/// and a deduplication id unless the queue deduplicates by content) and which KMS key encrypts
/// it (then the role may use the key).
///
/// ```
/// use stepfunctions_tasks::SqsQueue;
/// let queue = SqsQueue::from_arn("arn:aws:sqs:us-east-1:123456789012:jobs");
/// assert_eq!(queue.url().as_literal(), Some("https://sqs.us-east-1.amazonaws.com/123456789012/jobs"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SqsQueue {
    url: Expr,
    arn: Expr,
    fifo: bool,
    content_based_deduplication: bool,
    encryption_key: Option<Expr>,
}

impl SqsQueue {
    /// The queue with this ARN (CDK's `Queue.fromQueueArn`); its URL is derived from the ARN
    /// (`https://sqs.<region>.<domain>/<account>/<name>`), with `Fn::Select` and `Fn::Split`
    /// when the ARN is a CloudFormation expression. A literal ARN whose name ends in `.fifo` is
    /// a FIFO queue.
    ///
    /// ```
    /// let q = stepfunctions_tasks::SqsQueue::from_arn(cfn_model::Expr::import_value("JobsQueueArn"));
    /// ```
    pub fn from_arn(arn: impl Into<Expr>) -> Self {
        let arn = arn.into();
        let url = match arn.as_literal().map(|a| a.split(':').collect::<Vec<_>>()) {
            Some(fields) if fields.len() == 6 && fields[0] == "arn" => {
                let domain = if fields[1] == "aws-cn" {
                    "amazonaws.com.cn"
                } else {
                    "amazonaws.com"
                };
                Expr::lit(format!(
                    "https://sqs.{}.{domain}/{}/{}",
                    fields[3], fields[4], fields[5]
                ))
            }
            _ => {
                let field = |i| Expr::select(i, ListExpr::split(":", arn.clone()));
                Expr::concat([
                    Expr::lit("https://sqs."),
                    field(3),
                    Expr::lit("."),
                    Expr::url_suffix(),
                    Expr::lit("/"),
                    field(4),
                    Expr::lit("/"),
                    field(5),
                ])
            }
        };
        SqsQueue {
            fifo: literal_arn_name(&arn).is_some_and(|name| name.ends_with(".fifo")),
            url,
            arn,
            content_based_deduplication: false,
            encryption_key: None,
        }
    }

    /// Starts the definition of a queue in the template, under a construct id.
    ///
    /// ```
    /// let mut t = cfn_model::Template::new();
    /// let queue = stepfunctions_tasks::SqsQueue::define("Queue").add_to(&mut t).unwrap();
    /// assert_eq!(queue.url(), &cfn_model::Expr::reference("Queue"));
    /// assert_eq!(queue.arn(), &cfn_model::Expr::get_att("Queue", "Arn"));
    /// ```
    pub fn define(id: impl Into<String>) -> SqsQueueDefinition {
        SqsQueueDefinition {
            id: id.into(),
            queue_name: None,
            fifo: false,
            content_based_deduplication: false,
            encryption_key: None,
        }
    }

    /// Marks the queue FIFO (for an ARN that does not show it). Default: FIFO when a literal
    /// ARN's name ends in `.fifo`.
    ///
    /// ```
    /// let q = stepfunctions_tasks::SqsQueue::from_arn(cfn_model::Expr::reference("QueueArn")).fifo();
    /// assert!(q.is_fifo());
    /// ```
    #[must_use]
    pub fn fifo(mut self) -> Self {
        self.fifo = true;
        self
    }

    /// Marks the queue FIFO with content-based deduplication: messages need no deduplication
    /// id. Default: off.
    ///
    /// ```
    /// let q = stepfunctions_tasks::SqsQueue::from_arn("arn:aws:sqs:us-east-1:123456789012:jobs.fifo").content_based_deduplication();
    /// ```
    #[must_use]
    pub fn content_based_deduplication(mut self) -> Self {
        self.fifo = true;
        self.content_based_deduplication = true;
        self
    }

    /// The customer managed KMS key that encrypts the queue, by ARN: sending needs
    /// `kms:GenerateDataKey` and `kms:Decrypt` on it. Default: not encrypted (or encrypted with
    /// SQS-managed keys or the AWS managed key `alias/aws/sqs`, which need no grant).
    ///
    /// ```
    /// let q = stepfunctions_tasks::SqsQueue::from_arn("arn:aws:sqs:us-east-1:123456789012:jobs")
    ///     .encryption_key("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");
    /// ```
    #[must_use]
    pub fn encryption_key(mut self, key_arn: impl Into<Expr>) -> Self {
        self.encryption_key = Some(key_arn.into());
        self
    }

    /// The queue's URL, what the task passes as `QueueUrl`.
    ///
    /// ```
    /// let q = stepfunctions_tasks::SqsQueue::from_arn("arn:aws-cn:sqs:cn-north-1:123456789012:jobs");
    /// assert_eq!(q.url().as_literal(), Some("https://sqs.cn-north-1.amazonaws.com.cn/123456789012/jobs"));
    /// ```
    pub fn url(&self) -> &Expr {
        &self.url
    }

    /// The queue's ARN.
    ///
    /// ```
    /// let q = stepfunctions_tasks::SqsQueue::from_arn("arn:aws:sqs:us-east-1:123456789012:jobs");
    /// assert_eq!(q.arn().as_literal(), Some("arn:aws:sqs:us-east-1:123456789012:jobs"));
    /// ```
    pub fn arn(&self) -> &Expr {
        &self.arn
    }

    /// Whether the queue is FIFO.
    ///
    /// ```
    /// assert!(stepfunctions_tasks::SqsQueue::from_arn("arn:aws:sqs:us-east-1:123456789012:jobs.fifo").is_fifo());
    /// ```
    pub fn is_fifo(&self) -> bool {
        self.fifo
    }
}

/// An `AWS::SQS::Queue` to add to a template: see [`SqsQueue::define`].
#[derive(Debug, Clone)]
pub struct SqsQueueDefinition {
    id: String,
    queue_name: Option<Expr>,
    fifo: bool,
    content_based_deduplication: bool,
    encryption_key: Option<Expr>,
}

impl SqsQueueDefinition {
    /// The queue's name: 1 to 80 letters, digits, `-` and `_`, `.fifo` included at the end of a
    /// FIFO queue's. Default: generated by CloudFormation, or `<logical id>-<stack UUID>.fifo`
    /// (at most 80 characters) for a FIFO queue, since the FIFO names CloudFormation generates
    /// from the stack name can be too long.
    ///
    /// ```
    /// let d = stepfunctions_tasks::SqsQueue::define("Queue").queue_name("jobs");
    /// ```
    #[must_use]
    pub fn queue_name(mut self, name: impl Into<Expr>) -> Self {
        self.queue_name = Some(name.into());
        self
    }

    /// A FIFO queue. Default: standard.
    ///
    /// ```
    /// let d = stepfunctions_tasks::SqsQueue::define("Jobs").fifo();
    /// ```
    #[must_use]
    pub fn fifo(mut self) -> Self {
        self.fifo = true;
        self
    }

    /// A FIFO queue that deduplicates messages by content. Default: off.
    ///
    /// ```
    /// let d = stepfunctions_tasks::SqsQueue::define("Jobs").content_based_deduplication();
    /// ```
    #[must_use]
    pub fn content_based_deduplication(mut self) -> Self {
        self.fifo = true;
        self.content_based_deduplication = true;
        self
    }

    /// Encrypts the queue with a customer managed KMS key, given by ARN (`KmsMasterKeyId`).
    /// Default: SQS's (SQS-managed encryption).
    ///
    /// ```
    /// let d = stepfunctions_tasks::SqsQueue::define("Queue").encryption_key(cfn_model::Expr::get_att("Key", "Arn"));
    /// ```
    #[must_use]
    pub fn encryption_key(mut self, key_arn: impl Into<Expr>) -> Self {
        self.encryption_key = Some(key_arn.into());
        self
    }

    /// Adds the queue to a template.
    ///
    /// ```
    /// let mut t = cfn_model::Template::new();
    /// let queue = stepfunctions_tasks::SqsQueue::define("Jobs").fifo().add_to(&mut t).unwrap();
    /// assert!(queue.is_fifo());
    /// // A FIFO queue's name ends in `.fifo`.
    /// assert!(stepfunctions_tasks::SqsQueue::define("Bad").fifo().queue_name("bad").add_to(&mut t).is_err());
    /// ```
    pub fn add_to(self, template: &mut Template) -> Result<SqsQueue, stepfunctions::Error> {
        let invalid = |reason: String| stepfunctions::Error::InvalidResource {
            construct: self.id.clone(),
            field: "QueueName",
            reason,
        };
        if let Some(name) = self.queue_name.as_ref().and_then(Expr::as_literal) {
            check_fifo_capable_name("queue", name, self.fifo, 80).map_err(invalid)?;
        }
        if let Some(key) = &self.encryption_key {
            check_kms_key_arn(key).map_err(invalid)?;
        }
        let logical_id = LogicalId::from_construct_id(&self.id)?;
        let queue_name = match (self.queue_name, self.fifo) {
            (Some(name), _) => Some(name),
            (None, true) => Some(generated_fifo_name(logical_id.as_str(), 80)),
            (None, false) => None,
        };
        let queue = Resource::new("AWS::SQS::Queue")
            .property_opt("QueueName", queue_name.map(Value::from))
            .property_opt("FifoQueue", self.fifo.then_some(Value::Bool(true)))
            .property_opt(
                "ContentBasedDeduplication",
                self.content_based_deduplication.then_some(Value::Bool(true)),
            )
            .property_opt("KmsMasterKeyId", self.encryption_key.clone().map(Value::from));
        let id = template.add_resource(&self.id, queue)?;
        Ok(SqsQueue {
            url: Expr::reference(id.as_str()),
            arn: Expr::get_att(id.as_str(), "Arn"),
            fifo: self.fifo,
            content_based_deduplication: self.content_based_deduplication,
            encryption_key: self.encryption_key,
        })
    }
}
