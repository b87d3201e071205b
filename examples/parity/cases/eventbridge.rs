//! `eventbridge_put_events`: an event sent to a bus defined in the template.

use stepfunctions_cdk::prelude::*;

use super::Build;

pub const CASES: &[(&str, Build)] = &[("eventbridge_put_events", eventbridge_put_events)];

/// Seed: EventBridge / Put Events to a created event bus.
fn eventbridge_put_events(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let my_event_bus = EventBus::define("EventBus").event_bus_name("MyEventBus1").add_to(t)?;
    let task = Task::new(
        "Send an event to EventBridge",
        EventBridgePutEvents::new([EventBridgePutEventsEntry::new(
            Payload::from_object([("Message", "Hello from Step Functions!".into())]),
            "MessageFromStepFunctions",
            "step.functions",
        )
        .event_bus(my_event_bus)]),
    );
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}
