//! The traits that give the state builders their shared setters: what every state has
//! ([`State`]), input and output processing, result paths and selectors, parameters, retry and
//! catch.

use crate::builder::catch::Catch;
use crate::builder::chain::{Chain, StateRef};
use crate::model::{Catcher, NullablePath, Path, Payload, Retry};

/// The query languages as types: a state builder's second parameter says which fields it has.
///
/// `Pass::new`, `Task::new`, ... give the JSONPath builders ([`JsonPath`](ql::JsonPath), the
/// default parameter: `Pass` is `Pass<ql::JsonPath>`), whose state takes the state machine's
/// language; `Pass::jsonata`, `Task::jsonata`, ... give JSONata ones. A JSONPath-only setter
/// (`input_path`, `result_path`, `result_selector`, `parameters`, `output_path`) does not exist
/// on a JSONata builder, nor `output` on a JSONPath one:
///
/// ```compile_fail
/// use stepfunctions::prelude::*;
/// let p = Pass::jsonata("P").result_path("$.x"); // no ResultPath in JSONata
/// ```
///
/// ```compile_fail
/// use stepfunctions::prelude::*;
/// let p = Pass::new("P").output(Payload::from("x")); // no Output in JSONPath
/// ```
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions::model::Jsonata;
/// let p = Pass::jsonata("P").output(Payload::from_object([("id", Jsonata::states_input().field("id").into())]));
/// ```
pub mod ql {
    use crate::model::QueryLanguage;

    mod sealed {
        pub trait Sealed {}
    }

    /// A query language as a type parameter of the state builders.
    pub trait Language: sealed::Sealed + std::fmt::Debug + Clone + Copy + Default + 'static {
        /// The language.
        const QUERY_LANGUAGE: QueryLanguage;
    }

    /// JSONPath builders: `Pass::new` and the other `new`s (the state takes the machine's
    /// language) and `Pass::json_path` (the state is JSONPath whatever the machine's).
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
    pub struct JsonPath;

    /// JSONata builders: `Pass::jsonata` and the other `jsonata`s.
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
    pub struct Jsonata;

    impl sealed::Sealed for JsonPath {}
    impl sealed::Sealed for Jsonata {}
    impl Language for JsonPath {
        const QUERY_LANGUAGE: QueryLanguage = QueryLanguage::JsonPath;
    }
    impl Language for Jsonata {
        const QUERY_LANGUAGE: QueryLanguage = QueryLanguage::Jsonata;
    }
}

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

/// `Assign`: the workflow variables a state sets when it completes (Pass, Task, Choice, Wait,
/// Parallel and Map, in both languages).
///
/// ```
/// use stepfunctions::prelude::*;
/// let p = Pass::new("Init").assign("count", 3).assign("orderId", JsonPath::string_at("$.order.id"));
/// ```
pub trait Assign: State {
    /// Sets the variable `name` to `value` (a literal, a path or intrinsic in JSONPath, an
    /// expression in JSONata) when the state completes; set again, the last value wins. The
    /// name is checked at synthesis.
    ///
    /// ```
    /// use stepfunctions::prelude::*;
    /// use stepfunctions::model::Jsonata;
    /// let p = Pass::jsonata("Init").assign("customer", Jsonata::states_input().field("customer"));
    /// let asl = StateMachine::new("M", p).render_asl().unwrap();
    /// assert!(asl.definition.contains(r#""customer": "{% $states.input.customer %}""#));
    /// ```
    #[must_use]
    fn assign(mut self, name: impl Into<String>, value: impl Into<Payload>) -> Self {
        self.parts_mut().node.io.assign.insert(name.into(), value.into());
        self
    }
}

/// `Output` (JSONata): the state's output (Pass, Task, Choice, Wait, Succeed, Parallel, Map).
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions::model::Jsonata;
/// let t = Pass::jsonata("Shape").output(Jsonata::new("$merge([$states.input, {'size': 'big'}])").into());
/// ```
pub trait JsonataOutput: State {
    /// What the state passes on: a literal, an object holding expressions, or one expression.
    /// Default: the input (Pass, Wait, Choice, Succeed), the result (Task, Parallel, Map).
    ///
    /// ```
    /// use stepfunctions::prelude::*;
    /// use stepfunctions::model::Jsonata;
    /// let t = Pass::jsonata("P").output(Payload::from_object([("total", Jsonata::new("$sum($states.input.items.price)").into())]));
    /// ```
    #[must_use]
    fn output(mut self, output: Payload) -> Self {
        self.parts_mut().node.io.output = Some(output);
        self
    }
}

/// `Arguments` (JSONata): the input of a Parallel state's branches.
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions::model::Jsonata;
/// let p = Parallel::jsonata("Both").arguments(Payload::from_object([("id", Jsonata::states_input().field("id").into())]));
/// ```
pub trait Arguments: State {
    /// The branches' input. Default: the state's input.
    ///
    /// ```
    /// use stepfunctions::prelude::*;
    /// let p = Parallel::jsonata("Both").arguments(Payload::from_object([("tag", "fixed".into())]));
    /// ```
    #[must_use]
    fn arguments(mut self, arguments: Payload) -> Self {
        self.parts_mut().node.io.parameters = Some(arguments);
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
            output: catch.output,
            assign: catch.assign,
            next,
        });
        self
    }
}
