//! `EvaluateExpression` and `EvaluateExpressionFunction`: the rendered state, the function in
//! the template, every rejection.

use cfn_model::{Expr, Resource, Template};
use serde_json::{json, Value};
use stepfunctions::prelude::*;
use stepfunctions::testing::render_state;
use stepfunctions::Error;
use stepfunctions_tasks::{EvaluateExpression, EvaluateExpressionFunction, LambdaFunction, EVAL_ROLE_ID};

fn eval_fn() -> LambdaFunction {
    LambdaFunction::from_arn(Expr::get_att("EvalFunction", "Arn"))
}

fn reason(e: &Error) -> &str {
    match e {
        Error::InvalidTask { reason, .. } => reason,
        other => panic!("not an InvalidTask: {other:?}"),
    }
}

#[test]
fn default_settings() {
    let task = Task::new(
        "Convert to seconds",
        EvaluateExpression::new(&eval_fn(), "$.waitMilliseconds / 1000"),
    )
    .result_path("$.waitSeconds");
    insta::assert_json_snapshot!(render_state(task).unwrap());
}

#[test]
fn a_template_literal_with_several_paths() {
    let task = Task::new(
        "Create message",
        EvaluateExpression::new(
            &eval_fn(),
            "`${$.order.items.length} items for ${$.order.customer}, ${$.order.items.length > 1 ? 'boxes' : 'box'}`",
        ),
    );
    let r = render_state(task).unwrap();
    assert_eq!(
        r["States"]["Create message"]["Parameters"]["expressionAttributeValues"],
        json!({
            "$.order.items.length.$": "$.order.items.length",
            "$.order.customer.$": "$.order.customer",
        })
    );
}

#[test]
fn an_expression_holding_a_placeholder_reaches_the_state_as_written() {
    // `${` in the expression must not become a CloudFormation placeholder.
    let mut t = Template::new();
    let f = EvaluateExpressionFunction::new("EvalFunction").add_to(&mut t).unwrap();
    let task = Task::new(
        "Message",
        EvaluateExpression::new(&f, "`Now waiting ${$.waitSeconds} seconds...`"),
    );
    StateMachine::new("StateMachine", task).add_to(&mut t).unwrap();
    let json: Value = serde_json::from_str(&t.to_json_pretty().unwrap()).unwrap();
    let props = &json["Resources"]["StateMachine"]["Properties"];
    let placeholder = props["Definition"]["States"]["Message"]["Parameters"]["expression"]
        .as_str()
        .unwrap();
    let key = placeholder.trim_start_matches("${").trim_end_matches('}');
    assert_eq!(
        props["DefinitionSubstitutions"][key],
        "`Now waiting ${$.waitSeconds} seconds...`"
    );
}

#[test]
fn the_function_and_its_shared_role() {
    let mut t = Template::new();
    EvaluateExpressionFunction::new("Convert to seconds EvalFunction")
        .add_to(&mut t)
        .unwrap();
    EvaluateExpressionFunction::new("Create message EvalFunction")
        .runtime("nodejs22.x")
        .arm64(true)
        .timeout_seconds(10)
        .add_to(&mut t)
        .unwrap();
    let json: Value = serde_json::from_str(&t.to_json_pretty().unwrap()).unwrap();
    insta::assert_json_snapshot!(json);
}

#[test]
fn fails_on_an_unsupported_runtime_or_timeout() {
    let mut t = Template::new();
    for runtime in ["nodejs18.x", "nodejs14.x", "python3.12", "nodejs"] {
        let e = EvaluateExpressionFunction::new("F")
            .runtime(runtime)
            .add_to(&mut t)
            .unwrap_err();
        assert!(
            matches!(e, Error::InvalidResource { field: "Runtime", .. }),
            "{runtime}: {e:?}"
        );
    }
    let e = EvaluateExpressionFunction::new("F")
        .timeout_seconds(0)
        .add_to(&mut t)
        .unwrap_err();
    assert!(matches!(e, Error::InvalidResource { field: "Timeout", .. }), "{e:?}");
    assert!(t.resources().is_empty(), "nothing added when the settings are invalid");
}

#[test]
fn fails_when_the_role_id_is_taken_by_another_resource() {
    let mut t = Template::new();
    t.add_resource(EVAL_ROLE_ID, Resource::new("AWS::SNS::Topic")).unwrap();
    let e = EvaluateExpressionFunction::new("F").add_to(&mut t).unwrap_err();
    assert!(matches!(e, Error::InvalidResource { field: "Role", .. }), "{e:?}");
}

#[test]
fn fails_on_a_path_written_as_text() {
    let e = render_state(Task::new("Eval", EvaluateExpression::new(&eval_fn(), "'year=$.year'"))).unwrap_err();
    assert!(reason(&e).contains("inside a string"), "{e}");
    let e = render_state(Task::new("Eval", EvaluateExpression::new(&eval_fn(), "`total: $.n`"))).unwrap_err();
    assert!(reason(&e).contains("inside a template literal"), "{e}");
}

#[test]
fn fails_on_a_context_path_or_an_empty_expression() {
    let e = render_state(Task::new(
        "Eval",
        EvaluateExpression::new(&eval_fn(), "$$.Execution.Id"),
    ))
    .unwrap_err();
    assert!(reason(&e).contains("context path"), "{e}");
    let e = render_state(Task::new("Eval", EvaluateExpression::new(&eval_fn(), " "))).unwrap_err();
    assert!(reason(&e).contains("empty"), "{e}");
}

#[test]
fn fails_on_a_path_step_functions_cannot_read() {
    let e = render_state(Task::new("Eval", EvaluateExpression::new(&eval_fn(), "$.a[ + 1"))).unwrap_err();
    assert!(matches!(e, Error::InvalidPath { .. }), "{e:?}");
}
