//! `EventBridgeSchedulerCreateScheduleTask`: Scheduler's `CreateSchedule`
//! (`arn:aws:states:::aws-sdk:scheduler:createSchedule`).

use std::time::Duration;

use cfn_model::iam::{Policy, PolicyDocument, PolicyStatement};
use cfn_model::{Expr, Template};
use stepfunctions::TaskError;
use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration, SupportsWaitForTaskToken};

use crate::util::{is_role_arn, literal, object_of_set, stack_arn, static_value};

/// A time in UTC, to the second: the start and end of a schedule, or a one-time schedule's.
///
/// ```
/// let t = stepfunctions_tasks::ScheduleTime::utc(2030, 1, 1, 0, 0, 0);
/// assert_eq!(t.iso8601(), "2030-01-01T00:00:00.000Z");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ScheduleTime {
    year: u16,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
}

impl ScheduleTime {
    /// The time `year-month-day hour:minute:second` UTC (checked when the state machine is
    /// rendered: a month 1 to 12, a day of that month, a time of day).
    ///
    /// ```
    /// let noon = stepfunctions_tasks::ScheduleTime::utc(2030, 6, 30, 12, 0, 0);
    /// ```
    pub fn utc(year: u16, month: u8, day: u8, hour: u8, minute: u8, second: u8) -> Self {
        ScheduleTime {
            year,
            month,
            day,
            hour,
            minute,
            second,
        }
    }

    /// `YYYY-MM-DDThh:mm:ss.000Z`, as the API's timestamps are written in a state's input.
    ///
    /// ```
    /// assert_eq!(stepfunctions_tasks::ScheduleTime::utc(2030, 1, 2, 3, 4, 5).iso8601(), "2030-01-02T03:04:05.000Z");
    /// ```
    pub fn iso8601(&self) -> String {
        format!("{}.000Z", self.local())
    }

    fn local(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }

    fn check(&self, field: &str) -> Result<(), TaskError> {
        let leap = (self.year % 4 == 0 && self.year % 100 != 0) || self.year % 400 == 0;
        let days = match self.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => 0,
        };
        if self.day == 0 || self.day > days || self.hour > 23 || self.minute > 59 || self.second > 59 {
            return Err(TaskError::field(field, format!("{} is not a time", self.local())));
        }
        Ok(())
    }
}

/// When a schedule runs: `rate(...)`, `cron(...)` or `at(...)`.
///
/// ```
/// use std::time::Duration;
/// use stepfunctions_tasks::{Schedule, ScheduleCron, ScheduleTime};
/// assert_eq!(Schedule::rate(Duration::from_secs(300)).expression(), "rate(5 minutes)");
/// assert_eq!(Schedule::rate(Duration::from_secs(86_400)).expression(), "rate(1 days)");
/// assert_eq!(Schedule::cron(ScheduleCron::new().minute("0").hour("10").week_day("MON-FRI")).expression(), "cron(0 10 ? * MON-FRI *)");
/// assert_eq!(Schedule::one_time(ScheduleTime::utc(2030, 1, 1, 9, 30, 0)).expression(), "at(2030-01-01T09:30:00)");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    expression: String,
    problem: Option<String>,
    one_time: Option<ScheduleTime>,
}

impl Schedule {
    /// Every `interval`, a whole number of minutes, at least one: written in the largest unit
    /// that divides it (`rate(2 hours)`), in the plural as the CDK writes it.
    ///
    /// ```
    /// let s = stepfunctions_tasks::Schedule::rate(std::time::Duration::from_secs(7200));
    /// assert_eq!(s.expression(), "rate(2 hours)");
    /// ```
    pub fn rate(interval: Duration) -> Self {
        let secs = interval.as_secs();
        let problem = (interval.subsec_nanos() != 0 || secs < 60 || secs % 60 != 0).then(|| {
            format!(
                "a rate of {} s is not a whole number of minutes, at least one",
                interval.as_secs_f64()
            )
        });
        let minutes = secs / 60;
        let (value, unit) = if minutes > 0 && minutes % 1440 == 0 {
            (minutes / 1440, "days")
        } else if minutes > 0 && minutes % 60 == 0 {
            (minutes / 60, "hours")
        } else {
            (minutes, "minutes")
        };
        Schedule {
            expression: format!("rate({value} {unit})"),
            problem,
            one_time: None,
        }
    }

    /// A cron schedule (`cron(minutes hours day-of-month month day-of-week year)`).
    ///
    /// ```
    /// use stepfunctions_tasks::{Schedule, ScheduleCron};
    /// let s = Schedule::cron(ScheduleCron::new().minute("15").hour("3").day("1"));
    /// assert_eq!(s.expression(), "cron(15 3 1 * ? *)");
    /// ```
    pub fn cron(cron: ScheduleCron) -> Self {
        let problem = (cron.day.is_some() && cron.week_day.is_some())
            .then(|| "a cron schedule takes a day of the month or a day of the week, not both".to_owned());
        let day = cron
            .day
            .clone()
            .unwrap_or_else(|| if cron.week_day.is_some() { "?" } else { "*" }.into());
        Schedule {
            expression: format!(
                "cron({} {} {} {} {} {})",
                cron.minute,
                cron.hour,
                day,
                cron.month,
                cron.week_day.as_deref().unwrap_or("?"),
                cron.year
            ),
            problem,
            one_time: None,
        }
    }

    /// Once, at `time` (`at(yyyy-mm-ddThh:mm:ss)`), in the schedule's time zone (UTC unless
    /// [`timezone`](EventBridgeSchedulerCreateScheduleTask::timezone) names another).
    ///
    /// Deviation from the CDK: its `Schedule.oneTime` writes the time without `at(...)`, which
    /// Scheduler rejects, and in the local time of the machine that synthesizes.
    ///
    /// ```
    /// let s = stepfunctions_tasks::Schedule::one_time(stepfunctions_tasks::ScheduleTime::utc(2030, 1, 1, 0, 0, 0));
    /// assert_eq!(s.expression(), "at(2030-01-01T00:00:00)");
    /// ```
    pub fn one_time(time: ScheduleTime) -> Self {
        Schedule {
            expression: format!("at({})", time.local()),
            problem: None,
            one_time: Some(time),
        }
    }

    /// The schedule expression.
    ///
    /// ```
    /// assert_eq!(stepfunctions_tasks::Schedule::rate(std::time::Duration::from_secs(60)).expression(), "rate(1 minutes)");
    /// ```
    pub fn expression(&self) -> &str {
        &self.expression
    }
}

/// The fields of a cron schedule; each is `*` unless set (the day of the month `?` when a day
/// of the week is set, the day of the week `?` otherwise).
///
/// ```
/// let c = stepfunctions_tasks::ScheduleCron::new().minute("0").hour("8").month("JAN").year("2030");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ScheduleCron {
    minute: String,
    hour: String,
    day: Option<String>,
    month: String,
    week_day: Option<String>,
    year: String,
}

impl Default for ScheduleCron {
    fn default() -> Self {
        ScheduleCron::new()
    }
}

macro_rules! cron_field {
    ($(#[$doc:meta])* $name:ident, $wrap:expr) => {
        $(#[$doc])*
        #[must_use]
        pub fn $name(mut self, value: impl Into<String>) -> Self {
            self.$name = $wrap(value.into());
            self
        }
    };
}

impl ScheduleCron {
    /// Every minute of every day.
    ///
    /// ```
    /// let every_minute = stepfunctions_tasks::ScheduleCron::new();
    /// ```
    pub fn new() -> Self {
        ScheduleCron {
            minute: "*".into(),
            hour: "*".into(),
            day: None,
            month: "*".into(),
            week_day: None,
            year: "*".into(),
        }
    }

    cron_field!(
        /// The minutes field (`0`, `0/15`).
        ///
        /// ```
        /// let c = stepfunctions_tasks::ScheduleCron::new().minute("0/15");
        /// ```
        minute, std::convert::identity
    );
    cron_field!(
        /// The hours field (`10`, `8-17`).
        ///
        /// ```
        /// let c = stepfunctions_tasks::ScheduleCron::new().hour("8-17");
        /// ```
        hour, std::convert::identity
    );
    cron_field!(
        /// The day-of-month field (`1`, `L`).
        ///
        /// ```
        /// let c = stepfunctions_tasks::ScheduleCron::new().day("L");
        /// ```
        day, Some
    );
    cron_field!(
        /// The month field (`1`, `JAN-MAR`).
        ///
        /// ```
        /// let c = stepfunctions_tasks::ScheduleCron::new().month("JAN-MAR");
        /// ```
        month, std::convert::identity
    );
    cron_field!(
        /// The day-of-week field (`MON-FRI`, `6L`).
        ///
        /// ```
        /// let c = stepfunctions_tasks::ScheduleCron::new().week_day("MON-FRI");
        /// ```
        week_day, Some
    );
    cron_field!(
        /// The year field (`2030`).
        ///
        /// ```
        /// let c = stepfunctions_tasks::ScheduleCron::new().year("2030");
        /// ```
        year, std::convert::identity
    );
}

/// What a schedule does after its last run.
///
/// ```
/// let a = stepfunctions_tasks::ScheduleActionAfterCompletion::Delete;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ScheduleActionAfterCompletion {
    /// Keeps the schedule (`NONE`).
    #[default]
    None,
    /// Deletes the schedule (`DELETE`).
    Delete,
}

/// What a schedule invokes: a target ARN (a queue, a function, a state machine, or a
/// universal target `arn:aws:scheduler:::aws-sdk:<service>:<action>`), with the role Scheduler
/// assumes to invoke it.
///
/// ```
/// use std::time::Duration;
/// use stepfunctions_tasks::SchedulerTarget;
/// let t = SchedulerTarget::new("arn:aws:sqs:us-east-1:123456789012:TargetQueue", "arn:aws:iam::123456789012:role/SchedulerRole")
///     .input("hello")
///     .retry_policy(Duration::from_secs(300), 2)
///     .dead_letter_queue("arn:aws:sqs:us-east-1:123456789012:DeadLetterQueue");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SchedulerTarget {
    arn: Payload,
    role_arn: Payload,
    input: Option<Payload>,
    retry: Option<(Duration, u32)>,
    dead_letter_queue: Option<Expr>,
}

impl SchedulerTarget {
    /// Invokes `arn` as the role `role_arn` (each a literal, a CloudFormation value, or read
    /// from the input).
    ///
    /// ```
    /// let t = stepfunctions_tasks::SchedulerTarget::new(
    ///     cfn_model::Expr::get_att("Queue", "Arn"),
    ///     cfn_model::Expr::get_att("SchedulerRole", "Arn"),
    /// );
    /// ```
    pub fn new(arn: impl Into<Payload>, role_arn: impl Into<Payload>) -> Self {
        SchedulerTarget {
            arn: arn.into(),
            role_arn: role_arn.into(),
            input: None,
            retry: None,
            dead_letter_queue: None,
        }
    }

    /// The input the target receives (text, at least one character; JSON for most targets).
    /// Default: none.
    ///
    /// ```
    /// let t = stepfunctions_tasks::SchedulerTarget::new("arn:aws:sqs:us-east-1:123456789012:Q", "arn:aws:iam::123456789012:role/R")
    ///     .input(r#"{"job": "nightly"}"#);
    /// ```
    #[must_use]
    pub fn input(mut self, input: impl Into<Payload>) -> Self {
        self.input = Some(input.into());
        self
    }

    /// How long Scheduler keeps retrying an event (60 s to 24 h, whole seconds) and how many
    /// times (0 to 185). Default: Scheduler's (24 h, 185 times).
    ///
    /// ```
    /// let t = stepfunctions_tasks::SchedulerTarget::new("arn:aws:sqs:us-east-1:123456789012:Q", "arn:aws:iam::123456789012:role/R")
    ///     .retry_policy(std::time::Duration::from_secs(3600), 5);
    /// ```
    #[must_use]
    pub fn retry_policy(mut self, maximum_event_age: Duration, maximum_retry_attempts: u32) -> Self {
        self.retry = Some((maximum_event_age, maximum_retry_attempts));
        self
    }

    /// The SQS queue that receives the events Scheduler could not deliver. Default: none.
    ///
    /// ```
    /// let t = stepfunctions_tasks::SchedulerTarget::new("arn:aws:sqs:us-east-1:123456789012:Q", "arn:aws:iam::123456789012:role/R")
    ///     .dead_letter_queue(cfn_model::Expr::get_att("Dlq", "Arn"));
    /// ```
    #[must_use]
    pub fn dead_letter_queue(mut self, queue_arn: impl Into<Expr>) -> Self {
        self.dead_letter_queue = Some(queue_arn.into());
        self
    }

    fn payload(&self) -> Payload {
        let fields = [
            ("Arn", Some(self.arn.clone())),
            ("RoleArn", Some(self.role_arn.clone())),
            ("Input", self.input.clone()),
            (
                "RetryPolicy",
                self.retry.map(|(age, attempts)| {
                    Payload::from_object([
                        ("MaximumEventAgeInSeconds", Payload::Number(age.as_secs().into())),
                        ("MaximumRetryAttempts", Payload::Number(attempts.into())),
                    ])
                }),
            ),
            (
                "DeadLetterConfig",
                self.dead_letter_queue
                    .clone()
                    .map(|arn| Payload::from_object([("Arn", Payload::String(arn))])),
            ),
        ];
        object_of_set(fields)
    }

    fn check(&self) -> Result<(), TaskError> {
        if let Some(arn) = literal(&self.role_arn) {
            if !is_role_arn(arn) {
                return Err(TaskError::field(
                    "Target.RoleArn",
                    format!("`{arn}` is not an IAM role ARN (`arn:<partition>:iam::<account>:role/<name>`)"),
                ));
            }
        }
        if let Some(arn) = literal(&self.arn) {
            if !arn.starts_with("arn:") || arn.len() > 1600 {
                return Err(TaskError::field("Target.Arn", format!("`{arn}` is not an ARN")));
            }
        }
        if let Some(input) = self.input.as_ref().and_then(literal) {
            if input.is_empty() || input.len() > 256 * 1024 {
                return Err(TaskError::field(
                    "Target.Input",
                    "the target's input must be 1 character to 256 KB",
                ));
            }
        }
        if let Some((age, attempts)) = self.retry {
            if age.subsec_nanos() != 0 || !(60..=86_400).contains(&age.as_secs()) {
                return Err(TaskError::field(
                    "Target.RetryPolicy.MaximumEventAgeInSeconds",
                    format!("{} s is not 60 to 86400 whole seconds", age.as_secs_f64()),
                ));
            }
            if attempts > 185 {
                return Err(TaskError::field(
                    "Target.RetryPolicy.MaximumRetryAttempts",
                    format!("{attempts} retries is more than 185"),
                ));
            }
        }
        Ok(())
    }
}

/// Creates an EventBridge Scheduler schedule (`arn:aws:states:::aws-sdk:scheduler:createSchedule`):
/// a rate, cron or one-time [`Schedule`] that invokes a [`SchedulerTarget`], with an optional
/// flexible time window, group, start and end dates, time zone and KMS key. An AWS SDK
/// integration: request-response (default) or wait-for-task-token (the target reporting back
/// with the token passed in its input); not run-job.
///
/// IAM: `scheduler:CreateSchedule` on the schedule
/// (`arn:<partition>:scheduler:<region>:<account>:schedule/<group>/<name>`, the group `default`
/// unless set; a name or group read from the input widens its part to `*`), and `iam:PassRole`
/// on the target's role for `scheduler.amazonaws.com` only (on `*` with that condition when the
/// role is read from the input; the condition of the AWS managed policy
/// `AmazonEventBridgeSchedulerFullAccess`). With a KMS key, the target's role (not the state machine's)
/// needs `kms:Decrypt` on it: [`grant_key_to_target_role`](Self::grant_key_to_target_role).
///
/// Deviation from the CDK, reviewed in the parity test: the CDK grants `iam:PassRole` without
/// the `iam:PassedToService` condition.
///
/// ```
/// use std::time::Duration;
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{EventBridgeSchedulerCreateScheduleTask, Schedule, SchedulerTarget};
/// let target = SchedulerTarget::new("arn:aws:sqs:us-east-1:123456789012:TargetQueue", "arn:aws:iam::123456789012:role/SchedulerRole");
/// let task = Task::new(
///     "Create Schedule",
///     EventBridgeSchedulerCreateScheduleTask::new("TestSchedule", Schedule::rate(Duration::from_secs(300)), target)
///         .flexible_time_window(Duration::from_secs(300)),
/// );
/// let r = stepfunctions::testing::render_state(task).unwrap();
/// assert_eq!(r["States"]["Create Schedule"]["Parameters"]["ScheduleExpression"], "rate(5 minutes)");
/// assert_eq!(r["States"]["Create Schedule"]["Parameters"]["FlexibleTimeWindow"]["Mode"], "FLEXIBLE");
/// ```
///
/// An SDK integration has no run-job pattern:
///
/// ```compile_fail
/// use std::time::Duration;
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{EventBridgeSchedulerCreateScheduleTask, Schedule, SchedulerTarget};
/// let target = SchedulerTarget::new("arn:aws:sqs:us-east-1:123456789012:Q", "arn:aws:iam::123456789012:role/R");
/// let t = Task::new("S", EventBridgeSchedulerCreateScheduleTask::new("S", Schedule::rate(Duration::from_secs(60)), target)).run_job();
/// ```
#[derive(Debug, Clone)]
pub struct EventBridgeSchedulerCreateScheduleTask {
    name: Payload,
    schedule: Schedule,
    target: SchedulerTarget,
    action_after_completion: ScheduleActionAfterCompletion,
    client_token: Option<Payload>,
    description: Option<Payload>,
    start: Option<ScheduleTime>,
    end: Option<ScheduleTime>,
    flexible_window: Option<Duration>,
    group: Option<Payload>,
    kms_key: Option<Expr>,
    timezone: Option<Payload>,
    enabled: bool,
}

impl EventBridgeSchedulerCreateScheduleTask {
    /// A schedule named `name` (1 to 64 letters, digits, `-`, `_` or `.`; or read from the
    /// input) running `schedule` to invoke `target`.
    ///
    /// ```
    /// use stepfunctions_tasks::{EventBridgeSchedulerCreateScheduleTask, Schedule, ScheduleTime, SchedulerTarget};
    /// let target = SchedulerTarget::new("arn:aws:sqs:us-east-1:123456789012:Q", "arn:aws:iam::123456789012:role/R");
    /// let once = EventBridgeSchedulerCreateScheduleTask::new(
    ///     stepfunctions::JsonPath::string_at("$.reminderName"),
    ///     Schedule::one_time(ScheduleTime::utc(2030, 1, 1, 9, 0, 0)),
    ///     target,
    /// );
    /// ```
    pub fn new(name: impl Into<Payload>, schedule: Schedule, target: SchedulerTarget) -> Self {
        EventBridgeSchedulerCreateScheduleTask {
            name: name.into(),
            schedule,
            target,
            action_after_completion: ScheduleActionAfterCompletion::None,
            client_token: None,
            description: None,
            start: None,
            end: None,
            flexible_window: None,
            group: None,
            kms_key: None,
            timezone: None,
            enabled: true,
        }
    }

    /// Keeps (default) or deletes the schedule after its last run.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let target = SchedulerTarget::new("arn:aws:sqs:us-east-1:123456789012:Q", "arn:aws:iam::123456789012:role/R");
    /// let t = EventBridgeSchedulerCreateScheduleTask::new("Once", Schedule::one_time(ScheduleTime::utc(2030, 1, 1, 0, 0, 0)), target)
    ///     .action_after_completion(ScheduleActionAfterCompletion::Delete);
    /// ```
    #[must_use]
    pub fn action_after_completion(mut self, action: ScheduleActionAfterCompletion) -> Self {
        self.action_after_completion = action;
        self
    }

    /// The idempotency token (1 to 64 letters, digits, `-` or `_`). Default: one Scheduler
    /// generates.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let target = SchedulerTarget::new("arn:aws:sqs:us-east-1:123456789012:Q", "arn:aws:iam::123456789012:role/R");
    /// let t = EventBridgeSchedulerCreateScheduleTask::new("S", Schedule::rate(std::time::Duration::from_secs(60)), target)
    ///     .client_token(stepfunctions::JsonPath::string_at("$$.Execution.Name"));
    /// ```
    #[must_use]
    pub fn client_token(mut self, token: impl Into<Payload>) -> Self {
        self.client_token = Some(token.into());
        self
    }

    /// A description, at most 512 characters. Default: none.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let target = SchedulerTarget::new("arn:aws:sqs:us-east-1:123456789012:Q", "arn:aws:iam::123456789012:role/R");
    /// let t = EventBridgeSchedulerCreateScheduleTask::new("S", Schedule::rate(std::time::Duration::from_secs(60)), target)
    ///     .description("nightly export");
    /// ```
    #[must_use]
    pub fn description(mut self, text: impl Into<Payload>) -> Self {
        self.description = Some(text.into());
        self
    }

    /// The first time a rate or cron schedule may run. Default: when it is created.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let target = SchedulerTarget::new("arn:aws:sqs:us-east-1:123456789012:Q", "arn:aws:iam::123456789012:role/R");
    /// let t = EventBridgeSchedulerCreateScheduleTask::new("S", Schedule::rate(std::time::Duration::from_secs(60)), target)
    ///     .start_date(ScheduleTime::utc(2030, 1, 1, 0, 0, 0));
    /// ```
    #[must_use]
    pub fn start_date(mut self, time: ScheduleTime) -> Self {
        self.start = Some(time);
        self
    }

    /// The last time a rate or cron schedule may run, after the start date. Default: none.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let target = SchedulerTarget::new("arn:aws:sqs:us-east-1:123456789012:Q", "arn:aws:iam::123456789012:role/R");
    /// let t = EventBridgeSchedulerCreateScheduleTask::new("S", Schedule::rate(std::time::Duration::from_secs(60)), target)
    ///     .end_date(ScheduleTime::utc(2030, 12, 31, 23, 59, 59));
    /// ```
    #[must_use]
    pub fn end_date(mut self, time: ScheduleTime) -> Self {
        self.end = Some(time);
        self
    }

    /// Lets each run start up to `window` (1 to 1440 whole minutes) after its time
    /// (`FLEXIBLE`). Default: on time (`OFF`).
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let target = SchedulerTarget::new("arn:aws:sqs:us-east-1:123456789012:Q", "arn:aws:iam::123456789012:role/R");
    /// let t = EventBridgeSchedulerCreateScheduleTask::new("S", Schedule::rate(std::time::Duration::from_secs(3600)), target)
    ///     .flexible_time_window(std::time::Duration::from_secs(15 * 60));
    /// ```
    #[must_use]
    pub fn flexible_time_window(mut self, window: Duration) -> Self {
        self.flexible_window = Some(window);
        self
    }

    /// The schedule group (1 to 64 letters, digits, `-`, `_` or `.`). Default: `default`.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let target = SchedulerTarget::new("arn:aws:sqs:us-east-1:123456789012:Q", "arn:aws:iam::123456789012:role/R");
    /// let t = EventBridgeSchedulerCreateScheduleTask::new("S", Schedule::rate(std::time::Duration::from_secs(60)), target)
    ///     .group_name(cfn_model::Expr::reference("Group"));
    /// ```
    #[must_use]
    pub fn group_name(mut self, group: impl Into<Payload>) -> Self {
        self.group = Some(group.into());
        self
    }

    /// The customer managed KMS key (its ARN) that encrypts the target's input. Default: an
    /// AWS owned key.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let target = SchedulerTarget::new("arn:aws:sqs:us-east-1:123456789012:Q", "arn:aws:iam::123456789012:role/R");
    /// let t = EventBridgeSchedulerCreateScheduleTask::new("S", Schedule::rate(std::time::Duration::from_secs(60)), target)
    ///     .kms_key(cfn_model::Expr::get_att("Key", "Arn"));
    /// ```
    #[must_use]
    pub fn kms_key(mut self, key_arn: impl Into<Expr>) -> Self {
        self.kms_key = Some(key_arn.into());
        self
    }

    /// The time zone of the schedule expression (`Europe/Paris`; 1 to 50 characters).
    /// Default: UTC.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let target = SchedulerTarget::new("arn:aws:sqs:us-east-1:123456789012:Q", "arn:aws:iam::123456789012:role/R");
    /// let t = EventBridgeSchedulerCreateScheduleTask::new("S", Schedule::cron(ScheduleCron::new().minute("0").hour("9")), target)
    ///     .timezone("Europe/Paris");
    /// ```
    #[must_use]
    pub fn timezone(mut self, zone: impl Into<Payload>) -> Self {
        self.timezone = Some(zone.into());
        self
    }

    /// Creates the schedule enabled (default) or disabled.
    ///
    /// ```
    /// # use stepfunctions_tasks::*;
    /// # let target = SchedulerTarget::new("arn:aws:sqs:us-east-1:123456789012:Q", "arn:aws:iam::123456789012:role/R");
    /// let t = EventBridgeSchedulerCreateScheduleTask::new("S", Schedule::rate(std::time::Duration::from_secs(60)), target)
    ///     .enabled(false);
    /// ```
    #[must_use]
    pub fn enabled(mut self, enabled: bool) -> Self {
        self.enabled = enabled;
        self
    }

    /// Grants the target's role `kms:Decrypt` on the schedule's key, as an `AWS::IAM::Policy`
    /// with the construct id given, attached to the role: by its `Ref` when the role's ARN is
    /// the `Arn` of a role of the template, by the name in a literal role ARN otherwise.
    ///
    /// ```
    /// use stepfunctions_tasks::*;
    /// let target = SchedulerTarget::new("arn:aws:sqs:us-east-1:123456789012:Q", "arn:aws:iam::123456789012:role/SchedulerRole");
    /// let task = EventBridgeSchedulerCreateScheduleTask::new("S", Schedule::rate(std::time::Duration::from_secs(60)), target)
    ///     .kms_key("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");
    /// let mut t = cfn_model::Template::new();
    /// task.grant_key_to_target_role(&mut t, "SchedulerRole Policy").unwrap();
    /// assert!(t.resource("SchedulerRolePolicy").is_some());
    /// ```
    pub fn grant_key_to_target_role(
        &self,
        template: &mut Template,
        construct_id: &str,
    ) -> Result<(), stepfunctions::Error> {
        let invalid = |field, reason: &str| stepfunctions::Error::InvalidResource {
            construct: construct_id.into(),
            field,
            reason: reason.into(),
        };
        let key = self
            .kms_key
            .clone()
            .ok_or_else(|| invalid("KmsKeyArn", "the schedule has no KMS key to grant"))?;
        let role = match static_value(&self.target.role_arn) {
            Some(Expr::GetAtt(id, attribute)) if attribute == "Arn" => Expr::reference(id.as_str()),
            Some(Expr::Literal(arn)) if is_role_arn(arn) => Expr::lit(arn.rsplit('/').next().unwrap_or_default()),
            _ => {
                return Err(invalid(
                    "Target.RoleArn",
                    "the target's role is neither a role of the template nor a literal role ARN",
                ))
            }
        };
        let mut doc = PolicyDocument::new();
        doc.add(PolicyStatement::allow(["kms:Decrypt"], [key]));
        let id = cfn_model::LogicalId::from_construct_id(construct_id)?;
        let policy = Policy::new(id.as_str(), doc, [role]);
        template.add_resource(construct_id, policy.into_resource())?;
        Ok(())
    }

    fn schedule_arn(&self) -> Expr {
        let part = |p: Option<&Payload>, default: &str| match p {
            None => Expr::lit(default),
            Some(p) => static_value(p).cloned().unwrap_or_else(|| Expr::lit("*")),
        };
        stack_arn(
            "scheduler",
            Expr::concat([
                Expr::lit("schedule/"),
                part(self.group.as_ref(), "default"),
                Expr::lit("/"),
                part(Some(&self.name), ""),
            ]),
        )
    }
}

/// 1 to 64 letters, digits, `-`, `_`, and `.` where `dot` allows it.
fn check_name(field: &str, value: Option<&Payload>, dot: bool) -> Result<(), TaskError> {
    let Some(text) = value.and_then(literal) else {
        return Ok(());
    };
    let valid = (1..=64).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || (dot && b == b'.'));
    if valid {
        Ok(())
    } else {
        let allowed = if dot {
            "letters, digits, `-`, `_` or `.`"
        } else {
            "letters, digits, `-` or `_`"
        };
        Err(TaskError::field(field, format!("`{text}` must be 1 to 64 {allowed}")))
    }
}

fn check_len(field: &str, value: Option<&Payload>, min: usize, max: usize) -> Result<(), TaskError> {
    match value.and_then(literal) {
        Some(text) if !(min..=max).contains(&text.chars().count()) => Err(TaskError::field(
            field,
            format!("must be {min} to {max} characters, not {}", text.chars().count()),
        )),
        _ => Ok(()),
    }
}

impl ServiceIntegration for EventBridgeSchedulerCreateScheduleTask {
    const SERVICE: &'static str = "aws-sdk:scheduler";
    const API: &'static str = "createSchedule";

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        let window = match self.flexible_window {
            Some(w) => Payload::from_object([
                ("Mode", Payload::from_text("FLEXIBLE")),
                ("MaximumWindowInMinutes", Payload::Number((w.as_secs() / 60).into())),
            ]),
            None => Payload::from_object([("Mode", Payload::from_text("OFF"))]),
        };
        let action = match self.action_after_completion {
            ScheduleActionAfterCompletion::None => "NONE",
            ScheduleActionAfterCompletion::Delete => "DELETE",
        };
        let fields = [
            ("ActionAfterCompletion", Some(Payload::from_text(action))),
            ("ClientToken", self.client_token.clone()),
            ("Description", self.description.clone()),
            ("EndDate", self.end.map(|t| Payload::from_text(t.iso8601()))),
            ("FlexibleTimeWindow", Some(window)),
            ("GroupName", self.group.clone()),
            ("KmsKeyArn", self.kms_key.clone().map(Payload::String)),
            ("Name", Some(self.name.clone())),
            (
                "ScheduleExpression",
                Some(Payload::from_text(self.schedule.expression.as_str())),
            ),
            ("ScheduleExpressionTimezone", self.timezone.clone()),
            ("StartDate", self.start.map(|t| Payload::from_text(t.iso8601()))),
            (
                "State",
                Some(Payload::from_text(if self.enabled { "ENABLED" } else { "DISABLED" })),
            ),
            ("Target", Some(self.target.payload())),
        ];
        Some(object_of_set(fields))
    }

    fn policy_statements(&self, _pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        let role = static_value(&self.target.role_arn)
            .cloned()
            .unwrap_or_else(|| Expr::lit("*"));
        vec![
            PolicyStatement::allow(["scheduler:CreateSchedule"], [self.schedule_arn()]),
            PolicyStatement::allow(["iam:PassRole"], [role]).condition(
                "StringLike",
                "iam:PassedToService",
                [Expr::lit("scheduler.amazonaws.com")],
            ),
        ]
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        check_name("Name", Some(&self.name), true)?;
        check_name("GroupName", self.group.as_ref(), true)?;
        check_name("ClientToken", self.client_token.as_ref(), false)?;
        check_len("Description", self.description.as_ref(), 0, 512)?;
        check_len("ScheduleExpressionTimezone", self.timezone.as_ref(), 1, 50)?;
        if let Some(problem) = &self.schedule.problem {
            return Err(TaskError::field("ScheduleExpression", problem.clone()));
        }
        if let Some(at) = &self.schedule.one_time {
            at.check("ScheduleExpression")?;
        }
        if let Some(start) = &self.start {
            start.check("StartDate")?;
        }
        if let Some(end) = &self.end {
            end.check("EndDate")?;
        }
        if let (Some(start), Some(end)) = (self.start, self.end) {
            if start >= end {
                return Err(TaskError::field(
                    "EndDate",
                    format!(
                        "the end date {} is not after the start date {}",
                        end.iso8601(),
                        start.iso8601()
                    ),
                ));
            }
        }
        if let Some(w) = self.flexible_window {
            if w.subsec_nanos() != 0 || w.as_secs() % 60 != 0 || !(1..=1440).contains(&(w.as_secs() / 60)) {
                return Err(TaskError::field(
                    "FlexibleTimeWindow.MaximumWindowInMinutes",
                    format!("a window of {} s is not 1 to 1440 whole minutes", w.as_secs_f64()),
                ));
            }
        }
        if let Some(key) = &self.kms_key {
            crate::util::check_kms_key_arn(key).map_err(|reason| TaskError::field("KmsKeyArn", reason))?;
        }
        self.target.check()
    }
}

impl SupportsWaitForTaskToken for EventBridgeSchedulerCreateScheduleTask {}
