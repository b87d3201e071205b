//! The Wait state.

use super::prelude::*;

/// A Wait state: pauses for a time, or until a timestamp.
///
/// ```
/// use stepfunctions::prelude::*;
/// let w = Wait::new("Wait X Seconds", WaitTime::seconds_path("$.wait_time"));
/// ```
#[derive(Debug, Clone)]
pub struct Wait {
    parts: Parts,
}

impl Wait {
    /// A Wait state.
    ///
    /// ```
    /// let w = stepfunctions::Wait::new("W", stepfunctions::WaitTime::seconds(10));
    /// ```
    pub fn new(name: impl Into<String>, time: WaitTime) -> Self {
        Wait {
            parts: Parts::new(Node::new(name, Kind::Wait(time))),
        }
    }
}

builder!(Wait: InputOutput);
simple_chain!(Wait);
