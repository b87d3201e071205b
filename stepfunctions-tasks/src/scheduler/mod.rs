//! Amazon EventBridge Scheduler: create a schedule through the AWS SDK integration.
//!
//! See <https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html>.

mod create_schedule;

pub use create_schedule::{
    EventBridgeSchedulerCreateScheduleTask, Schedule, ScheduleActionAfterCompletion, ScheduleCron, ScheduleTime,
    SchedulerTarget,
};
