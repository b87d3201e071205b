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
pub struct Parallel<L = JsonPath> {
    parts: Parts,
    language: PhantomData<L>,
}

constructors!(Parallel, "Parallel state with no branch yet", "", |name| Node::new(
    name,
    Kind::Parallel { branches: Vec::new() }
));

impl<L: Language> Parallel<L> {
    fn from_node(node: Node) -> Self {
        Parallel {
            parts: Parts::new(node),
            language: PhantomData,
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

builder!(Parallel: [Assign, ErrorHandling] [InputOutput, ResultPath, ResultSelector, Parameters] [JsonataOutput, Arguments]);
simple_chain!(Parallel);
