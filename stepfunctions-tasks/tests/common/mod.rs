//! What the task test files share.

#![allow(dead_code)] // each test file is its own crate and uses some of these

use cfn_model::Template;
use serde_json::Value;
use stepfunctions::Error;

/// The reason of an [`Error::InvalidTask`], whatever its state.
pub fn reason(e: Error) -> String {
    match e {
        Error::InvalidTask { reason, .. } => reason,
        other => panic!("expected InvalidTask, got {other:?}"),
    }
}

/// The reason of an [`Error::InvalidTask`] of the state named `state`.
pub fn reason_at(state: &str, e: Error) -> String {
    match e {
        Error::InvalidTask { state: at, reason, .. } => {
            assert_eq!(at, state);
            reason
        }
        other => panic!("expected InvalidTask, got {other:?}"),
    }
}

/// The `Resources` of a template, as JSON.
pub fn resources(t: &Template) -> Value {
    let json: Value = serde_json::from_str(&t.to_json_compact().unwrap()).unwrap();
    json["Resources"].clone()
}
