//! `SnsPublish`: <https://docs.aws.amazon.com/step-functions/latest/dg/connect-sns.html>.

use cfn_model::iam::PolicyStatement;
use indexmap::IndexMap;
use stepfunctions::TaskError;
use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration, SupportsWaitForTaskToken};

use super::{MessageAttribute, SnsTopic};
use crate::util::{check_fifo_id, check_kms_key_arn, kms_producer_statement, literal};

/// Publishes a message to a topic (`arn:aws:states:::sns:publish`,
/// [Publish](https://docs.aws.amazon.com/sns/latest/api/API_Publish.html)). The task's result is
/// SNS's response (`MessageId`, and `SequenceNumber` on a FIFO topic).
///
/// Supports request-response (default) and wait-for-task-token (the message must carry
/// [`JsonPath::task_token`](stepfunctions::JsonPath::task_token)). The message may be text, an
/// object (Step Functions sends it as JSON text) or a path. On a FIFO topic every message needs a
/// group id, and a deduplication id unless the topic deduplicates by content: both are checked
/// before deploying.
///
/// IAM: `sns:Publish` on the topic; for a topic encrypted with a customer managed key,
/// `kms:GenerateDataKey` and `kms:Decrypt` on the key, which the SNS developer guide requires of
/// publishers ("Key management"). CDK grants no KMS permission there, and publishing fails with
/// `KMS.AccessDeniedException` (see `KNOWN-CDK-DEFECTS.md`).
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{MessageAttribute, SnsPublish, SnsTopic};
/// let topic = SnsTopic::from_arn("arn:aws:sns:us-east-1:123456789012:alerts");
/// let task = Task::new(
///     "Publish",
///     SnsPublish::new(topic, Payload::from_json_path_at("$.state.message"))
///         .message_attribute("place", MessageAttribute::string(JsonPath::string_at("$.place")))
///         .subject("Order update"),
/// );
/// let asl = StateMachine::new("M", task).render_asl().unwrap();
/// let definition: serde_json::Value = serde_json::from_str(&asl.definition).unwrap();
/// assert_eq!(definition["States"]["Publish"]["Parameters"]["Message.$"], "$.state.message");
/// ```
///
/// Running a job (`.sync`) is not supported, and does not compile:
///
/// ```compile_fail
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{SnsPublish, SnsTopic};
/// let topic = SnsTopic::from_arn("arn:aws:sns:us-east-1:123456789012:alerts");
/// let task = Task::new("Publish", SnsPublish::new(topic, Payload::from_text("hi"))).run_job();
/// ```
#[derive(Debug, Clone)]
pub struct SnsPublish {
    topic: SnsTopic,
    message: Payload,
    attributes: IndexMap<String, MessageAttribute>,
    message_per_subscription_type: bool,
    subject: Option<Payload>,
    group_id: Option<Payload>,
    deduplication_id: Option<Payload>,
}

impl SnsPublish {
    /// Publishes `message` to `topic`.
    ///
    /// ```
    /// use stepfunctions::{JsonPath, Payload};
    /// use stepfunctions_tasks::{SnsPublish, SnsTopic};
    /// let topic = SnsTopic::from_arn("arn:aws:sns:us-east-1:123456789012:alerts");
    /// let publish = SnsPublish::new(topic, Payload::from_object([
    ///     ("field1", "somedata".into()),
    ///     ("field2", JsonPath::string_at("$.field2")),
    /// ]));
    /// ```
    pub fn new(topic: SnsTopic, message: Payload) -> Self {
        SnsPublish {
            topic,
            message,
            attributes: IndexMap::new(),
            message_per_subscription_type: false,
            subject: None,
            group_id: None,
            deduplication_id: None,
        }
    }

    /// Adds a message attribute (subscription filter policies can match it). Default: none.
    ///
    /// ```
    /// use stepfunctions::Payload;
    /// use stepfunctions_tasks::{MessageAttribute, SnsPublish, SnsTopic};
    /// let publish = SnsPublish::new(SnsTopic::from_arn("arn:aws:sns:us-east-1:123456789012:t"), Payload::from_text("hi"))
    ///     .message_attribute("people", MessageAttribute::number(4));
    /// ```
    #[must_use]
    pub fn message_attribute(mut self, name: impl Into<String>, attribute: MessageAttribute) -> Self {
        self.attributes.insert(name.into(), attribute);
        self
    }

    /// Adds message attributes. Default: none.
    ///
    /// ```
    /// use stepfunctions::Payload;
    /// use stepfunctions_tasks::{MessageAttribute, SnsPublish, SnsTopic};
    /// let publish = SnsPublish::new(SnsTopic::from_arn("arn:aws:sns:us-east-1:123456789012:t"), Payload::from_text("hi"))
    ///     .message_attributes([("a", MessageAttribute::string("x")), ("b", MessageAttribute::number(1))]);
    /// ```
    #[must_use]
    pub fn message_attributes<K: Into<String>>(
        mut self,
        attributes: impl IntoIterator<Item = (K, MessageAttribute)>,
    ) -> Self {
        self.attributes
            .extend(attributes.into_iter().map(|(k, v)| (k.into(), v)));
        self
    }

    /// Sends a different message per protocol (`MessageStructure: json`): the message is a JSON
    /// object with a `default` text and, optionally, one text per protocol (`sqs`, `email`,
    /// `lambda`, ...). SNS does not send message attributes with such messages. Default: false.
    ///
    /// ```
    /// use stepfunctions::Payload;
    /// use stepfunctions_tasks::{SnsPublish, SnsTopic};
    /// let publish = SnsPublish::new(
    ///     SnsTopic::from_arn("arn:aws:sns:us-east-1:123456789012:t"),
    ///     Payload::from_object([("default", "Order shipped".into()), ("sms", "Shipped!".into())]),
    /// )
    /// .message_per_subscription_type(true);
    /// ```
    #[must_use]
    pub fn message_per_subscription_type(mut self, per_type: bool) -> Self {
        self.message_per_subscription_type = per_type;
        self
    }

    /// The subject of email messages (also in the JSON other endpoints get): under 100
    /// characters, no line breaks or control characters. Default: none.
    ///
    /// ```
    /// use stepfunctions::Payload;
    /// use stepfunctions_tasks::{SnsPublish, SnsTopic};
    /// let publish = SnsPublish::new(SnsTopic::from_arn("arn:aws:sns:us-east-1:123456789012:t"), Payload::from_text("hi"))
    ///     .subject("Greetings");
    /// ```
    #[must_use]
    pub fn subject(mut self, subject: impl Into<Payload>) -> Self {
        self.subject = Some(subject.into());
        self
    }

    /// The message group of a FIFO topic's message (messages of a group are delivered in
    /// order): 1 to 128 letters, digits and punctuation, or a path. Required on FIFO topics.
    /// Default: none.
    ///
    /// ```
    /// use stepfunctions::{JsonPath, Payload};
    /// use stepfunctions_tasks::{SnsPublish, SnsTopic};
    /// let topic = SnsTopic::from_arn("arn:aws:sns:us-east-1:123456789012:orders.fifo").content_based_deduplication();
    /// let publish = SnsPublish::new(topic, Payload::from_text("hi")).message_group_id(JsonPath::string_at("$.customer"));
    /// ```
    #[must_use]
    pub fn message_group_id(mut self, id: impl Into<Payload>) -> Self {
        self.group_id = Some(id.into());
        self
    }

    /// The deduplication id of a FIFO topic's message (a message with the id of one sent in the
    /// last 5 minutes is dropped). Required on FIFO topics without content-based deduplication.
    /// Default: none.
    ///
    /// ```
    /// use stepfunctions::{JsonPath, Payload};
    /// use stepfunctions_tasks::{SnsPublish, SnsTopic};
    /// let topic = SnsTopic::from_arn("arn:aws:sns:us-east-1:123456789012:orders.fifo");
    /// let publish = SnsPublish::new(topic, Payload::from_text("hi"))
    ///     .message_group_id("orders")
    ///     .message_deduplication_id(JsonPath::execution_name());
    /// ```
    #[must_use]
    pub fn message_deduplication_id(mut self, id: impl Into<Payload>) -> Self {
        self.deduplication_id = Some(id.into());
        self
    }

    /// Checks the `MessageStructure: json` message: a JSON object with a text `default`.
    fn check_per_type_message(&self) -> Result<(), String> {
        let default = match &self.message {
            Payload::Object(fields) => fields
                .get("default")
                .map(|d| matches!(d, Payload::String(_)) || d.is_dynamic()),
            Payload::String(cfn_model::Expr::Literal(text)) => match serde_json::from_str::<serde_json::Value>(text) {
                Ok(serde_json::Value::Object(fields)) => fields.get("default").map(serde_json::Value::is_string),
                _ => None,
            },
            // read from the input or from the template: known at run time only
            Payload::Path(_) | Payload::Intrinsic(_) | Payload::Jsonata(_) | Payload::String(_) => return Ok(()),
            _ => None,
        };
        match default {
            Some(true) => Ok(()),
            _ => Err(
                "with message_per_subscription_type the message must be a JSON object with a text `default` key".into(),
            ),
        }
    }
}

impl ServiceIntegration for SnsPublish {
    const SERVICE: &'static str = "sns";
    const API: &'static str = "publish";

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        let mut p = vec![
            ("TopicArn", Payload::String(self.topic.arn.clone())),
            ("Message", self.message.clone()),
        ];
        if let Some(id) = &self.deduplication_id {
            p.push(("MessageDeduplicationId", id.clone()));
        }
        if let Some(id) = &self.group_id {
            p.push(("MessageGroupId", id.clone()));
        }
        if self.message_per_subscription_type {
            p.push(("MessageStructure", "json".into()));
        }
        if !self.attributes.is_empty() {
            let attributes = self.attributes.iter().map(|(name, a)| (name.clone(), a.to_payload()));
            p.push(("MessageAttributes", Payload::from_object(attributes)));
        }
        if let Some(s) = &self.subject {
            p.push(("Subject", s.clone()));
        }
        Some(Payload::from_object(p))
    }

    fn policy_statements(&self, _pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        let mut statements = vec![PolicyStatement::allow(["sns:Publish"], [self.topic.arn.clone()])];
        if let Some(key) = &self.topic.encryption_key {
            statements.push(kms_producer_statement(key));
        }
        statements
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        if let Some(key) = &self.topic.encryption_key {
            check_kms_key_arn(key)?;
        }
        if literal(&self.message) == Some("") {
            return Err(TaskError::field("Message", "the message is empty"));
        }
        if self.message_per_subscription_type {
            self.check_per_type_message()?;
        }
        for (name, attribute) in &self.attributes {
            attribute.check(name)?;
        }
        if let Some(subject) = &self.subject {
            match subject {
                Payload::String(e) => {
                    if let Some(text) = e.as_literal() {
                        if text.is_empty() || text.chars().count() > 100 || text.chars().any(char::is_control) {
                            return Err(TaskError::field("Subject", format!(
                                "the subject `{text}` must be 1 to 100 characters without line breaks or control characters"
                            )));
                        }
                    }
                }
                Payload::Path(_) | Payload::Intrinsic(_) | Payload::Jsonata(_) => {}
                _ => return Err(TaskError::field("Subject", "the subject must be text")),
            }
        }
        if let Some(id) = &self.group_id {
            check_fifo_id("MessageGroupId", id)?;
        }
        if let Some(id) = &self.deduplication_id {
            check_fifo_id("MessageDeduplicationId", id)?;
        }
        if self.topic.fifo {
            if self.group_id.is_none() {
                return Err(TaskError::field(
                    "MessageGroupId",
                    "a message to a FIFO topic needs a message group id (`message_group_id`)",
                ));
            }
            if self.deduplication_id.is_none() && !self.topic.content_based_deduplication {
                return Err(
                    "a message to a FIFO topic without content-based deduplication needs a deduplication id \
                     (`message_deduplication_id`)"
                        .into(),
                );
            }
        }
        Ok(())
    }
}

impl SupportsWaitForTaskToken for SnsPublish {}
