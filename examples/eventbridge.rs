//! `EventBridgePutEvents`: the CDK snippet (an event to a custom bus defined in the template),
//! then one task sending two events at once, one to that bus with a detail read from the input
//! and one to the account's default bus. Each bus used is granted `events:PutEvents`.
//!
//! A rule on the custom bus (here: every event whose source is `step.functions`) sends the
//! events to a CloudWatch Logs group, so they can be seen.
//!
//! `cargo run --example eventbridge > template.json`, then
//! `aws cloudformation deploy --template-file template.json --stack-name eventbridge-put --capabilities CAPABILITY_IAM`
//! and start an execution with the input `{"order": {"id": "o-1", "total": 30}}`; the events
//! appear in the log group of the `EventLogGroupName` output.

use std::process::ExitCode;

use stepfunctions_cdk::prelude::*;

/// A log group, the rule matching the events and a resource policy that lets EventBridge write
/// to the group; returns the group's name.
fn log_events(template: &mut Template, bus: &EventBus) -> Result<Expr, Error> {
    let group = template.add_resource(
        "EventLogGroup",
        Resource::new("AWS::Logs::LogGroup")
            .property(
                "LogGroupName",
                Expr::sub("/aws/events/${AWS::StackName}-step-functions").into(),
            )
            .property("RetentionInDays", 7.into())
            .removal_policy(DeletionPolicy::Delete),
    )?;
    template.add_resource(
        "EventLogPolicy",
        Resource::new("AWS::Logs::ResourcePolicy")
            .property("PolicyName", Expr::sub("${AWS::StackName}-events-to-logs").into())
            .property(
                "PolicyDocument",
                // the policy document is a JSON string
                Expr::sub(concat!(
                    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","#,
                    r#""Principal":{"Service":["events.amazonaws.com","delivery.logs.amazonaws.com"]},"#,
                    r#""Action":["logs:CreateLogStream","logs:PutLogEvents"],"#,
                    r#""Resource":"${EventLogGroup.Arn}"}]}"#
                ))
                .into(),
            ),
    )?;
    template.add_resource(
        "StepFunctionsEventsRule",
        Resource::new("AWS::Events::Rule")
            .property("EventBusName", bus.arn().clone().into())
            .property(
                "EventPattern",
                Value::map([("source", Value::list(["step.functions".into()]))]),
            )
            .property(
                "Targets",
                Value::list([Value::map([
                    // the group's ARN without the `:*` its `Arn` attribute ends with
                    (
                        "Arn",
                        Expr::sub(
                            "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${EventLogGroup}",
                        )
                        .into(),
                    ),
                    ("Id", "EventLogGroup".into()),
                ])]),
            ),
    )?;
    Ok(Expr::reference(group.as_str()))
}

/// Adds the bus, the rule and its log group, the state machine and outputs.
pub fn build(template: &mut Template) -> Result<Vec<Warning>, Error> {
    // Seed: EventBridge / Put Events. The snippet names the bus `MyEventBus1`; the stack name
    // in front keeps two stacks of this example apart.
    let my_event_bus = EventBus::define("EventBus")
        .event_bus_name(Expr::sub("${AWS::StackName}-MyEventBus1"))
        .add_to(template)?;
    let log_group = log_events(template, &my_event_bus)?;

    let task = Task::new(
        "Send an event to EventBridge",
        EventBridgePutEvents::new([EventBridgePutEventsEntry::new(
            Payload::from_object([("Message", "Hello from Step Functions!".into())]),
            "MessageFromStepFunctions",
            "step.functions",
        )
        .event_bus(my_event_bus.clone())]),
    )
    .result_path("$.hello");

    // Two events in one call: the order (from the input) to the custom bus, and a notice to the
    // account's default bus. The task fails with EventBridge.FailedEntry if either fails.
    let order_events = Task::new(
        "Send Order Events",
        EventBridgePutEvents::new([
            EventBridgePutEventsEntry::new(Payload::from_json_path_at("$.order"), "OrderPlaced", "step.functions")
                .event_bus(my_event_bus),
            EventBridgePutEventsEntry::new(
                Payload::from_object([
                    ("order_id", JsonPath::string_at("$.order.id")),
                    ("total", JsonPath::number_at("$.order.total")),
                ]),
                "OrderNotice",
                "com.example.orders",
            ),
        ]),
    )
    .result_selector(Payload::from_object([(
        "failed",
        JsonPath::number_at("$.FailedEntryCount"),
    )]))
    .result_path("$.order_events");

    let rendered = StateMachine::new("StateMachine", task.next(order_events))
        .comment("Sends events to EventBridge buses")
        .add_to(template)?;
    template.add_output("EventLogGroupName", Output::new(log_group))?;
    rendered.output_arn(template)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    stepfunctions_cdk::cli::run(build)
}
