//! Chains: states connected with `next`, carrying the states they transition to.

use indexmap::map::Entry;
use indexmap::IndexMap;

use crate::error::Error;
use crate::model::{Graph, State as Node};

/// A sequence of states with a start and open ends, the unit every builder works with.
///
/// Every state type converts into a chain. A chain owns its states; `next` connects every open
/// end of this chain to the start of the next one. To transition to a state that lives
/// elsewhere in the graph (a loop, or a state shared by several predecessors), pass a
/// [`StateRef`] instead of the state itself.
///
/// States that are added more than once with identical content (a `Fail` cloned into several
/// catchers, say) are kept once; two different states with one name are an error.
///
/// ```
/// use stepfunctions::prelude::*;
/// let chain = Chain::start(Pass::new("A")).next(Pass::new("B")).next(Succeed::new("Done"));
/// assert_eq!(chain.start_state(), "A");
/// assert!(chain.end_states().is_empty());
/// ```
#[derive(Debug, Clone)]
pub struct Chain {
    pub(crate) start: String,
    /// The states, in order of addition. Names are indexed once, when the chain closes into a
    /// graph ([`Chain::into_graph`]): building a chain of thousands of states hashes nothing.
    pub(crate) states: Vec<Node>,
    /// Indices into `states` of the states whose `Next` is open.
    pub(crate) ends: Vec<usize>,
    pub(crate) closed_by: Option<(String, &'static str)>,
    pub(crate) errors: Vec<Error>,
}

/// A transition to a state by name, defined elsewhere in the same graph: a loop back, or a
/// state reached from several places.
///
/// ```
/// use stepfunctions::prelude::*;
/// let wait = Wait::new("Wait", WaitTime::seconds(5));
/// let again = wait.reference();
/// let chain = Chain::start(wait)
///     .next(Choice::new("Done?")
///         .when(Condition::boolean_equals("$.done", true), Succeed::new("Finished"))
///         .otherwise(again));
/// let machine = StateMachine::new("Poller", chain);
/// assert!(machine.render_asl().is_ok());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateRef(String);

impl StateRef {
    /// A reference to the state with this name.
    ///
    /// ```
    /// let r = stepfunctions::StateRef::named("Wait X Seconds");
    /// assert_eq!(r.name(), "Wait X Seconds");
    /// ```
    pub fn named(name: impl Into<String>) -> Self {
        StateRef(name.into())
    }

    /// The referenced name.
    ///
    /// ```
    /// assert_eq!(stepfunctions::StateRef::named("X").name(), "X");
    /// ```
    pub fn name(&self) -> &str {
        &self.0
    }
}

impl From<StateRef> for Chain {
    fn from(r: StateRef) -> Self {
        Chain {
            closed_by: Some((r.0.clone(), "a reference to another")),
            start: r.0,
            states: Vec::new(),
            ends: Vec::new(),
            errors: Vec::new(),
        }
    }
}

impl Chain {
    /// A chain that begins with a state (or another chain).
    ///
    /// ```
    /// let c = stepfunctions::Chain::start(stepfunctions::Pass::new("First"));
    /// assert_eq!(c.start_state(), "First");
    /// ```
    pub fn start(first: impl Into<Chain>) -> Chain {
        first.into()
    }

    /// Connects every open end of this chain to the start of `then`. After a Choice, Succeed,
    /// Fail or a [`StateRef`] there is no open end: that is reported when rendering.
    ///
    /// ```
    /// use stepfunctions::{Chain, Pass};
    /// let c = Chain::start(Pass::new("A")).next(Pass::new("B"));
    /// assert_eq!(c.end_states(), ["B"]);
    /// ```
    #[must_use]
    pub fn next(mut self, then: impl Into<Chain>) -> Chain {
        let then = then.into();
        if self.ends.is_empty() {
            let (state, kind) = self.closed_by.clone().unwrap_or_else(|| (self.start.clone(), "this"));
            self.errors.push(Error::CannotChain { state, kind });
        }
        for end in std::mem::take(&mut self.ends) {
            self.states[end].next = Some(then.start.clone());
        }
        let Chain {
            states,
            ends,
            closed_by,
            errors,
            ..
        } = then;
        let offset = self.states.len();
        self.states.extend(states);
        self.errors.extend(errors);
        self.ends = ends.into_iter().map(|e| e + offset).collect();
        self.closed_by = closed_by;
        self
    }

    /// Adds states that are not reached from this chain's ends: the target of a
    /// [`StateRef`], say. The open ends stay this chain's.
    ///
    /// ```
    /// use stepfunctions::prelude::*;
    /// let c = Chain::start(Pass::new("A").next(StateRef::named("Shared"))).add(Succeed::new("Shared"));
    /// assert!(StateMachine::new("M", c).render_asl().is_ok());
    /// ```
    #[must_use]
    #[allow(clippy::should_implement_trait)]
    pub fn add(mut self, other: impl Into<Chain>) -> Chain {
        let other = other.into();
        self.states.extend(other.states);
        self.errors.extend(other.errors);
        self
    }

    /// Prefixes the name of every state this chain owns (nested ones included) and every
    /// transition to them, like CDK's `StateMachineFragment.prefixStates`. Use it to place a
    /// reusable fragment more than once.
    ///
    /// ```
    /// use stepfunctions::prelude::*;
    /// fn job() -> Chain { Chain::start(Pass::new("Step")) }
    /// let c = job().prefix_states("Quick: ").next(job().prefix_states("Slow: "));
    /// assert_eq!(c.start_state(), "Quick: Step");
    /// assert_eq!(c.end_states(), ["Slow: Step"]);
    /// ```
    #[must_use]
    pub fn prefix_states(mut self, prefix: &str) -> Chain {
        let owned: std::collections::HashSet<String> = self.states.iter().map(|n| n.name.clone()).collect();
        let rename = |name: &str| owned.contains(name).then(|| format!("{prefix}{name}"));
        for node in &mut self.states {
            node.name = format!("{prefix}{}", node.name);
            node.rename_targets(&rename);
            for g in node.subgraphs_mut() {
                prefix_graph(g, prefix);
            }
        }
        if let Some(new) = rename(&self.start) {
            self.start = new;
        }
        self
    }

    /// The name of the first state.
    ///
    /// ```
    /// assert_eq!(stepfunctions::Chain::start(stepfunctions::Pass::new("P")).start_state(), "P");
    /// ```
    pub fn start_state(&self) -> &str {
        &self.start
    }

    /// The names of the states whose `Next` is still open.
    ///
    /// ```
    /// assert_eq!(stepfunctions::Chain::start(stepfunctions::Pass::new("P")).end_states(), ["P"]);
    /// ```
    pub fn end_states(&self) -> Vec<&str> {
        self.ends.iter().map(|&i| self.states[i].name.as_str()).collect()
    }

    /// The chain as a closed graph (open ends end the execution), and the errors it carried.
    /// A state added more than once with identical content is kept once; two different states
    /// with one name are an error.
    pub(crate) fn into_graph(self) -> (Graph, Vec<Error>) {
        let mut errors = self.errors;
        let mut states: IndexMap<String, Node> = IndexMap::with_capacity(self.states.len());
        for node in self.states {
            match states.entry(node.name.clone()) {
                Entry::Occupied(existing) => {
                    if *existing.get() != node
                        && !errors
                            .iter()
                            .any(|e| matches!(e, Error::DuplicateStateName { name } if *name == node.name))
                    {
                        errors.push(Error::DuplicateStateName { name: node.name });
                    }
                }
                Entry::Vacant(slot) => {
                    slot.insert(node);
                }
            }
        }
        (
            Graph {
                start_at: self.start,
                states,
            },
            errors,
        )
    }

    /// A chain of one node plus the chains it carries (Choice branches, catch handlers). `ends`
    /// are the open ends: the node itself, or `(carried chain, end in it)` pairs.
    pub(crate) fn from_parts(parts: Parts, ends: Ends) -> Chain {
        let Parts { node, attached, errors } = parts;
        let closed_by = (!node.is_nextable()).then(|| (node.name.clone(), node.kind.label()));
        let start = node.name.clone();
        let mut states = Vec::with_capacity(1 + attached.iter().map(|c| c.states.len()).sum::<usize>());
        states.push(node);
        let mut chain_errors = errors;
        let mut offsets = Vec::with_capacity(attached.len());
        for c in attached {
            offsets.push(states.len());
            states.extend(c.states);
            chain_errors.extend(c.errors);
        }
        let ends = match ends {
            Ends::Itself => vec![0],
            Ends::None => Vec::new(),
            Ends::Branches(pairs) => {
                let mut ends: Vec<usize> = pairs.into_iter().map(|(chain, end)| offsets[chain] + end).collect();
                ends.dedup();
                ends
            }
        };
        Chain {
            start,
            states,
            ends,
            closed_by,
            errors: chain_errors,
        }
    }
}

/// The open ends of a state's chain.
pub(crate) enum Ends {
    /// The state itself (a nextable state).
    Itself,
    /// None (Choice, Succeed, Fail).
    None,
    /// The open ends of the chains it carries: `(index of the carried chain, end in it)`.
    Branches(Vec<(usize, usize)>),
}

fn prefix_graph(graph: &mut Graph, prefix: &str) {
    let rename = |name: &str| Some(format!("{prefix}{name}"));
    graph.start_at = format!("{prefix}{}", graph.start_at);
    let states = std::mem::take(&mut graph.states);
    for (_, mut node) in states {
        node.name = format!("{prefix}{}", node.name);
        node.rename_targets(&rename);
        for g in node.subgraphs_mut() {
            prefix_graph(g, prefix);
        }
        graph.states.insert(node.name.clone(), node);
    }
}

/// What a state builder holds: its node, the chains it carries, and errors found while
/// building it.
#[derive(Debug, Clone)]
#[doc(hidden)]
pub struct Parts {
    pub(crate) node: Node,
    pub(crate) attached: Vec<Chain>,
    pub(crate) errors: Vec<Error>,
}

impl Parts {
    pub(crate) fn new(node: Node) -> Self {
        Parts {
            node,
            attached: Vec::new(),
            errors: Vec::new(),
        }
    }

    /// Attaches a chain; returns the name of its start state.
    pub(crate) fn attach(&mut self, chain: Chain) -> String {
        let start = chain.start.clone();
        self.attached.push(chain);
        start
    }

    /// The chain of a state with one open end (itself) when it is nextable.
    pub(crate) fn into_chain(self) -> Chain {
        let ends = if self.node.is_nextable() {
            Ends::Itself
        } else {
            Ends::None
        };
        Chain::from_parts(self, ends)
    }
}
