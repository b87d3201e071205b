//! `eventbridge_scheduler_*`: Amazon EventBridge Scheduler.

use std::time::Duration;

use stepfunctions_cdk::prelude::*;

use super::Build;

pub const CASES: &[(&str, Build)] = &[(
    "eventbridge_scheduler_create_schedule",
    eventbridge_scheduler_create_schedule,
)];

/// A rate schedule to an imported queue with an imported scheduler role, fixed dates, a
/// flexible window, a group, a KMS key (granted to the scheduler role), a retry policy and a DLQ.
fn eventbridge_scheduler_create_schedule(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let target = SchedulerTarget::new(
        "arn:aws:sqs:us-east-1:123456789012:TargetQueue",
        "arn:aws:iam::123456789012:role/SchedulerRole",
    )
    .input("hello")
    .retry_policy(Duration::from_secs(300), 2)
    .dead_letter_queue("arn:aws:sqs:us-east-1:123456789012:DeadLetterQueue");
    let create =
        EventBridgeSchedulerCreateScheduleTask::new("TestSchedule", Schedule::rate(Duration::from_secs(300)), target)
            .action_after_completion(ScheduleActionAfterCompletion::None)
            .client_token("testToken")
            .description("TestDescription")
            .start_date(ScheduleTime::utc(2030, 1, 1, 0, 0, 0))
            .end_date(ScheduleTime::utc(2030, 1, 2, 0, 0, 0))
            .flexible_time_window(Duration::from_secs(300))
            .group_name("my-group")
            .kms_key("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")
            .timezone("UTC")
            .enabled(true);
    create.grant_key_to_target_role(t, "SchedulerRole Policy")?;
    Ok(StateMachine::new("StateMachine", Task::new("Create Schedule", create))
        .add_to(t)?
        .warnings)
}
