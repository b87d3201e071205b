//! A task's timeouts and credentials.

use std::time::Duration;

use cfn_model::iam::PolicyStatement;
use cfn_model::Expr;

use super::jsonata::Jsonata;
use super::path::Path;
use super::payload::Payload;
use super::retry::whole_seconds;

/// A timeout or heartbeat: fixed, or read from the input.
///
/// ```
/// use stepfunctions::Timeout;
/// let fixed = Timeout::duration(std::time::Duration::from_secs(300));
/// let dynamic = Timeout::at("$.timeoutSeconds");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Timeout(TimeoutInner);

#[derive(Debug, Clone, PartialEq)]
enum TimeoutInner {
    Seconds(Result<u64, String>),
    Path(Path),
    Expr(Jsonata),
}

impl Timeout {
    /// A fixed duration in whole seconds.
    ///
    /// ```
    /// let t = stepfunctions::Timeout::duration(std::time::Duration::from_secs(60));
    /// ```
    pub fn duration(duration: Duration) -> Self {
        Timeout(TimeoutInner::Seconds(whole_seconds(duration)))
    }

    /// A fixed number of seconds.
    ///
    /// ```
    /// let t = stepfunctions::Timeout::seconds(60);
    /// ```
    pub fn seconds(seconds: u64) -> Self {
        Timeout(TimeoutInner::Seconds(Ok(seconds)))
    }

    /// Read from the input (`TimeoutSecondsPath`, `HeartbeatSecondsPath`).
    ///
    /// ```
    /// let t = stepfunctions::Timeout::at("$.heartbeatSeconds");
    /// ```
    pub fn at(path: impl Into<Path>) -> Self {
        Timeout(TimeoutInner::Path(path.into()))
    }

    /// The fixed number of seconds (or why the duration is not one), unless read from the input.
    ///
    /// ```
    /// assert_eq!(stepfunctions::Timeout::seconds(5).fixed(), Some(&Ok(5)));
    /// ```
    pub fn fixed(&self) -> Option<&Result<u64, String>> {
        match &self.0 {
            TimeoutInner::Seconds(s) => Some(s),
            _ => None,
        }
    }

    /// A number of seconds an expression gives when the state runs (JSONata
    /// `TimeoutSeconds` / `HeartbeatSeconds`).
    ///
    /// ```
    /// use stepfunctions::{model::Jsonata, Timeout};
    /// let t = Timeout::expr(Jsonata::states_input().field("timeout"));
    /// assert_eq!(t.expression().unwrap().as_str(), "$states.input.timeout");
    /// ```
    pub fn expr(expression: impl Into<Jsonata>) -> Self {
        Timeout(TimeoutInner::Expr(expression.into()))
    }

    /// The expression, for a timeout given as one.
    ///
    /// ```
    /// assert!(stepfunctions::Timeout::seconds(3).expression().is_none());
    /// ```
    pub fn expression(&self) -> Option<&Jsonata> {
        match &self.0 {
            TimeoutInner::Expr(e) => Some(e),
            _ => None,
        }
    }

    /// The path it is read from, if it is.
    ///
    /// ```
    /// assert_eq!(stepfunctions::Timeout::at("$.t").path().map(|p| p.as_str()), Some("$.t"));
    /// ```
    pub fn path(&self) -> Option<&Path> {
        match &self.0 {
            TimeoutInner::Path(p) => Some(p),
            _ => None,
        }
    }
}

/// The role a task assumes to call its service (cross-account tasks).
///
/// ```
/// use stepfunctions::Credentials;
/// let c = Credentials::role("arn:aws:iam::111122223333:role/Cross");
/// let dynamic = Credentials::role_at("$.roleArn");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Credentials(Payload);

impl Credentials {
    /// A fixed role ARN; the state machine's role gets `sts:AssumeRole` on it.
    ///
    /// ```
    /// let c = stepfunctions::Credentials::role(cfn_model::Expr::reference("TargetRoleArn"));
    /// ```
    pub fn role(arn: impl Into<Expr>) -> Self {
        Credentials(Payload::String(arn.into()))
    }

    /// A role ARN read from the input; the state machine's role gets `sts:AssumeRole` on `*`.
    ///
    /// ```
    /// let c = stepfunctions::Credentials::role_at("$.roleArn");
    /// ```
    pub fn role_at(path: impl Into<String>) -> Self {
        Credentials(Payload::dynamic(path))
    }

    /// A role ARN from a JSONata expression (a JSONata task); the state machine's role gets
    /// `sts:AssumeRole` on `*`.
    ///
    /// ```
    /// use stepfunctions::{model::Jsonata, Credentials};
    /// let c = Credentials::role_expr(Jsonata::states_input().field("roleArn"));
    /// assert_eq!(serde_json::to_string(c.role_arn()).unwrap(), r#""{% $states.input.roleArn %}""#);
    /// ```
    pub fn role_expr(expression: impl Into<Jsonata>) -> Self {
        Credentials(Payload::Jsonata(expression.into()))
    }

    pub(crate) fn policy(&self) -> PolicyStatement {
        let resource = match &self.0 {
            Payload::String(e) => e.clone(),
            _ => Expr::lit("*"),
        };
        PolicyStatement::allow(["sts:AssumeRole"], [resource])
    }

    /// The role's ARN: a fixed value, or a path into the input.
    ///
    /// ```
    /// assert!(stepfunctions::Credentials::role_at("$.role").role_arn().is_dynamic());
    /// ```
    pub fn role_arn(&self) -> &Payload {
        &self.0
    }
}
