//! CloudFormation as typed Rust: templates, resources, parameters, outputs, intrinsic
//! functions and IAM.
//!
//! This crate knows nothing of Step Functions; the `stepfunctions` crate renders state machines
//! into a [`Template`].
//!
//! ```
//! use cfn_model::{iam::Role, Expr, Output, Template};
//! let mut template = Template::new().description("a role");
//! let role = template.add_resource("Worker Role", Role::for_service("lambda.amazonaws.com").into_resource()).unwrap();
//! template.add_output("RoleArn", Output::new(Expr::get_att(role.as_str(), "Arn"))).unwrap();
//! let json = template.to_json_pretty().unwrap();
//! assert!(json.contains("\"WorkerRole\""));
//! ```

mod error;
pub mod eval;
mod expr;
pub mod iam;
mod json;
mod logical_id;
mod references;
mod template;
mod value;

pub use error::CfnError;
pub use expr::{Expr, ListExpr, Pseudo};
pub use json::JsonSink;
pub use logical_id::LogicalId;
pub use template::{CfnCondition, DeletionPolicy, Output, Parameter, Resource, Template};
pub use value::{CustomValue, Value};
