//! The errors of this crate.

/// What can go wrong while building a template.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CfnError {
    /// Two resources, parameters, conditions or outputs would share one logical id.
    #[error(
        "construct id `{construct_id}` gives the logical id `{logical_id}`, which the {existing} of construct id \
         `{existing_construct_id}` has already"
    )]
    DuplicateLogicalId {
        /// The derived logical id.
        logical_id: String,
        /// The construct id it was derived from.
        construct_id: String,
        /// What holds the id already: `resource`, `parameter`, `condition` or `output`.
        existing: &'static str,
        /// The construct id the existing one was derived from.
        existing_construct_id: String,
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
    /// A `Ref`, `Fn::GetAtt` or `Fn::Sub` variable names a parameter or resource the template
    /// does not have: CloudFormation rejects the whole template.
    #[error("{from} refers to `{name}` ({how}), which is not a {expected} of the template")]
    MissingReference {
        /// Where the reference is: `resource X`, `output Y`, `condition Z`.
        from: String,
        /// The name referred to.
        name: String,
        /// `Ref` or `Fn::GetAtt`.
        how: &'static str,
        /// `parameter or resource` (a `Ref`) or `resource` (an `Fn::GetAtt`).
        expected: &'static str,
    },
    /// The template is over the 1 MB CloudFormation accepts from S3.
    #[error(
        "the template is {size} bytes, over the {limit} bytes CloudFormation accepts even from S3: split the stack \
         (nested stacks) or shrink its definitions"
    )]
    TemplateTooLarge {
        /// Its size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// The template could not be serialized.
    #[error("template serialization failed: {0}")]
    Serialization(String),
    /// The template could not be written out (a closed pipe, a full disk).
    #[error("cannot write the template: {0}")]
    Write(String),
}
