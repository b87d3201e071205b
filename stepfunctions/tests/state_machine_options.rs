//! The state machine's options: encryption (AWS-owned key, customer managed key imported or
//! created, with logging), encrypted activities, a definition given as ASL text, and grants to
//! other principals; each rendering snapshotted and each rejection tested.

use std::time::Duration;

use cfn_model::{Expr, Template};
use serde_json::{json, Value};
use stepfunctions::prelude::*;
use stepfunctions::{Error, StepFunctionsInvokeActivity, Warning};

const KEY: &str = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

fn to_value(t: &Template) -> Value {
    serde_json::from_str(&t.to_json_compact().unwrap()).unwrap()
}

fn template(machine: StateMachine) -> Value {
    let mut t = Template::new();
    machine.add_to(&mut t).expect("the state machine renders");
    to_value(&t)
}

/// The template's resources without the state machine's role and definition (the same in every
/// case here), for a snapshot.
fn resources(t: &Value) -> String {
    let mut resources = t["Resources"].clone();
    let map = resources.as_object_mut().unwrap();
    map.remove("MRole");
    if let Some(m) = map.get_mut("M") {
        m["Properties"].as_object_mut().unwrap().remove("Definition");
    }
    serde_json::to_string_pretty(&resources).unwrap()
}

fn log_group() -> LogOptions {
    LogOptions::new(Expr::get_att("Logs", "Arn")).level(LogLevel::All)
}

fn error_of(machine: StateMachine) -> Error {
    let mut t = Template::new();
    let e = machine.add_to(&mut t).expect_err("the state machine is rejected");
    assert!(t.resources().is_empty(), "a rejected machine adds nothing");
    e
}

// ---- Encryption ---------------------------------------------------------------------------

#[test]
fn aws_owned_key_is_written_and_grants_nothing() {
    let t = template(StateMachine::new("M", Pass::new("P")).encryption(Encryption::AwsOwnedKey));
    assert_eq!(
        t["Resources"]["M"]["Properties"]["EncryptionConfiguration"],
        json!({"Type": "AWS_OWNED_KEY"})
    );
    assert!(t["Resources"].get("MRoleDefaultPolicy").is_none());
}

#[test]
fn imported_key_on_a_named_machine_is_granted_for_that_machine() {
    let t = template(
        StateMachine::new("M", Pass::new("P"))
            .state_machine_name("Orders")
            .encryption(CustomerManagedKey::new(KEY).data_key_reuse_period(Duration::from_secs(900))),
    );
    insta::assert_snapshot!(resources(&t));
}

#[test]
fn created_key_on_an_unnamed_logging_machine() {
    // No name: the grant names the machine by `Ref` on a policy the machine does not wait for.
    let t = template(
        StateMachine::new("M", Pass::new("P"))
            .logs(log_group())
            .encryption(CustomerManagedKey::new(
                KmsKey::create("Key").description("orders").encrypts_log_groups(),
            )),
    );
    insta::assert_snapshot!(resources(&t));
    assert_eq!(
        t["Resources"]["M"]["Properties"]["EncryptionConfiguration"],
        json!({"KmsDataKeyReusePeriodSeconds": 300, "KmsKeyId": {"Fn::GetAtt": ["Key", "Arn"]}, "Type": "CUSTOMER_MANAGED_KMS_KEY"})
    );
    assert_eq!(t["Resources"]["M"]["DependsOn"], json!(["MRoleDefaultPolicy"]));
}

#[test]
fn a_key_id_becomes_an_arn_in_the_stack_region() {
    let t = template(
        StateMachine::new("M", Pass::new("P"))
            .state_machine_name("Orders")
            .encryption(CustomerManagedKey::new("1234abcd-12ab-34cd-56ef-1234567890ab")),
    );
    let statement = &t["Resources"]["MRoleDefaultPolicy"]["Properties"]["PolicyDocument"]["Statement"][0];
    assert_eq!(
        statement["Resource"],
        json!({"Fn::Sub": "arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/1234abcd-12ab-34cd-56ef-1234567890ab"})
    );
}

#[test]
fn imported_roles_get_the_key_grant_or_a_warning() {
    let role = "arn:aws:iam::123456789012:role/States";
    let machine = || StateMachine::new("M", Pass::new("P")).encryption(CustomerManagedKey::new(KEY));
    let t = template(machine().role(ExistingRole::from_arn(role)));
    assert_eq!(
        t["Resources"]["MEncryptionPolicy"]["Properties"]["Roles"],
        json!(["States"])
    );
    let mut t = Template::new();
    let rendered = machine()
        .role(ExistingRole::from_arn(role).immutable())
        .add_to(&mut t)
        .unwrap();
    assert_eq!(
        rendered.warnings,
        [Warning::PermissionsNotGranted {
            state_machine: "M".into(),
            statements: 1
        }]
    );
    assert!(to_value(&t)["Resources"].get("MEncryptionPolicy").is_none());
}

#[test]
fn encryption_rejections() {
    let cases: [(CustomerManagedKey, &str, &str); 6] = [
        (
            CustomerManagedKey::new(KEY).data_key_reuse_period(Duration::from_secs(59)),
            "KmsDataKeyReusePeriodSeconds",
            "must be 60 to 900 seconds, got 59",
        ),
        (
            CustomerManagedKey::new(KEY).data_key_reuse_period(Duration::from_secs(901)),
            "KmsDataKeyReusePeriodSeconds",
            "got 901",
        ),
        (
            CustomerManagedKey::new(KEY).data_key_reuse_period(Duration::from_millis(60_500)),
            "KmsDataKeyReusePeriodSeconds",
            "whole",
        ),
        (CustomerManagedKey::new("alias/orders"), "KmsKeyId", "is an alias"),
        (
            CustomerManagedKey::new("arn:aws:kms:us-east-1:123456789012:alias/orders"),
            "KmsKeyId",
            "is an alias",
        ),
        (
            CustomerManagedKey::new("arn:aws:s3:::bucket"),
            "KmsKeyId",
            "is not a KMS key ARN",
        ),
    ];
    for (key, field, reason) in cases {
        let e = error_of(StateMachine::new("M", Pass::new("P")).encryption(key));
        match &e {
            Error::InvalidResource {
                construct,
                field: f,
                reason: r,
            } => {
                assert_eq!((construct.as_str(), *f), ("M", field), "{e}");
                assert!(r.contains(reason), "{r}");
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}

#[test]
fn a_created_key_whose_id_is_taken_is_an_error() {
    let mut t = Template::new();
    t.add_resource("Key", cfn_model::Resource::new("AWS::SNS::Topic"))
        .unwrap();
    let e = StateMachine::new("M", Pass::new("P"))
        .encryption(CustomerManagedKey::new(KmsKey::create("Key")))
        .add_to(&mut t)
        .unwrap_err();
    assert!(e.to_string().contains("Key"), "{e}");
    assert_eq!(t.resources().len(), 1, "nothing is added");
}

// ---- Activities ---------------------------------------------------------------------------

#[test]
fn encrypted_activity_key_policy_and_the_runner_grant() {
    let activity = Activity::new("Worker").encryption(
        CustomerManagedKey::new(KmsKey::create("WorkerKey")).data_key_reuse_period(Duration::from_secs(120)),
    );
    let mut t = Template::new();
    let machine = StateMachine::new("M", Task::new("Work", StepFunctionsInvokeActivity::of(&activity)));
    activity.add_to(&mut t).unwrap();
    machine.add_to(&mut t).unwrap();
    insta::assert_snapshot!(resources(&to_value(&t)));
}

#[test]
fn an_imported_encrypted_activity_is_granted_by_its_key() {
    let invoke =
        StepFunctionsInvokeActivity::new("arn:aws:states:us-east-1:123456789012:activity:Work").encrypted_with(KEY);
    let t = template(StateMachine::new("M", Task::new("Work", invoke)));
    assert_eq!(
        t["Resources"]["MRoleDefaultPolicy"]["Properties"]["PolicyDocument"]["Statement"],
        json!([{
            "Effect": "Allow",
            "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
            "Resource": KEY,
            "Condition": {"StringEquals": {
                "kms:EncryptionContext:aws:states:activityArn": "arn:aws:states:us-east-1:123456789012:activity:Work"
            }}
        }])
    );
}

#[test]
fn activity_rejections() {
    let mut t = Template::new();
    let e = Activity::new("Worker")
        .encryption(CustomerManagedKey::new(KEY).data_key_reuse_period(Duration::from_secs(10)))
        .add_to(&mut t)
        .unwrap_err();
    assert!(e.to_string().contains("KmsDataKeyReusePeriodSeconds"), "{e}");
    let e = Activity::new("Worker").name("bad name").add_to(&mut t).unwrap_err();
    assert!(e.to_string().contains("an activity name"), "{e}");
    assert!(t.resources().is_empty());
}

// ---- A definition given as ASL text -------------------------------------------------------

const ASL: &str =
    r#"{"StartAt": "Hello", "States": {"Hello": {"Type": "Pass", "Result": "${Greeting}", "End": true}}}"#;

#[test]
fn asl_text_is_written_as_it_is_with_its_substitutions() {
    let machine = StateMachine::from_asl("M", ASL).definition_substitution("Greeting", "hi");
    assert_eq!(machine.render_asl().unwrap().definition, ASL);
    let t = template(machine);
    let props = &t["Resources"]["M"]["Properties"];
    assert_eq!(props["DefinitionString"], ASL);
    assert_eq!(props["DefinitionSubstitutions"], json!({"Greeting": "hi"}));
    assert!(t["Resources"].get("MRoleDefaultPolicy").is_none());
}

#[test]
fn a_distributed_map_in_asl_text_gets_its_child_execution_policy() {
    let asl = json!({"StartAt": "Each", "States": {"Each": {
        "Type": "Map", "Label": "Nightly", "End": true,
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Work", "States": {"Work": {"Type": "Pass", "End": true}}}
    }}});
    let t = template(StateMachine::from_asl("M", asl.to_string()));
    let statements = &t["Resources"]["MDistributedMapPolicy"]["Properties"]["PolicyDocument"]["Statement"];
    assert_eq!(statements[0]["Action"], "states:StartExecution");
    assert!(
        statements[2]["Resource"].to_string().contains("/Nightly:*"),
        "{statements}"
    );
    // And an Express machine does not run it.
    let e = error_of(StateMachine::from_asl("M", asl.to_string()).state_machine_type(StateMachineType::Express));
    assert!(
        matches!(&e, Error::NotInExpress { state, what } if state == "Each" && *what == "Distributed Maps"),
        "{e}"
    );
}

#[test]
fn asl_text_rejections() {
    let cases = [
        (StateMachine::from_asl("M", "{"), "is not JSON"),
        (StateMachine::from_asl("M", "[]"), "is not a JSON object"),
        (StateMachine::from_asl("M", r#"{"States": {}}"#), "no `StartAt`"),
        (StateMachine::from_asl("M", r#"{"StartAt": "A"}"#), "no `States`"),
        (
            StateMachine::from_asl("M", r#"{"StartAt": "A", "States": {"B": {"Type": "Succeed"}}}"#),
            "`StartAt` names `A`",
        ),
        (StateMachine::from_asl("M", ASL).comment("c"), "`comment` is set"),
        (
            StateMachine::from_asl("M", ASL).timeout(Duration::from_secs(5)),
            "`timeout` is set",
        ),
        (
            StateMachine::from_asl("M", ASL).query_language(QueryLanguage::Jsonata),
            "`query_language` is set",
        ),
    ];
    for (machine, reason) in cases {
        let e = error_of(machine);
        assert!(
            matches!(&e, Error::InvalidResource { field: "DefinitionString", reason: r, .. } if r.contains(reason)),
            "{reason}: {e}"
        );
    }
    let big = format!(
        r#"{{"StartAt": "A", "States": {{"A": {{"Type": "Pass", "Result": "{}", "End": true}}}}}}"#,
        "x".repeat(1_048_576)
    );
    assert!(matches!(
        error_of(StateMachine::from_asl("M", big)),
        Error::DefinitionTooLarge { .. }
    ));
    let e = error_of(
        StateMachine::from_asl(
            "M",
            r#"{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken", "End": true}}}"#,
        )
        .state_machine_type(StateMachineType::Express),
    );
    assert!(matches!(&e, Error::NotInExpress { state, .. } if state == "A"), "{e}");
}

// ---- Grants -------------------------------------------------------------------------------

#[test]
fn grants_name_the_machine_or_its_executions() {
    let mut t = Template::new();
    let r = StateMachine::new("M", Pass::new("P")).add_to(&mut t).unwrap();
    let all = json!({
        "start": r.grant_start_execution(),
        "sync": r.grant_start_sync_execution(),
        "task response": r.grant_task_response(),
        "read": r.grant_read(),
        "execution": r.grant_execution(["states:StopExecution", "states:RedriveExecution"]),
        "any": r.grant(["states:UpdateStateMachine"]),
    });
    insta::assert_snapshot!(serde_json::to_string_pretty(&all).unwrap());
}

#[test]
fn a_distributed_map_in_a_custom_state_gets_its_child_execution_policy() {
    let custom = CustomState::new(
        "Each",
        json!({"Type": "Map", "End": true, "ItemProcessor": {
            "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Work", "States": {"Work": {"Type": "Pass", "End": true}}}}),
    );
    let t = template(StateMachine::new("M", custom));
    let statements = &t["Resources"]["MDistributedMapPolicy"]["Properties"]["PolicyDocument"]["Statement"];
    assert!(statements[2]["Resource"].to_string().contains("/*:*"), "{statements}");
    let e = error_of(
        StateMachine::new(
            "M",
            CustomState::new(
                "Each",
                json!({"Type": "Map", "End": true, "ItemProcessor": {
                    "ProcessorConfig": {"Mode": "DISTRIBUTED"},
                    "StartAt": "Work", "States": {"Work": {"Type": "Pass", "End": true}}}}),
            ),
        )
        .state_machine_type(StateMachineType::Express),
    );
    assert!(
        matches!(&e, Error::NotInExpress { what, .. } if *what == "Distributed Maps"),
        "{e}"
    );
}
