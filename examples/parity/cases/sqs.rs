//! `sqs_send_message`: sending to a queue defined in the template.

use stepfunctions_cdk::prelude::*;

use super::Build;

pub const CASES: &[(&str, Build)] = &[("sqs_send_message", sqs_send_message)];

/// Seed: SQS (Send1 with a JSON-path body, Send2 with an object body), chained.
fn sqs_send_message(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let queue = SqsQueue::define("Queue").add_to(t)?;
    // Use a field from the execution data as message.
    let task1 = Task::new(
        "Send1",
        SqsSendMessage::new(queue.clone(), Payload::from_json_path_at("$.message")),
    );
    // Combine a field from the execution data with a literal object.
    let task2 = Task::new(
        "Send2",
        SqsSendMessage::new(
            queue,
            Payload::from_object([
                ("field1", "somedata".into()),
                ("field2", JsonPath::string_at("$.field2")),
            ]),
        ),
    );
    Ok(StateMachine::new("StateMachine", task1.next(task2)).add_to(t)?.warnings)
}
