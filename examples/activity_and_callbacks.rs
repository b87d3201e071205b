//! Tasks that wait for someone else: a Lambda function called with a task token
//! (`wait_for_task_token`) that reports back with `SendTaskSuccess`, and an activity whose
//! worker polls for work, with timeouts and heartbeats fixed or read from the input.
//!
//! `cargo run --example activity_and_callbacks > template.json`, then
//! `aws cloudformation deploy --template-file template.json --stack-name activity-callbacks --capabilities CAPABILITY_IAM`
//! and start an execution with the input
//! `{"order": {"id": "o-1"}, "limits": {"timeout_seconds": 600, "heartbeat_seconds": 120}}`.
//! The Lambda approves at once; then play the activity worker, twice:
//! `aws stepfunctions get-activity-task --activity-arn <ActivityArn output>` gives a `taskToken`,
//! and `aws stepfunctions send-task-success --task-token <token> --task-output '{"done": true}'`
//! completes the task.

use std::process::ExitCode;
use std::time::Duration;

use stepfunctions_cdk::prelude::*;

/// Gets the token in its payload and answers through the Step Functions API.
const APPROVER: &str = "\
import json

import boto3

sfn = boto3.client('stepfunctions')


def handler(event, context):
    token = event['token']
    # A long job would send heartbeats while it works; the task fails if they stop.
    sfn.send_task_heartbeat(taskToken=token)
    result = {'approved': True, 'order_id': event['order']['id']}
    sfn.send_task_success(taskToken=token, output=json.dumps(result))
";

/// Adds the function, the activity, the state machine and outputs.
pub fn build(template: &mut Template) -> Result<Vec<Warning>, Error> {
    // The function's role may answer for task tokens. Tokens of a Task state cannot be scoped to
    // a resource, hence `*`.
    let approver = InlineFunction::python("ApproverFunction", APPROVER)
        .add_to_role_policy(PolicyStatement::allow(
            [
                "states:SendTaskSuccess",
                "states:SendTaskFailure",
                "states:SendTaskHeartbeat",
            ],
            [Expr::lit("*")],
        ))
        .add_to(template)?;

    // The activity: its worker runs anywhere and needs no role from this state machine.
    let activity = Activity::new("OrderWorker");
    let activity_arn = activity.arn();
    activity.add_to(template)?;

    // Timeouts end in one Fail state (a clone in each catcher is kept once).
    let timed_out = Fail::new("Worker Timed Out").error("WorkerTimedOut");
    let on_timeout = || Catch::on([Errors::HEARTBEAT_TIMEOUT, Errors::TIMEOUT], timed_out.clone());

    // Callback: the payload must carry the task token, or rendering fails. The task waits until
    // the token comes back; without a heartbeat within 60 s it fails with States.HeartbeatTimeout.
    let approve = Task::new(
        "Request Approval",
        LambdaInvoke::new(approver).payload(Payload::from_object([
            ("token", JsonPath::task_token()),
            ("order", JsonPath::object_at("$.order")),
        ])),
    )
    .wait_for_task_token()
    .timeout(Timeout::duration(Duration::from_secs(300)))
    .heartbeat(Timeout::seconds(60))
    .result_path("$.approval")
    .catch(on_timeout());

    // Activity with fixed limits: an hour at most, a heartbeat every 5 minutes.
    let review = Task::new(
        "Review Order",
        StepFunctionsInvokeActivity::new(activity_arn.clone()).parameters(Payload::from_object([
            ("step", "review".into()),
            ("order", JsonPath::object_at("$.order")),
        ])),
    )
    .timeout(Timeout::duration(Duration::from_secs(3600)))
    .heartbeat(Timeout::seconds(300))
    .result_path("$.review")
    .catch(on_timeout());

    // Activity with limits read from the input (TimeoutSecondsPath, HeartbeatSecondsPath). The
    // worker gets the limits too, to know how often to heartbeat; passing them on also keeps
    // the paths valid for interpreters that read them after Parameters applied.
    let ship = Task::new(
        "Ship Order",
        StepFunctionsInvokeActivity::new(activity_arn.clone()).parameters(Payload::from_object([
            ("step", "ship".into()),
            ("order", JsonPath::object_at("$.order")),
            ("limits", JsonPath::object_at("$.limits")),
        ])),
    )
    .timeout(Timeout::at("$.limits.timeout_seconds"))
    .heartbeat(Timeout::at("$.limits.heartbeat_seconds"))
    .result_path("$.shipment")
    .catch(on_timeout());

    let definition = approve.next(review).next(ship).next(Succeed::new("Order Shipped"));
    let rendered = StateMachine::new("StateMachine", definition)
        .comment("Waits for a callback and for an activity worker")
        .add_to(template)?;
    template.add_output(
        "ActivityArn",
        Output::new(activity_arn).description("Poll this activity with get-activity-task"),
    )?;
    rendered.output_arn(template)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    stepfunctions_cdk::cli::run(build)
}
