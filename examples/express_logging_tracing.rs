//! An Express state machine (short, high-volume executions) with a name derived from the stack
//! name, logging every event with its data to a CloudWatch Logs log group defined in the
//! template, and X-Ray tracing. The role gets the log-delivery and X-Ray permissions.
//!
//! Express executions keep no history in Step Functions: the log group is where to look.
//!
//! `cargo run --example express_logging_tracing > template.json`, then
//! `aws cloudformation deploy --template-file template.json --stack-name express-logging --capabilities CAPABILITY_IAM`
//! and run it with
//! `aws stepfunctions start-sync-execution --state-machine-arn <StateMachineArn output> --input '{"name": "Ada"}'`.

use std::process::ExitCode;
use std::time::Duration;

use stepfunctions_cdk::prelude::*;

/// Adds the log group, the state machine and an output with its ARN.
pub fn build(template: &mut Template) -> Result<Vec<Warning>, Error> {
    // Names under /aws/vendedlogs/ keep CloudWatch Logs' resource policy small when many state
    // machines log.
    let log_group = template.add_resource(
        "ExecutionLogs",
        Resource::new("AWS::Logs::LogGroup")
            .property(
                "LogGroupName",
                Expr::sub("/aws/vendedlogs/states/${AWS::StackName}-express").into(),
            )
            .property("RetentionInDays", 7.into()),
    )?;

    let definition = Pass::new("Greet")
        .parameters(Payload::from_object([
            (
                "greeting",
                JsonPath::format("Hello, {}!", [JsonPath::string_at("$.name").into()]),
            ),
            ("execution", JsonPath::execution_name()),
        ]))
        .next(Succeed::new("Done"));

    let rendered = StateMachine::new("StateMachine", definition)
        .state_machine_type(StateMachineType::Express)
        .state_machine_name(Expr::sub("${AWS::StackName}-express"))
        .comment("Greets, with every step logged and traced")
        // Express executions run for at most five minutes.
        .timeout(Duration::from_secs(60))
        // The log group's `Arn` attribute ends in `:*`, which is what Step Functions expects.
        .logs(
            LogOptions::new(Expr::get_att(log_group.as_str(), "Arn"))
                .level(LogLevel::All)
                .include_execution_data(true),
        )
        .tracing(true)
        .add_to(template)?;
    template.add_output(
        "LogGroupName",
        Output::new(Expr::reference(log_group.as_str())).description("Where the executions are logged"),
    )?;
    rendered.output_arn(template)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    stepfunctions_cdk::cli::run(build)
}
