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
pub struct Pass<L = JsonPath> {
    parts: Parts,
    language: PhantomData<L>,
}

impl<L: Language> Pass<L> {
    fn from_node(node: Node) -> Self {
        Pass {
            parts: Parts::new(node),
            language: PhantomData,
        }
    }
}

constructors!(Pass, "Pass state", "", |name| Node::new(
    name,
    Kind::Pass { result: None }
));

impl Pass<JsonPath> {
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

builder!(Pass: [Assign] [InputOutput, ResultPath, Parameters] [JsonataOutput]);
simple_chain!(Pass);
