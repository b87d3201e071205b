//! The Succeed state.

use super::prelude::*;

/// A Succeed state: ends the execution (or a branch) successfully.
///
/// ```
/// let s = stepfunctions::Succeed::new("Done");
/// ```
#[derive(Debug, Clone)]
pub struct Succeed<L = JsonPath> {
    parts: Parts,
    language: PhantomData<L>,
}

impl<L: Language> Succeed<L> {
    fn from_node(node: Node) -> Self {
        Succeed {
            parts: Parts::new(node),
            language: PhantomData,
        }
    }
}

constructors!(Succeed, "Succeed state", "", |name| Node::new(name, Kind::Succeed));

builder!(Succeed: [] [InputOutput] [JsonataOutput]);
simple_chain!(Succeed);
