//! Logical ids, derived from human-readable construct ids.

use std::fmt;

use serde::Serialize;

use crate::CfnError;

/// A CloudFormation logical id: letters and digits only, at most 255 characters.
///
/// Derived from a construct id by splitting it into words at every character that is not an
/// ASCII letter or digit, upper-casing each word's first letter and keeping the rest as written,
/// so `"Submit Job"` and `"submit-job"` both become `SubmitJob`, and `"SM"` stays `SM`. Two ids that derive to the same
/// logical id collide when added to a [`Template`](crate::Template): that is an error, never
/// a silent rename.
///
/// ```
/// use cfn_model::LogicalId;
/// assert_eq!(LogicalId::from_construct_id("cool-topic").unwrap().as_str(), "CoolTopic");
/// assert_eq!(LogicalId::from_construct_id("Job Complete?").unwrap().as_str(), "JobComplete");
/// assert!(LogicalId::from_construct_id("?!").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct LogicalId(String);

impl LogicalId {
    /// Derives a logical id from a construct id.
    ///
    /// ```
    /// assert_eq!(cfn_model::LogicalId::from_construct_id("StateMachine").unwrap().as_str(), "StateMachine");
    /// assert_eq!(cfn_model::LogicalId::from_construct_id("HTTP api_v2").unwrap().as_str(), "HTTPApiV2");
    /// ```
    pub fn from_construct_id(construct_id: &str) -> Result<Self, CfnError> {
        let mut id = String::with_capacity(construct_id.len());
        for word in construct_id.split(|c: char| !c.is_ascii_alphanumeric()) {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                id.push(first.to_ascii_uppercase());
                id.extend(chars);
            }
        }
        if id.is_empty() {
            return Err(CfnError::InvalidLogicalId {
                construct_id: construct_id.to_owned(),
                reason: "it has no ASCII letter or digit",
            });
        }
        if id.len() > 255 {
            return Err(CfnError::InvalidLogicalId {
                construct_id: construct_id.to_owned(),
                reason: "the logical id would exceed 255 characters",
            });
        }
        Ok(LogicalId(id))
    }

    /// Appends a suffix (letters and digits are kept): `StateMachine` + `Role` = `StateMachineRole`.
    ///
    /// ```
    /// let id = cfn_model::LogicalId::from_construct_id("StateMachine").unwrap();
    /// assert_eq!(id.child("Role").as_str(), "StateMachineRole");
    /// ```
    pub fn child(&self, suffix: &str) -> LogicalId {
        let mut id = self.0.clone();
        id.extend(suffix.chars().filter(char::is_ascii_alphanumeric));
        LogicalId(id)
    }

    /// The id as text.
    ///
    /// ```
    /// assert_eq!(cfn_model::LogicalId::from_construct_id("a b").unwrap().as_str(), "AB");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for LogicalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A logical id is looked up by its text (the derived `Hash` and `Eq` are the `String`'s).
impl std::borrow::Borrow<str> for LogicalId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for LogicalId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}
