//! JSONata states and workflow variables: how they render, and every rejection.

use std::time::Duration;

use cfn_model::iam::PolicyStatement;
use cfn_model::Expr;
use stepfunctions::model::{Definition, Graph, Jsonata, QueryLanguage, State as ModelState, StateKind};
use stepfunctions::prelude::*;
use stepfunctions::{Error, IntegrationPattern, ServiceIntegration, SupportsWaitForTaskToken, Warning};

type J = Jsonata;

/// A task whose input holds a path, as integrations write them (`$`, `$$.Task.Token`).
#[derive(Debug, Clone)]
struct Echo(Payload);

impl ServiceIntegration for Echo {
    const SERVICE: &'static str = "lambda";
    const API: &'static str = "invoke";
    fn parameters(&self, _: IntegrationPattern) -> Option<Payload> {
        Some(Payload::from_object([
            (
                "FunctionName",
                "arn:aws:lambda:us-east-1:123456789012:function:F".into(),
            ),
            ("Payload", self.0.clone()),
        ]))
    }
    fn policy_statements(&self, _: IntegrationPattern) -> Vec<PolicyStatement> {
        vec![PolicyStatement::allow(
            ["lambda:InvokeFunction"],
            [Expr::lit("arn:aws:lambda:us-east-1:123456789012:function:F")],
        )]
    }
}
impl SupportsWaitForTaskToken for Echo {}

fn jsonata_machine(definition: impl Into<Chain>) -> StateMachine {
    StateMachine::new("M", definition).query_language(QueryLanguage::Jsonata)
}

fn asl(machine: StateMachine) -> serde_json::Value {
    let rendered = machine.render_asl().expect("renders");
    serde_json::from_str(&rendered.definition).unwrap()
}

fn err(machine: StateMachine) -> Error {
    machine.render_asl().expect_err("the definition is invalid")
}

fn warnings(machine: StateMachine) -> Vec<Warning> {
    machine.render_asl().expect("renders").warnings
}

/// That `v` is a state (an object) without `key`: a missing state fails, not passes.
fn lacks(v: &serde_json::Value, key: &str) -> bool {
    v.is_object() && v.get(key).is_none()
}

/// The one error, or the first of several.
fn first(e: Error) -> Error {
    e.errors().first().cloned().unwrap_or(e)
}

fn mismatch_field(e: &Error) -> Option<(&str, &str, QueryLanguage)> {
    match e {
        Error::QueryLanguageMismatch {
            state, field, language, ..
        } => Some((state.as_str(), field.as_str(), *language)),
        _ => None,
    }
}

#[test]
fn query_language_is_written_only_where_a_state_differs() {
    // A JSONata machine: the top level says so; its states do not repeat it, nested ones neither.
    let map = Map::jsonata("M")
        .items(J::states_input().field("xs").into())
        .item_processor(Pass::jsonata("Inner"));
    let d = asl(jsonata_machine(Pass::jsonata("A").next(map)));
    assert_eq!(d["QueryLanguage"], "JSONata");
    assert!(lacks(&d["States"]["A"], "QueryLanguage"));
    assert!(lacks(
        &d["States"]["M"]["ItemProcessor"]["States"]["Inner"],
        "QueryLanguage"
    ));

    // A JSONPath machine with one JSONata state: only that state says so.
    let d = asl(StateMachine::new(
        "M",
        Pass::new("A").next(Pass::jsonata("B")).next(Pass::new("C")),
    ));
    assert!(lacks(&d, "QueryLanguage"));
    assert!(lacks(&d["States"]["A"], "QueryLanguage"));
    assert_eq!(d["States"]["B"]["QueryLanguage"], "JSONata");
    assert!(lacks(&d["States"]["C"], "QueryLanguage"));

    // A JSONPath state in a JSONata machine: the service refuses the mix.
    let e = first(err(jsonata_machine(
        Pass::jsonata("A").next(Pass::json_path("B").result_path("$.b")),
    )));
    assert_eq!(
        mismatch_field(&e),
        Some(("B", "QueryLanguage", QueryLanguage::Jsonata)),
        "{e}"
    );

    // A state nested in a JSONata Map of a JSONPath machine takes the machine's language, not
    // the Map's (the ASL specification): nothing to write for it.
    let map = Map::jsonata("M").item_processor(Pass::new("Inner").next(Pass::jsonata("Inner2")));
    let d = asl(StateMachine::new("M", map));
    assert_eq!(d["States"]["M"]["QueryLanguage"], "JSONata");
    let inner = &d["States"]["M"]["ItemProcessor"]["States"];
    assert!(lacks(&inner["Inner"], "QueryLanguage"));
    assert_eq!(inner["Inner2"]["QueryLanguage"], "JSONata");
}

#[test]
fn a_task_renders_arguments_and_its_paths_as_expressions() {
    let task = Task::jsonata(
        "T",
        Echo(Payload::from_object([
            ("whole", JsonPath::entire_payload()),
            ("id", JsonPath::string_at("$.order['item id'][0]")),
            ("token", JsonPath::task_token()),
            ("var", JsonPath::string_at("$seen")),
            ("expr", J::new("$count($states.input.xs)").into()),
            ("literal", "{% not an expression %}".into()),
            ("plain", "text".into()),
            (
                "format",
                JsonPath::format(
                    "{} it's {}",
                    [JsonPath::execution_name().into(), JsonPath::string_at("$.a").into()],
                ),
            ),
            ("uuid", JsonPath::uuid()),
            ("length", JsonPath::array_length(JsonPath::list_at("$.xs"))),
        ])),
    )
    .wait_for_task_token()
    .timeout(Timeout::expr(J::states_input().field("limit")))
    .heartbeat(Timeout::seconds(10))
    .output(J::states_result().into());
    let d = asl(jsonata_machine(Pass::jsonata("Seen").assign("seen", 1).next(task)));
    let t = &d["States"]["T"];
    assert!(t.get("Parameters").is_none());
    assert_eq!(
        t["Arguments"]["Payload"],
        serde_json::json!({
            "whole": "{% $states.input %}",
            "id": "{% $states.input.order.`item id`[0] %}",
            "token": "{% $states.context.Task.Token %}",
            "var": "{% $seen %}",
            "expr": "{% $count($states.input.xs) %}",
            "literal": "{% \"{% not an expression %}\" %}",
            "plain": "text",
            "format": "{% $states.context.Execution.Name & ' it\\'s ' & $states.input.a %}",
            "uuid": "{% $uuid() %}",
            "length": "{% $count($states.input.xs) %}",
        })
    );
    assert_eq!(t["TimeoutSeconds"], "{% $states.input.limit %}");
    assert_eq!(t["HeartbeatSeconds"], 10);
    assert_eq!(t["Output"], "{% $states.result %}");
    assert!(t["Resource"].as_str().unwrap().starts_with("${"), "{}", t["Resource"]);
}

#[test]
fn a_jsonata_task_token_expression_satisfies_the_callback_pattern() {
    let task = Task::jsonata(
        "T",
        Echo(Payload::from_object([(
            "token",
            J::states_context().field("Task").field("Token").into(),
        )])),
    )
    .wait_for_task_token();
    assert!(jsonata_machine(task).render_asl().is_ok());
    let task = Task::jsonata("T", Echo(Payload::from_object([("id", J::states_input().into())]))).wait_for_task_token();
    assert!(matches!(err(jsonata_machine(task)), Error::InvalidTask { .. }));
}

#[test]
fn every_state_type_renders_its_jsonata_fields() {
    let choice = Choice::jsonata("C")
        .assign("checked", true)
        .output(J::states_input().into())
        .when_with(
            Condition::jsonata("$states.input.n > 1"),
            Succeed::jsonata("Big").output(Payload::from_object([("n", J::states_input().field("n").into())])),
            RuleOptions::default()
                .assign("size", "big")
                .output(J::new("$states.input.n").into()),
        )
        .otherwise(
            Fail::jsonata("Small")
                .error("Small")
                .cause_expr("'n is ' & $string($states.input.n)"),
        );
    let parallel = Parallel::jsonata("P")
        .arguments(Payload::from_object([("n", J::states_input().field("n").into())]))
        .output(J::states_result().index(0).into())
        .assign("first", J::states_result().index(0))
        .branch(Pass::jsonata("B1"))
        .retry(Retry::all())
        .catch(
            Catch::all(Pass::jsonata("Caught"))
                .output(J::states_error_output().into())
                .assign("why", J::states_error_output().field("Cause")),
        );
    let wait = Wait::jsonata("W", WaitTime::timestamp_expr("$states.input.at")).assign("waited", true);
    let map = Map::jsonata("M")
        .items(Payload::Array(vec![1.into(), 2.into()]))
        .item_selector(Payload::from_object([(
            "v",
            J::states_context().field("Map").field("Item").field("Value").into(),
        )]))
        .max_concurrency(2)
        .item_processor(Pass::jsonata("Item"));
    let d = asl(jsonata_machine(wait.next(map).next(parallel).next(choice)));
    let s = &d["States"];
    assert_eq!(s["W"]["Timestamp"], "{% $states.input.at %}");
    assert_eq!(s["W"]["Assign"]["waited"], true);
    assert_eq!(s["M"]["Items"], serde_json::json!([1, 2]));
    assert_eq!(s["M"]["ItemSelector"]["v"], "{% $states.context.Map.Item.Value %}");
    assert_eq!(s["M"]["MaxConcurrency"], 2);
    assert_eq!(s["P"]["Arguments"]["n"], "{% $states.input.n %}");
    assert_eq!(s["P"]["Output"], "{% $states.result[0] %}");
    assert_eq!(s["P"]["Assign"]["first"], "{% $states.result[0] %}");
    assert_eq!(s["P"]["Catch"][0]["Output"], "{% $states.errorOutput %}");
    assert_eq!(s["P"]["Catch"][0]["Assign"]["why"], "{% $states.errorOutput.Cause %}");
    assert_eq!(s["C"]["Assign"]["checked"], true);
    assert_eq!(s["C"]["Output"], "{% $states.input %}");
    let rule = &s["C"]["Choices"][0];
    assert_eq!(rule["Condition"], "{% $states.input.n > 1 %}");
    assert_eq!(rule["Assign"]["size"], "big");
    assert_eq!(rule["Output"], "{% $states.input.n %}");
    assert_eq!(s["Big"]["Output"]["n"], "{% $states.input.n %}");
    assert_eq!(s["Small"]["Error"], "Small");
    assert_eq!(s["Small"]["Cause"], "{% 'n is ' & $string($states.input.n) %}");
}

#[test]
fn a_cloudformation_list_is_split_by_a_jsonata_expression() {
    let list = cfn_model::ListExpr::GetAzs(Expr::lit(""));
    let task = Task::jsonata("T", Echo(Payload::from_object([("Zones", Payload::List(list))])));
    let machine = jsonata_machine(task);
    let rendered = machine.render_asl().unwrap();
    let d: serde_json::Value = serde_json::from_str(&rendered.definition).unwrap();
    let zones = d["States"]["T"]["Arguments"]["Payload"]["Zones"].as_str().unwrap();
    assert!(
        zones.starts_with("{% $split('${") && zones.ends_with("}', ',') %}"),
        "{zones}"
    );
}

#[test]
fn json_path_fields_of_a_jsonata_state_are_rejected_naming_the_field() {
    // The JSONPath builders have these setters; in a JSONata machine their states are JSONata.
    let cases: Vec<(StateMachine, &str)> = vec![
        (jsonata_machine(Pass::new("S").input_path("$.a")), "InputPath"),
        (jsonata_machine(Pass::new("S").output_path("$.a")), "OutputPath"),
        (jsonata_machine(Pass::new("S").result_path("$.a")), "ResultPath"),
        (jsonata_machine(Pass::new("S").discard_result()), "ResultPath"),
        (
            jsonata_machine(Pass::new("S").parameters(Payload::from_object([("a", 1.into())]))),
            "Parameters",
        ),
        (jsonata_machine(Pass::new("S").result(1.into())), "Result"),
        (
            jsonata_machine(
                Parallel::new("S")
                    .branch(Pass::new("B"))
                    .result_selector(Payload::empty_object()),
            ),
            "ResultSelector",
        ),
        (
            jsonata_machine(Map::new("S").items_path("$.xs").item_processor(Pass::new("I"))),
            "ItemsPath",
        ),
        (
            jsonata_machine(Map::new("S").max_concurrency_path("$.n").item_processor(Pass::new("I"))),
            "MaxConcurrencyPath",
        ),
        (
            jsonata_machine(
                Map::new("S")
                    .parameters(Payload::empty_object())
                    .item_processor(Pass::new("I")),
            ),
            "Parameters",
        ),
        (
            jsonata_machine(Wait::new("S", WaitTime::seconds_path("$.s"))),
            "SecondsPath",
        ),
        (
            jsonata_machine(Wait::new("S", WaitTime::timestamp_path("$.t"))),
            "TimestampPath",
        ),
        (
            jsonata_machine(Task::new("S", Echo(1.into())).timeout(Timeout::at("$.t"))),
            "TimeoutSecondsPath",
        ),
        (
            jsonata_machine(Task::new("S", Echo(1.into())).heartbeat(Timeout::at("$.h"))),
            "HeartbeatSecondsPath",
        ),
        (jsonata_machine(Fail::new("S").error_path("$.e")), "ErrorPath"),
        (jsonata_machine(Fail::new("S").cause_path("$.c")), "CausePath"),
        (
            jsonata_machine(Task::new("S", Echo(1.into())).catch(Catch::all(Pass::new("H")).result_path("$.e"))),
            "Catch[0].ResultPath",
        ),
        (
            jsonata_machine(
                Choice::new("S")
                    .when(Condition::is_present("$.a"), Pass::new("A"))
                    .otherwise(Pass::new("B")),
            ),
            "Choices[0]",
        ),
        (
            jsonata_machine(Task::new("S", Echo(JsonPath::math_random(1, 999)))),
            "Arguments.Payload",
        ),
        (
            jsonata_machine(Task::new("S", Echo(JsonPath::string_at("$.items[*].id")))),
            "Arguments.Payload",
        ),
        (
            jsonata_machine(Task::new(
                "S",
                Echo(Payload::from_json(serde_json::json!({"raw.$": 1}))),
            )),
            "Arguments.Payload.raw.$",
        ),
    ];
    for (machine, field) in cases {
        let e = first(err(machine));
        assert_eq!(
            mismatch_field(&e),
            Some(("S", field, QueryLanguage::Jsonata)),
            "{field}: {e}"
        );
    }
}

#[test]
fn jsonata_values_in_a_json_path_state_are_rejected_naming_the_field() {
    // Through the model (the JSONata builders' fields on a JSONPath state).
    let mut with_output = ModelState::new("S", StateKind::Pass { result: None });
    with_output.io.output = Some(1.into());
    let cases: Vec<(StateMachine, &str)> = vec![
        (
            StateMachine::new("M", Definition::new(Graph::new("S", [with_output]))),
            "Output",
        ),
        (
            StateMachine::new(
                "M",
                Pass::new("S").parameters(Payload::from_object([("a", J::states_input().into())])),
            ),
            "Parameters.a",
        ),
        (
            StateMachine::new(
                "M",
                Choice::new("S")
                    .when(Condition::jsonata("true"), Pass::new("A"))
                    .otherwise(Pass::new("B")),
            ),
            "Condition",
        ),
        (
            StateMachine::new(
                "M",
                Choice::new("S")
                    .when_with(
                        Condition::is_present("$.a"),
                        Pass::new("A"),
                        RuleOptions::default().output(1.into()),
                    )
                    .otherwise(Pass::new("B")),
            ),
            "Choices[0].Output",
        ),
        (
            StateMachine::new(
                "M",
                Task::new("S", Echo(1.into())).catch(Catch::all(Pass::new("H")).output(1.into())),
            ),
            "Catch[0].Output",
        ),
        (
            StateMachine::new("M", Wait::new("S", WaitTime::seconds_expr("$states.input.s"))),
            "Wait",
        ),
        (
            StateMachine::new(
                "M",
                Task::new("S", Echo(1.into())).timeout(Timeout::expr("$states.input.t")),
            ),
            "TimeoutSeconds",
        ),
        (
            StateMachine::new("M", Pass::new("S").assign("x", J::states_input())),
            "Assign.x",
        ),
    ];
    for (machine, field) in cases {
        let e = first(err(machine));
        assert_eq!(
            mismatch_field(&e),
            Some(("S", field, QueryLanguage::JsonPath)),
            "{field}: {e}"
        );
    }
    // The JSONata builders' own fields on a JSONPath machine's state: the model carries them.
    let mut map = ModelState::new("S", StateKind::Map(Box::default()));
    if let StateKind::Map(m) = &mut map.kind {
        m.items = Some(Payload::empty_object());
        m.processor = Some(Graph::new("I", [ModelState::new("I", StateKind::Succeed)]));
    }
    let e = first(err(StateMachine::new("M", Definition::new(Graph::new("S", [map])))));
    assert_eq!(mismatch_field(&e), Some(("S", "Items", QueryLanguage::JsonPath)));
}

#[test]
fn malformed_jsonata_is_rejected_naming_the_state_and_field() {
    let cases: Vec<(Payload, &str, &str)> = vec![
        (
            J::new("$sum($states.input.xs").into(),
            "Output",
            "`(` at offset 4 is not closed",
        ),
        (
            Payload::from_object([("a", J::new("'open").into())]),
            "Output.a",
            "the string opened with ' at offset 0 is not terminated",
        ),
        (
            Payload::from_object([("a", J::new("$states.inputs").into())]),
            "Output.a",
            "`$states.inputs` is not a member of $states (input, result, errorOutput, context)",
        ),
        (J::new("").into(), "Output", "the expression is empty"),
        (
            J::new("[1, 2)").into(),
            "Output",
            "`)` at offset 5 closes `[` opened at offset 0",
        ),
    ];
    for (output, field, reason) in cases {
        let e = first(err(jsonata_machine(Pass::jsonata("S").output(output))));
        match &e {
            Error::InvalidJsonata {
                state,
                field: f,
                reason: r,
                ..
            } => {
                assert_eq!((state.as_str(), f.as_str(), r.as_str()), ("S", field, reason));
            }
            other => panic!("{field}: {other}"),
        }
    }
    // In the other fields too.
    let e = first(err(jsonata_machine(Wait::jsonata("S", WaitTime::seconds_expr("(")))));
    assert!(
        matches!(e, Error::InvalidJsonata { ref field, .. } if field == "Wait"),
        "{e}"
    );
    let e = first(err(jsonata_machine(
        Choice::jsonata("S")
            .when(Condition::jsonata("$states.input.x = 1"), Pass::jsonata("A"))
            .when(Condition::jsonata("[1"), Pass::jsonata("B"))
            .otherwise(Pass::jsonata("C")),
    )));
    assert!(
        matches!(e, Error::InvalidJsonata { ref field, .. } if field == "Choices[1].Condition"),
        "{e}"
    );
    let e = first(err(jsonata_machine(
        Map::jsonata("S")
            .max_concurrency_expr("$states.input.n]")
            .item_processor(Pass::jsonata("I")),
    )));
    assert!(
        matches!(e, Error::InvalidJsonata { ref field, .. } if field == "MaxConcurrency"),
        "{e}"
    );
}

#[test]
fn states_members_are_checked_against_the_field() {
    // $states.result: only in the Output and Assign of a Task, Parallel or Map.
    let e = first(err(jsonata_machine(
        Pass::jsonata("S").output(J::states_result().into()),
    )));
    assert!(
        matches!(e, Error::InvalidJsonata { ref field, ref reason, .. }
            if field == "Output" && reason.contains("$states.result")),
        "{e}"
    );
    let e = first(err(jsonata_machine(Task::jsonata(
        "S",
        Echo(J::states_result().into()),
    ))));
    assert!(
        matches!(e, Error::InvalidJsonata { ref field, .. } if field == "Arguments.Payload"),
        "{e}"
    );
    assert!(
        jsonata_machine(Task::jsonata("S", Echo(1.into())).output(J::states_result().into()))
            .render_asl()
            .is_ok()
    );
    // $states.errorOutput: only in a catcher.
    let e = first(err(jsonata_machine(
        Task::jsonata("S", Echo(1.into())).output(J::states_error_output().into()),
    )));
    assert!(
        matches!(e, Error::InvalidJsonata { ref reason, .. } if reason.contains("$states.errorOutput")),
        "{e}"
    );
    assert!(jsonata_machine(
        Task::jsonata("S", Echo(1.into()))
            .catch(Catch::all(Pass::jsonata("H")).output(J::states_error_output().into()))
    )
    .render_asl()
    .is_ok());
}

#[test]
fn variables_render_in_both_languages() {
    let d = asl(StateMachine::new(
        "M",
        Pass::new("Init")
            .assign("n", 1)
            .assign("id", JsonPath::string_at("$.id"))
            .assign("u", JsonPath::uuid())
            .next(Pass::new("Use").parameters(Payload::from_object([("id", JsonPath::string_at("$id"))]))),
    ));
    assert_eq!(
        d["States"]["Init"]["Assign"],
        serde_json::json!({"n": 1, "id.$": "$.id", "u.$": "States.UUID()"})
    );
    assert_eq!(d["States"]["Use"]["Parameters"]["id.$"], "$id");
    let d = asl(jsonata_machine(
        Pass::jsonata("Init")
            .assign("id", J::states_input().field("id"))
            .assign("when", JsonPath::execution_start_time())
            .next(Pass::jsonata("Use").output(J::variable("id").into())),
    ));
    assert_eq!(d["States"]["Init"]["Assign"]["id"], "{% $states.input.id %}");
    // A context path means the same in both languages: it is written as its expression.
    assert_eq!(
        d["States"]["Init"]["Assign"]["when"],
        "{% $states.context.Execution.StartTime %}"
    );
    assert_eq!(d["States"]["Use"]["Output"], "{% $id %}");
    // `$` in a JSONPath Assign is the result (a task's) or the error (a catcher's): in JSONata
    // the expression must say which.
    for machine in [
        jsonata_machine(Task::jsonata("T", Echo(1.into())).assign("id", JsonPath::string_at("$.Payload.id"))),
        jsonata_machine(
            Task::jsonata("T", Echo(1.into()))
                .catch(Catch::all(Pass::jsonata("H")).assign("why", JsonPath::string_at("$.Cause"))),
        ),
        jsonata_machine(Pass::jsonata("T").output(Payload::from_object([("a", JsonPath::string_at("$.a"))]))),
    ] {
        let e = first(err(machine));
        assert!(
            matches!(&e, Error::QueryLanguageMismatch { state, reason, .. } if state == "T" && reason.contains("say which")),
            "{e}"
        );
    }
}

#[test]
fn variable_names_are_checked() {
    for (name, reason) in [
        ("1st", "a name starts with a letter"),
        ("_x", "a name starts with a letter"),
        ("states", "`states` is reserved"),
        ("a-b", "a name goes on with letters, digits and `_`"),
        ("x.y", "a name goes on with letters, digits and `_`"),
        ("x²", "a name goes on with letters, digits and `_`"),
        ("x.$", "name the variable without `.$`"),
        ("", "a name is 1 to 80 characters, got 0"),
    ] {
        let e = first(err(StateMachine::new("M", Pass::new("S").assign(name, 1))));
        match &e {
            Error::InvalidVariable {
                state,
                field,
                variable,
                reason: r,
            } => {
                assert_eq!(
                    (state.as_str(), field.as_str(), variable.as_str()),
                    ("S", "Assign", name)
                );
                assert!(r.starts_with(reason), "{name}: {r}");
            }
            other => panic!("{name}: {other}"),
        }
    }
    let long = "v".repeat(81);
    assert!(matches!(
        first(err(StateMachine::new("M", Pass::new("S").assign(long, 1)))),
        Error::InvalidVariable { .. }
    ));
    assert!(StateMachine::new(
        "M",
        Pass::new("S").assign("ok_1", 1).assign("ünïcode", 2).assign("नमस्ते", 3)
    )
    .render_asl()
    .is_ok());
    // On a rule and a catcher, the field says where.
    let e = first(err(StateMachine::new(
        "M",
        Task::new("S", Echo(1.into())).catch(Catch::all(Pass::new("H")).assign("9", 1)),
    )));
    assert!(
        matches!(e, Error::InvalidVariable { ref field, .. } if field == "Catch[0].Assign"),
        "{e}"
    );
    // A ResultPath cannot write a variable.
    let e = first(err(StateMachine::new("M", Pass::new("S").result_path("$v"))));
    assert!(
        matches!(e, Error::InvalidPath { ref field, .. } if field == "ResultPath"),
        "{e}"
    );
}

#[test]
fn expressions_read_the_state_through_states() {
    // Forbidden in a Step Functions expression: `$$`, and at the top level `$` and bare fields.
    for (expr, reason) in [
        ("$$.Execution.Id", "`$$`"),
        ("$.id", "`$` at offset 0 is the context value"),
        ("states.input.id", "`states` at offset 0 reads a field of nothing"),
    ] {
        let e = first(err(jsonata_machine(Pass::jsonata("S").output(J::new(expr).into()))));
        assert!(
            matches!(&e, Error::InvalidJsonata { reason: r, .. } if r.starts_with(reason)),
            "{expr}: {e}"
        );
    }
}

#[test]
fn a_variable_no_state_assigns_is_an_error_and_one_assigned_elsewhere_a_warning() {
    // Read, never assigned: the error names the state, field and variable.
    let e = first(err(jsonata_machine(
        Pass::jsonata("S").output(Payload::from_object([("a", J::variable("nope").into())])),
    )));
    assert_eq!(
        e,
        Error::UnassignedVariable {
            state: "S".into(),
            field: "Output.a".into(),
            variable: "nope".into(),
        }
    );
    // Assigned on another branch only: deploys, fails when it runs: a warning.
    let choice = Choice::new("C")
        .when_with(
            Condition::is_present("$.a"),
            Pass::new("A"),
            RuleOptions::default().assign("picked", "a"),
        )
        .otherwise(Pass::new("B").parameters(Payload::from_object([("p", JsonPath::string_at("$picked"))])));
    assert_eq!(
        warnings(StateMachine::new("M", choice)),
        [Warning::VariableNotAssignedBefore {
            state: "B".into(),
            field: "Parameters.p".into(),
            variable: "picked".into(),
        }]
    );
    // Assigned before on every way in: fine; a loop carries an assignment back to its start.
    let check = Pass::new("Check").parameters(Payload::from_object([("n", JsonPath::string_at("$n"))]));
    let looped = Choice::new("Again?")
        .when(Condition::is_present("$.more"), StateRef::named("Check"))
        .otherwise(Succeed::new("Done"));
    // No state assigns `n` on the way in: only the loop carries Bump's assignment to Check.
    let chain = Pass::new("Init")
        .next(check)
        .next(Pass::new("Bump").assign("n", 1))
        .next(looped);
    assert!(warnings(StateMachine::new("M", chain)).is_empty());
    // A catcher's assignment reaches its handler; the state's own does not.
    let handler = Pass::new("H").parameters(Payload::from_object([
        ("why", JsonPath::string_at("$why")),
        ("done", JsonPath::string_at("$done")),
    ]));
    let task = Task::new("T", Echo(1.into()))
        .assign("done", true)
        .catch(Catch::all(handler).assign("why", JsonPath::string_at("$.Cause")));
    let w = warnings(StateMachine::new("M", task.next(Pass::new("After"))));
    assert_eq!(
        w,
        [Warning::VariableNotAssignedBefore {
            state: "H".into(),
            field: "Parameters.done".into(),
            variable: "done".into(),
        }]
    );
}

#[test]
fn nested_scopes_read_outer_variables_but_not_the_reverse() {
    // A Parallel branch and a Map iteration read what was assigned before their state.
    let branch = Pass::new("B").parameters(Payload::from_object([("x", JsonPath::string_at("$outer"))]));
    let item = Pass::new("I").parameters(Payload::from_object([("x", JsonPath::string_at("$outer"))]));
    let chain = Pass::new("Init")
        .assign("outer", 1)
        .next(Parallel::new("P").branch(branch))
        .next(Map::new("M").item_processor(item));
    assert!(warnings(StateMachine::new("M", chain)).is_empty());
    // What a branch assigns is gone after the Parallel.
    let e = first(err(StateMachine::new(
        "M",
        Parallel::new("P")
            .branch(Pass::new("B").assign("inner", 1))
            .next(Pass::new("After").parameters(Payload::from_object([("x", JsonPath::string_at("$inner"))]))),
    )));
    assert!(
        matches!(e, Error::UnassignedVariable { ref state, ref variable, .. } if state == "After" && variable == "inner"),
        "{e}"
    );
    // A branch may not assign a variable of the scope around it.
    let e = first(err(StateMachine::new(
        "M",
        Pass::new("Init")
            .assign("shared", 1)
            .next(Parallel::new("P").branch(Pass::new("B").assign("shared", 2))),
    )));
    assert!(
        matches!(e, Error::InvalidVariable { ref state, ref variable, .. } if state == "B" && variable == "shared"),
        "{e}"
    );
    // A branch reading a variable assigned only after its Parallel: a warning.
    let w = warnings(StateMachine::new(
        "M",
        Parallel::new("P")
            .branch(Pass::new("B").parameters(Payload::from_object([("x", JsonPath::string_at("$later"))])))
            .next(Pass::new("Later").assign("later", 1)),
    ));
    assert!(
        matches!(&w[..], [Warning::VariableNotAssignedBefore { state, .. }] if state == "B"),
        "{w:?}"
    );
}

#[test]
fn jsonata_expressions_read_variables_but_not_their_own_bindings() {
    let chain = Pass::jsonata("Init")
        .assign("items", Payload::Array(vec![1.into()]))
        .next(Pass::jsonata("Use").output(J::new("($x := 2; $map($items, function($v) { $v * $x }))").into()));
    assert!(warnings(jsonata_machine(chain)).is_empty());
    let e = first(err(jsonata_machine(
        Pass::jsonata("Use").output(J::new("$sum($prices)").into()),
    )));
    assert!(
        matches!(e, Error::UnassignedVariable { ref variable, .. } if variable == "prices"),
        "{e}"
    );
    // A Choice condition reads too.
    let e = first(err(jsonata_machine(
        Choice::jsonata("C")
            .when(Condition::jsonata("$limit > 1"), Pass::jsonata("A"))
            .otherwise(Pass::jsonata("B")),
    )));
    assert!(
        matches!(e, Error::UnassignedVariable { ref field, ref variable, .. } if field == "Choices[0]" && variable == "limit"),
        "{e}"
    );
}

#[test]
fn a_large_literal_variable_warns() {
    let big = "x".repeat(300 * 1024);
    let w = warnings(StateMachine::new("M", Pass::new("S").assign("big", big)));
    assert!(
        matches!(&w[..], [Warning::VariableTooLarge { state, field, limit, .. }]
            if state == "S" && field == "Assign.big" && *limit == 256 * 1024),
        "{w:?}"
    );
    // Together over the limit: the Assign as a whole.
    let half = "x".repeat(150 * 1024);
    let w = warnings(StateMachine::new(
        "M",
        Pass::new("S").assign("a", half.clone()).assign("b", half),
    ));
    assert!(
        matches!(&w[..], [Warning::VariableTooLarge { field, .. }] if field == "Assign"),
        "{w:?}"
    );
}

#[test]
fn timeouts_and_durations_keep_their_jsonata_forms() {
    let d = asl(jsonata_machine(
        Wait::jsonata("W", WaitTime::duration(Duration::from_secs(5)))
            .next(Wait::jsonata("X", WaitTime::seconds_expr(J::states_input().field("s")))),
    ));
    assert_eq!(d["States"]["W"]["Seconds"], 5);
    assert_eq!(d["States"]["X"]["Seconds"], "{% $states.input.s %}");
}

#[test]
fn review_fixes_hold() {
    // A custom state nested in a JSONata Parallel of a JSONPath machine renders in JSONPath.
    let custom = CustomState::new("R", serde_json::json!({"Type": "Pass"}))
        .catch(Catch::all(Pass::new("H")).assign("e", JsonPath::string_at("$.Cause")));
    let d = asl(StateMachine::new("M", Parallel::jsonata("P").branch(custom)));
    let r = &d["States"]["P"]["Branches"][0]["States"]["R"];
    assert_eq!(r["Catch"][0]["Assign"]["e.$"], "$.Cause", "{r}");
    // One max concurrency.
    let e = first(err(jsonata_machine(
        Map::jsonata("M")
            .max_concurrency(2)
            .max_concurrency_expr("$states.input.n")
            .item_processor(Pass::jsonata("I")),
    )));
    assert!(
        matches!(
            e,
            Error::InvalidValue {
                field: "MaxConcurrency",
                ..
            }
        ),
        "{e}"
    );
    // A Fail has no Output; Succeed and Fail assign nothing (through the model).
    let mut fail = ModelState::new("F", StateKind::Fail(Default::default()));
    fail.io.output = Some(1.into());
    let e = first(err(StateMachine::new("M", Definition::new(Graph::new("F", [fail])))));
    assert!(matches!(e, Error::InvalidValue { field: "Output", .. }), "{e}");
    let mut done = ModelState::new("S", StateKind::Succeed);
    done.io.assign.insert("x", 1.into());
    let e = first(err(StateMachine::new("M", Definition::new(Graph::new("S", [done])))));
    assert!(matches!(e, Error::InvalidValue { field: "Assign", .. }), "{e}");
    // An expression holding `${` goes through a substitution, not into the text.
    let rendered = jsonata_machine(Pass::jsonata("P").output(J::new("'${x}'").into()))
        .render_asl()
        .unwrap();
    assert!(!rendered.definition.contains("'${x}'"), "{}", rendered.definition);
    assert_eq!(rendered.substitutions.iter().count(), 1);
    // A raw state's branch assigns in its own scope, not in the one around it.
    let raw_parallel = CustomState::new(
        "Raw",
        serde_json::json!({"Type": "Parallel", "Branches": [{"StartAt": "B", "States": {
            "B": {"Type": "Pass", "Assign": {"x": 1}, "End": true}}}]}),
    );
    let chain = Chain::start(raw_parallel).next(Map::new("M").item_processor(Pass::new("I").assign("x", 2)));
    assert!(StateMachine::new("M", chain).render_asl().is_ok());
}
