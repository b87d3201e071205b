//! `sns_publish`: publishing to a topic defined in the template.

use serde_json::json;
use stepfunctions_cdk::prelude::*;

use super::Build;

pub const CASES: &[(&str, Build)] = &[("sns_publish", sns_publish)];

/// Seed: SNS (Publish1 with message attributes from the execution data, Publish2 with an object
/// message), chained in one state machine.
fn sns_publish(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let topic = SnsTopic::define("Topic").add_to(t)?;
    // Use a field from the execution data as message. (`integrationPattern: REQUEST_RESPONSE`
    // in the CDK program is the default.)
    let task1 = Task::new(
        "Publish1",
        SnsPublish::new(topic.clone(), Payload::from_json_path_at("$.state.message")).message_attributes([
            ("place", MessageAttribute::string(JsonPath::string_at("$.place"))),
            // BINARY must be explicitly set
            ("pic", MessageAttribute::binary(JsonPath::string_at("$.pic"))),
            ("people", MessageAttribute::number(4)),
            (
                "handles",
                MessageAttribute::string_array([json!("@kslater"), json!("@jjf"), json!(null), json!("@mfanning")]),
            ),
        ]),
    );
    // Combine a field from the execution data with a literal object.
    let task2 = Task::new(
        "Publish2",
        SnsPublish::new(
            topic,
            Payload::from_object([
                ("field1", "somedata".into()),
                ("field2", JsonPath::string_at("$.field2")),
            ]),
        ),
    );
    Ok(StateMachine::new("StateMachine", task1.next(task2)).add_to(t)?.warnings)
}
