//! The twins, one module per group of reference cases.

use stepfunctions_cdk::prelude::*;

pub mod apigateway;
pub mod athena;
pub mod aws_sdk;
pub mod batch;
pub mod bedrock;
pub mod codebuild;
pub mod core;
pub mod distributed_map;
pub mod dynamodb;
pub mod ecs;
pub mod eks;
pub mod emr;
pub mod emrcontainers;
pub mod evaluate_expression;
pub mod eventbridge;
pub mod glue;
pub mod http;
pub mod jsonata;
pub mod lambda;
pub mod mediaconvert;
pub mod sagemaker;
pub mod scheduler;
pub mod sfn;
pub mod sns;
pub mod sqs;
pub mod state_machine;

/// A twin: adds the case's resources to a template, returns the warnings.
pub type Build = fn(&mut Template) -> Result<Vec<Warning>, Error>;

/// Every case, by the name of its reference file.
pub fn all() -> Vec<(&'static str, Build)> {
    let mut cases = Vec::new();
    cases.extend(apigateway::CASES.iter().copied());
    cases.extend(aws_sdk::CASES.iter().copied());
    cases.extend(core::CASES.iter().copied());
    cases.extend(evaluate_expression::CASES.iter().copied());
    cases.extend(lambda::CASES.iter().copied());
    cases.extend(athena::CASES.iter().copied());
    cases.extend(batch::CASES.iter().copied());
    cases.extend(codebuild::CASES.iter().copied());
    cases.extend(glue::CASES.iter().copied());
    cases.extend(dynamodb::CASES.iter().copied());
    cases.extend(ecs::CASES.iter().copied());
    cases.extend(sns::CASES.iter().copied());
    cases.extend(sqs::CASES.iter().copied());
    cases.extend(eventbridge::CASES.iter().copied());
    cases.extend(sfn::CASES.iter().copied());
    cases.extend(emr::CASES.iter().copied());
    cases.extend(emrcontainers::CASES.iter().copied());
    cases.extend(eks::CASES.iter().copied());
    cases.extend(sagemaker::CASES.iter().copied());
    cases.extend(mediaconvert::CASES.iter().copied());
    cases.extend(bedrock::CASES.iter().copied());
    cases.extend(scheduler::CASES.iter().copied());
    cases.extend(http::CASES.iter().copied());
    cases.extend(jsonata::CASES.iter().copied());
    cases.extend(state_machine::CASES.iter().copied());
    cases.extend(distributed_map::CASES.iter().copied());
    cases
}
