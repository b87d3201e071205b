//! Service integrations (Task states) for the `stepfunctions` crate.
//!
//! One module per service, one file per API (`dynamodb/put_item.rs`), every type re-exported
//! here under CDK's `<Service><Api>` name. Each integration implements
//! [`stepfunctions::ServiceIntegration`]: its service and API, its parameters, and the IAM
//! statements it needs; the patterns it supports are marker traits
//! ([`stepfunctions::SupportsRunJob`], [`stepfunctions::SupportsWaitForTaskToken`]), so
//! `Task::new(name, integration).run_job()` only compiles where the service can run a job.
//! Everything tasks share (comment, paths, result selector, timeouts, credentials, retry,
//! catch) comes from [`stepfunctions::Task`].

pub mod apigateway;
pub mod aws_sdk;
pub mod evaluate_expression;
pub mod lambda;
pub mod sfn;
mod util;

pub use apigateway::{
    AuthType, CallApiGatewayHttpApiEndpoint, CallApiGatewayRestApiEndpoint, HttpApi, HttpApiBuilder, HttpMethod,
    RestApi, RestApiBuilder,
};
pub use aws_sdk::CallAwsService;
pub use evaluate_expression::{EvaluateExpression, EvaluateExpressionFunction, EVAL_ROLE_ID};
pub use lambda::{InlineFunction, LambdaFunction, LambdaInvocationType, LambdaInvoke, LambdaInvokeResponseOnly};
pub use sfn::{StateMachineRef, StepFunctionsStartExecution};
pub use stepfunctions::StepFunctionsInvokeActivity;
