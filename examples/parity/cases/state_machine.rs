//! `sm_*`: state machine options.

use std::time::Duration;

use stepfunctions_cdk::cfn_model::iam::{Policy, PolicyDocument, Role};
use stepfunctions_cdk::prelude::*;

use super::Build;

pub const CASES: &[(&str, Build)] = &[
    ("sm_imported_role", sm_imported_role),
    ("sm_task_credentials_json_path", sm_task_credentials_json_path),
    (
        "sm_definition_from_string_substitutions",
        sm_definition_from_string_substitutions,
    ),
    ("sm_encryption_aws_owned_activity", sm_encryption_aws_owned_activity),
    ("sm_encryption_customer_managed", sm_encryption_customer_managed),
    ("sm_grant_start_execution", sm_grant_start_execution),
];

const KEY_ARN: &str = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

fn my_fn() -> LambdaFunction {
    LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:MyFn")
}

/// A state machine running as an existing role imported by ARN: the task's statements go on a
/// new policy attached to that role.
fn sm_imported_role(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let role = ExistingRole::from_arn("arn:aws:iam::123456789012:role/ExistingStatesRole");
    Ok(
        StateMachine::new("StateMachine", Task::new("Invoke", LambdaInvoke::new(my_fn())))
            .role(role)
            .add_to(t)?
            .warnings,
    )
}

/// Task credentials from the input: the state machine's role may assume any role.
fn sm_task_credentials_json_path(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let task = Task::new("Submit Job", LambdaInvoke::new(my_fn()))
        .output_path("$.Payload")
        .credentials(Credentials::role_at("$.roleArn"));
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}

/// A definition given as ASL text, its placeholders filled by definition substitutions; the
/// role's statement for the topic given by hand, as `topic.grantPublish(sm)` does.
fn sm_definition_from_string_substitutions(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let topic = "arn:aws:sns:us-east-1:123456789012:MyTopic";
    let asl = serde_json::json!({
        "StartAt": "Notify",
        "States": {
            "Notify": {
                "Type": "Task",
                "Resource": "arn:aws:states:::sns:publish",
                "Parameters": {"TopicArn": "${TopicArn}", "Message.$": "$.message"},
                "Next": "Done",
            },
            "Done": {"Type": "Pass", "Result": "${Greeting}", "End": true},
        },
    });
    Ok(StateMachine::from_asl("StateMachine", asl.to_string())
        .definition_substitution("TopicArn", topic)
        .definition_substitution("Greeting", "hello")
        .add_to_role_policy(PolicyStatement::allow(["sns:Publish"], [Expr::lit(topic)]))
        .add_to(t)?
        .warnings)
}

/// An activity encrypted with an imported customer managed key, run by a state machine
/// encrypted with the AWS-owned key: the role may use the activity's key for that activity.
fn sm_encryption_aws_owned_activity(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let activity = Activity::new("Activity")
        .name("EncryptedActivity")
        .encryption(CustomerManagedKey::new(KEY_ARN).data_key_reuse_period(Duration::from_secs(75)));
    let task = Task::new("Run Activity", StepFunctionsInvokeActivity::of(&activity));
    activity.add_to(t)?;
    Ok(StateMachine::new("StateMachine", task)
        .encryption(Encryption::AwsOwnedKey)
        .add_to(t)?
        .warnings)
}

/// A named Standard state machine encrypted with an imported customer managed key, data keys
/// reused for 60 seconds.
fn sm_encryption_customer_managed(t: &mut Template) -> Result<Vec<Warning>, Error> {
    Ok(StateMachine::new("StateMachine", Pass::new("Pass"))
        .state_machine_name("EncryptedStateMachine")
        .state_machine_type(StateMachineType::Standard)
        .encryption(CustomerManagedKey::new(KEY_ARN).data_key_reuse_period(Duration::from_secs(60)))
        .add_to(t)?
        .warnings)
}

/// Another principal's role granted start execution and read on the state machine.
fn sm_grant_start_execution(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let caller = t.add_resource("CallerRole", Role::for_service("lambda.amazonaws.com").into_resource())?;
    let rendered = StateMachine::new("StateMachine", Pass::new("Pass")).add_to(t)?;
    let mut document = PolicyDocument::new();
    document.add(rendered.grant_start_execution());
    document.extend(rendered.grant_read());
    t.add_resource(
        "CallerRoleDefaultPolicy",
        Policy::new("CallerRoleDefaultPolicy", document, [Expr::reference(caller.as_str())]).into_resource(),
    )?;
    Ok(rendered.warnings)
}
