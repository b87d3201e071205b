//! Amazon EventBridge: send custom events to an event bus.
//!
//! See <https://docs.aws.amazon.com/step-functions/latest/dg/connect-eventbridge.html>.

mod put_events;

use cfn_model::{Expr, LogicalId, Resource, Template, Value};

pub use put_events::{EventBridgePutEvents, EventBridgePutEventsEntry};

use crate::util::stack_arn;

/// An event bus: the account's default bus, one that exists (by name or ARN, literal or any
/// CloudFormation expression), or one defined in the same template with [`EventBus::define`].
///
/// ```
/// use stepfunctions_tasks::EventBus;
/// let default = EventBus::default_bus();
/// assert_eq!(default.arn().to_string(), "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default");
/// let shared = EventBus::from_arn("arn:aws:events:us-east-1:111122223333:event-bus/shared");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EventBus {
    /// `EventBusName`: a name or an ARN; none for the default bus.
    name: Option<Expr>,
    arn: Expr,
}

impl EventBus {
    /// The account's default event bus, where AWS services send their events. An entry sent
    /// there has no `EventBusName`.
    ///
    /// ```
    /// let bus = stepfunctions_tasks::EventBus::default_bus();
    /// ```
    pub fn default_bus() -> Self {
        EventBus {
            name: None,
            arn: stack_arn("events", "event-bus/default"),
        }
    }

    /// The bus with this name in the stack's account and region (CDK's
    /// `EventBus.fromEventBusName`).
    ///
    /// ```
    /// let bus = stepfunctions_tasks::EventBus::from_name("orders");
    /// assert!(bus.arn().to_string().ends_with(":event-bus/orders"));
    /// ```
    pub fn from_name(name: impl Into<Expr>) -> Self {
        let name = name.into();
        EventBus {
            arn: stack_arn("events", Expr::concat([Expr::lit("event-bus/"), name.clone()])),
            name: Some(name),
        }
    }

    /// The bus with this ARN, possibly in another account (CDK's `EventBus.fromEventBusArn`);
    /// the ARN is passed as `EventBusName`.
    ///
    /// ```
    /// let bus = stepfunctions_tasks::EventBus::from_arn(cfn_model::Expr::import_value("SharedBusArn"));
    /// ```
    pub fn from_arn(arn: impl Into<Expr>) -> Self {
        let arn = arn.into();
        EventBus {
            name: Some(arn.clone()),
            arn,
        }
    }

    /// Starts the definition of a custom event bus in the template, under a construct id.
    ///
    /// ```
    /// let mut t = cfn_model::Template::new();
    /// let bus = stepfunctions_tasks::EventBus::define("EventBus").event_bus_name("MyEventBus1").add_to(&mut t).unwrap();
    /// assert_eq!(bus.arn(), &cfn_model::Expr::get_att("EventBus", "Arn"));
    /// ```
    pub fn define(id: impl Into<String>) -> EventBusDefinition {
        EventBusDefinition {
            id: id.into(),
            name: None,
        }
    }

    /// The bus's ARN, the resource of the task's IAM statement.
    ///
    /// ```
    /// let bus = stepfunctions_tasks::EventBus::from_arn("arn:aws:events:us-east-1:123456789012:event-bus/b");
    /// assert_eq!(bus.arn().as_literal(), Some("arn:aws:events:us-east-1:123456789012:event-bus/b"));
    /// ```
    pub fn arn(&self) -> &Expr {
        &self.arn
    }
}

impl Default for EventBus {
    fn default() -> Self {
        EventBus::default_bus()
    }
}

/// An `AWS::Events::EventBus` to add to a template: see [`EventBus::define`].
#[derive(Debug, Clone)]
pub struct EventBusDefinition {
    id: String,
    name: Option<Expr>,
}

impl EventBusDefinition {
    /// The bus's name: 1 to 256 letters, digits, `.`, `-`, `_` and `/`, not `default`.
    /// Default: `<stack name>-<logical id>`.
    ///
    /// ```
    /// let d = stepfunctions_tasks::EventBus::define("Bus").event_bus_name("orders");
    /// ```
    #[must_use]
    pub fn event_bus_name(mut self, name: impl Into<Expr>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Adds the bus to a template. Tasks address it by ARN, as CDK does.
    ///
    /// ```
    /// let mut t = cfn_model::Template::new();
    /// stepfunctions_tasks::EventBus::define("Bus").add_to(&mut t).unwrap();
    /// assert!(stepfunctions_tasks::EventBus::define("Other").event_bus_name("default").add_to(&mut t).is_err());
    /// ```
    pub fn add_to(self, template: &mut Template) -> Result<EventBus, stepfunctions::Error> {
        if let Some(name) = self.name.as_ref().and_then(Expr::as_literal) {
            let valid = !name.is_empty()
                && name.len() <= 256
                && name != "default"
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'/'));
            if !valid {
                return Err(stepfunctions::Error::InvalidResource {
                    construct: self.id,
                    field: "Name",
                    reason: format!(
                        "event bus name `{name}` must be 1 to 256 letters, digits, `.`, `-`, `_` or `/`, and not `default`"
                    ),
                });
            }
        }
        let logical_id = LogicalId::from_construct_id(&self.id)?;
        let name = self
            .name
            .unwrap_or_else(|| Expr::concat([Expr::stack_name(), Expr::lit(format!("-{logical_id}"))]));
        let id = template.add_resource(
            &self.id,
            Resource::new("AWS::Events::EventBus").property("Name", Value::from(name)),
        )?;
        let arn = Expr::get_att(id.as_str(), "Arn");
        Ok(EventBus {
            name: Some(arn.clone()),
            arn,
        })
    }
}
