//! `EventBridgePutEvents`: <https://docs.aws.amazon.com/step-functions/latest/dg/connect-eventbridge.html>.

use cfn_model::iam::PolicyStatement;
use cfn_model::Expr;
use stepfunctions::TaskError;
use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration, SupportsWaitForTaskToken};

use super::EventBus;
use crate::util::literal;

/// One event for [`EventBridgePutEvents`].
///
/// See <https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEventsRequestEntry.html>.
///
/// ```
/// use stepfunctions::Payload;
/// use stepfunctions_tasks::{EventBridgePutEventsEntry, EventBus};
/// let entry = EventBridgePutEventsEntry::new(
///     Payload::from_object([("Message", "Hello from Step Functions!".into())]),
///     "MessageFromStepFunctions",
///     "step.functions",
/// )
/// .event_bus(EventBus::from_name("orders"));
/// ```
#[derive(Debug, Clone)]
pub struct EventBridgePutEventsEntry {
    detail: Payload,
    detail_type: Payload,
    source: Payload,
    event_bus: EventBus,
}

impl EventBridgePutEventsEntry {
    /// An event: its `detail` (a JSON object: an object, JSON object text, or a path), its
    /// `detail_type` and its `source` (text or paths; a literal source cannot start with
    /// `aws.`, which AWS services use), sent to the default bus.
    ///
    /// ```
    /// use stepfunctions::{JsonPath, Payload};
    /// use stepfunctions_tasks::EventBridgePutEventsEntry;
    /// let entry = EventBridgePutEventsEntry::new(Payload::from_json_path_at("$.detail"), JsonPath::string_at("$.type"), "com.example.orders");
    /// ```
    pub fn new(detail: Payload, detail_type: impl Into<Payload>, source: impl Into<Payload>) -> Self {
        EventBridgePutEventsEntry {
            detail,
            detail_type: detail_type.into(),
            source: source.into(),
            event_bus: EventBus::default_bus(),
        }
    }

    /// The bus the event goes to. Default: the account's default bus.
    ///
    /// ```
    /// use stepfunctions::Payload;
    /// use stepfunctions_tasks::{EventBridgePutEventsEntry, EventBus};
    /// let entry = EventBridgePutEventsEntry::new(Payload::empty_object(), "Ping", "com.example")
    ///     .event_bus(EventBus::from_arn("arn:aws:events:us-east-1:123456789012:event-bus/b"));
    /// ```
    #[must_use]
    pub fn event_bus(mut self, bus: EventBus) -> Self {
        self.event_bus = bus;
        self
    }

    fn to_payload(&self) -> Payload {
        let mut p = vec![
            ("Detail", self.detail.clone()),
            ("DetailType", self.detail_type.clone()),
        ];
        if let Some(name) = &self.event_bus.name {
            p.push(("EventBusName", Payload::String(name.clone())));
        }
        p.push(("Source", self.source.clone()));
        Payload::from_object(p)
    }

    fn check(&self, at: &str) -> Result<(), String> {
        let detail_ok = match &self.detail {
            Payload::Object(_) | Payload::Path(_) | Payload::Intrinsic(_) | Payload::Jsonata(_) => true,
            Payload::String(Expr::Literal(text)) => {
                matches!(serde_json::from_str(text), Ok(serde_json::Value::Object(_)))
            }
            Payload::String(_) => true,
            _ => false,
        };
        if !detail_ok {
            return Err(format!(
                "{at}: the detail must be a JSON object (an object, JSON object text or a path)"
            ));
        }
        for (field, value) in [("detail type", &self.detail_type), ("source", &self.source)] {
            match value {
                Payload::String(e) if e.as_literal() == Some("") => return Err(format!("{at}: the {field} is empty")),
                Payload::String(_) | Payload::Path(_) | Payload::Intrinsic(_) | Payload::Jsonata(_) => {}
                _ => return Err(format!("{at}: the {field} must be text")),
            }
        }
        if let Some(source) = literal(&self.source).filter(|s| s.starts_with("aws.")) {
            return Err(format!(
                "{at}: source `{source}` starts with `aws.`, which only AWS services may send"
            ));
        }
        Ok(())
    }
}

/// Sends custom events to event buses (`arn:aws:states:::events:putEvents`,
/// [PutEvents](https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html)):
/// 1 to 10 entries. Step Functions adds the execution's and the state machine's ARNs to each
/// event's `Resources`, and fails the task with `EventBridge.FailedEntry` if any entry fails.
///
/// Supports request-response (default) and wait-for-task-token (an entry must carry
/// [`JsonPath::task_token`](stepfunctions::JsonPath::task_token), for the rule's target to
/// return).
///
/// IAM: `events:PutEvents` on each bus the entries use (the default bus's ARN for entries
/// without one).
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{EventBridgePutEvents, EventBridgePutEventsEntry};
/// let task = Task::new(
///     "Send an event to EventBridge",
///     EventBridgePutEvents::new([EventBridgePutEventsEntry::new(
///         Payload::from_object([("Message", "Hello from Step Functions!".into())]),
///         "MessageFromStepFunctions",
///         "step.functions",
///     )]),
/// );
/// let asl = StateMachine::new("M", task).render_asl().unwrap();
/// let definition: serde_json::Value = serde_json::from_str(&asl.definition).unwrap();
/// assert_eq!(
///     definition["States"]["Send an event to EventBridge"]["Parameters"]["Entries"][0]["Source"],
///     "step.functions"
/// );
/// ```
///
/// Running a job (`.sync`) is not supported, and does not compile:
///
/// ```compile_fail
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{EventBridgePutEvents, EventBridgePutEventsEntry};
/// let entry = EventBridgePutEventsEntry::new(Payload::empty_object(), "Ping", "com.example");
/// let task = Task::new("Put", EventBridgePutEvents::new([entry])).run_job();
/// ```
#[derive(Debug, Clone)]
pub struct EventBridgePutEvents {
    entries: Vec<EventBridgePutEventsEntry>,
}

impl EventBridgePutEvents {
    /// Sends these events (1 to 10).
    ///
    /// ```
    /// use stepfunctions::Payload;
    /// use stepfunctions_tasks::{EventBridgePutEvents, EventBridgePutEventsEntry};
    /// let put = EventBridgePutEvents::new([
    ///     EventBridgePutEventsEntry::new(Payload::empty_object(), "Started", "com.example"),
    ///     EventBridgePutEventsEntry::new(Payload::empty_object(), "Audited", "com.example.audit"),
    /// ]);
    /// ```
    pub fn new(entries: impl IntoIterator<Item = EventBridgePutEventsEntry>) -> Self {
        EventBridgePutEvents {
            entries: entries.into_iter().collect(),
        }
    }
}

impl ServiceIntegration for EventBridgePutEvents {
    const SERVICE: &'static str = "events";
    const API: &'static str = "putEvents";

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        let entries = self.entries.iter().map(EventBridgePutEventsEntry::to_payload).collect();
        Some(Payload::from_object([("Entries", Payload::Array(entries))]))
    }

    fn policy_statements(&self, _pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        let mut buses: Vec<Expr> = Vec::new();
        for entry in &self.entries {
            if !buses.contains(&entry.event_bus.arn) {
                buses.push(entry.event_bus.arn.clone());
            }
        }
        vec![PolicyStatement::allow(["events:PutEvents"], buses)]
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        if self.entries.is_empty() || self.entries.len() > 10 {
            return Err(TaskError::field(
                "Entries",
                format!("PutEvents takes 1 to 10 entries (it has {})", self.entries.len()),
            ));
        }
        for (i, entry) in self.entries.iter().enumerate() {
            entry.check(&format!("Entries[{i}]"))?;
        }
        Ok(())
    }
}

impl SupportsWaitForTaskToken for EventBridgePutEvents {}
