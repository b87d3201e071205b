//! `SqsSendMessage`: <https://docs.aws.amazon.com/step-functions/latest/dg/connect-sqs.html>.

use std::time::Duration;

use cfn_model::iam::PolicyStatement;
use stepfunctions::TaskError;
use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration, SupportsWaitForTaskToken};

use super::SqsQueue;
use crate::util::{check_fifo_id, check_kms_key_arn, kms_producer_statement, literal};

/// Sends a message to a queue (`arn:aws:states:::sqs:sendMessage`,
/// [SendMessage](https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html)).
/// The task's result is SQS's response (`MessageId`, `MD5OfMessageBody`, ...).
///
/// Supports request-response (default) and wait-for-task-token (the body must carry
/// [`JsonPath::task_token`](stepfunctions::JsonPath::task_token); the consumer returns it with
/// `SendTaskSuccess`). The body may be text, an object (Step Functions sends it as JSON text) or
/// a path. On a FIFO queue every message needs a group id, and a deduplication id unless the
/// queue deduplicates by content, and cannot have its own delay: all checked before deploying.
///
/// IAM: `sqs:SendMessage` on the queue; for a queue encrypted with a customer managed key,
/// `kms:GenerateDataKey` and `kms:Decrypt` on the key, as the SQS developer guide requires of
/// producers ("Configure KMS permissions for producers"). CDK grants `kms:GenerateDataKey*`,
/// which also allows the key-pair and without-plaintext variants a producer never calls.
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{SqsQueue, SqsSendMessage};
/// let queue = SqsQueue::from_arn("arn:aws:sqs:us-east-1:123456789012:jobs");
/// let task = Task::new(
///     "Send with callback",
///     SqsSendMessage::new(queue, Payload::from_object([
///         ("job", JsonPath::object_at("$.job")),
///         ("token", JsonPath::task_token()),
///     ])),
/// )
/// .wait_for_task_token();
/// let asl = StateMachine::new("M", task).render_asl().unwrap();
/// let definition: serde_json::Value = serde_json::from_str(&asl.definition).unwrap();
/// assert_eq!(
///     definition["States"]["Send with callback"]["Parameters"]["QueueUrl"],
///     "https://sqs.us-east-1.amazonaws.com/123456789012/jobs"
/// );
/// ```
///
/// Running a job (`.sync`) is not supported, and does not compile:
///
/// ```compile_fail
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{SqsQueue, SqsSendMessage};
/// let queue = SqsQueue::from_arn("arn:aws:sqs:us-east-1:123456789012:jobs");
/// let task = Task::new("Send", SqsSendMessage::new(queue, Payload::from_text("hi"))).run_job();
/// ```
#[derive(Debug, Clone)]
pub struct SqsSendMessage {
    queue: SqsQueue,
    body: Payload,
    delay: Option<Duration>,
    group_id: Option<Payload>,
    deduplication_id: Option<Payload>,
}

impl SqsSendMessage {
    /// Sends `body` to `queue`.
    ///
    /// ```
    /// use stepfunctions::Payload;
    /// use stepfunctions_tasks::{SqsQueue, SqsSendMessage};
    /// let send = SqsSendMessage::new(
    ///     SqsQueue::from_arn("arn:aws:sqs:us-east-1:123456789012:jobs"),
    ///     Payload::from_json_path_at("$.message"),
    /// );
    /// ```
    pub fn new(queue: SqsQueue, body: Payload) -> Self {
        SqsSendMessage {
            queue,
            body,
            delay: None,
            group_id: None,
            deduplication_id: None,
        }
    }

    /// How long the message stays invisible to consumers: whole seconds, at most 15 minutes;
    /// not for FIFO queues, whose delay is the queue's. Default: the queue's delay.
    ///
    /// ```
    /// use std::time::Duration;
    /// use stepfunctions::Payload;
    /// use stepfunctions_tasks::{SqsQueue, SqsSendMessage};
    /// let send = SqsSendMessage::new(SqsQueue::from_arn("arn:aws:sqs:us-east-1:123456789012:jobs"), Payload::from_text("hi"))
    ///     .delay(Duration::from_secs(60));
    /// ```
    #[must_use]
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = Some(delay);
        self
    }

    /// The message group of a FIFO queue's message (messages of a group are received in
    /// order): 1 to 128 letters, digits and punctuation, or a path. Required on FIFO queues.
    /// Default: none.
    ///
    /// ```
    /// use stepfunctions::{JsonPath, Payload};
    /// use stepfunctions_tasks::{SqsQueue, SqsSendMessage};
    /// let queue = SqsQueue::from_arn("arn:aws:sqs:us-east-1:123456789012:jobs.fifo").content_based_deduplication();
    /// let send = SqsSendMessage::new(queue, Payload::from_text("hi")).message_group_id(JsonPath::string_at("$.customer"));
    /// ```
    #[must_use]
    pub fn message_group_id(mut self, id: impl Into<Payload>) -> Self {
        self.group_id = Some(id.into());
        self
    }

    /// The deduplication id of a FIFO queue's message (a message with the id of one sent in the
    /// last 5 minutes is accepted but not delivered). Required on FIFO queues without
    /// content-based deduplication. Default: none.
    ///
    /// ```
    /// use stepfunctions::{JsonPath, Payload};
    /// use stepfunctions_tasks::{SqsQueue, SqsSendMessage};
    /// let queue = SqsQueue::from_arn("arn:aws:sqs:us-east-1:123456789012:jobs.fifo");
    /// let send = SqsSendMessage::new(queue, Payload::from_text("hi"))
    ///     .message_group_id("jobs")
    ///     .message_deduplication_id(JsonPath::execution_name());
    /// ```
    #[must_use]
    pub fn message_deduplication_id(mut self, id: impl Into<Payload>) -> Self {
        self.deduplication_id = Some(id.into());
        self
    }
}

impl ServiceIntegration for SqsSendMessage {
    const SERVICE: &'static str = "sqs";
    const API: &'static str = "sendMessage";

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        let mut p = vec![
            ("QueueUrl", Payload::String(self.queue.url.clone())),
            ("MessageBody", self.body.clone()),
        ];
        if let Some(d) = self.delay {
            p.push(("DelaySeconds", d.as_secs().into()));
        }
        if let Some(id) = &self.deduplication_id {
            p.push(("MessageDeduplicationId", id.clone()));
        }
        if let Some(id) = &self.group_id {
            p.push(("MessageGroupId", id.clone()));
        }
        Some(Payload::from_object(p))
    }

    fn policy_statements(&self, _pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        let mut statements = vec![PolicyStatement::allow(["sqs:SendMessage"], [self.queue.arn.clone()])];
        if let Some(key) = &self.queue.encryption_key {
            statements.push(kms_producer_statement(key));
        }
        statements
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        if let Some(key) = &self.queue.encryption_key {
            check_kms_key_arn(key)?;
        }
        if literal(&self.body) == Some("") {
            return Err(TaskError::field("MessageBody", "the message body is empty"));
        }
        if let Some(d) = self.delay {
            if d.subsec_nanos() != 0 || d.as_secs() > 900 {
                return Err(TaskError::field(
                    "DelaySeconds",
                    format!("the delay must be whole seconds from 0 to 900 (15 minutes), not {d:?}"),
                ));
            }
            if self.queue.fifo {
                return Err(TaskError::field(
                    "DelaySeconds",
                    "a FIFO queue takes no per-message delay (set the queue's DelaySeconds instead)",
                ));
            }
        }
        if let Some(id) = &self.group_id {
            check_fifo_id("MessageGroupId", id)?;
        }
        if let Some(id) = &self.deduplication_id {
            check_fifo_id("MessageDeduplicationId", id)?;
        }
        if self.queue.fifo {
            if self.group_id.is_none() {
                return Err(TaskError::field(
                    "MessageGroupId",
                    "a message to a FIFO queue needs a message group id (`message_group_id`)",
                ));
            }
            if self.deduplication_id.is_none() && !self.queue.content_based_deduplication {
                return Err(
                    "a message to a FIFO queue without content-based deduplication needs a deduplication id \
                     (`message_deduplication_id`)"
                        .into(),
                );
            }
        }
        Ok(())
    }
}

impl SupportsWaitForTaskToken for SqsSendMessage {}
