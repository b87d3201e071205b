//! Snapshot tests of every example's template: a change to any rendered state, role or policy
//! shows up in review.

use stepfunctions_cdk::prelude::*;

#[path = "../examples/activity_and_callbacks.rs"]
mod activity_and_callbacks;
#[path = "../examples/api_gateway.rs"]
mod api_gateway;
#[path = "../examples/athena_queries.rs"]
mod athena_queries;
#[path = "../examples/aws_sdk.rs"]
mod aws_sdk;
#[path = "../examples/aws_sdk_cross_region.rs"]
mod aws_sdk_cross_region;
#[path = "../examples/batch_job.rs"]
mod batch_job;
#[path = "../examples/batch_submit_job.rs"]
mod batch_submit_job;
#[path = "../examples/bench_chain.rs"]
mod bench_chain;
#[path = "../examples/choice_conditions.rs"]
mod choice_conditions;
#[path = "../examples/codebuild_start_build.rs"]
mod codebuild_start_build;
#[path = "../examples/custom_state.rs"]
mod custom_state;
#[path = "../examples/databrew_start_job_run.rs"]
mod databrew_start_job_run;
#[path = "../examples/distributed_map_csv.rs"]
mod distributed_map_csv;
#[path = "../examples/distributed_map_json_batches.rs"]
mod distributed_map_json_batches;
#[path = "../examples/dynamodb.rs"]
mod dynamodb;
#[path = "../examples/ecs_run_task_ec2.rs"]
mod ecs_run_task_ec2;
#[path = "../examples/ecs_run_task_fargate.rs"]
mod ecs_run_task_fargate;
#[path = "../examples/eks_call.rs"]
mod eks_call;
#[path = "../examples/emr.rs"]
mod emr;
#[path = "../examples/emr_containers_start_job_run.rs"]
mod emr_containers_start_job_run;
#[path = "../examples/emr_containers_virtual_cluster.rs"]
mod emr_containers_virtual_cluster;
#[path = "../examples/encrypted_logging.rs"]
mod encrypted_logging;
#[path = "../examples/evaluate_expression.rs"]
mod evaluate_expression;
#[path = "../examples/eventbridge.rs"]
mod eventbridge;
#[path = "../examples/eventbridge_scheduler.rs"]
mod eventbridge_scheduler;
#[path = "../examples/express_logging_tracing.rs"]
mod express_logging_tracing;
#[path = "../examples/fragments.rs"]
mod fragments;
#[path = "../examples/glue_start_job_run.rs"]
mod glue_start_job_run;
#[path = "../examples/hello_world.rs"]
mod hello_world;
#[path = "../examples/jsonata_workflow.rs"]
mod jsonata_workflow;
#[path = "../examples/lambda_invoke.rs"]
mod lambda_invoke;
#[path = "../examples/map_items.rs"]
mod map_items;
#[path = "../examples/parallel_error_handling.rs"]
mod parallel_error_handling;
#[path = "../examples/pass_and_intrinsics.rs"]
mod pass_and_intrinsics;
#[path = "../examples/sagemaker.rs"]
mod sagemaker;
#[path = "../examples/sns.rs"]
mod sns;
#[path = "../examples/sqs.rs"]
mod sqs;
#[path = "../examples/start_execution.rs"]
mod start_execution;
#[path = "../examples/variables.rs"]
mod variables;
#[path = "../examples/wait_variants.rs"]
mod wait_variants;

macro_rules! examples {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                let (json, warnings) = stepfunctions_cdk::cli::render($name::build, false).expect("the example renders");
                let warnings: Vec<String> = warnings.iter().map(ToString::to_string).collect();
                insta::assert_snapshot!(stringify!($name), json);
                insta::assert_debug_snapshot!(concat!(stringify!($name), "_warnings"), warnings);
            }
        )*
    };
}

examples!(
    hello_world,
    batch_job,
    pass_and_intrinsics,
    choice_conditions,
    wait_variants,
    parallel_error_handling,
    map_items,
    custom_state,
    fragments,
    express_logging_tracing,
    activity_and_callbacks,
    lambda_invoke,
    athena_queries,
    batch_submit_job,
    codebuild_start_build,
    glue_start_job_run,
    databrew_start_job_run,
    ecs_run_task_ec2,
    ecs_run_task_fargate,
    dynamodb,
    sns,
    sqs,
    eventbridge,
    eventbridge_scheduler,
    evaluate_expression,
    api_gateway,
    aws_sdk,
    aws_sdk_cross_region,
    start_execution,
    bench_chain,
    emr,
    emr_containers_start_job_run,
    emr_containers_virtual_cluster,
    eks_call,
    sagemaker,
    jsonata_workflow,
    variables,
    distributed_map_csv,
    distributed_map_json_batches,
    encrypted_logging,
);

/// Rendering is deterministic: the same program gives the same bytes.
#[test]
fn rendering_is_deterministic() {
    let a = stepfunctions_cdk::cli::render(hello_world::build, false).unwrap().0;
    let b = stepfunctions_cdk::cli::render(hello_world::build, false).unwrap().0;
    assert_eq!(a, b);
    let _ = Template::new();
}
