//! The Parallel state.

use super::prelude::*;

/// A Parallel state: runs branches at once; its result is the list of their outputs.
///
/// ```
/// use stepfunctions::prelude::*;
/// let p = Parallel::new("LookupCustomerInfo")
///     .branch(Pass::new("LookupAddress"))
///     .branch(Pass::new("LookupPhone"))
///     .result_path("$.customer");
/// ```
#[derive(Debug, Clone)]
pub struct Parallel {
    parts: Parts,
}

impl Parallel {
    /// A Parallel state with no branch yet.
    ///
    /// ```
    /// let p = stepfunctions::Parallel::new("P");
    /// ```
    pub fn new(name: impl Into<String>) -> Self {
        Parallel {
            parts: Parts::new(Node::new(name, Kind::Parallel { branches: Vec::new() })),
        }
    }

    /// Adds a branch: a chain of its own, whose states only transition among themselves.
    ///
    /// ```
    /// use stepfunctions::prelude::*;
    /// let p = Parallel::new("P").branch(Pass::new("A").next(Pass::new("B")));
    /// ```
    #[must_use]
    pub fn branch(mut self, branch: impl Into<Chain>) -> Self {
        let (graph, errors) = branch.into().into_graph();
        self.parts.errors.extend(errors);
        if let Kind::Parallel { branches } = &mut self.parts.node.kind {
            branches.push(graph);
        }
        self
    }
}

builder!(Parallel: InputOutput, ResultPath, ResultSelector, Parameters, ErrorHandling);
simple_chain!(Parallel);
