//! Every validation error and warning, each provoked by the smallest program that shows it.

use std::time::Duration;

use cfn_model::iam::PolicyStatement;
use cfn_model::{Expr, Template};
use stepfunctions::prelude::*;
use stepfunctions::{Error, IntegrationPattern, ServiceIntegration, SupportsWaitForTaskToken, Warning};

/// A minimal integration for tests: sends its payload, needs one permission.
#[derive(Debug, Clone)]
struct Notify(Option<Payload>);

impl ServiceIntegration for Notify {
    const SERVICE: &'static str = "sns";
    const API: &'static str = "publish";
    fn parameters(&self, _: IntegrationPattern) -> Option<Payload> {
        self.0.clone().map(|m| {
            Payload::from_object([
                ("TopicArn", "arn:aws:sns:us-east-1:123456789012:t".into()),
                ("Message", m),
            ])
        })
    }
    fn policy_statements(&self, _: IntegrationPattern) -> Vec<PolicyStatement> {
        vec![PolicyStatement::allow(
            ["sns:Publish"],
            [Expr::lit("arn:aws:sns:us-east-1:123456789012:t")],
        )]
    }
}
impl SupportsWaitForTaskToken for Notify {}

fn err(definition: impl Into<Chain>) -> Error {
    StateMachine::new("M", definition)
        .render_asl()
        .expect_err("the definition is invalid")
}

fn warnings(definition: impl Into<Chain>) -> Vec<Warning> {
    StateMachine::new("M", definition)
        .render_asl()
        .expect("the definition is valid")
        .warnings
}

#[test]
fn duplicate_state_names_fail() {
    let e = err(Pass::new("A").next(Pass::new("A").result("x".into())));
    assert_eq!(e, Error::DuplicateStateName { name: "A".into() });
}

#[test]
fn duplicate_names_across_a_parallel_branch_fail() {
    let e = err(Parallel::new("P").branch(Pass::new("A")).next(Pass::new("A")));
    assert_eq!(e, Error::DuplicateStateName { name: "A".into() });
}

#[test]
fn identical_states_added_twice_are_kept_once() {
    let failed = Fail::new("Failed").error("E");
    let def = Parallel::new("P1")
        .branch(Pass::new("B1"))
        .catch(Catch::all(failed.clone()))
        .next(Parallel::new("P2").branch(Pass::new("B2")).catch(Catch::all(failed)));
    let asl = StateMachine::new("M", def).render_asl().unwrap();
    assert_eq!(asl.definition.matches("\"Failed\": {").count(), 1);
}

#[test]
fn transition_to_a_missing_state_fails() {
    let e = err(Pass::new("A").next(StateRef::named("Nowhere")));
    assert_eq!(
        e,
        Error::MissingTransitionTarget {
            state: "A".into(),
            target: "Nowhere".into()
        }
    );
}

#[test]
fn transition_out_of_a_parallel_branch_fails() {
    let e = err(Parallel::new("P")
        .branch(Pass::new("B").next(StateRef::named("After")))
        .next(Pass::new("After")));
    assert_eq!(
        e,
        Error::MissingTransitionTarget {
            state: "B".into(),
            target: "After".into()
        }
    );
}

#[test]
fn unreachable_state_fails() {
    let e = err(Chain::start(Pass::new("A")).add(Pass::new("Orphan")));
    assert_eq!(
        e,
        Error::UnreachableState {
            state: "Orphan".into(),
            start: "A".into()
        }
    );
}

#[test]
fn state_names_over_80_characters_fail() {
    let long = "x".repeat(81);
    assert_eq!(
        err(Pass::new(long.clone())),
        Error::InvalidStateName { name: long, length: 81 }
    );
    assert_eq!(
        err(Pass::new("")),
        Error::InvalidStateName {
            name: String::new(),
            length: 0
        }
    );
    assert!(StateMachine::new("M", Pass::new("é".repeat(80))).render_asl().is_ok());
}

#[test]
fn next_after_a_terminal_state_fails() {
    assert_eq!(
        err(Succeed::new("Done").next(Pass::new("After"))),
        Error::CannotChain {
            state: "Done".into(),
            kind: "Succeed"
        }
    );
    let choice = Choice::new("C")
        .when(Condition::is_present("$.a"), Pass::new("A"))
        .otherwise(Pass::new("B"));
    assert_eq!(
        err(choice.next(Pass::new("After"))),
        Error::CannotChain {
            state: "C".into(),
            kind: "Choice"
        }
    );
}

#[test]
fn choice_without_rules_fails() {
    assert_eq!(
        err(Choice::new("C").otherwise(Pass::new("B"))),
        Error::EmptyChoice { state: "C".into() }
    );
}

#[test]
fn parallel_without_branches_fails() {
    assert_eq!(err(Parallel::new("P")), Error::EmptyParallel { state: "P".into() });
}

#[test]
fn map_without_processor_fails() {
    assert_eq!(err(Map::new("M")), Error::MissingItemProcessor { state: "M".into() });
}

#[test]
fn malformed_paths_fail_and_name_the_field() {
    let cases: Vec<(Chain, &str)> = vec![
        (Pass::new("S").input_path("$.a[").into(), "InputPath"),
        (Pass::new("S").output_path("a.b").into(), "OutputPath"),
        (Pass::new("S").result_path("$.items[*]").into(), "ResultPath"),
        (
            Pass::new("S")
                .parameters(Payload::from_object([("x", JsonPath::string_at("$.a.."))]))
                .into(),
            "Parameters.x",
        ),
        (
            Map::new("S").items_path("$.a[*]").item_processor(Pass::new("I")).into(),
            "ItemsPath",
        ),
        (Wait::new("S", WaitTime::seconds_path("$.a[0:1]")).into(), "SecondsPath"),
        (
            Choice::new("S")
                .when(Condition::string_equals("status", "x"), Pass::new("I"))
                .otherwise(Pass::new("O"))
                .into(),
            "Variable",
        ),
        (Fail::new("S").error_path("$.").into(), "ErrorPath"),
        (
            Parallel::new("S")
                .branch(Pass::new("B"))
                .catch(Catch::all(Pass::new("H")).result_path("$.e[*]"))
                .into(),
            "Catch.ResultPath",
        ),
    ];
    for (def, field) in cases {
        match err(def) {
            Error::InvalidPath { state, field: f, .. } => {
                assert_eq!(state, "S");
                assert_eq!(f, field);
            }
            other => panic!("{field}: expected InvalidPath, got {other:?}"),
        }
    }
}

#[test]
fn malformed_intrinsics_fail() {
    let def = Pass::new("S").parameters(Payload::from_json(serde_json::json!({"v.$": "States.MathAdd($.a)"})));
    assert!(matches!(
        err(def),
        Error::InvalidPath {
            expected: "intrinsic function",
            ..
        }
    ));
    let def = Pass::new("S").parameters(Payload::from_json(serde_json::json!({"v.$": "States.Nope()"})));
    assert!(matches!(
        err(def),
        Error::InvalidPath {
            expected: "intrinsic function",
            ..
        }
    ));
}

#[test]
fn paths_in_a_pass_result_fail() {
    let def = Pass::new("S").result(Payload::from_object([("a", JsonPath::string_at("$.a"))]));
    assert!(matches!(err(def), Error::InvalidValue { field: "Result", .. }));
}

#[test]
fn out_of_range_retriers_fail() {
    let p = |r: Retry| Parallel::new("S").branch(Pass::new("B")).retry(r);
    for r in [
        Retry::all().backoff_rate(0.9),
        Retry::all().interval(Duration::ZERO),
        Retry::all().max_attempts(100_000_000),
        Retry::all().max_delay(Duration::from_secs(40_000_000)),
        Retry::on(Vec::<String>::new()),
        Retry::on([Errors::ALL, Errors::TIMEOUT]),
    ] {
        assert!(
            matches!(err(p(r.clone())), Error::InvalidRetry { index: 0, .. }),
            "{r:?}"
        );
    }
    let def = Parallel::new("S")
        .branch(Pass::new("B"))
        .retry(Retry::all())
        .retry(Retry::on(["X"]));
    assert!(matches!(err(def), Error::InvalidRetry { index: 0, .. }));
}

#[test]
fn states_all_catcher_must_be_last() {
    let def = Parallel::new("S")
        .branch(Pass::new("B"))
        .catch(Catch::all(Fail::new("F")))
        .catch(Catch::on(["X"], Fail::new("G")));
    assert!(matches!(err(def), Error::InvalidCatch { index: 0, .. }));
}

#[test]
fn bad_timeouts_fail() {
    let t = || Task::new("S", Notify(None));
    assert!(matches!(
        err(t().timeout(Timeout::seconds(0))),
        Error::InvalidTimeout { .. }
    ));
    assert!(matches!(
        err(t().timeout(Timeout::seconds(60)).heartbeat(Timeout::seconds(60))),
        Error::InvalidTimeout { .. }
    ));
    assert!(matches!(
        err(t().timeout(Timeout::duration(Duration::from_millis(1500)))),
        Error::InvalidTimeout { .. }
    ));
    assert!(matches!(
        err(t().heartbeat(Timeout::at("$.h[*]"))),
        Error::InvalidPath { .. }
    ));
    assert!(
        StateMachine::new("M", t().timeout(Timeout::seconds(60)).heartbeat(Timeout::seconds(59)))
            .render_asl()
            .is_ok()
    );
}

#[test]
fn machine_timeout_out_of_range_fails() {
    let e = StateMachine::new("M", Pass::new("P"))
        .timeout(Duration::ZERO)
        .render_asl()
        .unwrap_err();
    assert!(matches!(
        e,
        Error::InvalidResource {
            field: "TimeoutSeconds",
            ..
        }
    ));
}

#[test]
fn bad_wait_values_fail() {
    assert!(matches!(
        err(Wait::new("W", WaitTime::timestamp("tomorrow"))),
        Error::InvalidValue { field: "Wait", .. }
    ));
    assert!(matches!(
        err(Wait::new("W", WaitTime::seconds(100_000_000))),
        Error::InvalidValue { field: "Wait", .. }
    ));
    assert!(matches!(
        err(Wait::new("W", WaitTime::duration(Duration::from_millis(10)))),
        Error::InvalidValue { field: "Wait", .. }
    ));
}

#[test]
fn map_concurrency_and_its_path_conflict() {
    let m = Map::new("M")
        .item_processor(Pass::new("I"))
        .max_concurrency(2)
        .max_concurrency_path("$.n");
    assert!(matches!(
        err(m),
        Error::InvalidValue {
            field: "MaxConcurrency",
            ..
        }
    ));
}

#[test]
fn waiting_for_a_task_token_without_the_token_fails() {
    let e = err(Task::new("S", Notify(Some(JsonPath::string_at("$.m")))).wait_for_task_token());
    assert!(
        matches!(e, Error::InvalidTask { ref state, .. } if state == "S"),
        "{e:?}"
    );
    let ok = Task::new(
        "S",
        Notify(Some(Payload::from_object([("token", JsonPath::task_token())]))),
    )
    .wait_for_task_token();
    let asl = StateMachine::new("M", ok).render_asl().unwrap();
    assert!(
        asl.definition
            .contains("\"Resource\": \"${StatesSnsPublishWaitForTaskToken}\""),
        "{}",
        asl.definition
    );
    let (_, arn) = asl.substitutions.iter().next().unwrap();
    assert_eq!(
        arn.to_string(),
        "arn:${AWS::Partition}:states:::sns:publish.waitForTaskToken"
    );
}

#[test]
fn definitions_over_1_mib_fail_unless_the_check_is_skipped() {
    let big = "x".repeat(300_000);
    let def = || {
        Chain::start(Pass::new("A").result(big.as_str().into()))
            .next(Pass::new("B").result(big.as_str().into()))
            .next(Pass::new("C").result(big.as_str().into()))
            .next(Pass::new("D").result(big.as_str().into()))
    };
    assert!(matches!(err(def()), Error::DefinitionTooLarge { limit: 1_048_576, .. }));
    assert!(StateMachine::new("M", def()).skip_size_check().render_asl().is_ok());
}

#[test]
fn custom_state_must_be_an_object_with_a_known_type() {
    assert!(matches!(
        err(CustomState::new("C", serde_json::json!([1]))),
        Error::InvalidCustomState { .. }
    ));
    assert!(matches!(
        err(CustomState::new("C", serde_json::json!({"Resource": "x"}))),
        Error::InvalidCustomState { .. }
    ));
    assert!(matches!(
        err(CustomState::new("C", serde_json::json!({"Type": "Teleport"}))),
        Error::InvalidCustomState { .. }
    ));
}

#[test]
fn bad_definition_substitution_keys_fail() {
    let e = StateMachine::new("M", Pass::new("P"))
        .definition_substitution("a b", "x")
        .render_asl()
        .unwrap_err();
    assert!(matches!(
        e,
        Error::InvalidResource {
            field: "DefinitionSubstitutions",
            ..
        }
    ));
}

#[test]
fn logical_id_collisions_fail() {
    let mut t = Template::new();
    StateMachine::new("Flow", Pass::new("P")).add_to(&mut t).unwrap();
    let e = StateMachine::new("flow", Pass::new("P")).add_to(&mut t).unwrap_err();
    assert!(
        matches!(e, Error::Template(cfn_model::CfnError::DuplicateLogicalId { .. })),
        "{e:?}"
    );
}

#[test]
fn existing_role_with_unknown_name_fails() {
    let mut t = Template::new();
    let e = StateMachine::new("M", Task::new("T", Notify(None)))
        .role(ExistingRole::from_arn(Expr::reference("RoleArn")))
        .add_to(&mut t)
        .unwrap_err();
    assert!(matches!(e, Error::InvalidResource { ref construct, field: "role", .. } if construct == "M"));
}

#[test]
fn map_concurrency_above_40_warns() {
    let w = warnings(Map::new("M").item_processor(Pass::new("I")).max_concurrency(41));
    assert_eq!(
        w,
        vec![Warning::MapConcurrencyAboveInlineLimit {
            state: "M".into(),
            max_concurrency: 41
        }]
    );
    assert!(warnings(Map::new("M").item_processor(Pass::new("I")).max_concurrency(40)).is_empty());
}

#[test]
fn choice_without_default_warns() {
    let w = warnings(Choice::new("C").when(Condition::is_present("$.a"), Pass::new("A")));
    assert_eq!(w, vec![Warning::ChoiceWithoutDefault { state: "C".into() }]);
}

#[test]
fn immutable_role_warns_about_the_statements_left_out() {
    let mut t = Template::new();
    let r = StateMachine::new("M", Task::new("T", Notify(None)))
        .role(ExistingRole::from_arn("arn:aws:iam::123456789012:role/R").immutable())
        .add_to(&mut t)
        .unwrap();
    assert_eq!(
        r.warnings,
        vec![Warning::PermissionsNotGranted {
            state_machine: "M".into(),
            statements: 1
        }]
    );
}

#[test]
fn express_timeout_over_five_minutes_warns() {
    let mut t = Template::new();
    let r = StateMachine::new("M", Pass::new("P"))
        .state_machine_type(StateMachineType::Express)
        .timeout(Duration::from_secs(3600))
        .add_to(&mut t)
        .unwrap();
    assert_eq!(
        r.warnings,
        vec![Warning::ExpressTimeoutAboveLimit {
            state_machine: "M".into(),
            timeout_seconds: 3600
        }]
    );
    let r = StateMachine::new("N", Pass::new("P"))
        .timeout(Duration::from_secs(3600))
        .add_to(&mut t)
        .unwrap();
    assert!(r.warnings.is_empty());
}

#[test]
fn templates_over_the_inline_limit_warn() {
    let mut t = Template::new();
    StateMachine::new("M", Pass::new("P").result("y".repeat(60_000).into()))
        .add_to(&mut t)
        .unwrap();
    let (_, w) = stepfunctions::synth(&t, true).unwrap();
    assert!(matches!(w.as_slice(), [Warning::TemplateOverInlineLimit { .. }]));
    assert!(w[0].to_string().contains("--s3-bucket"));
}

#[test]
fn literal_placeholder_text_is_protected_or_rejected() {
    // In a string value, `${` is routed through a substitution of its own.
    let def = Pass::new("P").parameters(Payload::from_object([("cost", "costs ${amount}".into())]));
    let asl = StateMachine::new("M", def).render_asl().unwrap();
    assert!(asl.definition.contains("\"cost\": \"${Text}\""), "{}", asl.definition);
    // In a comment it cannot be: with substitutions in the definition, that is an error.
    let def = Pass::new("P")
        .comment("see ${docs}")
        .parameters(Payload::from_object([("arn", Expr::partition().into())]));
    assert_eq!(
        StateMachine::new("M", def).render_asl().unwrap_err(),
        Error::LiteralPlaceholder
    );
    // Without substitutions, CloudFormation substitutes nothing.
    assert!(StateMachine::new("M", Pass::new("P").comment("see ${docs}"))
        .render_asl()
        .is_ok());
}

#[test]
fn every_error_of_a_program_is_reported_at_once_in_a_stable_order() {
    let definition = Chain::start(Choice::new("Empty"))
        .add(Wait::new("Bad wait", WaitTime::seconds_path("status")))
        .add(Pass::new("Bad path").result_path("$..x"));
    let e = StateMachine::new("M", definition)
        .timeout(Duration::from_millis(1500))
        .render_asl()
        .expect_err("three states and the timeout are invalid");
    let Error::Multiple { errors } = &e else {
        panic!("expected several errors, got {e:?}");
    };
    // Transitions first, then each state's fields in the order of the states, then the machine.
    let states: Vec<Option<&str>> = errors.iter().map(Error::state).collect();
    assert_eq!(
        states,
        [
            Some("Bad wait"),
            Some("Empty"),
            Some("Bad wait"),
            Some("Bad path"),
            None
        ],
        "{errors:#?}"
    );
    assert!(matches!(errors[0], Error::UnreachableState { .. }));
    assert!(matches!(errors[1], Error::EmptyChoice { .. }));
    assert!(matches!(errors[2], Error::InvalidPath { ref field, .. } if field == "SecondsPath"));
    assert!(matches!(errors[3], Error::InvalidPath { ref field, .. } if field == "ResultPath"));
    assert!(matches!(
        errors[4],
        Error::InvalidResource {
            field: "TimeoutSeconds",
            ..
        }
    ));
    assert_eq!(e.errors().len(), 5);
    assert!(
        e.to_string()
            .starts_with("5 errors: 1) state `Bad wait` cannot be reached"),
        "{e}"
    );
    // The same program renders the same errors again.
    let again = StateMachine::new(
        "M",
        Chain::start(Choice::new("Empty"))
            .add(Wait::new("Bad wait", WaitTime::seconds_path("status")))
            .add(Pass::new("Bad path").result_path("$..x")),
    )
    .timeout(Duration::from_millis(1500))
    .render_asl()
    .unwrap_err();
    assert_eq!(again, e);
}

#[test]
fn a_builder_error_is_not_repeated_by_the_checks_it_causes() {
    // `next` after a Succeed cannot link: the state after it is unreachable because of that
    // one mistake, which is reported alone.
    let e = err(Chain::start(Succeed::new("Done")).next(Pass::new("After")));
    assert!(
        matches!(e, Error::CannotChain { ref state, .. } if state == "Done"),
        "{e:?}"
    );
}

#[test]
fn a_state_kept_under_another_name_in_a_hand_built_graph_fails() {
    use stepfunctions::model::{Definition, Graph, State as ModelState, StateKind};
    let mut graph = Graph::new("A", [ModelState::new("A", StateKind::Succeed)]);
    let moved = graph.states.shift_remove("A").unwrap();
    graph.states.insert("B".into(), moved);
    graph.start_at = "B".into();
    let e = StateMachine::new("M", Definition::new(graph)).render_asl().unwrap_err();
    assert!(
        matches!(e, Error::MisnamedState { ref key, ref name } if key == "B" && name == "A"),
        "{e:?}"
    );
}

/// An integration whose own check fails on one field.
#[derive(Debug, Clone)]
struct Picky;

impl ServiceIntegration for Picky {
    const SERVICE: &'static str = "sqs";
    const API: &'static str = "sendMessage";
    fn parameters(&self, _: IntegrationPattern) -> Option<Payload> {
        None
    }
    fn policy_statements(&self, _: IntegrationPattern) -> Vec<PolicyStatement> {
        Vec::new()
    }
    fn validate(&self, _: IntegrationPattern) -> Result<(), stepfunctions::TaskError> {
        Err(stepfunctions::TaskError::field("DelaySeconds", "must be 0 to 900"))
    }
}

#[test]
fn a_task_error_names_the_state_and_the_field() {
    let e = err(Task::new("Send", Picky));
    assert_eq!(
        e,
        Error::InvalidTask {
            state: "Send".into(),
            field: Some("DelaySeconds".into()),
            reason: "must be 0 to 900".into(),
        }
    );
    assert_eq!(e.to_string(), "task `Send`: DelaySeconds: must be 0 to 900");
    // Two failing tasks: both are reported, in the order of the chain.
    let e = err(Task::new("First", Picky).next(Task::new("Second", Picky)));
    let states: Vec<_> = e.errors().iter().map(Error::state).collect();
    assert_eq!(states, [Some("First"), Some("Second")]);
}

#[test]
fn a_path_reading_a_variable_no_state_assigns_fails_naming_the_field() {
    let e = err(Pass::new("P").parameters(Payload::from_object([("total", JsonPath::string_at("$order.total"))])));
    assert_eq!(
        e,
        Error::UnassignedVariable {
            state: "P".into(),
            field: "Parameters.total".into(),
            variable: "order".into(),
        }
    );
    let e = err(Choice::new("C")
        .when(Condition::is_present("$flag"), Succeed::new("Yes"))
        .otherwise(Succeed::new("No")));
    assert!(
        matches!(e, Error::UnassignedVariable { ref field, ref variable, .. } if field == "Choices[0]" && variable == "flag"),
        "{e:?}"
    );
    let e = err(Pass::new("P").parameters(Payload::from_object([(
        "n",
        JsonPath::array_length(JsonPath::list_at("$items")),
    )])));
    assert!(
        matches!(e, Error::UnassignedVariable { ref field, ref variable, .. } if field == "Parameters.n" && variable == "items"),
        "{e:?}"
    );
    // The context object and the input are not variables.
    assert!(StateMachine::new(
        "M",
        Pass::new("P").parameters(Payload::from_object([("t", JsonPath::execution_id())]))
    )
    .render_asl()
    .is_ok());
}

#[test]
fn templates_over_one_megabyte_fail_with_either_writer() {
    let mut t = Template::new();
    // Four machines of ~300 KB each: every definition is under the 1 MiB service limit, the
    // template is over what CloudFormation takes from S3.
    for i in 0..4 {
        StateMachine::new(format!("M{i}"), Pass::new("P").result("y".repeat(300_000).into()))
            .add_to(&mut t)
            .unwrap();
    }
    let e = stepfunctions::synth(&t, true).unwrap_err();
    assert!(
        matches!(
            e,
            Error::Template(cfn_model::CfnError::TemplateTooLarge { limit: 1_000_000, .. })
        ),
        "{e:?}"
    );
    let e = stepfunctions::synth_to(&t, true, &mut Vec::new()).unwrap_err();
    assert!(
        matches!(e, Error::Template(cfn_model::CfnError::TemplateTooLarge { .. })),
        "{e:?}"
    );
}

#[test]
fn references_to_what_the_template_does_not_have_fail_at_synthesis() {
    use cfn_model::{Output, Parameter};
    let mut t = Template::new();
    t.add_parameter("Env", Parameter::string()).unwrap();
    StateMachine::new("M", Task::new("T", Notify(Some("hi".into()))))
        .state_machine_name(Expr::sub("flow-${Env}"))
        .add_to(&mut t)
        .unwrap();
    assert!(stepfunctions::synth(&t, false).is_ok());
    t.add_output("Missing", Output::new(Expr::get_att("Nowhere", "Arn")))
        .unwrap();
    let e = stepfunctions::synth(&t, false).unwrap_err();
    assert_eq!(
        e.to_string(),
        "output `Missing` refers to `Nowhere` (Fn::GetAtt), which is not a resource of the template"
    );
    // A Fn::Sub variable inside a resource, and an attribute of a parameter.
    let mut t = Template::new();
    t.add_parameter("Env", Parameter::string()).unwrap();
    StateMachine::new("M", Pass::new("P"))
        .state_machine_name(Expr::sub("flow-${Stage}"))
        .add_to(&mut t)
        .unwrap();
    let e = stepfunctions::synth_to(&t, false, &mut Vec::new()).unwrap_err();
    assert!(
        matches!(&e, Error::Template(cfn_model::CfnError::MissingReference { name, how: "Ref", .. }) if name == "Stage"),
        "{e:?}"
    );
    let mut t = Template::new();
    t.add_parameter("Env", Parameter::string()).unwrap();
    t.add_output("Bad", Output::new(Expr::get_att("Env", "Arn"))).unwrap();
    assert!(stepfunctions::synth(&t, false).is_err());
}

#[test]
fn state_machine_names_follow_the_service_rules() {
    for bad in [
        "",
        "has space",
        "a/b",
        "semi;colon",
        "tab\there",
        "x".repeat(81).as_str(),
    ] {
        let e = StateMachine::new("M", Pass::new("P"))
            .state_machine_name(bad)
            .render_asl()
            .unwrap_err();
        assert!(
            matches!(e, Error::InvalidResource { ref construct, field: "StateMachineName", .. } if construct == "M"),
            "{bad:?}: {e:?}"
        );
    }
    for good in ["my-flow_1", "x".repeat(80).as_str()] {
        assert!(
            StateMachine::new("M", Pass::new("P"))
                .state_machine_name(good)
                .render_asl()
                .is_ok(),
            "{good}"
        );
    }
    // An expression is the stack's to resolve.
    assert!(StateMachine::new("M", Pass::new("P"))
        .state_machine_name(Expr::reference("Name"))
        .render_asl()
        .is_ok());
}

#[test]
fn log_destinations_must_be_log_group_arns_ending_in_a_star() {
    for bad in ["", "arn:aws:logs:us-east-1:123456789012:log-group:sfn", "my-log-group"] {
        let e = StateMachine::new("M", Pass::new("P"))
            .logs(LogOptions::new(bad))
            .render_asl()
            .unwrap_err();
        assert!(
            matches!(
                e,
                Error::InvalidResource {
                    field: "LoggingConfiguration",
                    ..
                }
            ),
            "{bad:?}: {e:?}"
        );
    }
    assert!(StateMachine::new("M", Pass::new("P"))
        .logs(LogOptions::new("arn:aws:logs:us-east-1:123456789012:log-group:sfn:*"))
        .render_asl()
        .is_ok());
    assert!(StateMachine::new("M", Pass::new("P"))
        .logs(LogOptions::new(Expr::get_att("Logs", "Arn")))
        .render_asl()
        .is_ok());
}

#[test]
fn express_machines_reject_callback_and_sync_tasks() {
    let callback = Task::new(
        "Wait for it",
        Notify(Some(Payload::from_object([("token", JsonPath::task_token())]))),
    )
    .wait_for_task_token();
    let e = StateMachine::new("M", callback.clone())
        .state_machine_type(StateMachineType::Express)
        .render_asl()
        .unwrap_err();
    assert!(
        matches!(e, Error::NotInExpress { ref state, what } if state == "Wait for it" && what.contains(".waitForTaskToken")),
        "{e:?}"
    );
    let raw = CustomState::new(
        "Run",
        serde_json::json!({"Type": "Task", "Resource": "arn:aws:states:::glue:startJobRun.sync", "Parameters": {"JobName": "j"}}),
    );
    let e = StateMachine::new("M", raw)
        .state_machine_type(StateMachineType::Express)
        .render_asl()
        .unwrap_err();
    assert!(
        matches!(e, Error::NotInExpress { what, .. } if what.contains(".sync")),
        "{e:?}"
    );
    // Standard runs both.
    assert!(StateMachine::new("M", callback).render_asl().is_ok());
}

#[test]
fn dollar_keys_written_by_hand_fail_wherever_they_are() {
    // Through the object builder: the `.$` suffix is written for the path already.
    let e = err(Pass::new("P").parameters(Payload::from_object([("id.$", JsonPath::string_at("$.id"))])));
    assert!(
        matches!(e, Error::DollarKey { ref field, .. } if field == "Parameters.id.$"),
        "{e:?}"
    );
    // Through JSON, with a value that is not a string.
    let e = err(Pass::new("P").parameters(Payload::from_json(serde_json::json!({"n.$": 5}))));
    assert!(matches!(e, Error::DollarKey { ref value, .. } if value == "5"), "{e:?}");
    // In a Map's item selector.
    let e = err(Map::new("M")
        .item_selector(Payload::from_object([("x.$", "literal".into())]))
        .item_processor(Pass::new("I")));
    assert!(
        matches!(e, Error::DollarKey { ref field, .. } if field == "ItemSelector.x.$"),
        "{e:?}"
    );
    // In a custom state's raw JSON.
    let e = err(CustomState::new(
        "C",
        serde_json::json!({"Type": "Pass", "Parameters": {"a.$": {"b": 1}}}),
    ));
    assert!(matches!(e, Error::DollarKey { .. }), "{e:?}");
}

#[test]
fn custom_states_may_not_set_a_field_and_its_path_form() {
    for (a, b) in [
        ("TimeoutSeconds", "TimeoutSecondsPath"),
        ("HeartbeatSeconds", "HeartbeatSecondsPath"),
        ("Seconds", "TimestampPath"),
        ("MaxConcurrency", "MaxConcurrencyPath"),
        ("Error", "ErrorPath"),
    ] {
        let mut json = serde_json::json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke"});
        json[a] = serde_json::json!(10);
        json[b] = serde_json::json!("$.x");
        let e = err(CustomState::new("C", json));
        assert!(
            matches!(e, Error::InvalidCustomState { ref reason, .. } if reason.contains(a) && reason.contains(b)),
            "{a}/{b}: {e:?}"
        );
    }
}

#[test]
fn state_names_with_control_characters_fail() {
    let e = err(Pass::new("Tab\there"));
    assert_eq!(
        e,
        Error::StateNameCharacter {
            name: "Tab\there".into(),
            character: "U+0009".into()
        }
    );
    assert!(e.to_string().contains("Tab\\there"), "{e}");
}

#[test]
fn a_timeout_set_twice_is_an_error_not_a_replacement() {
    let e = err(Task::new("T", Notify(None))
        .timeout(Timeout::seconds(30))
        .timeout(Timeout::at("$.timeout")));
    assert!(
        matches!(e, Error::InvalidTimeout { ref reason, .. } if reason.contains("set twice")),
        "{e:?}"
    );
    let e = err(Task::new("T", Notify(None))
        .heartbeat(Timeout::seconds(5))
        .heartbeat(Timeout::seconds(6)));
    assert!(
        matches!(e, Error::InvalidTimeout { ref reason, .. } if reason.contains("heartbeat")),
        "{e:?}"
    );
}

#[test]
fn collisions_and_oversized_definitions_name_what_the_user_wrote() {
    let mut t = Template::new();
    StateMachine::new("Flow", Pass::new("P")).add_to(&mut t).unwrap();
    let e = StateMachine::new("flow", Pass::new("P")).add_to(&mut t).unwrap_err();
    let text = e.to_string();
    assert!(text.contains("`flow`") && text.contains("`Flow`"), "{text}");
    let big = "x".repeat(600_000);
    let e = StateMachine::new(
        "Huge",
        Chain::start(Pass::new("A").result(big.as_str().into())).next(Pass::new("B").result(big.as_str().into())),
    )
    .render_asl()
    .unwrap_err();
    assert!(
        matches!(e, Error::DefinitionTooLarge { ref state_machine, .. } if state_machine == "Huge"),
        "{e:?}"
    );
}

#[test]
fn long_construct_ids_give_policy_names_iam_accepts() {
    let mut t = Template::new();
    let id = "A".repeat(200);
    StateMachine::new(id.as_str(), Task::new("T", Notify(None)))
        .add_to(&mut t)
        .unwrap();
    let json: serde_json::Value = serde_json::from_str(&t.to_json_compact().unwrap()).unwrap();
    let policy = json["Resources"]
        .as_object()
        .unwrap()
        .values()
        .find(|r| r["Type"] == "AWS::IAM::Policy")
        .unwrap();
    let name = policy["Properties"]["PolicyName"].as_str().unwrap();
    assert_eq!(name.len(), 128);
    assert!(name.ends_with("RoleDefaultPolicy"), "{name}");
}

#[test]
fn review_fixes_express_activities_nested_custom_states_and_clean_failures() {
    // An activity, and a .sync task nested in a custom Parallel, in an Express machine.
    let activity = CustomState::new(
        "Work",
        serde_json::json!({"Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:Work"}),
    );
    let e = StateMachine::new("M", activity)
        .state_machine_type(StateMachineType::Express)
        .render_asl()
        .unwrap_err();
    assert!(matches!(e, Error::NotInExpress { what: "activities", .. }), "{e:?}");
    let nested = CustomState::new(
        "Both",
        serde_json::json!({"Type": "Parallel", "Branches": [{"StartAt": "Run", "States": {"Run": {
            "Type": "Task", "Resource": "arn:aws:states:::glue:startJobRun.sync", "End": true}}}]}),
    );
    let e = StateMachine::new("M", nested)
        .state_machine_type(StateMachineType::Express)
        .render_asl()
        .unwrap_err();
    assert!(
        matches!(e, Error::NotInExpress { ref state, .. } if state == "Both"),
        "{e:?}"
    );

    // A derived id taken already: the error comes before anything is added.
    let mut t = Template::new();
    t.add_resource("MRoleDefaultPolicy", cfn_model::Resource::new("AWS::SQS::Queue"))
        .unwrap();
    let e = StateMachine::new("M", Pass::new("P")).add_to(&mut t).unwrap_err();
    assert!(e.to_string().contains("derived from the state machine `M`"), "{e}");
    assert!(t.resource("MRole").is_none());

    // Raw ASL that assigns a variable may read it.
    let assign = CustomState::new(
        "Remember",
        serde_json::json!({"Type": "Pass", "Assign": {"x.$": "$.a"}}),
    );
    let read = Pass::new("Use").parameters(Payload::from_object([("v", JsonPath::string_at("$x"))]));
    assert!(StateMachine::new("M", Chain::start(assign).next(read))
        .render_asl()
        .is_ok());
}
