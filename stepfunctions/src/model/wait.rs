//! How long a Wait state waits.

use std::time::Duration;

use crate::error::Error;
use crate::json_path::syntax::PathKind;
use crate::model::{check_path, whole_seconds, Jsonata, Path};
use crate::util::is_rfc3339;

/// How long a [`Wait`](crate::Wait) state waits: a fixed time or one read from the input.
///
/// ```
/// use stepfunctions::WaitTime;
/// let fixed = WaitTime::duration(std::time::Duration::from_secs(10));
/// let from_input = WaitTime::seconds_path("$.wait_time");
/// let until = WaitTime::timestamp("2016-03-14T01:59:00Z");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct WaitTime(Inner);

#[derive(Debug, Clone, PartialEq)]
enum Inner {
    Seconds(Result<u64, String>),
    SecondsPath(Path),
    Timestamp(String),
    TimestampPath(Path),
    SecondsExpr(Jsonata),
    TimestampExpr(Jsonata),
}

impl WaitTime {
    /// A fixed duration in whole seconds.
    ///
    /// ```
    /// let w = stepfunctions::WaitTime::duration(std::time::Duration::from_secs(60));
    /// ```
    pub fn duration(duration: Duration) -> Self {
        WaitTime(Inner::Seconds(whole_seconds(duration)))
    }

    /// A fixed number of seconds.
    ///
    /// ```
    /// let w = stepfunctions::WaitTime::seconds(10);
    /// ```
    pub fn seconds(seconds: u64) -> Self {
        WaitTime(Inner::Seconds(Ok(seconds)))
    }

    /// A number of seconds read from the input.
    ///
    /// ```
    /// let w = stepfunctions::WaitTime::seconds_path("$.delay");
    /// ```
    pub fn seconds_path(path: impl Into<Path>) -> Self {
        WaitTime(Inner::SecondsPath(path.into()))
    }

    /// Until an RFC 3339 timestamp.
    ///
    /// ```
    /// let w = stepfunctions::WaitTime::timestamp("2016-03-14T01:59:00Z");
    /// ```
    pub fn timestamp(timestamp: impl Into<String>) -> Self {
        WaitTime(Inner::Timestamp(timestamp.into()))
    }

    /// Until a timestamp read from the input.
    ///
    /// ```
    /// let w = stepfunctions::WaitTime::timestamp_path("$.expirydate");
    /// ```
    pub fn timestamp_path(path: impl Into<Path>) -> Self {
        WaitTime(Inner::TimestampPath(path.into()))
    }

    /// Waits the number of seconds an expression gives when the state runs (JSONata
    /// `Seconds`).
    ///
    /// ```
    /// use stepfunctions::{model::Jsonata, WaitTime};
    /// let w = WaitTime::seconds_expr(Jsonata::states_input().field("delay"));
    /// assert_eq!(serde_json::to_string(&w).unwrap(), r#"{"Seconds":"{% $states.input.delay %}"}"#);
    /// ```
    pub fn seconds_expr(expression: impl Into<Jsonata>) -> Self {
        WaitTime(Inner::SecondsExpr(expression.into()))
    }

    /// Waits until the timestamp an expression gives when the state runs (JSONata
    /// `Timestamp`).
    ///
    /// ```
    /// use stepfunctions::{model::Jsonata, WaitTime};
    /// let w = WaitTime::timestamp_expr(Jsonata::states_input().field("until"));
    /// ```
    pub fn timestamp_expr(expression: impl Into<Jsonata>) -> Self {
        WaitTime(Inner::TimestampExpr(expression.into()))
    }

    pub(crate) fn validate(&self, state: &str) -> Result<(), Error> {
        let invalid = |reason: String| Error::InvalidValue {
            state: state.to_owned(),
            field: "Wait",
            reason,
        };
        match &self.0 {
            Inner::Seconds(Err(reason)) => Err(invalid(format!("seconds {reason}"))),
            Inner::Seconds(Ok(s)) if *s > 99_999_999 => Err(invalid(format!("seconds must be 0 to 99999999, got {s}"))),
            Inner::Seconds(Ok(_)) => Ok(()),
            Inner::SecondsPath(p) => check_path(state, "SecondsPath", p, PathKind::Reference),
            Inner::TimestampPath(p) => check_path(state, "TimestampPath", p, PathKind::Reference),
            Inner::Timestamp(t) if !is_rfc3339(t) => Err(invalid(format!("`{t}` is not an RFC 3339 timestamp"))),
            Inner::Timestamp(_) => Ok(()),
            Inner::SecondsExpr(_) | Inner::TimestampExpr(_) => Ok(()),
        }
    }

    /// The field this wait renders as, with its value.
    ///
    /// ```
    /// use stepfunctions::{model::WaitField, WaitTime};
    /// assert!(matches!(WaitTime::seconds_path("$.s").field(), WaitField::SecondsPath(p) if p == "$.s"));
    /// assert_eq!(WaitTime::seconds(3).field(), WaitField::Seconds(3));
    /// ```
    pub fn field(&self) -> WaitField<'_> {
        match &self.0 {
            Inner::Seconds(s) => WaitField::Seconds(s.as_ref().copied().unwrap_or(0)),
            Inner::SecondsPath(p) => WaitField::SecondsPath(p),
            Inner::Timestamp(t) => WaitField::Timestamp(t),
            Inner::TimestampPath(p) => WaitField::TimestampPath(p),
            Inner::SecondsExpr(e) => WaitField::SecondsExpr(e),
            Inner::TimestampExpr(e) => WaitField::TimestampExpr(e),
        }
    }
}

/// Which field of a Wait state is set, and to what ([`WaitTime::field`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitField<'a> {
    /// `Seconds` (0 for a duration that is not whole seconds, which validation rejects).
    Seconds(u64),
    /// `SecondsPath`.
    SecondsPath(&'a Path),
    /// `Timestamp`.
    Timestamp(&'a str),
    /// `TimestampPath`.
    TimestampPath(&'a Path),
    /// `Seconds` as a JSONata expression.
    SecondsExpr(&'a Jsonata),
    /// `Timestamp` as a JSONata expression.
    TimestampExpr(&'a Jsonata),
}
