//! The errors of this crate.

/// What can go wrong while building a template.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CfnError {
    /// Two resources, parameters, conditions or outputs would share one logical id.
    #[error("logical id `{logical_id}` is already used by a {existing} (construct id `{construct_id}`)")]
    DuplicateLogicalId {
        /// The derived logical id.
        logical_id: String,
        /// The construct id it was derived from.
        construct_id: String,
        /// What holds the id already: `resource`, `parameter`, `condition` or `output`.
        existing: &'static str,
    },
    /// A construct id has no letter or digit, or its logical id would exceed 255 characters.
    #[error("construct id `{construct_id}` does not give a valid logical id: {reason}")]
    InvalidLogicalId {
        /// The construct id.
        construct_id: String,
        /// Why.
        reason: &'static str,
    },
    /// A resource's `DependsOn` names a resource that is not in the template.
    #[error("resource `{resource}` depends on `{missing}`, which is not in the template")]
    MissingDependency {
        /// The resource with the dependency.
        resource: String,
        /// The missing logical id.
        missing: String,
    },
    /// The template could not be serialized.
    #[error("template serialization failed: {0}")]
    Serialization(String),
    /// The template could not be written out (a closed pipe, a full disk).
    #[error("cannot write the template: {0}")]
    Write(String),
}
