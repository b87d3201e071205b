//! What a state machine adds to a template: role, policy, definition and substitutions,
//! logging, tracing, existing roles, activities.

use cfn_model::iam::PolicyStatement;
use cfn_model::{DeletionPolicy, Expr, Template};
use serde_json::{json, Value};
use stepfunctions::prelude::*;

fn render(machine: StateMachine) -> Value {
    let mut t = Template::new();
    machine.add_to(&mut t).unwrap();
    serde_json::from_str(&t.to_json_compact().unwrap()).unwrap()
}

#[test]
fn a_machine_without_tasks_gets_a_role_and_no_policy() {
    let t = render(StateMachine::new("Flow", Pass::new("P")));
    let resources = t["Resources"].as_object().unwrap();
    assert_eq!(resources.keys().collect::<Vec<_>>(), ["FlowRole", "Flow"]);
    assert!(
        t["Resources"]["Flow"].get("DependsOn").is_none(),
        "the GetAtt of the role orders it"
    );
    assert_eq!(
        t["Resources"]["Flow"]["Properties"]["RoleArn"],
        json!({"Fn::GetAtt": ["FlowRole", "Arn"]})
    );
    assert!(t["Resources"]["Flow"]["Properties"]
        .get("DefinitionSubstitutions")
        .is_none());
    assert_eq!(t["Resources"]["Flow"]["DeletionPolicy"], json!("Delete"));
    // Confused-deputy protection: only state machines of this account and region assume it.
    assert_eq!(
        t["Resources"]["FlowRole"]["Properties"]["AssumeRolePolicyDocument"]["Statement"][0]["Condition"],
        json!({
            "ArnLike": {"aws:SourceArn": {"Fn::Sub": "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:*"}},
            "StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}
        })
    );
}

#[test]
fn cloudformation_values_become_substitutions_with_readable_keys() {
    let custom = CustomState::new(
        "Put",
        json!({"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem", "Parameters": {"TableName": "${TableName}"}}),
    );
    let chain = Task::new(
        "Activity",
        stepfunctions::StepFunctionsInvokeActivity::new(Expr::reference("Worker")),
    )
    .next(Task::new(
        "Again",
        stepfunctions::StepFunctionsInvokeActivity::new(Expr::reference("Worker")),
    ))
    .next(custom);
    let t = render(StateMachine::new("M", chain).definition_substitution("TableName", Expr::reference("Table")));
    let props = &t["Resources"]["M"]["Properties"];
    assert_eq!(
        props["Definition"]["States"]["Activity"]["Resource"],
        json!("${Worker}")
    );
    assert_eq!(props["Definition"]["States"]["Again"]["Resource"], json!("${Worker}"));
    assert_eq!(
        props["DefinitionSubstitutions"],
        json!({"TableName": {"Ref": "Table"}, "Worker": {"Ref": "Worker"}})
    );
}

#[test]
fn generated_keys_avoid_user_keys_and_each_other() {
    let chain = Pass::new("A")
        .parameters(Payload::from_object([
            ("a", Expr::reference("Worker").into()),
            ("b", Expr::sub("${AWS::Region}").into()),
            ("c", Expr::lit("x").into()),
        ]))
        .next(Pass::new("B").parameters(Payload::from_object([("d", Expr::import_value("Worker").into())])));
    let t = render(StateMachine::new("M", chain).definition_substitution("Worker", Expr::lit("user")));
    let props = &t["Resources"]["M"]["Properties"];
    assert_eq!(
        props["Definition"]["States"]["A"]["Parameters"],
        json!({"a": "${Worker2}", "b": "${Region}", "c": "x"})
    );
    assert_eq!(
        props["Definition"]["States"]["B"]["Parameters"],
        json!({"d": "${ImportWorker}"})
    );
    assert_eq!(
        props["DefinitionSubstitutions"],
        json!({"Worker": "user", "Worker2": {"Ref": "Worker"}, "Region": {"Ref": "AWS::Region"}, "ImportWorker": {"Fn::ImportValue": "Worker"}})
    );
}

#[test]
fn logging_tracing_name_type_and_removal_policy() {
    let t = render(
        StateMachine::new("M", Pass::new("P"))
            .state_machine_name(Expr::sub("${AWS::StackName}-flow"))
            .state_machine_type(StateMachineType::Express)
            .logs(
                LogOptions::new(Expr::get_att("Logs", "Arn"))
                    .level(LogLevel::All)
                    .include_execution_data(true),
            )
            .tracing(true)
            .removal_policy(DeletionPolicy::Retain),
    );
    let m = &t["Resources"]["M"];
    assert_eq!(
        m["Properties"]["StateMachineName"],
        json!({"Fn::Sub": "${AWS::StackName}-flow"})
    );
    assert_eq!(m["Properties"]["StateMachineType"], json!("EXPRESS"));
    assert_eq!(
        m["Properties"]["LoggingConfiguration"],
        json!({"Destinations": [{"CloudWatchLogsLogGroup": {"LogGroupArn": {"Fn::GetAtt": ["Logs", "Arn"]}}}], "IncludeExecutionData": true, "Level": "ALL"})
    );
    assert_eq!(m["Properties"]["TracingConfiguration"], json!({"Enabled": true}));
    assert_eq!(m["DeletionPolicy"], json!("Retain"));
    assert_eq!(m["DependsOn"], json!(["MRoleDefaultPolicy"]));
    let statements = &t["Resources"]["MRoleDefaultPolicy"]["Properties"]["PolicyDocument"]["Statement"];
    assert_eq!(
        statements.as_array().unwrap().len(),
        1,
        "logs and X-Ray share one statement on *"
    );
    assert_eq!(statements[0]["Resource"], json!("*"));
    assert_eq!(statements[0]["Action"].as_array().unwrap().len(), 12);
}

#[test]
fn an_existing_role_gets_the_statements_as_a_policy_by_name() {
    let t = render(
        StateMachine::new("M", Pass::new("P"))
            .role(ExistingRole::from_arn(
                "arn:aws:iam::123456789012:role/service-role/Runner",
            ))
            .add_to_role_policy(PolicyStatement::allow(["sqs:SendMessage"], [Expr::lit("*")])),
    );
    let resources = t["Resources"].as_object().unwrap();
    assert_eq!(resources.keys().collect::<Vec<_>>(), ["MRolePolicy", "M"]);
    assert_eq!(t["Resources"]["MRolePolicy"]["Properties"]["Roles"], json!(["Runner"]));
    assert_eq!(
        t["Resources"]["M"]["Properties"]["RoleArn"],
        json!("arn:aws:iam::123456789012:role/service-role/Runner")
    );
}

#[test]
fn statements_are_gathered_through_branches_and_processors() {
    let activity_task = |name: &str| {
        Task::new(
            name,
            stepfunctions::StepFunctionsInvokeActivity::new("arn:aws:states:us-east-1:123456789012:activity:A"),
        )
        .credentials(Credentials::role(format!("arn:aws:iam::123456789012:role/{name}")))
    };
    let def = Parallel::new("P")
        .branch(activity_task("InBranch"))
        .next(Map::new("M").item_processor(activity_task("InMap")));
    let t = render(StateMachine::new("SM", def));
    let st = &t["Resources"]["SMRoleDefaultPolicy"]["Properties"]["PolicyDocument"]["Statement"];
    assert_eq!(
        st,
        &json!([{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": [
            "arn:aws:iam::123456789012:role/InBranch", "arn:aws:iam::123456789012:role/InMap"
        ]}])
    );
}

#[test]
fn activity_resource_and_default_name() {
    let mut t = Template::new();
    Activity::new("Submit Job").add_to(&mut t).unwrap();
    Activity::new("Named").name("my-activity").add_to(&mut t).unwrap();
    let v: Value = serde_json::from_str(&t.to_json_compact().unwrap()).unwrap();
    assert_eq!(
        v["Resources"]["SubmitJob"],
        json!({"Type": "AWS::StepFunctions::Activity", "Properties": {"Name": {"Fn::Sub": "${AWS::StackName}-SubmitJob"}}})
    );
    assert_eq!(v["Resources"]["Named"]["Properties"]["Name"], json!("my-activity"));
}

#[test]
fn prefix_states_renames_owned_states_and_their_transitions_only() {
    let fragment = || {
        Chain::start(
            Choice::new("Choice")
                .when(Condition::string_equals("$.b", "l"), Pass::new("Left"))
                .otherwise(Pass::new("Right"))
                .afterwards(),
        )
    };
    let def = Chain::start(Pass::new("Start"))
        .next(fragment().prefix_states("Q: "))
        .next(Chain::start(Parallel::new("P").branch(Pass::new("Inner"))).prefix_states("S: "))
        .next(Succeed::new("Done"));
    let asl: Value = serde_json::from_str(&StateMachine::new("M", def).render_asl().unwrap().definition).unwrap();
    let states = asl["States"].as_object().unwrap();
    assert_eq!(
        states.keys().collect::<Vec<_>>(),
        ["Start", "Q: Choice", "Q: Left", "Q: Right", "S: P", "Done"]
    );
    assert_eq!(asl["States"]["Q: Left"]["Next"], json!("S: P"));
    assert_eq!(asl["States"]["S: P"]["Branches"][0]["StartAt"], json!("S: Inner"));
    assert_eq!(asl["States"]["Q: Choice"]["Default"], json!("Q: Right"));
}

#[test]
fn custom_state_retries_and_catches_add_to_its_own() {
    let custom = CustomState::new(
        "C",
        json!({"Type": "Task", "Resource": "arn:aws:states:::x:y", "Retry": [{"ErrorEquals": ["A"]}]}),
    )
    .retry(Retry::all().max_attempts(2))
    .catch(Catch::all(Fail::new("F")));
    let asl: Value = serde_json::from_str(&StateMachine::new("M", custom).render_asl().unwrap().definition).unwrap();
    assert_eq!(
        asl["States"]["C"]["Retry"],
        json!([{"ErrorEquals": ["A"]}, {"ErrorEquals": ["States.ALL"], "MaxAttempts": 2}])
    );
    assert_eq!(
        asl["States"]["C"]["Catch"],
        json!([{"ErrorEquals": ["States.ALL"], "Next": "F"}])
    );
    assert_eq!(asl["States"]["C"]["End"], json!(true));
}

#[test]
fn render_asl_alone_is_plain_asl_without_substitutions() {
    let asl = StateMachine::new("M", Pass::new("P"))
        .comment("c")
        .timeout(std::time::Duration::from_secs(60))
        .render_asl()
        .unwrap();
    assert!(asl.substitutions.is_empty());
    let v: Value = serde_json::from_str(&asl.definition).unwrap();
    assert_eq!(
        v,
        json!({"Comment": "c", "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}, "TimeoutSeconds": 60})
    );
}

#[test]
fn objects_that_look_like_intrinsics_send_the_definition_as_a_string() {
    let def = Pass::new("P")
        .result(Payload::from_json(json!({"Ref": "not an intrinsic"})))
        .parameters(Payload::from_object([("arn", Expr::get_att("Fn", "Arn").into())]));
    let t = render(StateMachine::new("M", def));
    let props = &t["Resources"]["M"]["Properties"];
    assert!(props.get("Definition").is_none());
    let text = props["DefinitionString"].as_str().unwrap();
    let asl: Value = serde_json::from_str(text).unwrap();
    assert_eq!(asl["States"]["P"]["Result"], json!({"Ref": "not an intrinsic"}));
    assert_eq!(asl["States"]["P"]["Parameters"], json!({"arn": "${FnArn}"}));
    assert_eq!(
        props["DefinitionSubstitutions"],
        json!({"FnArn": {"Fn::GetAtt": ["Fn", "Arn"]}})
    );
}

#[test]
fn a_definition_built_from_the_model_renders_like_the_builders_output() {
    use stepfunctions::model::{ChoiceRule, Definition, Graph, State as ModelState, StateKind, TaskState};
    let built = StateMachine::new(
        "M",
        Choice::new("Ready?")
            .when(Condition::boolean_equals("$.ready", true), Succeed::new("Go"))
            .otherwise(Fail::new("Stop").error("NotReady")),
    )
    .comment("c")
    .render_asl()
    .unwrap();

    let mut choice = ModelState::new(
        "Ready?",
        StateKind::Choice {
            rules: vec![ChoiceRule::new(Condition::boolean_equals("$.ready", true), "Go")],
            default: Some("Stop".into()),
        },
    );
    choice.comment = None;
    let fail = ModelState::new(
        "Stop",
        StateKind::Fail(stepfunctions::model::FailState {
            error: Some("NotReady".into()),
            cause: None,
        }),
    );
    let graph = Graph::new("Ready?", [choice, ModelState::new("Go", StateKind::Succeed), fail]);
    let by_hand = StateMachine::new("M", Definition::new(graph).comment("c"))
        .render_asl()
        .unwrap();
    assert_eq!(by_hand.definition, built.definition);

    // A task of the model contributes its statements to the role, and its input renders as
    // `Parameters`.
    let mut task = TaskState::new(Expr::get_att("Fn", "Arn"));
    task.input = Some(Payload::from_object([("id", JsonPath::string_at("$.id"))]));
    task.policy = vec![cfn_model::iam::PolicyStatement::allow(
        ["lambda:InvokeFunction"],
        [Expr::get_att("Fn", "Arn")],
    )];
    let definition = Definition::new(Graph::new(
        "Call",
        [ModelState::new("Call", StateKind::Task(Box::new(task)))],
    ));
    let json = render(StateMachine::new("M", definition));
    let props = &json["Resources"]["M"]["Properties"];
    assert_eq!(
        props["Definition"]["States"]["Call"],
        json!({"Type": "Task", "Resource": "${FnArn}", "Parameters": {"id.$": "$.id"}, "End": true})
    );
    assert_eq!(
        json["Resources"]["MRoleDefaultPolicy"]["Properties"]["PolicyDocument"]["Statement"][0]["Action"],
        json!("lambda:InvokeFunction")
    );
}

#[test]
fn unknown_fields_of_the_model_are_written_after_the_known_ones() {
    use stepfunctions::model::{Definition, Graph, State as ModelState, StateKind};
    let mut pass = ModelState::new("P", StateKind::Pass { result: None });
    pass.extra.insert("Future", json!({"x": 1}));
    let mut definition = Definition::new(Graph::new("P", [pass]));
    definition.version = Some("1.0".into());
    definition.extra.insert("Later", json!(true));
    let asl = StateMachine::new("M", definition).render_asl().unwrap();
    let v: Value = serde_json::from_str(&asl.definition).unwrap();
    assert_eq!(
        v,
        json!({"StartAt": "P", "States": {"P": {"Type": "Pass", "Future": {"x": 1}, "End": true}}, "Version": "1.0", "Later": true})
    );
    assert!(asl.definition.find("\"Future\"").unwrap() < asl.definition.find("\"End\"").unwrap());
}

#[test]
fn a_choice_rule_carries_its_comment_after_next_as_the_cdk_writes_it() {
    let c = Choice::new("Kind?")
        .when_with(
            Condition::string_equals("$.kind", "x"),
            Pass::new("X"),
            stepfunctions::RuleOptions::default().comment("the x kind"),
        )
        .when(Condition::string_equals("$.kind", "y"), Pass::new("Y"))
        .otherwise(Pass::new("Other"));
    let asl = StateMachine::new("M", c).render_asl().unwrap();
    let v: Value = serde_json::from_str(&asl.definition).unwrap();
    assert_eq!(
        v["States"]["Kind?"]["Choices"],
        json!([
            {"Variable": "$.kind", "StringEquals": "x", "Next": "X", "Comment": "the x kind"},
            {"Variable": "$.kind", "StringEquals": "y", "Next": "Y"}
        ])
    );
    let first = &asl.definition[asl.definition.find("\"Choices\"").unwrap()..];
    assert!(first.find("\"Next\"").unwrap() < first.find("\"Comment\"").unwrap());
}

#[test]
fn a_map_written_with_the_legacy_fields_keeps_them() {
    let m = Map::new("Each")
        .items_path("$.items")
        .parameters(Payload::from_object([("item", JsonPath::map_item_value())]))
        .iterator(Pass::new("Item"));
    let asl = StateMachine::new("M", m).render_asl().unwrap();
    let v: Value = serde_json::from_str(&asl.definition).unwrap();
    assert_eq!(
        v["States"]["Each"],
        json!({
            "Type": "Map",
            "ItemsPath": "$.items",
            "Parameters": {"item.$": "$$.Map.Item.Value"},
            "Iterator": {"StartAt": "Item", "States": {"Item": {"Type": "Pass", "End": true}}},
            "End": true
        })
    );
    // The current fields replace the legacy ones when set last.
    let m = Map::new("Each")
        .parameters(Payload::from_object([("a", 1.into())]))
        .item_selector(Payload::from_object([("a", 1.into())]))
        .iterator(Pass::new("Item"))
        .item_processor(Pass::new("Item"));
    let v: Value = serde_json::from_str(&StateMachine::new("M", m).render_asl().unwrap().definition).unwrap();
    assert!(v["States"]["Each"].get("ItemSelector").is_some() && v["States"]["Each"].get("ItemProcessor").is_some());
    // A legacy selector's bad path is reported under the field it is written as.
    let e = StateMachine::new(
        "M",
        Map::new("Each")
            .parameters(Payload::from_object([("a", JsonPath::string_at("a.b"))]))
            .iterator(Pass::new("Item")),
    )
    .render_asl()
    .unwrap_err();
    assert!(
        matches!(e, stepfunctions::Error::InvalidPath { ref field, .. } if field == "Parameters.a"),
        "{e:?}"
    );
}

#[test]
fn a_cloudformation_list_is_split_from_its_joined_items_at_run_time() {
    use cfn_model::ListExpr;
    let p = Pass::new("P").parameters(Payload::from_object([
        ("Subnets", Payload::List(ListExpr::Ref("Subnets".into()))),
        ("Zones", Payload::List(ListExpr::GetAzs(Expr::lit("")))),
    ]));
    let mut t = Template::new();
    t.add_parameter("Subnets", cfn_model::Parameter::new("List<AWS::EC2::Subnet::Id>"))
        .unwrap();
    StateMachine::new("M", p).add_to(&mut t).unwrap();
    let (json, _) = stepfunctions::synth(&t, true).unwrap();
    let v: Value = serde_json::from_str(&json).unwrap();
    let props = &v["Resources"]["M"]["Properties"];
    assert_eq!(
        props["Definition"]["States"]["P"]["Parameters"],
        json!({
            "Subnets.$": "States.StringSplit('${Subnets}', ',')",
            "Zones.$": "States.StringSplit('${Azs}', ',')"
        })
    );
    assert_eq!(
        props["DefinitionSubstitutions"],
        json!({
            "Subnets": {"Fn::Join": [",", {"Ref": "Subnets"}]},
            "Azs": {"Fn::Join": [",", {"Fn::GetAZs": ""}]}
        })
    );
    // Where no key can carry `.$`, a list is an error.
    let e = StateMachine::new(
        "M",
        Pass::new("P").parameters(Payload::from_object([(
            "l",
            Payload::Array(vec![Payload::List(ListExpr::Ref("Subnets".into()))]),
        )])),
    )
    .render_asl()
    .unwrap_err();
    assert!(
        matches!(e, stepfunctions::Error::InvalidPath { ref field, .. } if field == "Parameters.l[0]"),
        "{e:?}"
    );
    let e = StateMachine::new(
        "M",
        Pass::new("P").result(Payload::List(ListExpr::Ref("Subnets".into()))),
    )
    .render_asl()
    .unwrap_err();
    assert!(
        matches!(e, stepfunctions::Error::InvalidValue { field: "Result", .. }),
        "{e:?}"
    );
}
