//! The smallest deployable state machine: one Pass state that answers "Hello, World!".
//!
//! `cargo run --example hello_world > template.json`, then
//! `aws cloudformation deploy --template-file template.json --stack-name hello-world --capabilities CAPABILITY_IAM`.

use std::process::ExitCode;

use stepfunctions_cdk::prelude::*;

/// Adds the state machine and an output with its ARN.
pub fn build(template: &mut Template) -> Result<Vec<Warning>, Error> {
    let definition = Pass::new("Hello")
        .parameters(Payload::from_object([(
            "greeting",
            JsonPath::format("Hello, {}!", [JsonPath::string_at("$.name").into()]),
        )]))
        .next(Succeed::new("Done"));
    let rendered = StateMachine::new("HelloWorld", definition)
        .comment("Greets whoever is named in the input")
        .add_to(template)?;
    rendered.output_arn(template)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    stepfunctions_cdk::cli::run(build)
}
