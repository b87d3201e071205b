//! `EventBridgeSchedulerCreateScheduleTask`: every option, rate / cron / one-time schedules, a
//! name and role from the input, the target role's key grant, every rejection.

use std::time::Duration;

use cfn_model::{Expr, Template};
use serde_json::json;
use stepfunctions::prelude::*;
use stepfunctions::testing::render_state;
use stepfunctions_tasks::{
    EventBridgeSchedulerCreateScheduleTask as CreateSchedule, Schedule, ScheduleActionAfterCompletion, ScheduleCron,
    ScheduleTime, SchedulerTarget,
};

mod common;
use common::{reason_at, resources};

const KEY: &str = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

fn target() -> SchedulerTarget {
    SchedulerTarget::new(
        "arn:aws:sqs:us-east-1:123456789012:TargetQueue",
        "arn:aws:iam::123456789012:role/SchedulerRole",
    )
}

fn every_five_minutes() -> CreateSchedule {
    CreateSchedule::new("TestSchedule", Schedule::rate(Duration::from_secs(300)), target())
}

fn rejected(task: CreateSchedule) -> String {
    reason_at("Task", render_state(Task::new("Task", task)).unwrap_err())
}

#[test]
fn defaults() {
    let r = render_state(Task::new("Task", every_five_minutes())).unwrap();
    let p = &r["States"]["Task"]["Parameters"];
    assert_eq!(p["FlexibleTimeWindow"], json!({"Mode": "OFF"}));
    assert_eq!(p["ActionAfterCompletion"], "NONE");
    assert_eq!(p["State"], "ENABLED");
    insta::assert_json_snapshot!(r);
}

#[test]
fn every_option() {
    let target = target()
        .input("hello")
        .retry_policy(Duration::from_secs(300), 2)
        .dead_letter_queue("arn:aws:sqs:us-east-1:123456789012:DeadLetterQueue");
    let task = CreateSchedule::new("TestSchedule", Schedule::rate(Duration::from_secs(300)), target)
        .action_after_completion(ScheduleActionAfterCompletion::Delete)
        .client_token("testToken")
        .description("TestDescription")
        .start_date(ScheduleTime::utc(2030, 1, 1, 0, 0, 0))
        .end_date(ScheduleTime::utc(2030, 1, 2, 0, 0, 0))
        .flexible_time_window(Duration::from_secs(300))
        .group_name("my-group")
        .kms_key(KEY)
        .timezone("UTC")
        .enabled(false);
    let r = render_state(Task::new("Task", task)).unwrap();
    let p = &r["States"]["Task"]["Parameters"];
    assert_eq!(p["StartDate"], "2030-01-01T00:00:00.000Z");
    assert_eq!(
        p["FlexibleTimeWindow"],
        json!({"Mode": "FLEXIBLE", "MaximumWindowInMinutes": 5})
    );
    assert_eq!(
        p["Target"]["RetryPolicy"],
        json!({"MaximumEventAgeInSeconds": 300, "MaximumRetryAttempts": 2})
    );
    assert_eq!(p["State"], "DISABLED");
    assert_eq!(p["ActionAfterCompletion"], "DELETE");
    insta::assert_json_snapshot!(r);
}

#[test]
fn schedule_expressions() {
    let rate = |s| Schedule::rate(Duration::from_secs(s)).expression().to_owned();
    assert_eq!(rate(60), "rate(1 minutes)");
    assert_eq!(rate(90 * 60), "rate(90 minutes)");
    assert_eq!(rate(3 * 3600), "rate(3 hours)");
    assert_eq!(rate(2 * 86_400), "rate(2 days)");
    assert_eq!(Schedule::cron(ScheduleCron::new()).expression(), "cron(* * * * ? *)");
    assert_eq!(
        Schedule::cron(
            ScheduleCron::new()
                .minute("0")
                .hour("10")
                .day("L")
                .month("JAN")
                .year("2030")
        )
        .expression(),
        "cron(0 10 L JAN ? 2030)"
    );
    assert_eq!(
        Schedule::cron(ScheduleCron::new().minute("0").week_day("MON-FRI")).expression(),
        "cron(0 * ? * MON-FRI *)"
    );
    assert_eq!(
        Schedule::one_time(ScheduleTime::utc(2030, 2, 28, 23, 5, 9)).expression(),
        "at(2030-02-28T23:05:09)"
    );
}

#[test]
fn a_name_group_and_role_from_the_input_widen_the_grants() {
    let target = SchedulerTarget::new(JsonPath::string_at("$.queueArn"), JsonPath::string_at("$.roleArn"));
    let task = CreateSchedule::new(
        JsonPath::string_at("$.name"),
        Schedule::one_time(ScheduleTime::utc(2030, 1, 1, 9, 0, 0)),
        target,
    )
    .group_name(Expr::reference("Group"));
    let r = render_state(Task::new("Task", task)).unwrap();
    assert_eq!(r["States"]["Task"]["Parameters"]["Name.$"], "$.name");
    insta::assert_json_snapshot!(r["PolicyStatements"]);
}

#[test]
fn the_key_is_granted_to_the_target_role() {
    let mut t = Template::new();
    every_five_minutes()
        .kms_key(KEY)
        .grant_key_to_target_role(&mut t, "SchedulerRole Policy")
        .unwrap();
    let in_template = CreateSchedule::new(
        "S",
        Schedule::rate(Duration::from_secs(60)),
        SchedulerTarget::new(
            "arn:aws:sqs:us-east-1:123456789012:Q",
            Expr::get_att("TargetRole", "Arn"),
        ),
    )
    .kms_key(Expr::get_att("Key", "Arn"));
    in_template
        .grant_key_to_target_role(&mut t, "TargetRole KeyPolicy")
        .unwrap();
    let res = resources(&t);
    assert_eq!(
        res["SchedulerRolePolicy"]["Properties"]["Roles"],
        json!(["SchedulerRole"])
    );
    assert_eq!(
        res["TargetRoleKeyPolicy"]["Properties"]["Roles"],
        json!([{"Ref": "TargetRole"}])
    );
    insta::assert_json_snapshot!(res);
}

#[test]
fn a_key_grant_needs_a_key_and_a_known_role() {
    let mut t = Template::new();
    let e = every_five_minutes().grant_key_to_target_role(&mut t, "P").unwrap_err();
    assert!(e.to_string().contains("no KMS key"), "{e}");
    let from_input = CreateSchedule::new(
        "S",
        Schedule::rate(Duration::from_secs(60)),
        SchedulerTarget::new("arn:aws:sqs:us-east-1:123456789012:Q", JsonPath::string_at("$.role")),
    )
    .kms_key(KEY);
    let e = from_input.grant_key_to_target_role(&mut t, "P").unwrap_err();
    assert!(e.to_string().contains("neither a role of the template"), "{e}");
}

#[test]
fn rejects_bad_names() {
    let e = rejected(CreateSchedule::new(
        "my schedule",
        Schedule::rate(Duration::from_secs(60)),
        target(),
    ));
    assert!(e.contains("`my schedule` must be 1 to 64"), "{e}");
    let e = rejected(every_five_minutes().group_name("g".repeat(65)));
    assert!(e.contains("must be 1 to 64"), "{e}");
    let e = rejected(every_five_minutes().client_token("a.b"));
    assert!(e.contains("letters, digits, `-` or `_`"), "{e}");
}

#[test]
fn rejects_long_texts() {
    let e = rejected(every_five_minutes().description("d".repeat(513)));
    assert!(e.contains("0 to 512 characters"), "{e}");
    let e = rejected(every_five_minutes().timezone(""));
    assert!(e.contains("1 to 50 characters"), "{e}");
    let e = rejected(CreateSchedule::new(
        "S",
        Schedule::rate(Duration::from_secs(60)),
        target().input(""),
    ));
    assert!(e.contains("1 character to 256 KB"), "{e}");
}

#[test]
fn rejects_bad_schedules() {
    for secs in [30, 90] {
        let e = rejected(CreateSchedule::new(
            "S",
            Schedule::rate(Duration::from_secs(secs)),
            target(),
        ));
        assert!(e.contains("whole number of minutes"), "{e}");
    }
    let e = rejected(CreateSchedule::new(
        "S",
        Schedule::cron(ScheduleCron::new().day("1").week_day("MON")),
        target(),
    ));
    assert!(e.contains("not both"), "{e}");
    let e = rejected(CreateSchedule::new(
        "S",
        Schedule::one_time(ScheduleTime::utc(2031, 2, 29, 0, 0, 0)),
        target(),
    ));
    assert!(e.contains("2031-02-29T00:00:00 is not a time"), "{e}");
}

#[test]
fn rejects_bad_dates_and_windows() {
    let e = rejected(
        every_five_minutes()
            .start_date(ScheduleTime::utc(2030, 1, 2, 0, 0, 0))
            .end_date(ScheduleTime::utc(2030, 1, 2, 0, 0, 0)),
    );
    assert!(e.contains("is not after the start date"), "{e}");
    let e = rejected(every_five_minutes().start_date(ScheduleTime::utc(2030, 13, 1, 0, 0, 0)));
    assert!(e.contains("is not a time"), "{e}");
    for secs in [0, 90, 1441 * 60] {
        let e = rejected(every_five_minutes().flexible_time_window(Duration::from_secs(secs)));
        assert!(e.contains("not 1 to 1440 whole minutes"), "{e}");
    }
}

#[test]
fn rejects_bad_targets_and_keys() {
    let e = rejected(CreateSchedule::new(
        "S",
        Schedule::rate(Duration::from_secs(60)),
        SchedulerTarget::new(
            "arn:aws:sqs:us-east-1:123456789012:Q",
            "arn:aws:iam::123456789012:user/bob",
        ),
    ));
    assert!(e.contains("is not an IAM role ARN"), "{e}");
    let e = rejected(CreateSchedule::new(
        "S",
        Schedule::rate(Duration::from_secs(60)),
        SchedulerTarget::new("my-queue", "arn:aws:iam::123456789012:role/R"),
    ));
    assert!(e.contains("is not an ARN"), "{e}");
    for (age, attempts, expected) in [
        (59, 0, "60 to 86400"),
        (86_401, 0, "60 to 86400"),
        (60, 186, "more than 185"),
    ] {
        let e = rejected(CreateSchedule::new(
            "S",
            Schedule::rate(Duration::from_secs(60)),
            target().retry_policy(Duration::from_secs(age), attempts),
        ));
        assert!(e.contains(expected), "{e}");
    }
    let e = rejected(every_five_minutes().kms_key("alias/my-key"));
    assert!(e.contains("must be a KMS key ARN"), "{e}");
}
