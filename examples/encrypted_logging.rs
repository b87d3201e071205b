//! A state machine encrypted with a customer managed KMS key created in the template, logging
//! every event with its data to a log group encrypted with the same key, and a caller role
//! granted to start and read its executions.
//!
//! What the key needs, all in the template: the state machine's role may use it
//! (`kms:Decrypt`, `kms:GenerateDataKey`) for this state machine only (the encryption context
//! names its ARN), and for log deliveries; the key policy lets CloudWatch Logs' delivery
//! decrypt and CloudWatch Logs encrypt the account's log groups. The key is retained when the
//! stack is deleted (data encrypted with it stays readable); schedule its deletion by hand.
//!
//! `cargo run --example encrypted_logging > template.json`, then
//! `aws cloudformation deploy --template-file template.json --stack-name encrypted --capabilities CAPABILITY_IAM`
//! and start an execution of `StateMachineArn` with the input `{"order": "o-1"}`; its events
//! appear in the log group of the `LogGroupName` output.

use std::process::ExitCode;
use std::time::Duration;

use stepfunctions_cdk::cfn_model::iam::{Policy, PolicyDocument, Role};
use stepfunctions_cdk::prelude::*;

/// Adds the key, the log group, the state machine, the caller role and their outputs.
pub fn build(template: &mut Template) -> Result<Vec<Warning>, Error> {
    let key = KmsKey::create("DataKey")
        .description("Step Functions state machine data and its logs")
        .encrypts_log_groups();
    let log_group = template.add_resource(
        "ExecutionLogs",
        Resource::new("AWS::Logs::LogGroup")
            .property(
                "LogGroupName",
                Expr::sub("/aws/vendedlogs/states/${AWS::StackName}-encrypted").into(),
            )
            .property("KmsKeyId", key.key_arn().into())
            .property("RetentionInDays", 7.into()),
    )?;

    let definition = Pass::new("Accept Order")
        .parameters(Payload::from_object([
            ("order", JsonPath::string_at("$.order")),
            ("accepted", true.into()),
        ]))
        .next(Succeed::new("Done"));

    let rendered = StateMachine::new("StateMachine", definition)
        // The key grant names the state machine's ARN from its name.
        .state_machine_name(Expr::sub("${AWS::StackName}-encrypted"))
        .encryption(CustomerManagedKey::new(key).data_key_reuse_period(Duration::from_secs(600)))
        .logs(
            LogOptions::new(Expr::get_att(log_group.as_str(), "Arn"))
                .level(LogLevel::All)
                .include_execution_data(true),
        )
        .add_to(template)?;

    // Another service's role (a Lambda function's, say) that starts executions and reads them.
    let caller = template.add_resource("CallerRole", Role::for_service("lambda.amazonaws.com").into_resource())?;
    let mut grants = PolicyDocument::new();
    grants.add(rendered.grant_start_execution());
    grants.extend(rendered.grant_read());
    template.add_resource(
        "CallerRolePolicy",
        Policy::new("CallerRolePolicy", grants, [Expr::reference(caller.as_str())]).into_resource(),
    )?;

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
