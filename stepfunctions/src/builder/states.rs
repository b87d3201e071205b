//! The state types, and the traits that give them their shared setters.

use crate::builder::catch::Catch;
use crate::builder::chain::{Chain, Ends, Parts, StateRef};
use crate::model::{
    Catcher, ChoiceRule, Condition, FailState, MapState, NullablePath, Path, Payload, Retry, State as Node,
    StateKind as Kind, WaitTime,
};

pub(crate) mod sealed {
    /// Gives the shared setters access to a builder's parts. Not for use outside this crate.
    pub trait Sealed {
        #[doc(hidden)]
        fn parts_mut(&mut self) -> &mut crate::builder::chain::Parts;
        #[doc(hidden)]
        fn parts(&self) -> &crate::builder::chain::Parts;
    }
}

use sealed::Sealed;

/// What every state has: a name, a comment, and a place in a chain.
///
/// ```
/// use stepfunctions::prelude::*;
/// let chain = Pass::new("A").comment("first").next(Succeed::new("B"));
/// assert_eq!(chain.start_state(), "A");
/// ```
pub trait State: Sealed + Into<Chain> + Sized {
    /// The state's name.
    ///
    /// ```
    /// use stepfunctions::prelude::*;
    /// assert_eq!(Pass::new("A").name(), "A");
    /// ```
    fn name(&self) -> &str {
        &self.parts().node.name
    }

    /// A reference to this state, to transition to it from elsewhere once it is placed.
    ///
    /// ```
    /// use stepfunctions::prelude::*;
    /// assert_eq!(Pass::new("A").reference(), StateRef::named("A"));
    /// ```
    fn reference(&self) -> StateRef {
        StateRef::named(self.name())
    }

    /// A human-readable comment. Default: none.
    ///
    /// ```
    /// use stepfunctions::prelude::*;
    /// let p = Pass::new("A").comment("does nothing");
    /// ```
    #[must_use]
    fn comment(mut self, text: impl Into<String>) -> Self {
        self.parts_mut().node.comment = Some(text.into());
        self
    }

    /// Continues with `then`: a chain of this state and `then`.
    ///
    /// ```
    /// use stepfunctions::prelude::*;
    /// let c = Pass::new("A").next(Pass::new("B"));
    /// assert_eq!(c.end_states(), ["B"]);
    /// ```
    fn next(self, then: impl Into<Chain>) -> Chain {
        Chain::start(self).next(then)
    }
}

/// `InputPath` and `OutputPath`: every state but Fail.
///
/// ```
/// use stepfunctions::prelude::*;
/// let p = Pass::new("Plain").input_path("$.nested").output_path("$.list");
/// ```
pub trait InputOutput: State {
    /// Selects the part of the input the state works on. Default: `$` (all of it).
    ///
    /// ```
    /// use stepfunctions::prelude::*;
    /// let w = Wait::new("W", WaitTime::seconds(1)).input_path("$.guid");
    /// ```
    #[must_use]
    fn input_path(mut self, path: impl Into<Path>) -> Self {
        self.parts_mut().node.io.input_path = Some(NullablePath::Path(path.into()));
        self
    }

    /// Passes `{}` as the input (`InputPath: null`). Default: the whole input.
    ///
    /// ```
    /// use stepfunctions::prelude::*;
    /// let p = Pass::new("P").discard_input();
    /// ```
    #[must_use]
    fn discard_input(mut self) -> Self {
        self.parts_mut().node.io.input_path = Some(NullablePath::Null);
        self
    }

    /// Selects the part of the result passed on. Default: `$` (all of it).
    ///
    /// ```
    /// use stepfunctions::prelude::*;
    /// let p = Pass::new("P").output_path("$.Payload");
    /// ```
    #[must_use]
    fn output_path(mut self, path: impl Into<Path>) -> Self {
        self.parts_mut().node.io.output_path = Some(NullablePath::Path(path.into()));
        self
    }

    /// Passes `{}` on (`OutputPath: null`). Default: the whole output.
    ///
    /// ```
    /// use stepfunctions::prelude::*;
    /// let p = Pass::new("P").discard_output();
    /// ```
    #[must_use]
    fn discard_output(mut self) -> Self {
        self.parts_mut().node.io.output_path = Some(NullablePath::Null);
        self
    }
}

/// `ResultPath`: Pass, Task, Parallel and Map.
///
/// ```
/// use stepfunctions::prelude::*;
/// let p = Pass::new("P").result_path("$.built");
/// ```
pub trait ResultPath: State {
    /// Where the result goes in the input (a reference path). Default: `$` (it replaces the
    /// input).
    ///
    /// ```
    /// use stepfunctions::prelude::*;
    /// let p = Pass::new("P").result_path("$.coords");
    /// ```
    #[must_use]
    fn result_path(mut self, path: impl Into<Path>) -> Self {
        self.parts_mut().node.io.result_path = Some(NullablePath::Path(path.into()));
        self
    }

    /// Discards the result: the output is the input (`ResultPath: null`, CDK's
    /// `JsonPath.DISCARD`). Default: not discarded.
    ///
    /// ```
    /// use stepfunctions::prelude::*;
    /// let p = Pass::new("P").discard_result();
    /// ```
    #[must_use]
    fn discard_result(mut self) -> Self {
        self.parts_mut().node.io.result_path = Some(NullablePath::Null);
        self
    }
}

/// `ResultSelector`: Task, Parallel and Map.
///
/// ```
/// use stepfunctions::prelude::*;
/// let p = Parallel::new("P").result_selector(Payload::from_object([("sum", JsonPath::string_at("$[0].value"))]));
/// ```
pub trait ResultSelector: State {
    /// Reshapes the raw result before `ResultPath` applies. Default: none.
    ///
    /// ```
    /// use stepfunctions::prelude::*;
    /// let m = Map::new("M").result_selector(Payload::from_object([("count", JsonPath::array_length(JsonPath::list_at("$")))]));
    /// ```
    #[must_use]
    fn result_selector(mut self, selector: Payload) -> Self {
        self.parts_mut().node.io.result_selector = Some(selector);
        self
    }
}

/// `Parameters`: Pass and Parallel.
///
/// ```
/// use stepfunctions::prelude::*;
/// let p = Pass::new("P").parameters(Payload::from_object([("id", JsonPath::execution_id())]));
/// ```
pub trait Parameters: State {
    /// The input of the state, built from the selected input and the context. Default: none.
    ///
    /// ```
    /// use stepfunctions::prelude::*;
    /// let p = Pass::new("P").parameters(Payload::from_object([("static", "value".into())]));
    /// ```
    #[must_use]
    fn parameters(mut self, parameters: Payload) -> Self {
        self.parts_mut().node.io.parameters = Some(parameters);
        self
    }
}

/// `Retry` and `Catch`: Task, Parallel, Map and custom states.
///
/// ```
/// use stepfunctions::prelude::*;
/// let p = Parallel::new("P")
///     .branch(Pass::new("B"))
///     .retry(Retry::on([Errors::TIMEOUT]).max_attempts(3))
///     .catch(Catch::all(Fail::new("Failed")));
/// ```
pub trait ErrorHandling: State {
    /// Adds a retrier; retriers are tried in order. Default: none (or the integration's own,
    /// such as Lambda's retry on service exceptions).
    ///
    /// ```
    /// use stepfunctions::prelude::*;
    /// let m = Map::new("M").item_processor(Pass::new("I")).retry(Retry::all());
    /// ```
    #[must_use]
    fn retry(mut self, retry: Retry) -> Self {
        // Most states have one or two retriers: grow one at a time, not to four at once.
        let retries = &mut self.parts_mut().node.retry;
        retries.reserve_exact(1);
        retries.push(retry);
        self
    }

    /// Adds a catcher; its handler becomes part of the chain. Default: none.
    ///
    /// ```
    /// use stepfunctions::prelude::*;
    /// let m = Map::new("M").item_processor(Pass::new("I")).catch(Catch::all(Fail::new("Map Failed")));
    /// ```
    #[must_use]
    fn catch(mut self, catch: Catch) -> Self {
        let parts = self.parts_mut();
        let next = parts.attach(catch.handler);
        parts.node.catch.reserve_exact(1);
        parts.node.catch.push(Catcher {
            errors: catch.errors,
            result_path: catch.result_path,
            next,
        });
        self
    }
}

macro_rules! builder {
    ($ty:ident: $($tr:ident),*) => {
        impl Sealed for $ty {
            fn parts_mut(&mut self) -> &mut Parts {
                &mut self.parts
            }
            fn parts(&self) -> &Parts {
                &self.parts
            }
        }
        impl State for $ty {}
        $(impl $tr for $ty {})*
    };
}

macro_rules! simple_chain {
    ($($ty:ident),*) => {$(
        impl From<$ty> for Chain {
            fn from(state: $ty) -> Chain {
                state.parts.into_chain()
            }
        }
    )*};
}

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

/// A Fail state: ends the execution with an error and a cause, fixed or read from the input.
///
/// ```
/// let f = stepfunctions::Fail::new("Job Failed").error("DescribeJob returned FAILED").cause("AWS Batch Job Failed");
/// ```
#[derive(Debug, Clone)]
pub struct Fail {
    parts: Parts,
}

impl Fail {
    /// A Fail state with no error or cause.
    ///
    /// ```
    /// let f = stepfunctions::Fail::new("FailBare");
    /// ```
    pub fn new(name: impl Into<String>) -> Self {
        Fail {
            parts: Parts::new(Node::new(name, Kind::Fail(FailState::default()))),
        }
    }

    fn spec(&mut self) -> &mut FailState {
        match &mut self.parts.node.kind {
            Kind::Fail(spec) => spec,
            _ => unreachable!("a Fail builder holds a Fail node"),
        }
    }

    /// The error name. Default: none.
    ///
    /// ```
    /// let f = stepfunctions::Fail::new("F").error("States.Timeout");
    /// ```
    #[must_use]
    pub fn error(mut self, error: impl Into<String>) -> Self {
        self.spec().error = Some(Payload::from(error.into()));
        self
    }

    /// The cause. Default: none.
    ///
    /// ```
    /// let f = stepfunctions::Fail::new("F").cause("Report generation timed out");
    /// ```
    #[must_use]
    pub fn cause(mut self, cause: impl Into<String>) -> Self {
        self.spec().cause = Some(Payload::from(cause.into()));
        self
    }

    /// The error, read from the input by a path or an intrinsic function (`ErrorPath`).
    ///
    /// ```
    /// let f = stepfunctions::Fail::new("F").error_path("$.error.code");
    /// ```
    #[must_use]
    pub fn error_path(mut self, path: impl Into<String>) -> Self {
        self.spec().error = Some(Payload::dynamic(path));
        self
    }

    /// The cause, read from the input by a path or an intrinsic function (`CausePath`).
    ///
    /// ```
    /// use stepfunctions::{Fail, JsonPath};
    /// let f = Fail::new("F").cause_from(JsonPath::format("failed with {}", [JsonPath::string_at("$.error.message").into()]));
    /// ```
    #[must_use]
    pub fn cause_path(mut self, path: impl Into<String>) -> Self {
        self.spec().cause = Some(Payload::dynamic(path));
        self
    }

    /// The cause from a path or intrinsic built with [`JsonPath`](crate::JsonPath).
    ///
    /// ```
    /// use stepfunctions::{Fail, JsonPath};
    /// let f = Fail::new("F").cause_from(JsonPath::string_at("$.message"));
    /// ```
    #[must_use]
    pub fn cause_from(mut self, value: Payload) -> Self {
        self.spec().cause = Some(value);
        self
    }

    /// The error from a path or intrinsic built with [`JsonPath`](crate::JsonPath).
    ///
    /// ```
    /// use stepfunctions::{Fail, JsonPath};
    /// let f = Fail::new("F").error_from(JsonPath::string_at("$.code"));
    /// ```
    #[must_use]
    pub fn error_from(mut self, value: Payload) -> Self {
        self.spec().error = Some(value);
        self
    }
}

impl Sealed for Fail {
    fn parts_mut(&mut self) -> &mut Parts {
        &mut self.parts
    }
    fn parts(&self) -> &Parts {
        &self.parts
    }
}
impl State for Fail {}
simple_chain!(Fail);

/// A Choice state: goes to the first rule whose condition holds, else to the default.
///
/// ```
/// use stepfunctions::prelude::*;
/// let c = Choice::new("Job Complete?")
///     .when(Condition::string_equals("$.status", "FAILED"), Fail::new("Job Failed"))
///     .when(Condition::string_equals("$.status", "SUCCEEDED"), Succeed::new("Done"))
///     .otherwise(StateRef::named("Wait X Seconds"));
/// ```
#[derive(Debug, Clone)]
pub struct Choice {
    parts: Parts,
    /// Open ends of the branches: `(index of the carried chain, end in it)`.
    branch_ends: Vec<(usize, usize)>,
}

impl Choice {
    /// A Choice state with no rule yet.
    ///
    /// ```
    /// let c = stepfunctions::Choice::new("Outcome?");
    /// ```
    pub fn new(name: impl Into<String>) -> Self {
        Choice {
            parts: Parts::new(Node::new(
                name,
                Kind::Choice {
                    rules: Vec::new(),
                    default: None,
                },
            )),
            branch_ends: Vec::new(),
        }
    }

    fn add_target(&mut self, target: Chain) -> String {
        let chain = self.parts.attached.len();
        self.branch_ends.extend(target.ends.iter().map(|&end| (chain, end)));
        self.parts.attach(target)
    }

    /// Adds a rule: when `condition` holds, go to `then`.
    ///
    /// ```
    /// use stepfunctions::prelude::*;
    /// let c = Choice::new("C").when(Condition::is_present("$.x"), Pass::new("Has X"));
    /// ```
    #[must_use]
    pub fn when(mut self, condition: Condition, then: impl Into<Chain>) -> Self {
        let next = self.add_target(then.into());
        if let Kind::Choice { rules, .. } = &mut self.parts.node.kind {
            rules.push(ChoiceRule { condition, next });
        }
        self
    }

    /// Where to go when no rule holds. Default: none (the execution fails with
    /// `States.NoChoiceMatched`; rendering warns).
    ///
    /// ```
    /// use stepfunctions::prelude::*;
    /// let c = Choice::new("C").when(Condition::is_present("$.x"), Pass::new("A")).otherwise(Pass::new("B"));
    /// ```
    #[must_use]
    pub fn otherwise(mut self, then: impl Into<Chain>) -> Self {
        let next = self.add_target(then.into());
        if let Kind::Choice { default, .. } = &mut self.parts.node.kind {
            *default = Some(next);
        }
        self
    }

    /// The Choice and its branches as a chain whose open ends are the branches' open ends, so
    /// that `next` joins them again.
    ///
    /// ```
    /// use stepfunctions::prelude::*;
    /// let c = Choice::new("C")
    ///     .when(Condition::is_present("$.x"), Pass::new("A"))
    ///     .otherwise(Pass::new("B"))
    ///     .afterwards()
    ///     .next(Succeed::new("Joined"));
    /// assert!(StateMachine::new("M", c).render_asl().is_ok());
    /// ```
    pub fn afterwards(self) -> Chain {
        Chain::from_parts(self.parts, Ends::Branches(self.branch_ends))
    }
}

builder!(Choice: InputOutput);

impl From<Choice> for Chain {
    fn from(c: Choice) -> Chain {
        Chain::from_parts(c.parts, Ends::None)
    }
}

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

/// A Map state (inline): runs an item processor for each item of a list.
///
/// ```
/// use stepfunctions::prelude::*;
/// let m = Map::new("Map State")
///     .items_path("$.inputForMap")
///     .max_concurrency(2)
///     .item_selector(Payload::from_object([("item", JsonPath::map_item_value())]))
///     .item_processor(Pass::new("Pass State"));
/// ```
#[derive(Debug, Clone)]
pub struct Map {
    parts: Parts,
}

impl Map {
    /// A Map state with no item processor yet.
    ///
    /// ```
    /// let m = stepfunctions::Map::new("Each");
    /// ```
    pub fn new(name: impl Into<String>) -> Self {
        let spec = MapState::default();
        Map {
            parts: Parts::new(Node::new(name, Kind::Map(Box::new(spec)))),
        }
    }

    fn spec(&mut self) -> &mut MapState {
        match &mut self.parts.node.kind {
            Kind::Map(spec) => spec,
            _ => unreachable!("a Map builder holds a Map node"),
        }
    }

    /// The path of the list in the input. Default: `$` (the input is the list).
    ///
    /// ```
    /// let m = stepfunctions::Map::new("M").items_path("$.items");
    /// ```
    #[must_use]
    pub fn items_path(mut self, path: impl Into<Path>) -> Self {
        self.spec().items_path = Some(path.into());
        self
    }

    /// Reshapes each item before processing (may use `$$.Map.Item.Value`). Default: the item.
    ///
    /// ```
    /// use stepfunctions::{JsonPath, Map, Payload};
    /// let m = Map::new("M").item_selector(Payload::from_object([("index", JsonPath::map_item_index())]));
    /// ```
    #[must_use]
    pub fn item_selector(mut self, selector: Payload) -> Self {
        self.spec().item_selector = Some(selector);
        self
    }

    /// The states run for each item.
    ///
    /// ```
    /// let m = stepfunctions::Map::new("M").item_processor(stepfunctions::Pass::new("Item"));
    /// ```
    #[must_use]
    pub fn item_processor(mut self, processor: impl Into<Chain>) -> Self {
        let (graph, errors) = processor.into().into_graph();
        self.parts.errors.extend(errors);
        self.spec().processor = Some(graph);
        self
    }

    /// How many items run at once; 0 means as many as possible. Default: 0. An inline Map runs
    /// at most 40 at once: a larger value renders with a warning.
    ///
    /// ```
    /// let m = stepfunctions::Map::new("M").max_concurrency(10);
    /// ```
    #[must_use]
    pub fn max_concurrency(mut self, n: u32) -> Self {
        self.spec().max_concurrency = Some(n);
        self
    }

    /// Reads the max concurrency from the input. Default: none.
    ///
    /// ```
    /// let m = stepfunctions::Map::new("M").max_concurrency_path("$.concurrency");
    /// ```
    #[must_use]
    pub fn max_concurrency_path(mut self, path: impl Into<Path>) -> Self {
        self.spec().max_concurrency_path = Some(path.into());
        self
    }
}

builder!(Map: InputOutput, ResultPath, ResultSelector, ErrorHandling);
simple_chain!(Map);

/// A state written as raw ASL JSON, for features this library does not model yet. It may carry
/// `Retry` and `Catch` of its own; `next` sets its `Next`. It adds no IAM statement: grant what
/// it needs with [`StateMachine::add_to_role_policy`](crate::StateMachine::add_to_role_policy).
///
/// ```
/// use stepfunctions::prelude::*;
/// let custom = CustomState::new("my custom task", serde_json::json!({
///     "Type": "Task",
///     "Resource": "arn:aws:states:::dynamodb:putItem",
///     "Parameters": {"TableName": "MyTable", "Item": {"id": {"S": "MyEntry"}}},
///     "ResultPath": null
/// }));
/// ```
#[derive(Debug, Clone)]
pub struct CustomState {
    parts: Parts,
}

impl CustomState {
    /// A custom state from a JSON object with at least a `Type`. Anything else is reported when
    /// rendering.
    ///
    /// ```
    /// let c = stepfunctions::CustomState::new("Raw", serde_json::json!({"Type": "Pass"}));
    /// ```
    pub fn new(name: impl Into<String>, state_json: serde_json::Value) -> Self {
        let name = name.into();
        let mut parts;
        match state_json {
            serde_json::Value::Object(map) => {
                let next = map.get("Next").and_then(|n| n.as_str()).map(str::to_owned);
                let typed = map.get("Type").and_then(|t| t.as_str()).is_some();
                parts = Parts::new(Node::new(name.clone(), Kind::Custom(map)));
                parts.node.next = next;
                if !typed {
                    parts.errors.push(crate::Error::InvalidCustomState {
                        state: name,
                        reason: "the JSON has no string `Type`".into(),
                    });
                }
            }
            other => {
                parts = Parts::new(Node::new(name.clone(), Kind::Custom(serde_json::Map::new())));
                parts.errors.push(crate::Error::InvalidCustomState {
                    state: name,
                    reason: format!("expected a JSON object, got {other}"),
                });
            }
        }
        CustomState { parts }
    }
}

builder!(CustomState: ErrorHandling);
simple_chain!(CustomState);
