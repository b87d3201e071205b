//! Amazon SNS: publish a message to a topic.
//!
//! See <https://docs.aws.amazon.com/step-functions/latest/dg/connect-sns.html>.

mod publish;

use cfn_model::{Expr, Resource, Template, Value};
use stepfunctions::Payload;

pub use publish::SnsPublish;

use crate::util::{
    check_fifo_capable_name, check_kms_key_arn, generated_fifo_name, is_base64, is_number_text, literal,
    literal_arn_name,
};

/// An SNS topic: one that exists (by ARN, literal or any CloudFormation expression), or one
/// defined in the same template with [`SnsTopic::define`].
///
/// What the tasks must know of a topic comes with it: whether it is FIFO (then every message
/// needs a group id, and a deduplication id unless the topic deduplicates by content) and which
/// KMS key encrypts it (then the role may use the key).
///
/// ```
/// use stepfunctions_tasks::SnsTopic;
/// let topic = SnsTopic::from_arn("arn:aws:sns:us-east-1:123456789012:alerts");
/// let fifo = SnsTopic::from_arn("arn:aws:sns:us-east-1:123456789012:orders.fifo");
/// assert!(!topic.is_fifo() && fifo.is_fifo());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SnsTopic {
    arn: Expr,
    fifo: bool,
    content_based_deduplication: bool,
    encryption_key: Option<Expr>,
}

impl SnsTopic {
    /// The topic with this ARN (CDK's `Topic.fromTopicArn`). A literal ARN whose name ends in
    /// `.fifo` is a FIFO topic.
    ///
    /// ```
    /// let t = stepfunctions_tasks::SnsTopic::from_arn(cfn_model::Expr::import_value("AlertsTopicArn"));
    /// ```
    pub fn from_arn(arn: impl Into<Expr>) -> Self {
        let arn = arn.into();
        SnsTopic {
            fifo: literal_arn_name(&arn).is_some_and(|name| name.ends_with(".fifo")),
            arn,
            content_based_deduplication: false,
            encryption_key: None,
        }
    }

    /// Starts the definition of a topic in the template, under a construct id.
    ///
    /// ```
    /// let mut t = cfn_model::Template::new();
    /// let topic = stepfunctions_tasks::SnsTopic::define("Topic").add_to(&mut t).unwrap();
    /// assert_eq!(topic.arn(), &cfn_model::Expr::reference("Topic"));
    /// ```
    pub fn define(id: impl Into<String>) -> SnsTopicDefinition {
        SnsTopicDefinition {
            id: id.into(),
            topic_name: None,
            display_name: None,
            fifo: false,
            content_based_deduplication: false,
            encryption_key: None,
        }
    }

    /// Marks the topic FIFO (for an ARN that does not show it). Default: FIFO when a literal
    /// ARN's name ends in `.fifo`.
    ///
    /// ```
    /// let t = stepfunctions_tasks::SnsTopic::from_arn(cfn_model::Expr::reference("TopicArn")).fifo();
    /// assert!(t.is_fifo());
    /// ```
    #[must_use]
    pub fn fifo(mut self) -> Self {
        self.fifo = true;
        self
    }

    /// Marks the topic FIFO with content-based deduplication: messages need no deduplication
    /// id. Default: off.
    ///
    /// ```
    /// let t = stepfunctions_tasks::SnsTopic::from_arn("arn:aws:sns:us-east-1:123456789012:o.fifo").content_based_deduplication();
    /// ```
    #[must_use]
    pub fn content_based_deduplication(mut self) -> Self {
        self.fifo = true;
        self.content_based_deduplication = true;
        self
    }

    /// The customer managed KMS key that encrypts the topic, by ARN: publishing needs
    /// `kms:GenerateDataKey` and `kms:Decrypt` on it. Default: not encrypted (or encrypted with
    /// the AWS managed key `alias/aws/sns`, whose key policy already lets the account use it).
    ///
    /// ```
    /// let t = stepfunctions_tasks::SnsTopic::from_arn("arn:aws:sns:us-east-1:123456789012:alerts")
    ///     .encryption_key("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");
    /// ```
    #[must_use]
    pub fn encryption_key(mut self, key_arn: impl Into<Expr>) -> Self {
        self.encryption_key = Some(key_arn.into());
        self
    }

    /// The topic's ARN.
    ///
    /// ```
    /// let t = stepfunctions_tasks::SnsTopic::from_arn("arn:aws:sns:us-east-1:123456789012:alerts");
    /// assert_eq!(t.arn().as_literal(), Some("arn:aws:sns:us-east-1:123456789012:alerts"));
    /// ```
    pub fn arn(&self) -> &Expr {
        &self.arn
    }

    /// Whether the topic is FIFO.
    ///
    /// ```
    /// assert!(!stepfunctions_tasks::SnsTopic::from_arn("arn:aws:sns:us-east-1:123456789012:alerts").is_fifo());
    /// ```
    pub fn is_fifo(&self) -> bool {
        self.fifo
    }
}

/// An `AWS::SNS::Topic` to add to a template: see [`SnsTopic::define`].
#[derive(Debug, Clone)]
pub struct SnsTopicDefinition {
    id: String,
    topic_name: Option<Expr>,
    display_name: Option<String>,
    fifo: bool,
    content_based_deduplication: bool,
    encryption_key: Option<Expr>,
}

impl SnsTopicDefinition {
    /// The topic's name: letters, digits, `-` and `_`, with `.fifo` at the end of a FIFO topic's.
    /// Default: generated by CloudFormation, or `<logical id>-<stack UUID>.fifo` for a FIFO
    /// topic (CloudFormation does not generate FIFO topic names).
    ///
    /// ```
    /// let d = stepfunctions_tasks::SnsTopic::define("Topic").topic_name("alerts");
    /// ```
    #[must_use]
    pub fn topic_name(mut self, name: impl Into<Expr>) -> Self {
        self.topic_name = Some(name.into());
        self
    }

    /// The name shown as the sender of SMS and email messages. Default: none.
    ///
    /// ```
    /// let d = stepfunctions_tasks::SnsTopic::define("Topic").display_name("Alerts");
    /// ```
    #[must_use]
    pub fn display_name(mut self, name: impl Into<String>) -> Self {
        self.display_name = Some(name.into());
        self
    }

    /// A FIFO topic. Default: standard.
    ///
    /// ```
    /// let d = stepfunctions_tasks::SnsTopic::define("Orders").fifo();
    /// ```
    #[must_use]
    pub fn fifo(mut self) -> Self {
        self.fifo = true;
        self
    }

    /// A FIFO topic that deduplicates messages by content. Default: off.
    ///
    /// ```
    /// let d = stepfunctions_tasks::SnsTopic::define("Orders").content_based_deduplication();
    /// ```
    #[must_use]
    pub fn content_based_deduplication(mut self) -> Self {
        self.fifo = true;
        self.content_based_deduplication = true;
        self
    }

    /// Encrypts the topic with a customer managed KMS key, given by ARN (`KmsMasterKeyId`).
    /// Default: not encrypted.
    ///
    /// ```
    /// let d = stepfunctions_tasks::SnsTopic::define("Topic").encryption_key(cfn_model::Expr::get_att("Key", "Arn"));
    /// ```
    #[must_use]
    pub fn encryption_key(mut self, key_arn: impl Into<Expr>) -> Self {
        self.encryption_key = Some(key_arn.into());
        self
    }

    /// Adds the topic to a template.
    ///
    /// ```
    /// let mut t = cfn_model::Template::new();
    /// let topic = stepfunctions_tasks::SnsTopic::define("Orders").fifo().add_to(&mut t).unwrap();
    /// assert!(topic.is_fifo());
    /// // A FIFO topic's name ends in `.fifo`.
    /// assert!(stepfunctions_tasks::SnsTopic::define("Bad").fifo().topic_name("bad").add_to(&mut t).is_err());
    /// ```
    pub fn add_to(self, template: &mut Template) -> Result<SnsTopic, stepfunctions::Error> {
        let invalid = |reason: String| stepfunctions::Error::InvalidResource {
            construct: self.id.clone(),
            field: "TopicName",
            reason,
        };
        if let Some(name) = self.topic_name.as_ref().and_then(Expr::as_literal) {
            check_fifo_capable_name("topic", name, self.fifo, 256).map_err(invalid)?;
        }
        if let Some(key) = &self.encryption_key {
            check_kms_key_arn(key).map_err(invalid)?;
        }
        let logical_id = cfn_model::LogicalId::from_construct_id(&self.id)?;
        let topic_name = match (self.topic_name, self.fifo) {
            (Some(name), _) => Some(name),
            (None, true) => Some(generated_fifo_name(logical_id.as_str(), 256)),
            (None, false) => None,
        };
        let topic = Resource::new("AWS::SNS::Topic")
            .property_opt("TopicName", topic_name.map(Value::from))
            .property_opt("DisplayName", self.display_name.map(Value::from))
            .property_opt("FifoTopic", self.fifo.then_some(Value::Bool(true)))
            .property_opt(
                "ContentBasedDeduplication",
                self.content_based_deduplication.then_some(Value::Bool(true)),
            )
            .property_opt("KmsMasterKeyId", self.encryption_key.clone().map(Value::from));
        let id = template.add_resource(&self.id, topic)?;
        Ok(SnsTopic {
            arn: Expr::reference(id.as_str()),
            fifo: self.fifo,
            content_based_deduplication: self.content_based_deduplication,
            encryption_key: self.encryption_key,
        })
    }
}

/// The data type of a message attribute.
///
/// See <https://docs.aws.amazon.com/sns/latest/dg/sns-message-attributes.html#SNSMessageAttributes.DataTypes>.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageAttributeDataType {
    /// UTF-8 text.
    String,
    /// A JSON array of strings, numbers, `true`, `false` and `null`, as text.
    StringArray,
    /// An integer or floating-point number, as text.
    Number,
    /// Binary data, base64-encoded.
    Binary,
}

impl MessageAttributeDataType {
    fn as_str(self) -> &'static str {
        match self {
            MessageAttributeDataType::String => "String",
            MessageAttributeDataType::StringArray => "String.Array",
            MessageAttributeDataType::Number => "Number",
            MessageAttributeDataType::Binary => "Binary",
        }
    }
}

/// A message attribute: metadata sent with the message, which subscription filter policies
/// can match. Its value is a literal or comes from the input (a path or an intrinsic function
/// giving text).
///
/// ```
/// use stepfunctions::JsonPath;
/// use stepfunctions_tasks::MessageAttribute;
/// let place = MessageAttribute::string(JsonPath::string_at("$.place"));
/// let people = MessageAttribute::number(4);
/// let handles = MessageAttribute::string_array(["@kslater".into(), serde_json::Value::Null]);
/// let pic = MessageAttribute::binary(JsonPath::string_at("$.pic"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct MessageAttribute {
    data_type: MessageAttributeDataType,
    value: Payload,
}

impl MessageAttribute {
    /// An attribute of any type, its value as the type requires: text for `String` (and for
    /// `Number` and `String.Array`, whose values SNS parses), base64 for `Binary`. For a list
    /// in the input, `JsonPath::json_to_string` gives `String.Array` text.
    ///
    /// ```
    /// use stepfunctions::JsonPath;
    /// use stepfunctions_tasks::{MessageAttribute, MessageAttributeDataType};
    /// let tags = MessageAttribute::new(MessageAttributeDataType::StringArray, JsonPath::json_to_string(JsonPath::list_at("$.tags")));
    /// ```
    pub fn new(data_type: MessageAttributeDataType, value: impl Into<Payload>) -> Self {
        MessageAttribute {
            data_type,
            value: value.into(),
        }
    }

    /// A `String` attribute.
    ///
    /// ```
    /// let a = stepfunctions_tasks::MessageAttribute::string("eu-west");
    /// ```
    pub fn string(value: impl Into<Payload>) -> Self {
        Self::new(MessageAttributeDataType::String, value)
    }

    /// A `Number` attribute: a number (sent as text), number text, or a path to number text.
    ///
    /// ```
    /// let a = stepfunctions_tasks::MessageAttribute::number(4);
    /// let b = stepfunctions_tasks::MessageAttribute::number(2.5);
    /// ```
    pub fn number(value: impl Into<Payload>) -> Self {
        let value = match value.into() {
            Payload::Number(n) => Payload::from(n.to_string()),
            other => other,
        };
        Self::new(MessageAttributeDataType::Number, value)
    }

    /// A `String.Array` attribute from literal items (strings, numbers, booleans, null).
    ///
    /// ```
    /// use serde_json::json;
    /// let a = stepfunctions_tasks::MessageAttribute::string_array([json!("@kslater"), json!("@jjf"), json!(null)]);
    /// ```
    pub fn string_array(items: impl IntoIterator<Item = serde_json::Value>) -> Self {
        let items = serde_json::Value::Array(items.into_iter().collect());
        Self::new(MessageAttributeDataType::StringArray, items.to_string())
    }

    /// A `Binary` attribute: base64 text, or a path to it.
    ///
    /// ```
    /// let a = stepfunctions_tasks::MessageAttribute::binary("aGVsbG8=");
    /// ```
    pub fn binary(value: impl Into<Payload>) -> Self {
        Self::new(MessageAttributeDataType::Binary, value)
    }

    fn to_payload(&self) -> Payload {
        let field = match self.data_type {
            MessageAttributeDataType::Binary => "BinaryValue",
            _ => "StringValue",
        };
        Payload::from_object([
            ("DataType", self.data_type.as_str().into()),
            (field, self.value.clone()),
        ])
    }

    /// Checks the attribute's name and literal value as SNS does.
    fn check(&self, name: &str) -> Result<(), String> {
        let lower = name.to_ascii_lowercase();
        let valid_name = !name.is_empty()
            && name.len() <= 256
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
            && !name.starts_with('.')
            && !name.ends_with('.')
            && !name.contains("..")
            && !lower.starts_with("aws.")
            && !lower.starts_with("amazon.");
        if !valid_name {
            return Err(format!(
                "message attribute name `{name}` must be 1 to 256 letters, digits, `_`, `-` or `.` (not first, \
                 last or twice in a row), not starting with `AWS.` or `Amazon.`"
            ));
        }
        let type_name = self.data_type.as_str();
        let Some(text) = literal(&self.value) else {
            return match self.value {
                Payload::String(_) | Payload::Path(_) | Payload::Intrinsic(_) | Payload::Jsonata(_) => Ok(()),
                _ => Err(format!("message attribute `{name}`: a {type_name} value must be text")),
            };
        };
        let valid = match self.data_type {
            MessageAttributeDataType::String => !text.is_empty(),
            MessageAttributeDataType::Number => is_number_text(text),
            MessageAttributeDataType::Binary => !text.is_empty() && is_base64(text),
            MessageAttributeDataType::StringArray => match serde_json::from_str::<serde_json::Value>(text) {
                Ok(serde_json::Value::Array(items)) => items.iter().all(|i| !(i.is_array() || i.is_object())),
                _ => false,
            },
        };
        if valid {
            Ok(())
        } else {
            Err(format!(
                "message attribute `{name}`: `{text}` is not a valid {type_name} value"
            ))
        }
    }
}
