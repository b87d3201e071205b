//! A reusable piece of workflow as a plain Rust function returning a `Chain`, the counterpart
//! of CDK's `StateMachineFragment`, placed twice: `prefix_states` gives each copy its own state
//! names (state names must be unique in a state machine), and rewrites the copy's transitions,
//! its loop back included.
//!
//! `cargo run --example fragments > template.json`, then
//! `aws cloudformation deploy --template-file template.json --stack-name fragments --capabilities CAPABILITY_IAM`
//! and start an execution with the input `{}`.

use std::process::ExitCode;
use std::time::Duration;

use stepfunctions_cdk::prelude::*;

/// Starts a job and polls it every second until it has been checked `polls` times. Its state
/// is kept under `$.<job>` so that two copies do not overwrite each other.
///
/// It is a function, so it takes arguments where a CDK fragment takes props.
fn run_job(job: &str, polls: u32) -> Chain {
    let at = |field: &str| format!("$.{job}.{field}");

    let start = Pass::new("Start Job")
        .parameters(Payload::from_object([("name", job.into()), ("polls", 0.into())]))
        .result_path(format!("$.{job}"));
    let wait = Wait::new("Wait", WaitTime::seconds(1));
    let poll_again = wait.reference();
    let check = Pass::new("Check Job")
        .parameters(Payload::from_object([
            ("name", JsonPath::string_at(at("name"))),
            ("polls", JsonPath::math_add(JsonPath::number_at(at("polls")), 1)),
        ]))
        .result_path(format!("$.{job}"));
    let done = Choice::new("Job Done?")
        .when(
            Condition::number_greater_than_equals(at("polls"), polls),
            Pass::new("Job Finished"),
        )
        .otherwise(poll_again);

    // `afterwards()`: the fragment ends where "Job Finished" ends, so callers can continue it.
    Chain::start(start).next(wait).next(check).next(done.afterwards())
}

/// Adds the state machine and an output with its ARN.
pub fn build(template: &mut Template) -> Result<Vec<Warning>, Error> {
    // Two copies of the fragment, one after the other; without the prefixes both would hold a
    // state named "Wait", and rendering would fail.
    let definition = Chain::start(run_job("extract", 2).prefix_states("Extract: "))
        .next(run_job("load", 1).prefix_states("Load: "))
        .next(Succeed::new("All Jobs Done"));

    let rendered = StateMachine::new("StateMachine", definition)
        .comment("Runs one fragment twice")
        .timeout(Duration::from_secs(300))
        .add_to(template)?;
    rendered.output_arn(template)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    stepfunctions_cdk::cli::run(build)
}
