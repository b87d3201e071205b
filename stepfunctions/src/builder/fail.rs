//! The Fail state.

use super::prelude::*;

/// A Fail state: ends the execution with an error and a cause, fixed or read from the input.
///
/// ```
/// let f = stepfunctions::Fail::new("Job Failed").error("DescribeJob returned FAILED").cause("AWS Batch Job Failed");
/// ```
#[derive(Debug, Clone)]
pub struct Fail<L = JsonPath> {
    parts: Parts,
    language: PhantomData<L>,
}

constructors!(Fail, "Fail state", "", |name| Node::new(
    name,
    Kind::Fail(FailState::default())
));

impl<L: Language> Fail<L> {
    fn from_node(node: Node) -> Self {
        Fail {
            parts: Parts::new(node),
            language: PhantomData,
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
}

impl Fail<JsonPath> {
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

impl Fail<Jsonata> {
    /// `Error` from an expression evaluated when the state runs.
    ///
    /// ```
    /// use stepfunctions::prelude::*;
    /// use stepfunctions::model::Jsonata;
    /// let f = Fail::jsonata("F").error_expr(Jsonata::states_input().field("code"));
    /// ```
    #[must_use]
    pub fn error_expr(mut self, expression: impl Into<crate::model::Jsonata>) -> Self {
        self.spec().error = Some(Payload::Jsonata(expression.into()));
        self
    }

    /// `Cause` from an expression evaluated when the state runs.
    ///
    /// ```
    /// use stepfunctions::prelude::*;
    /// use stepfunctions::model::Jsonata;
    /// let f = Fail::jsonata("F").cause_expr(Jsonata::new("$string($states.input)"));
    /// ```
    #[must_use]
    pub fn cause_expr(mut self, expression: impl Into<crate::model::Jsonata>) -> Self {
        self.spec().cause = Some(Payload::Jsonata(expression.into()));
        self
    }
}

builder!(Fail: [] [] []);
simple_chain!(Fail);
