//! The Pass state.

use super::prelude::*;

/// A Pass state: passes its input on, optionally reshaped or replaced by a fixed result.
///
/// ```
/// use stepfunctions::prelude::*;
/// let p = Pass::new("No-op")
///     .result(Payload::from_json(serde_json::json!({"x-datum": 0.381018})))
///     .result_path("$.coords");
/// ```
#[derive(Debug, Clone)]
pub struct Pass {
    parts: Parts,
}

impl Pass {
    /// A Pass state with a name (1 to 80 characters, unique in the state machine).
    ///
    /// ```
    /// let p = stepfunctions::Pass::new("Hello");
    /// ```
    pub fn new(name: impl Into<String>) -> Self {
        Pass {
            parts: Parts::new(Node::new(name, Kind::Pass { result: None })),
        }
    }

    /// A fixed result, placed by `ResultPath`. Default: none (the input passes through).
    ///
    /// ```
    /// let p = stepfunctions::Pass::new("Hello").result("World".into());
    /// ```
    #[must_use]
    pub fn result(mut self, result: Payload) -> Self {
        self.parts.node.kind = Kind::Pass { result: Some(result) };
        self
    }
}

builder!(Pass: InputOutput, ResultPath, Parameters);
simple_chain!(Pass);
