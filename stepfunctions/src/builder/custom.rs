//! A state written as raw ASL JSON.

use super::prelude::*;

/// A state written as raw ASL JSON, for features this library does not model yet. It may carry
/// `Retry` and `Catch` of its own; `next` sets its `Next`. It adds no IAM statement: grant what
/// it needs with [`StateMachine::add_to_role_policy`](crate::StateMachine::add_to_role_policy).
///
/// ```
/// use stepfunctions::prelude::*;
/// let custom = CustomState::new("my custom task", serde_json::json!({
///     "Type": "Task",
///     "Resource": "arn:aws:states:::dynamodb:putItem",
///     "Parameters": {"TableName": "MyTable", "Item": {"id": {"S": "MyEntry"}}},
///     "ResultPath": null
/// }));
/// ```
#[derive(Debug, Clone)]
pub struct CustomState {
    parts: Parts,
}

impl CustomState {
    /// A custom state from a JSON object with at least a `Type`. Anything else is reported when
    /// rendering.
    ///
    /// ```
    /// let c = stepfunctions::CustomState::new("Raw", serde_json::json!({"Type": "Pass"}));
    /// ```
    pub fn new(name: impl Into<String>, state_json: serde_json::Value) -> Self {
        let name = name.into();
        let mut parts;
        match state_json {
            serde_json::Value::Object(map) => {
                let next = map.get("Next").and_then(|n| n.as_str()).map(str::to_owned);
                let typed = map.get("Type").and_then(|t| t.as_str()).is_some();
                parts = Parts::new(Node::new(name.clone(), Kind::Custom(map)));
                parts.node.next = next;
                if !typed {
                    parts.errors.push(crate::Error::InvalidCustomState {
                        state: name,
                        reason: "the JSON has no string `Type`".into(),
                    });
                }
            }
            other => {
                parts = Parts::new(Node::new(name.clone(), Kind::Custom(serde_json::Map::new())));
                parts.errors.push(crate::Error::InvalidCustomState {
                    state: name,
                    reason: format!("expected a JSON object, got {other}"),
                });
            }
        }
        CustomState { parts }
    }
}

impl Sealed for CustomState {
    fn parts_mut(&mut self) -> &mut Parts {
        &mut self.parts
    }
    fn parts(&self) -> &Parts {
        &self.parts
    }
}
impl State for CustomState {}
impl ErrorHandling for CustomState {}

impl From<CustomState> for Chain {
    fn from(state: CustomState) -> Chain {
        state.parts.into_chain()
    }
}
