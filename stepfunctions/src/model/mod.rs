//! The definition model: what a state machine definition is, as plain data.
//!
//! The builders ([`Pass`](crate::Pass), [`Task`](crate::Task), [`Chain`](crate::Chain), ...)
//! produce it; [`StateMachine`](crate::StateMachine) takes it (or anything that converts into
//! it, see [`IntoDefinition`]); the [render pass](crate::render) writes it as ASL. Every field is
//! public, so a definition can also be built, read or rewritten directly: by an importer, an
//! executor, or a program that draws it.
//!
//! The model holds values, not their ASL spelling: a task's input is a [`Payload`] (rendered as
//! `Parameters`), a Fail's error is a literal or a path (rendered as `Error` or `ErrorPath`),
//! and the render pass alone decides how each is written.
//!
//! ```
//! use indexmap::IndexMap;
//! use stepfunctions::model::{Definition, Graph, State, StateKind};
//! use stepfunctions::StateMachine;
//!
//! let hello = State::new("Hello", StateKind::Pass { result: Some("World".into()) });
//! let definition = Definition::new(Graph::new("Hello", [hello])).comment("built by hand");
//! let asl = StateMachine::new("M", definition).render_asl().unwrap();
//! assert!(asl.definition.contains("\"Result\": \"World\""));
//! ```

mod condition;
mod distributed;
mod jsonata;
pub(crate) mod path;
mod payload;
mod retry;
mod task;
mod wait;

use cfn_model::iam::PolicyStatement;
use cfn_model::Expr;
use indexmap::IndexMap;

pub use condition::{Comparison, Condition, Operand, Operator};
pub use distributed::{
    Amount, CsvDelimiter, CsvHeaderLocation, Distributed, InputType, ItemBatcher, ItemReader, ManifestType, OutputType,
    ReaderConfig, ReaderResource, ReaderTransformation, ResultWriter, WriterConfig, WriterTransformation,
};
pub use jsonata::Jsonata;
pub(crate) use jsonata::{
    strip_delimiters, INPUT_PATHS, STATES_CONTEXT, STATES_ERROR_OUTPUT, STATES_INPUT, STATES_RESULT,
};
pub use path::{Path, PathRoot};
pub(crate) use payload::{check_jsonata, check_path, FieldPath};
pub use payload::{Arg, Intrinsic, Payload};
pub(crate) use retry::{check_error_names, whole_seconds};
pub use retry::{Errors, JitterType, Retry};
pub use task::{Credentials, Timeout};
pub use wait::{WaitField, WaitTime};

use crate::error::Error;

/// Fields of a definition or a state that this model has no place for (an imported definition
/// may carry them): kept as JSON, in order, and written after the known fields. Empty, it takes
/// no allocation and one word.
///
/// ```
/// use stepfunctions::model::Extra;
/// let mut extra = Extra::default();
/// assert!(extra.is_empty());
/// extra.insert("Future", serde_json::json!(1));
/// assert_eq!(extra.get("Future"), Some(&serde_json::json!(1)));
/// assert_eq!(extra.iter().count(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Extra(Option<Box<serde_json::Map<String, serde_json::Value>>>);

impl Extra {
    /// Whether there is no field.
    ///
    /// ```
    /// assert!(stepfunctions::model::Extra::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.0.as_ref().map_or(true, |m| m.is_empty())
    }

    /// Sets a field; returns the value it had.
    ///
    /// ```
    /// let mut e = stepfunctions::model::Extra::default();
    /// assert_eq!(e.insert("A", serde_json::json!(1)), None);
    /// ```
    pub fn insert(&mut self, key: impl Into<String>, value: serde_json::Value) -> Option<serde_json::Value> {
        self.0.get_or_insert_with(Default::default).insert(key.into(), value)
    }

    /// A field's value.
    ///
    /// ```
    /// assert_eq!(stepfunctions::model::Extra::default().get("A"), None);
    /// ```
    pub fn get(&self, key: &str) -> Option<&serde_json::Value> {
        self.0.as_ref()?.get(key)
    }

    /// The fields, in order.
    ///
    /// ```
    /// assert_eq!(stepfunctions::model::Extra::default().iter().count(), 0);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (&String, &serde_json::Value)> {
        self.0.iter().flat_map(|m| m.iter())
    }
}

/// The workflow variables an `Assign` sets, by name, in order: what a state, a Choice rule or a
/// catcher assigns. Empty, it takes no allocation and one word (most states assign nothing).
///
/// ```
/// use stepfunctions::model::Variables;
/// let mut v = Variables::default();
/// assert!(v.is_empty());
/// v.insert("count", 3.into());
/// assert_eq!(v.keys().collect::<Vec<_>>(), ["count"]);
/// assert_eq!(v.get("count"), Some(&3.into()));
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Variables(Option<Box<IndexMap<String, Payload>>>);

impl Variables {
    /// Whether no variable is set.
    ///
    /// ```
    /// assert!(stepfunctions::model::Variables::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.0.as_ref().map_or(true, |m| m.is_empty())
    }

    /// How many variables are set.
    ///
    /// ```
    /// assert_eq!(stepfunctions::model::Variables::default().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.0.as_ref().map_or(0, |m| m.len())
    }

    /// Sets a variable; returns the value it had.
    ///
    /// ```
    /// let mut v = stepfunctions::model::Variables::default();
    /// assert_eq!(v.insert("a", 1.into()), None);
    /// ```
    pub fn insert(&mut self, name: impl Into<String>, value: Payload) -> Option<Payload> {
        self.0.get_or_insert_with(Default::default).insert(name.into(), value)
    }

    /// A variable's value.
    ///
    /// ```
    /// assert!(stepfunctions::model::Variables::default().get("a").is_none());
    /// ```
    pub fn get(&self, name: &str) -> Option<&Payload> {
        self.0.as_ref()?.get(name)
    }

    /// The names, in order.
    ///
    /// ```
    /// assert_eq!(stepfunctions::model::Variables::default().keys().count(), 0);
    /// ```
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.iter().map(|(k, _)| k)
    }

    /// The variables and their values, in order.
    ///
    /// ```
    /// assert_eq!(stepfunctions::model::Variables::default().iter().count(), 0);
    /// ```
    pub fn iter(&self) -> indexmap::map::Iter<'_, String, Payload> {
        static EMPTY: std::sync::OnceLock<IndexMap<String, Payload>> = std::sync::OnceLock::new();
        match &self.0 {
            Some(m) => m.iter(),
            None => EMPTY.get_or_init(IndexMap::new).iter(),
        }
    }
}

impl<'a> IntoIterator for &'a Variables {
    type Item = (&'a String, &'a Payload);
    type IntoIter = indexmap::map::Iter<'a, String, Payload>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<K: Into<String>> FromIterator<(K, Payload)> for Variables {
    fn from_iter<I: IntoIterator<Item = (K, Payload)>>(iter: I) -> Self {
        let mut v = Variables::default();
        for (k, p) in iter {
            v.insert(k, p);
        }
        v
    }
}

/// A whole definition: the top level of an ASL document.
///
/// ```
/// use stepfunctions::model::{Definition, Graph, State, StateKind};
/// let d = Definition::new(Graph::new("Done", [State::new("Done", StateKind::Succeed)])).timeout_seconds(60);
/// assert_eq!(d.graph.start_at, "Done");
/// assert_eq!(d.timeout_seconds, Some(60));
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Definition {
    /// `Comment`.
    pub comment: Option<String>,
    /// `Version` of the Amazon States Language (`1.0`); left out when `None`.
    pub version: Option<String>,
    /// `TimeoutSeconds`: the longest an execution may run.
    pub timeout_seconds: Option<u64>,
    /// `QueryLanguage`: the language of every state that sets none; `None` is JSONPath.
    pub query_language: Option<QueryLanguage>,
    /// `StartAt` and `States`.
    pub graph: Graph,
    /// Top-level fields the model does not know.
    pub extra: Extra,
}

impl Definition {
    /// A definition of these states, with no comment, version or timeout.
    ///
    /// ```
    /// use stepfunctions::model::{Definition, Graph, State, StateKind};
    /// let d = Definition::new(Graph::new("P", [State::new("P", StateKind::Pass { result: None })]));
    /// assert!(d.comment.is_none());
    /// ```
    pub fn new(graph: Graph) -> Self {
        Definition {
            graph,
            ..Definition::default()
        }
    }

    /// Sets the comment.
    ///
    /// ```
    /// # use stepfunctions::model::*;
    /// let d = Definition::new(Graph::new("P", [State::new("P", StateKind::Succeed)])).comment("hi");
    /// assert_eq!(d.comment.as_deref(), Some("hi"));
    /// ```
    #[must_use]
    pub fn comment(mut self, comment: impl Into<String>) -> Self {
        self.comment = Some(comment.into());
        self
    }

    /// Sets the execution timeout in seconds.
    ///
    /// ```
    /// # use stepfunctions::model::*;
    /// let d = Definition::new(Graph::new("P", [State::new("P", StateKind::Succeed)])).timeout_seconds(300);
    /// assert_eq!(d.timeout_seconds, Some(300));
    /// ```
    #[must_use]
    pub fn timeout_seconds(mut self, seconds: u64) -> Self {
        self.timeout_seconds = Some(seconds);
        self
    }

    /// Sets the query language of every state that sets none.
    ///
    /// ```
    /// # use stepfunctions::model::*;
    /// let d = Definition::new(Graph::new("P", [State::new("P", StateKind::Succeed)])).query_language(QueryLanguage::Jsonata);
    /// assert_eq!(d.language(), QueryLanguage::Jsonata);
    /// ```
    #[must_use]
    pub fn query_language(mut self, language: QueryLanguage) -> Self {
        self.query_language = Some(language);
        self
    }

    /// The language of the states that set none: `QueryLanguage`, or JSONPath.
    ///
    /// ```
    /// # use stepfunctions::model::*;
    /// let d = Definition::new(Graph::new("P", [State::new("P", StateKind::Succeed)]));
    /// assert_eq!(d.language(), QueryLanguage::JsonPath);
    /// ```
    pub fn language(&self) -> QueryLanguage {
        self.query_language.unwrap_or_default()
    }

    /// The IAM statements the states need, in the order of the states (nested ones after the
    /// state that holds them), repeated as often as states repeat them.
    ///
    /// ```
    /// use stepfunctions::model::{Definition, Graph, State, StateKind};
    /// let d = Definition::new(Graph::new("P", [State::new("P", StateKind::Succeed)]));
    /// assert_eq!(d.policy_statements().count(), 0);
    /// ```
    pub fn policy_statements(&self) -> impl Iterator<Item = &PolicyStatement> {
        let mut all = Vec::new();
        self.graph
            .for_each_state(&mut |state| all.extend(state.policy_statements()));
        all.into_iter()
    }
}

/// What can become a definition: a [`Definition`] itself, or any chain or state builder. The
/// errors found while building travel with it and are reported at synthesis.
///
/// ```
/// use stepfunctions::model::IntoDefinition;
/// use stepfunctions::Pass;
/// let (definition, errors) = Pass::new("P").into_definition();
/// assert_eq!(definition.graph.start_at, "P");
/// assert!(errors.is_empty());
/// ```
pub trait IntoDefinition {
    /// The definition, and the errors its builders found.
    fn into_definition(self) -> (Definition, Vec<Error>);
}

impl IntoDefinition for Definition {
    fn into_definition(self) -> (Definition, Vec<Error>) {
        (self, Vec::new())
    }
}

impl<T: Into<crate::Chain>> IntoDefinition for T {
    fn into_definition(self) -> (Definition, Vec<Error>) {
        let (graph, errors) = self.into().into_graph();
        (Definition::new(graph), errors)
    }
}

/// A graph of states: the top level of a definition, a Parallel branch, or a Map processor.
///
/// ```
/// use stepfunctions::model::{Graph, State, StateKind};
/// let g = Graph::new("A", [State::new("A", StateKind::Succeed)]);
/// assert!(g.states.contains_key("A"));
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Graph {
    /// `StartAt`: the name of the first state.
    pub start_at: String,
    /// `States`, by name, in order. Each key is its state's [`State::name`].
    pub states: IndexMap<String, State>,
}

impl Graph {
    /// A graph of these states, keyed by their names.
    ///
    /// ```
    /// use stepfunctions::model::{Graph, State, StateKind};
    /// let g = Graph::new("A", [State::new("A", StateKind::Succeed)]);
    /// assert_eq!(g.states["A"].name, "A");
    /// ```
    pub fn new(start_at: impl Into<String>, states: impl IntoIterator<Item = State>) -> Self {
        Graph {
            start_at: start_at.into(),
            states: states.into_iter().map(|s| (s.name.clone(), s)).collect(),
        }
    }

    /// Visits every state, nested graphs included, depth first.
    ///
    /// ```
    /// use stepfunctions::model::{Graph, State, StateKind};
    /// let g = Graph::new("A", [State::new("A", StateKind::Succeed)]);
    /// let mut names = Vec::new();
    /// g.for_each_state(&mut |s| names.push(s.name.clone()));
    /// assert_eq!(names, ["A"]);
    /// ```
    pub fn for_each_state<'a>(&'a self, f: &mut dyn FnMut(&'a State)) {
        for state in self.states.values() {
            f(state);
            for g in state.subgraphs() {
                g.for_each_state(f);
            }
        }
    }
}

/// One state: its name, its kind with the kind's own fields, and what every state may have.
///
/// ```
/// use stepfunctions::model::{State, StateKind};
/// let mut s = State::new("Wait", StateKind::Wait(stepfunctions::WaitTime::seconds(5)));
/// s.next = Some("Done".into());
/// assert_eq!(s.targets().collect::<Vec<_>>(), ["Done"]);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The state's name (its key in `States`).
    pub name: String,
    /// `Comment`.
    pub comment: Option<String>,
    /// `QueryLanguage`; `None` takes the definition's.
    pub query_language: Option<QueryLanguage>,
    /// The type and its fields.
    pub kind: StateKind,
    /// Input and output processing.
    pub io: Processing,
    /// `Retry`, in order (Task, Parallel, Map).
    pub retry: Vec<Retry>,
    /// `Catch`, in order (Task, Parallel, Map).
    pub catch: Vec<Catcher>,
    /// `Next`; `None` is `End` for the types that continue (all but Choice, Succeed and Fail).
    pub next: Option<String>,
    /// Fields the model does not know.
    pub extra: Extra,
}

impl State {
    /// A state with nothing but its name and kind.
    ///
    /// ```
    /// let s = stepfunctions::model::State::new("Done", stepfunctions::model::StateKind::Succeed);
    /// assert!(s.next.is_none());
    /// ```
    pub fn new(name: impl Into<String>, kind: StateKind) -> Self {
        State {
            name: name.into(),
            comment: None,
            query_language: None,
            kind,
            io: Processing::default(),
            retry: Vec::new(),
            catch: Vec::new(),
            next: None,
            extra: Extra::default(),
        }
    }

    /// Every transition target of this state (Next, Choice rules, Default, Catch).
    ///
    /// ```
    /// use stepfunctions::model::{State, StateKind};
    /// assert_eq!(State::new("S", StateKind::Succeed).targets().count(), 0);
    /// ```
    pub fn targets(&self) -> impl Iterator<Item = &str> {
        let (rules, default): (&[ChoiceRule], Option<&str>) = match &self.kind {
            StateKind::Choice { rules, default } => (rules, default.as_deref()),
            _ => (&[], None),
        };
        self.next
            .as_deref()
            .into_iter()
            .chain(rules.iter().map(|r| r.next.as_str()))
            .chain(default)
            .chain(self.catch.iter().map(|c| c.next.as_str()))
    }

    /// Renames transition targets: `rename` gives the new name, or `None` to keep one.
    pub(crate) fn rename_targets(&mut self, rename: &dyn Fn(&str) -> Option<String>) {
        let apply = |s: &mut String| {
            if let Some(new) = rename(s) {
                *s = new;
            }
        };
        if let Some(n) = &mut self.next {
            apply(n);
        }
        if let StateKind::Choice { rules, default } = &mut self.kind {
            rules.iter_mut().for_each(|r| apply(&mut r.next));
            if let Some(d) = default {
                apply(d);
            }
        }
        self.catch.iter_mut().for_each(|c| apply(&mut c.next));
    }

    /// Nested graphs: Parallel branches, the Map processor.
    ///
    /// ```
    /// use stepfunctions::model::{State, StateKind};
    /// assert!(State::new("S", StateKind::Succeed).subgraphs().is_empty());
    /// ```
    pub fn subgraphs(&self) -> Vec<&Graph> {
        match &self.kind {
            StateKind::Parallel { branches } => branches.iter().collect(),
            StateKind::Map(map) => map.processor.iter().collect(),
            _ => Vec::new(),
        }
    }

    pub(crate) fn subgraphs_mut(&mut self) -> Vec<&mut Graph> {
        match &mut self.kind {
            StateKind::Parallel { branches } => branches.iter_mut().collect(),
            StateKind::Map(map) => map.processor.iter_mut().collect(),
            _ => Vec::new(),
        }
    }

    /// The IAM statements this state itself needs (not those of nested states): a task's, a
    /// Distributed Map's reader's and writer's. (A Distributed Map's child executions need
    /// statements naming the state machine: [`StateMachine`](crate::StateMachine) adds those.)
    ///
    /// ```
    /// use stepfunctions::model::{State, StateKind};
    /// assert_eq!(State::new("S", StateKind::Succeed).policy_statements().count(), 0);
    /// ```
    pub fn policy_statements(&self) -> impl Iterator<Item = &PolicyStatement> {
        let (task, distributed) = match &self.kind {
            StateKind::Task(task) => (&task.policy[..], None),
            StateKind::Map(map) => (&[][..], map.distributed.as_deref()),
            _ => (&[][..], None),
        };
        task.iter()
            .chain(distributed.into_iter().flat_map(Distributed::policy_statements))
    }

    /// The Distributed Map fields of a Map state that is one.
    ///
    /// ```
    /// use stepfunctions::model::{State, StateKind};
    /// assert!(State::new("S", StateKind::Succeed).distributed().is_none());
    /// ```
    pub fn distributed(&self) -> Option<&Distributed> {
        match &self.kind {
            StateKind::Map(map) => map.distributed.as_deref(),
            _ => None,
        }
    }

    /// Whether the state continues with `Next` (or ends with `End`).
    ///
    /// ```
    /// use stepfunctions::model::{State, StateKind};
    /// assert!(!State::new("S", StateKind::Succeed).is_nextable());
    /// ```
    pub fn is_nextable(&self) -> bool {
        self.kind.state_type().map_or(true, StateType::is_nextable)
    }
}

/// A path field that may be set to `null` (`InputPath`, `ResultPath`, `OutputPath`).
///
/// ```
/// use stepfunctions::model::NullablePath;
/// assert_ne!(NullablePath::Path("$.a".into()), NullablePath::Null);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum NullablePath {
    /// A path.
    Path(Path),
    /// `null`: discard (the input, the result, or the output).
    Null,
}

/// Input and output processing, and variables: which of these fields a state type takes, and in
/// which query language, is decided by the builders and checked by validation. `parameters`
/// is neutral: `Parameters` in a JSONPath state, `Arguments` in a JSONata one.
///
/// ```
/// use stepfunctions::model::{NullablePath, Processing};
/// let io = Processing { result_path: Some(NullablePath::Null), ..Processing::default() };
/// assert!(io.input_path.is_none());
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Processing {
    /// `InputPath` (JSONPath).
    pub input_path: Option<NullablePath>,
    /// `Parameters` of a Pass or Parallel, `Arguments` of a JSONata Parallel (a task's input
    /// is [`TaskState::input`]).
    pub parameters: Option<Payload>,
    /// `ResultSelector`.
    pub result_selector: Option<Payload>,
    /// `ResultPath`.
    pub result_path: Option<NullablePath>,
    /// `OutputPath` (JSONPath).
    pub output_path: Option<NullablePath>,
    /// `Output` (JSONata): the state's output.
    pub output: Option<Payload>,
    /// `Assign`: the workflow variables the state sets, by name, when it completes.
    pub assign: Variables,
}

/// The language a state's fields are written in: `QueryLanguage`.
///
/// ```
/// use stepfunctions::model::QueryLanguage;
/// assert_eq!(QueryLanguage::Jsonata.as_str(), "JSONata");
/// assert_eq!(QueryLanguage::default(), QueryLanguage::JsonPath);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum QueryLanguage {
    /// `JSONPath`: paths, `Parameters`, `ResultSelector`, `ResultPath`, `OutputPath`, intrinsic
    /// functions.
    #[default]
    JsonPath,
    /// `JSONata`: expressions in `{% %}`, `Arguments`, `Output`.
    Jsonata,
}

impl QueryLanguage {
    /// The `QueryLanguage` value.
    ///
    /// ```
    /// assert_eq!(stepfunctions::model::QueryLanguage::JsonPath.as_str(), "JSONPath");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            QueryLanguage::JsonPath => "JSONPath",
            QueryLanguage::Jsonata => "JSONata",
        }
    }
}

impl std::fmt::Display for QueryLanguage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The type of a state, as its `Type` field names it.
///
/// ```
/// use stepfunctions::model::StateType;
/// assert_eq!(StateType::parse("Choice"), Some(StateType::Choice));
/// assert_eq!(StateType::Choice.as_str(), "Choice");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StateType {
    /// `Pass`.
    Pass,
    /// `Task`.
    Task,
    /// `Choice`.
    Choice,
    /// `Wait`.
    Wait,
    /// `Parallel`.
    Parallel,
    /// `Map`.
    Map,
    /// `Succeed`.
    Succeed,
    /// `Fail`.
    Fail,
}

impl StateType {
    /// Every type, in the order of the ASL specification.
    pub const ALL: [StateType; 8] = [
        StateType::Pass,
        StateType::Task,
        StateType::Choice,
        StateType::Wait,
        StateType::Succeed,
        StateType::Fail,
        StateType::Parallel,
        StateType::Map,
    ];

    /// The `Type` value.
    ///
    /// ```
    /// assert_eq!(stepfunctions::model::StateType::Map.as_str(), "Map");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            StateType::Pass => "Pass",
            StateType::Task => "Task",
            StateType::Choice => "Choice",
            StateType::Wait => "Wait",
            StateType::Parallel => "Parallel",
            StateType::Map => "Map",
            StateType::Succeed => "Succeed",
            StateType::Fail => "Fail",
        }
    }

    /// The type a `Type` value names, if any.
    ///
    /// ```
    /// assert_eq!(stepfunctions::model::StateType::parse("Nope"), None);
    /// ```
    pub fn parse(text: &str) -> Option<StateType> {
        StateType::ALL.into_iter().find(|t| t.as_str() == text)
    }

    /// Whether states of this type continue with `Next` or `End` (all but Choice, Succeed and
    /// Fail).
    ///
    /// ```
    /// assert!(stepfunctions::model::StateType::Pass.is_nextable());
    /// ```
    pub const fn is_nextable(self) -> bool {
        !matches!(self, StateType::Choice | StateType::Succeed | StateType::Fail)
    }
}

/// A state's type and the fields of that type.
///
/// ```
/// use stepfunctions::model::{StateKind, StateType};
/// assert_eq!(StateKind::Succeed.state_type(), Some(StateType::Succeed));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum StateKind {
    /// `Pass`, with its fixed `Result`.
    Pass {
        /// `Result`.
        result: Option<Payload>,
    },
    /// `Task`.
    Task(Box<TaskState>),
    /// `Choice`.
    Choice {
        /// `Choices`, in order: the first that holds wins.
        rules: Vec<ChoiceRule>,
        /// `Default`.
        default: Option<String>,
    },
    /// `Wait`.
    Wait(WaitTime),
    /// `Parallel`.
    Parallel {
        /// `Branches`.
        branches: Vec<Graph>,
    },
    /// `Map` (inline).
    Map(Box<MapState>),
    /// `Succeed`.
    Succeed,
    /// `Fail`.
    Fail(FailState),
    /// A state written as raw ASL JSON; its `Retry`, `Catch` and `Next` are merged with the
    /// state's own.
    Custom(serde_json::Map<String, serde_json::Value>),
}

impl StateKind {
    /// The type; for a custom state, the one its `Type` names (`None` if it names none).
    ///
    /// ```
    /// use stepfunctions::model::{StateKind, StateType};
    /// let custom = StateKind::Custom(serde_json::json!({"Type": "Fail"}).as_object().unwrap().clone());
    /// assert_eq!(custom.state_type(), Some(StateType::Fail));
    /// ```
    pub fn state_type(&self) -> Option<StateType> {
        Some(match self {
            StateKind::Pass { .. } => StateType::Pass,
            StateKind::Task(_) => StateType::Task,
            StateKind::Choice { .. } => StateType::Choice,
            StateKind::Wait(_) => StateType::Wait,
            StateKind::Parallel { .. } => StateType::Parallel,
            StateKind::Map(_) => StateType::Map,
            StateKind::Succeed => StateType::Succeed,
            StateKind::Fail(_) => StateType::Fail,
            StateKind::Custom(json) => return json.get("Type").and_then(|t| t.as_str()).and_then(StateType::parse),
        })
    }

    /// The type's name for messages: `custom` for a custom state of no known type.
    pub(crate) fn label(&self) -> &'static str {
        self.state_type().map_or("custom", StateType::as_str)
    }
}

/// A Task state's own fields.
///
/// ```
/// use stepfunctions::model::TaskState;
/// let t = TaskState::new("arn:aws:states:::lambda:invoke");
/// assert!(t.input.is_none() && t.policy.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct TaskState {
    /// `Resource`.
    pub resource: Expr,
    /// The input sent to the resource (rendered as `Parameters`).
    pub input: Option<Payload>,
    /// `TimeoutSeconds` or `TimeoutSecondsPath`.
    pub timeout: Option<Timeout>,
    /// `HeartbeatSeconds` or `HeartbeatSecondsPath`.
    pub heartbeat: Option<Timeout>,
    /// `Credentials`.
    pub credentials: Option<Credentials>,
    /// The IAM statements the state machine's role needs to run the task.
    pub policy: Vec<PolicyStatement>,
}

impl TaskState {
    /// A task calling `resource` with the state input, and needing no permission.
    ///
    /// ```
    /// let t = stepfunctions::model::TaskState::new(cfn_model::Expr::reference("Activity"));
    /// ```
    pub fn new(resource: impl Into<Expr>) -> Self {
        TaskState {
            resource: resource.into(),
            input: None,
            timeout: None,
            heartbeat: None,
            credentials: None,
            policy: Vec::new(),
        }
    }
}

/// A Map state's own fields (inline, or distributed where [`distributed`](MapState::distributed)
/// is set).
///
/// ```
/// let m = stepfunctions::model::MapState::default();
/// assert!(m.processor.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MapState {
    /// `ItemsPath` (JSONPath).
    pub items_path: Option<Path>,
    /// `Items` (JSONata): a list, or an expression giving one.
    pub items: Option<Payload>,
    /// `ItemSelector`.
    pub item_selector: Option<Payload>,
    /// `ItemProcessor`.
    pub processor: Option<Graph>,
    /// `MaxConcurrency`.
    pub max_concurrency: Option<u32>,
    /// `MaxConcurrencyPath` (JSONPath).
    pub max_concurrency_path: Option<Path>,
    /// `MaxConcurrency` as an expression (JSONata).
    pub max_concurrency_expr: Option<Jsonata>,
    /// Whether the processor is written as the older `Iterator` (no `ProcessorConfig`) instead
    /// of `ItemProcessor`.
    pub legacy_iterator: bool,
    /// Whether the item selector is written as the older `Parameters` instead of
    /// `ItemSelector`.
    pub legacy_parameters: bool,
    /// The Distributed Map's fields, for a Map that is one (`ProcessorConfig.Mode` is then
    /// `DISTRIBUTED`).
    pub distributed: Option<Box<Distributed>>,
}

/// A Fail state's own fields: each of error and cause is a literal (`Error`, `Cause`) or a path
/// or intrinsic function (`ErrorPath`, `CausePath`).
///
/// ```
/// let f = stepfunctions::model::FailState { error: Some("Oops".into()), cause: None };
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FailState {
    /// `Error` or `ErrorPath`.
    pub error: Option<Payload>,
    /// `Cause` or `CausePath`.
    pub cause: Option<Payload>,
}

/// A rule of a Choice state: when the condition holds, go to `next`.
///
/// ```
/// use stepfunctions::{model::ChoiceRule, Condition};
/// let r = ChoiceRule::new(Condition::is_present("$.x"), "Has X");
/// assert!(r.comment.is_none() && r.assign.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceRule {
    /// The condition.
    pub condition: Condition,
    /// `Next`.
    pub next: String,
    /// `Comment`.
    pub comment: Option<String>,
    /// `Output` (JSONata): the Choice state's output when this rule is taken.
    pub output: Option<Payload>,
    /// `Assign`: the variables set when this rule is taken.
    pub assign: Variables,
}

impl ChoiceRule {
    /// A rule going to `next` when `condition` holds, with no comment, output or variables.
    ///
    /// ```
    /// use stepfunctions::{model::ChoiceRule, Condition};
    /// assert_eq!(ChoiceRule::new(Condition::is_null("$.x"), "N").next, "N");
    /// ```
    pub fn new(condition: Condition, next: impl Into<String>) -> Self {
        ChoiceRule {
            condition,
            next: next.into(),
            comment: None,
            output: None,
            assign: Variables::default(),
        }
    }
}

/// A catcher once its handler is placed: on these errors, go to `next`.
///
/// ```
/// let c = stepfunctions::model::Catcher::new(["States.ALL"], "Failed");
/// assert!(c.result_path.is_none());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Catcher {
    /// `ErrorEquals`.
    pub errors: Vec<String>,
    /// `ResultPath` of the error output (JSONPath).
    pub result_path: Option<NullablePath>,
    /// `Output` (JSONata): the state's output when this catcher is taken.
    pub output: Option<Payload>,
    /// `Assign`: the variables set when this catcher is taken.
    pub assign: Variables,
    /// `Next`.
    pub next: String,
}

impl Catcher {
    /// A catcher of these errors going to `next`, with no result path, output or variables.
    ///
    /// ```
    /// let c = stepfunctions::model::Catcher::new(["States.Timeout"], "Timed Out");
    /// assert_eq!(c.errors, ["States.Timeout"]);
    /// ```
    pub fn new<E: Into<String>>(errors: impl IntoIterator<Item = E>, next: impl Into<String>) -> Self {
        Catcher {
            errors: errors.into_iter().map(Into::into).collect(),
            result_path: None,
            output: None,
            assign: Variables::default(),
            next: next.into(),
        }
    }
}
