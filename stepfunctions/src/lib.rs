//! AWS Step Functions state machines as typed Rust, rendered to Amazon States Language and to
//! CloudFormation.
//!
//! Build states ([`Pass`], [`Task`], [`Choice`], [`Wait`], [`Parallel`], [`Map`], [`Succeed`],
//! [`Fail`], [`CustomState`]), connect them into a [`Chain`], and add a [`StateMachine`] to a
//! [`cfn_model::Template`]: the definition is validated, its role gets exactly the statements
//! its tasks declare, and the output is deterministic.
//!
//! ```
//! use std::time::Duration;
//! use stepfunctions::prelude::*;
//!
//! let wait = Wait::new("Wait X Seconds", WaitTime::seconds_path("$.wait_time"));
//! let poll_again = wait.reference();
//! let definition = Chain::start(Pass::new("Submit Job").result_path("$.guid"))
//!     .next(wait)
//!     .next(Pass::new("Get Job Status").result_path("$.status"))
//!     .next(Choice::new("Job Complete?")
//!         .when(Condition::string_equals("$.status", "FAILED"), Fail::new("Job Failed").cause("AWS Batch Job Failed"))
//!         .when(Condition::string_equals("$.status", "SUCCEEDED"), Succeed::new("Done"))
//!         .otherwise(poll_again));
//!
//! let mut template = cfn_model::Template::new();
//! let rendered = StateMachine::new("StateMachine", definition)
//!     .timeout(Duration::from_secs(300))
//!     .add_to(&mut template)?;
//! assert!(rendered.warnings.is_empty());
//! let json = template.to_json_pretty()?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod builder;
mod encryption;
mod error;
mod json_path;
pub mod model;
pub mod render;
mod state_machine;
pub mod testing;
mod util;
mod validate;
mod validate_distributed;
mod validate_language;
mod variables;

pub use builder::catch::Catch;
pub use builder::chain::{Chain, StateRef};
pub use builder::task::{
    integration_resource_arn, IntegrationParts, IntegrationPattern, ServiceIntegration, StepFunctionsInvokeActivity,
    SupportsRequestResponse, SupportsRunJob, SupportsWaitForTaskToken, Task, TaskError,
};
pub use builder::{
    ql, Arguments, Assign, Choice, CustomState, DistributedMap, ErrorHandling, Fail, InputOutput, JsonataOutput, Map,
    Parallel, Parameters, Pass, ResultPath, ResultSelector, RuleOptions, State, Succeed, Wait,
};
pub use encryption::{CustomerManagedKey, Encryption, KmsKey};
pub use error::{Error, Warning};
pub use json_path::JsonPath;
pub use model::{
    Arg, Condition, Credentials, Errors, Intrinsic, JitterType, Jsonata, Payload, QueryLanguage, Retry, Timeout,
    WaitTime,
};
pub use render::Substitutions;
pub use state_machine::{
    Activity, Asl, ExistingRole, LogLevel, LogOptions, Rendered, StateMachine, StateMachineType, MAX_DEFINITION_BYTES,
};

/// CDK's name for a task's input: the same as [`Payload`].
pub type TaskInput = Payload;

/// The most `aws cloudformation deploy` sends inline; a larger template needs `--s3-bucket`.
pub const MAX_INLINE_TEMPLATE_BYTES: usize = 51_200;

/// The most CloudFormation takes from S3 ("1 MB" in its quotas; the service's own message says
/// "Template may not exceed 1000000 bytes in size").
pub const MAX_TEMPLATE_BYTES: usize = 1_000_000;

/// Serializes a template, pretty (readable diffs) or compact (smallest), and warns when it is
/// over the 51,200 bytes `aws cloudformation deploy` accepts without `--s3-bucket`. Fails where
/// CloudFormation would refuse the template: a `Ref`, `Fn::GetAtt` or `Fn::Sub` variable naming
/// something the template does not have, or a template over [`MAX_TEMPLATE_BYTES`].
///
/// ```
/// let mut t = cfn_model::Template::new();
/// stepfunctions::StateMachine::new("M", stepfunctions::Pass::new("P")).add_to(&mut t).unwrap();
/// let (json, warnings) = stepfunctions::synth(&t, false).unwrap();
/// assert!(warnings.is_empty());
/// assert!(json.ends_with("}\n"));
/// ```
pub fn synth(template: &cfn_model::Template, compact: bool) -> Result<(String, Vec<Warning>), Error> {
    template.check_references()?;
    let json = if compact {
        template.to_json_compact()?
    } else {
        template.to_json_pretty()?
    };
    let warnings = size_warnings(json.len())?;
    Ok((json, warnings))
}

/// Writes a template to `writer` as it is serialized (a large one is never held whole in
/// memory), pretty or compact; the same bytes as [`synth`], and the same checks. Returns the
/// warnings: the template's size, known once it is written (a template over
/// [`MAX_TEMPLATE_BYTES`] is then an error: the caller discards what was written).
///
/// ```
/// let mut t = cfn_model::Template::new();
/// stepfunctions::StateMachine::new("M", stepfunctions::Pass::new("P")).add_to(&mut t).unwrap();
/// let mut out = Vec::new();
/// let warnings = stepfunctions::synth_to(&t, false, &mut out).unwrap();
/// assert!(warnings.is_empty());
/// assert_eq!(String::from_utf8(out).unwrap(), stepfunctions::synth(&t, false).unwrap().0);
/// ```
pub fn synth_to(
    template: &cfn_model::Template,
    compact: bool,
    writer: &mut dyn std::io::Write,
) -> Result<Vec<Warning>, Error> {
    template.check_references()?;
    let size = template.write_json(!compact, writer)?;
    size_warnings(size)
}

fn size_warnings(size: usize) -> Result<Vec<Warning>, Error> {
    if size > MAX_TEMPLATE_BYTES {
        Err(cfn_model::CfnError::TemplateTooLarge {
            size,
            limit: MAX_TEMPLATE_BYTES,
        }
        .into())
    } else if size > MAX_INLINE_TEMPLATE_BYTES {
        Ok(vec![Warning::TemplateOverInlineLimit { size }])
    } else {
        Ok(Vec::new())
    }
}

/// Everything needed to write state machines: `use stepfunctions::prelude::*;`.
pub mod prelude {
    pub use crate::{
        Activity, Arguments, Assign, Catch, Chain, Choice, Condition, Credentials, CustomState, CustomerManagedKey,
        DistributedMap, Encryption, ErrorHandling, Errors, ExistingRole, Fail, InputOutput, IntegrationPattern,
        JitterType, JsonPath, Jsonata, JsonataOutput, KmsKey, LogLevel, LogOptions, Map, Parallel, Parameters, Pass,
        Payload, QueryLanguage, ResultPath, ResultSelector, Retry, RuleOptions, State, StateMachine, StateMachineType,
        StateRef, Succeed, Task, TaskInput, Timeout, Wait, WaitTime,
    };
}
