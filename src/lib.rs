//! stepfunctions-cdk: AWS Step Functions state machines in typed Rust, synthesized into
//! CloudFormation templates that `aws cloudformation deploy` accepts.
//!
//! This facade re-exports the three crates of the workspace:
//! - [`cfn_model`]: templates, intrinsic functions, IAM;
//! - [`stepfunctions`]: states, chains, data flow, error handling, the state machine;
//! - [`stepfunctions_tasks`]: the service integrations (`LambdaInvoke`, ...).
//!
//! ```
//! use stepfunctions_cdk::prelude::*;
//!
//! let f = LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:MyFn");
//! let definition = Task::new("Invoke", LambdaInvoke::new(f)).next(Succeed::new("Done"));
//! let mut template = Template::new();
//! StateMachine::new("StateMachine", definition).add_to(&mut template)?;
//! let json = template.to_json_pretty()?;
//! assert!(json.contains("lambda:InvokeFunction"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub use cfn_model;
pub use stepfunctions;
pub use stepfunctions_tasks;

pub mod cli;

/// Everything an example or a user program needs in one import.
pub mod prelude {
    pub use cfn_model::iam::PolicyStatement;
    pub use cfn_model::{DeletionPolicy, Expr, ListExpr, Output, Parameter, Resource, Template, Value};
    pub use stepfunctions::prelude::*;
    pub use stepfunctions::{Error, Warning};
    pub use stepfunctions_tasks::*;
}

/// The README's code examples, compiled and run as doctests so they stay true.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
