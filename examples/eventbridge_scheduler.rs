//! EventBridge Scheduler from a workflow (`EventBridgeSchedulerCreateScheduleTask`): create an
//! hourly schedule, named by the input, that sends a message to a queue of the template as the
//! template's scheduler role, from 1 January 2030 to the end of that year, each run within a
//! 15-minute window, with retries and a dead-letter queue.
//!
//! `cargo run --example eventbridge_scheduler > template.json`, then
//! `aws cloudformation deploy --template-file template.json --stack-name scheduler --capabilities CAPABILITY_IAM`
//! and start an execution of `StateMachineArn` with the input `{"name": "hourly-report"}`.
//! The schedule is not part of the stack: delete it with
//! `aws scheduler delete-schedule --name hourly-report` before deleting the stack.

use std::process::ExitCode;
use std::time::Duration;

use stepfunctions_cdk::cfn_model::iam::{Policy, PolicyDocument, Role};
use stepfunctions_cdk::prelude::*;

/// Adds the queues, the scheduler role, the state machine and an output with its ARN.
pub fn build(template: &mut Template) -> Result<Vec<Warning>, Error> {
    let queue = template.add_resource("ReportQueue", Resource::new("AWS::SQS::Queue"))?;
    let dead_letters = template.add_resource("ReportDeadLetters", Resource::new("AWS::SQS::Queue"))?;
    let queue_arn = Expr::get_att(queue.as_str(), "Arn");
    let dead_letters_arn = Expr::get_att(dead_letters.as_str(), "Arn");

    // The role Scheduler assumes to send the message (and to put undelivered ones aside).
    let role = template.add_resource(
        "SchedulerRole",
        Role::for_service("scheduler.amazonaws.com").into_resource(),
    )?;
    let mut grants = PolicyDocument::new();
    grants.add(PolicyStatement::allow(
        ["sqs:SendMessage"],
        [queue_arn.clone(), dead_letters_arn.clone()],
    ));
    template.add_resource(
        "SchedulerRolePolicy",
        Policy::new("SchedulerRolePolicy", grants, [Expr::reference(role.as_str())]).into_resource(),
    )?;

    let target = SchedulerTarget::new(queue_arn, Expr::get_att(role.as_str(), "Arn"))
        .input(r#"{"report": "hourly"}"#)
        .retry_policy(Duration::from_secs(3600), 3)
        .dead_letter_queue(dead_letters_arn);
    let create = Task::new(
        "Create Schedule",
        EventBridgeSchedulerCreateScheduleTask::new(
            JsonPath::string_at("$.name"),
            Schedule::rate(Duration::from_secs(3600)),
            target,
        )
        .description("Sends the hourly report request")
        .start_date(ScheduleTime::utc(2030, 1, 1, 0, 0, 0))
        .end_date(ScheduleTime::utc(2030, 12, 31, 23, 59, 59))
        .flexible_time_window(Duration::from_secs(15 * 60)),
    )
    .result_selector(Payload::from_object([("arn", JsonPath::string_at("$.ScheduleArn"))]))
    .result_path("$.schedule");

    let rendered = StateMachine::new("StateMachine", create)
        .comment("Creates an EventBridge Scheduler schedule")
        .add_to(template)?;
    rendered.output_arn(template)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    stepfunctions_cdk::cli::run(build)
}
