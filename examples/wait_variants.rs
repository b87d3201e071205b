//! The four ways a Wait state waits: a fixed number of seconds, seconds read from the input,
//! until a fixed timestamp, and until a timestamp read from the input.
//!
//! A timestamp in the past does not wait at all: the fixed one here is, so the execution goes
//! straight on; give `resume_at` a time a few seconds ahead to see the last Wait pause.
//!
//! `cargo run --example wait_variants > template.json`, then
//! `aws cloudformation deploy --template-file template.json --stack-name wait-variants --capabilities CAPABILITY_IAM`
//! and start an execution with the input `{"delay_seconds": 2, "resume_at": "2024-01-01T00:00:00Z"}`.

use std::process::ExitCode;
use std::time::Duration;

use stepfunctions_cdk::prelude::*;

/// Adds the state machine and an output with its ARN.
pub fn build(template: &mut Template) -> Result<Vec<Warning>, Error> {
    // `Seconds`: a fixed pause. `WaitTime::seconds(3)` renders the same.
    let fixed = Wait::new("Wait 3 Seconds", WaitTime::duration(Duration::from_secs(3)));

    // `SecondsPath`: the number of seconds is read from the input when the state is entered.
    let from_input = Wait::new("Wait Delay From Input", WaitTime::seconds_path("$.delay_seconds"));

    // `Timestamp`: until an RFC 3339 date and time (checked when rendering).
    let until_fixed = Wait::new("Wait Until New Year 2024", WaitTime::timestamp("2024-01-01T00:00:00Z"));

    // `TimestampPath`: until the timestamp read from the input.
    let until_input = Wait::new("Wait Until Resume Time", WaitTime::timestamp_path("$.resume_at"))
        .comment("resume_at is an RFC 3339 timestamp, such as 2024-01-01T00:00:00Z");

    let definition = Chain::start(fixed)
        .next(from_input)
        .next(until_fixed)
        .next(until_input)
        .next(Succeed::new("Done Waiting"));

    let rendered = StateMachine::new("StateMachine", definition)
        .comment("Waits in every way a Wait state can")
        // An execution that waits longer than this fails with States.Timeout.
        .timeout(Duration::from_secs(600))
        .add_to(template)?;
    rendered.output_arn(template)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    stepfunctions_cdk::cli::run(build)
}
