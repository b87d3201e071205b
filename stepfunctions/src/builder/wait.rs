//! The Wait state.

use super::prelude::*;

/// A Wait state: pauses for a time, or until a timestamp.
///
/// ```
/// use stepfunctions::prelude::*;
/// let w = Wait::new("Wait X Seconds", WaitTime::seconds_path("$.wait_time"));
/// ```
#[derive(Debug, Clone)]
pub struct Wait<L = JsonPath> {
    parts: Parts,
    language: PhantomData<L>,
}

impl<L: Language> Wait<L> {
    fn from_node(node: Node) -> Self {
        Wait {
            parts: Parts::new(node),
            language: PhantomData,
        }
    }
}

constructors!(
    Wait,
    "Wait state waiting `time`",
    ", WaitTime::seconds(1)",
    |name, time: WaitTime| Node::new(name, Kind::Wait(time))
);

builder!(Wait: [Assign] [InputOutput] [JsonataOutput]);
simple_chain!(Wait);
