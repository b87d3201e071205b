//! The Succeed state.

use super::prelude::*;

/// A Succeed state: ends the execution (or a branch) successfully.
///
/// ```
/// let s = stepfunctions::Succeed::new("Done");
/// ```
#[derive(Debug, Clone)]
pub struct Succeed {
    parts: Parts,
}

impl Succeed {
    /// A Succeed state.
    ///
    /// ```
    /// let s = stepfunctions::Succeed::new("Completed");
    /// ```
    pub fn new(name: impl Into<String>) -> Self {
        Succeed {
            parts: Parts::new(Node::new(name, Kind::Succeed)),
        }
    }
}

builder!(Succeed: InputOutput);
simple_chain!(Succeed);
