//! Service integrations (Task states) for the `stepfunctions` crate.

pub mod lambda;

pub use lambda::{InlineFunction, LambdaFunction, LambdaInvocationType, LambdaInvoke, LambdaInvokeResponseOnly};
pub use stepfunctions::StepFunctionsInvokeActivity;
