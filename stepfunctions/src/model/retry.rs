//! Error handling: retriers, catchers, and the predefined error names.

use std::time::Duration;

use serde::Serialize;

use crate::error::Error;

/// The predefined error names of the Amazon States Language.
///
/// ```
/// assert_eq!(stepfunctions::Errors::ALL, "States.ALL");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Errors;

impl Errors {
    /// Matches any error name. Must be alone in its retrier or catcher, and that one last.
    pub const ALL: &'static str = "States.ALL";
    /// A task ran longer than its heartbeat allows.
    pub const HEARTBEAT_TIMEOUT: &'static str = "States.HeartbeatTimeout";
    /// A task or execution ran longer than its timeout.
    pub const TIMEOUT: &'static str = "States.Timeout";
    /// A task failed.
    pub const TASKS_FAILED: &'static str = "States.TaskFailed";
    /// The role may not run the task.
    pub const PERMISSIONS: &'static str = "States.Permissions";
    /// The ResultPath cannot be applied to the input.
    pub const RESULT_PATH_MATCH_FAILURE: &'static str = "States.ResultPathMatchFailure";
    /// A path in Parameters points to no field of the input.
    pub const PARAMETER_PATH_FAILURE: &'static str = "States.ParameterPathFailure";
    /// A Parallel branch failed.
    pub const BRANCH_FAILED: &'static str = "States.BranchFailed";
    /// No Choice rule matched and there is no default.
    pub const NO_CHOICE_MATCHED: &'static str = "States.NoChoiceMatched";
    /// An intrinsic function failed.
    pub const INTRINSIC_FAILURE: &'static str = "States.IntrinsicFailure";
    /// A Map state's tolerated failure threshold was exceeded.
    pub const EXCEED_TOLERATED_FAILURE_THRESHOLD: &'static str = "States.ExceedToleratedFailureThreshold";
    /// A Map state could not read its items.
    pub const ITEM_READER_FAILED: &'static str = "States.ItemReaderFailed";
    /// A Map state could not write its results.
    pub const RESULT_WRITER_FAILED: &'static str = "States.ResultWriterFailed";
}

/// How retry delays are randomized.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum JitterType {
    /// Each delay is a random value up to the computed delay.
    Full,
    /// No randomization.
    None,
}

/// A retrier: which errors to retry, and how often and how long to wait.
///
/// Unset values are left out of the ASL and take the service's defaults (interval 1 s, 3
/// attempts, backoff rate 2).
///
/// ```
/// use std::time::Duration;
/// use stepfunctions::{Errors, Retry};
/// let r = Retry::on([Errors::TIMEOUT]).interval(Duration::from_secs(3)).max_attempts(3).backoff_rate(2.0);
/// assert_eq!(
///     serde_json::to_string(&r).unwrap(),
///     r#"{"ErrorEquals":["States.Timeout"],"IntervalSeconds":3,"MaxAttempts":3,"BackoffRate":2}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Retry {
    /// `ErrorEquals`: the error names retried.
    pub errors: Vec<String>,
    /// `IntervalSeconds`: the wait before the first retry.
    pub interval: Option<Duration>,
    /// `MaxAttempts`.
    pub max_attempts: Option<u32>,
    /// `BackoffRate`.
    pub backoff_rate: Option<f64>,
    /// `MaxDelaySeconds`.
    pub max_delay: Option<Duration>,
    /// `JitterStrategy`.
    pub jitter: Option<JitterType>,
}

impl Retry {
    /// Retries the named errors.
    ///
    /// ```
    /// let r = stepfunctions::Retry::on(["Lambda.ServiceException"]);
    /// ```
    pub fn on<S: Into<String>>(errors: impl IntoIterator<Item = S>) -> Self {
        Retry {
            errors: errors.into_iter().map(Into::into).collect(),
            interval: None,
            max_attempts: None,
            backoff_rate: None,
            max_delay: None,
            jitter: None,
        }
    }

    /// Retries every error (`States.ALL`).
    ///
    /// ```
    /// let r = stepfunctions::Retry::all().max_attempts(2);
    /// ```
    pub fn all() -> Self {
        Self::on([Errors::ALL])
    }

    /// Wait before the first retry: whole seconds, at least 1. Default: 1 s (service default).
    ///
    /// ```
    /// let r = stepfunctions::Retry::all().interval(std::time::Duration::from_secs(2));
    /// ```
    #[must_use]
    pub fn interval(mut self, interval: Duration) -> Self {
        self.interval = Some(interval);
        self
    }

    /// How many retries at most; 0 never retries. Default: 3 (service default).
    ///
    /// ```
    /// let r = stepfunctions::Retry::all().max_attempts(6);
    /// ```
    #[must_use]
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = Some(attempts);
        self
    }

    /// The factor each wait grows by; at least 1. Default: 2 (service default).
    ///
    /// ```
    /// let r = stepfunctions::Retry::all().backoff_rate(1.5);
    /// ```
    #[must_use]
    pub fn backoff_rate(mut self, rate: f64) -> Self {
        self.backoff_rate = Some(rate);
        self
    }

    /// The longest wait between retries. Default: none.
    ///
    /// ```
    /// let r = stepfunctions::Retry::all().max_delay(std::time::Duration::from_secs(10));
    /// ```
    #[must_use]
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = Some(delay);
        self
    }

    /// Randomizes the waits. Default: none.
    ///
    /// ```
    /// let r = stepfunctions::Retry::all().jitter(stepfunctions::JitterType::Full);
    /// ```
    #[must_use]
    pub fn jitter(mut self, jitter: JitterType) -> Self {
        self.jitter = Some(jitter);
        self
    }

    /// The error names.
    ///
    /// ```
    /// assert_eq!(stepfunctions::Retry::all().errors(), ["States.ALL"]);
    /// ```
    pub fn errors(&self) -> &[String] {
        &self.errors
    }

    pub(crate) fn validate(&self, state: &str, index: usize, last: bool) -> Result<(), Error> {
        let err = |reason: String| Error::InvalidRetry {
            state: state.to_owned(),
            index,
            reason,
        };
        check_error_names(&self.errors, last).map_err(err)?;
        if let Some(i) = self.interval {
            let secs = whole_seconds(i).map_err(|r| err(format!("interval {r}")))?;
            if !(1..=99_999_999).contains(&secs) {
                return Err(err(format!("interval must be 1 to 99999999 seconds, got {secs}")));
            }
        }
        if let Some(n) = self.max_attempts {
            if n > 99_999_999 {
                return Err(err(format!("max attempts must be 0 to 99999999, got {n}")));
            }
        }
        if let Some(rate) = self.backoff_rate {
            if !(rate >= 1.0 && rate.is_finite()) {
                return Err(err(format!("backoff rate must be at least 1.0, got {rate}")));
            }
        }
        if let Some(d) = self.max_delay {
            let secs = whole_seconds(d).map_err(|r| err(format!("max delay {r}")))?;
            if !(1..31_622_401).contains(&secs) {
                return Err(err(format!("max delay must be 1 to 31622400 seconds, got {secs}")));
            }
        }
        Ok(())
    }
}

pub(crate) fn whole_seconds(d: Duration) -> Result<u64, String> {
    if d.subsec_nanos() != 0 {
        return Err(format!("must be whole seconds, got {d:?}"));
    }
    Ok(d.as_secs())
}

pub(crate) fn check_error_names(errors: &[String], last: bool) -> Result<(), String> {
    if errors.is_empty() {
        return Err("no error name to match".into());
    }
    if errors.iter().any(|e| e.is_empty()) {
        return Err("an error name is empty".into());
    }
    if errors.iter().any(|e| e == Errors::ALL) {
        if errors.len() > 1 {
            return Err("States.ALL must be the only error name in its list".into());
        }
        if !last {
            return Err("the one with States.ALL must come last".into());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(r: &Retry) -> Result<(), Error> {
        r.validate("S", 0, true)
    }

    #[test]
    fn out_of_range_values_are_rejected() {
        assert!(check(&Retry::all().backoff_rate(0.5)).is_err());
        assert!(check(&Retry::all().backoff_rate(f64::NAN)).is_err());
        assert!(check(&Retry::all().interval(Duration::from_secs(0))).is_err());
        assert!(check(&Retry::all().interval(Duration::from_millis(1500))).is_err());
        assert!(check(&Retry::all().max_attempts(100_000_000)).is_err());
        assert!(check(&Retry::all().max_delay(Duration::from_secs(31_622_401))).is_err());
        assert!(check(&Retry::on(Vec::<String>::new())).is_err());
        assert!(check(
            &Retry::all()
                .max_attempts(0)
                .interval(Duration::from_secs(1))
                .backoff_rate(1.0)
        )
        .is_ok());
    }

    #[test]
    fn states_all_must_be_alone_and_last() {
        assert!(Retry::on([Errors::ALL, "X"]).validate("S", 0, true).is_err());
        assert!(Retry::all().validate("S", 0, false).is_err());
        assert!(Retry::on(["X"]).validate("S", 0, false).is_ok());
    }

    #[test]
    fn fractional_backoff_renders_as_a_float() {
        let r = Retry::on(["E"])
            .backoff_rate(1.5)
            .max_delay(Duration::from_secs(10))
            .jitter(JitterType::Full);
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            r#"{"ErrorEquals":["E"],"BackoffRate":1.5,"MaxDelaySeconds":10,"JitterStrategy":"FULL"}"#
        );
    }
}
