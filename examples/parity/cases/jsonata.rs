//! `jsonata_*` and `vars_*`: the JSONata query language and workflow variables.

use std::time::Duration;

use stepfunctions_cdk::prelude::*;

use super::Build;

pub const CASES: &[(&str, Build)] = &[
    ("jsonata_fail_wait", jsonata_fail_wait),
    ("jsonata_lambda_invoke", jsonata_lambda_invoke),
    ("jsonata_map_parallel", jsonata_map_parallel),
    ("jsonata_mixed_jsonpath_machine", jsonata_mixed_jsonpath_machine),
    ("jsonata_pass_choice", jsonata_pass_choice),
    ("jsonata_sns_dynamo_sqs", jsonata_sns_dynamo_sqs),
    ("vars_assign_pass_jsonpath", vars_assign_pass_jsonpath),
    ("vars_assign_task_catch_jsonpath", vars_assign_task_catch_jsonpath),
    ("vars_choice_assign_jsonata", vars_choice_assign_jsonata),
    ("vars_choice_assign_jsonpath", vars_choice_assign_jsonpath),
];

type J = Jsonata;

fn my_fn() -> LambdaFunction {
    LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:MyFn")
}

/// Pass with outputs, Choice with JSONata conditions and an otherwise, Succeed-like Pass and
/// Fail terminals, in a JSONata machine.
fn jsonata_pass_choice(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let prepare = Pass::jsonata("Prepare")
        .comment("shape the input")
        .output(Payload::from_object([
            ("orderId", J::states_input().field("order").field("id").into()),
            ("total", J::new("$sum($states.input.order.items.price)").into()),
            ("literal", "plain".into()),
            ("count", 3.into()),
            (
                "flags",
                Payload::Array(vec![true.into(), J::states_input().field("flag").into()]),
            ),
        ]));
    let big = Pass::jsonata("Big Order").output(J::new(r#"$merge([$states.input, {"size": "big"}])"#).into());
    let small = Pass::jsonata("Small Order");
    let rejected = Fail::jsonata("Rejected")
        .error("Rejected")
        .cause("order total is negative");
    let choice = Choice::jsonata("How Big?")
        .comment("route on total")
        .when_with(
            Condition::jsonata("$states.input.total > 100"),
            big,
            RuleOptions::default().comment("large orders"),
        )
        .when(Condition::jsonata("$states.input.total < 0"), rejected)
        .otherwise(small);
    Ok(StateMachine::new("StateMachine", prepare.next(choice))
        .query_language(QueryLanguage::Jsonata)
        .add_to(t)?
        .warnings)
}

/// Wait with JSONata seconds and timestamp, a fixed wait, and a Fail from expressions.
fn jsonata_fail_wait(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let wait_seconds = Wait::jsonata("Wait Seconds", WaitTime::seconds_expr(J::states_input().field("delay")));
    let wait_until = Wait::jsonata("Wait Until", WaitTime::timestamp_expr(J::states_input().field("until")))
        .output(Payload::from_object([("waited", true.into())]));
    let wait_fixed = Wait::jsonata("Wait Fixed", WaitTime::duration(Duration::from_secs(10)));
    let fail = Fail::jsonata("Give Up")
        .error_expr("'E_' & $states.input.code")
        .cause_expr("$string($states.input)");
    let definition = wait_seconds.next(wait_until).next(wait_fixed).next(fail);
    Ok(StateMachine::new("StateMachine", definition)
        .query_language(QueryLanguage::Jsonata)
        .add_to(t)?
        .warnings)
}

/// LambdaInvoke in JSONata: a payload of expressions, outputs from the result, a timeout, a
/// retry and a catch with an output.
fn jsonata_lambda_invoke(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let invoke = Task::jsonata(
        "Invoke",
        LambdaInvoke::new(my_fn()).payload(Payload::from_object([
            ("id", J::states_input().field("id").into()),
            (
                "startedAt",
                J::states_context().field("Execution").field("StartTime").into(),
            ),
            ("constant", "x".into()),
        ])),
    )
    .output(Payload::from_object([
        ("result", J::states_result().field("Payload").into()),
        ("status", J::states_result().field("StatusCode").into()),
    ]))
    .timeout(Timeout::duration(Duration::from_secs(30)))
    .retry(
        Retry::on([Errors::TIMEOUT])
            .max_attempts(2)
            .interval(Duration::from_secs(5)),
    )
    .catch(
        // The CDK program reads `$states.errorOutput` in the Fail state; it exists only in the
        // catcher (AWS developer guide, the $states reserved variable): the handler reads the
        // error from its input, which the catcher's output puts under `err`.
        Catch::all(
            Fail::jsonata("Invoke Failed")
                .error_expr(J::states_input().field("err").field("Error"))
                .cause_expr(J::states_input().field("err").field("Cause")),
        )
        .output(Payload::from_object([("err", J::states_error_output().into())])),
    );
    Ok(StateMachine::new("StateMachine", invoke)
        .query_language(QueryLanguage::Jsonata)
        .add_to(t)?
        .warnings)
}

/// A JSONata Map (items, item selector and max concurrency from expressions) and a JSONata
/// Parallel (arguments, outputs, two branches).
fn jsonata_map_parallel(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let map = Map::jsonata("Map Items")
        .items(J::states_input().field("items").into())
        .item_selector(
            J::new(r#"{"value": $states.context.Map.Item.Value, "index": $states.context.Map.Item.Index}"#).into(),
        )
        .max_concurrency_expr(J::states_input().field("concurrency"))
        .output(Payload::from_object([("mapped", J::states_result().into())]))
        .item_processor(Pass::jsonata("Double").output(J::new("$states.input.value * 2").into()));
    let parallel = Parallel::jsonata("Both")
        .arguments(Payload::from_object([
            ("mapped", J::states_input().field("mapped").into()),
            ("tag", "fixed".into()),
        ]))
        .output(Payload::from_object([
            ("left", J::states_result().index(0).into()),
            ("right", J::states_result().index(1).into()),
        ]))
        .branch(Pass::jsonata("Left").output(J::new("$count($states.input.mapped)").into()))
        .branch(Pass::jsonata("Right").output(Payload::from_object([("tag", J::states_input().field("tag").into())])));
    Ok(StateMachine::new("StateMachine", map.next(parallel))
        .query_language(QueryLanguage::Jsonata)
        .add_to(t)?
        .warnings)
}

/// A JSONPath machine with a JSONata Pass and a JSONata LambdaInvoke between JSONPath states.
fn jsonata_mixed_jsonpath_machine(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let first = Pass::json_path("JSONPath Start")
        .parameters(Payload::from_object([("id", JsonPath::string_at("$.id"))]))
        .result_path("$.start");
    let middle =
        Pass::jsonata("JSONata Middle").output(Payload::from_object([("id", J::new("$states.input.start.id").into())]));
    let invoke = Task::jsonata(
        "JSONata Invoke",
        LambdaInvoke::new(my_fn()).payload(Payload::from_object([("id", J::states_input().field("id").into())])),
    );
    let last = Pass::new("JSONPath End").output_path("$.Payload");
    Ok(
        StateMachine::new("StateMachine", first.next(middle).next(invoke).next(last))
            .add_to(t)?
            .warnings,
    )
}

/// SnsPublish, DynamoPutItem and SqsSendMessage in JSONata, values from expressions.
fn jsonata_sns_dynamo_sqs(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let topic = SnsTopic::from_arn("arn:aws:sns:us-east-1:123456789012:MyTopic");
    let queue = SqsQueue::from_arn("arn:aws:sqs:us-east-1:123456789012:MyQueue");
    let table = DynamoTable::from_name("MyTable");
    let publish = Task::jsonata(
        "Publish",
        SnsPublish::new(topic, J::states_input().field("message").into())
            .subject("hello")
            .message_attribute("place", MessageAttribute::string(J::states_input().field("place"))),
    );
    let put = Task::jsonata(
        "Put",
        DynamoPutItem::new(
            table,
            [
                ("pk", DynamoAttributeValue::from_string(J::states_input().field("id"))),
                ("count", DynamoAttributeValue::from_number(7)),
            ],
        ),
    )
    .output(Payload::from_object([("stored", true.into())]));
    let send = Task::jsonata(
        "Send",
        SqsSendMessage::new(
            queue,
            Payload::from_object([("id", J::states_input().field("id").into()), ("kind", "done".into())]),
        ),
    );
    Ok(StateMachine::new("StateMachine", publish.next(put).next(send))
        .query_language(QueryLanguage::Jsonata)
        .add_to(t)?
        .warnings)
}

/// Variables in a JSONPath machine: a Pass assigns a literal, a path, an intrinsic and an
/// object; later states read them as `$name`.
fn vars_assign_pass_jsonpath(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let init = Pass::new("Init")
        .assign("myVar", "fixed")
        .assign("count", 3)
        .assign("orderId", JsonPath::string_at("$.order.id"))
        .assign("uuid", JsonPath::uuid())
        .assign(
            "nested",
            Payload::from_object([("customer", JsonPath::string_at("$.customer")), ("flag", true.into())]),
        );
    let use_them = Pass::new("Use").parameters(Payload::from_object([
        ("myVar", JsonPath::string_at("$myVar")),
        ("orderId", JsonPath::string_at("$orderId")),
        ("customer", JsonPath::string_at("$nested.customer")),
        ("fromInput", JsonPath::string_at("$.other")),
    ]));
    let invoke = Task::new(
        "Invoke",
        LambdaInvoke::payload_response_only(my_fn()).payload(Payload::from_object([
            ("id", JsonPath::string_at("$orderId")),
            ("count", JsonPath::number_at("$count")),
        ])),
    );
    Ok(StateMachine::new("StateMachine", init.next(use_them).next(invoke))
        .add_to(t)?
        .warnings)
}

/// Variables on a task (from its result) and on a catcher (from the error), read by the
/// handler and the next state (JSONPath).
fn vars_assign_task_catch_jsonpath(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let handler = Pass::new("Handle Error").parameters(Payload::from_object([
        ("error", JsonPath::string_at("$errorName")),
        ("cause", JsonPath::string_at("$errorCause")),
    ]));
    let invoke = Task::new("Invoke", LambdaInvoke::new(my_fn()))
        .assign("result", JsonPath::string_at("$.Payload.result"))
        .assign("attempt", 1)
        .result_path("$.invoke")
        .catch(
            Catch::on([Errors::TASKS_FAILED], handler)
                .result_path("$.error")
                .assign("errorName", JsonPath::string_at("$.Error"))
                .assign("errorCause", JsonPath::string_at("$.Cause")),
        );
    let done = Pass::new("Done").parameters(Payload::from_object([
        ("result", JsonPath::string_at("$result")),
        ("attempt", JsonPath::string_at("$attempt")),
    ]));
    Ok(StateMachine::new("StateMachine", invoke.next(done)).add_to(t)?.warnings)
}

/// Variables in a JSONata machine: on a Pass, a Choice and its rule, a LambdaInvoke and its
/// catcher; read as `$name` in expressions.
fn vars_choice_assign_jsonata(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let init = Pass::jsonata("Init")
        .assign("threshold", 100)
        .assign("customer", J::states_input().field("customer"));
    let failed = Pass::jsonata("Scoring Failed").output(Payload::from_object([("why", J::variable("why").into())]));
    let invoke = Task::jsonata(
        "Score",
        LambdaInvoke::new(my_fn()).payload(Payload::from_object([("customer", J::variable("customer").into())])),
    )
    .assign("score", J::states_result().field("Payload").field("score"))
    .output(J::states_result().field("Payload").into())
    .catch(Catch::all(failed).assign("why", J::states_error_output().field("Cause")));
    let high = Pass::jsonata("High").output(Payload::from_object([
        ("tier", J::variable("tier").into()),
        ("score", J::variable("score").into()),
    ]));
    let low = Pass::jsonata("Low").output(Payload::from_object([("tier", J::variable("tier").into())]));
    let choice = Choice::jsonata("Tier?")
        .assign("checked", true)
        .when_with(
            Condition::jsonata("$score > $threshold"),
            high,
            RuleOptions::default()
                .assign("tier", "gold")
                .output(Payload::from_object([("s", J::variable("score").into())])),
        )
        .otherwise(low);
    Ok(StateMachine::new("StateMachine", init.next(invoke).next(choice))
        .query_language(QueryLanguage::Jsonata)
        .add_to(t)?
        .warnings)
}

/// Variables on JSONPath Choice rules, a Map and a Parallel, read by a later state.
fn vars_choice_assign_jsonpath(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let map = Map::new("Map")
        .items_path("$.items")
        .assign("mapped", JsonPath::entire_payload())
        .item_processor(Pass::new("Item"));
    let parallel = Parallel::new("Parallel")
        .assign("first", JsonPath::string_at("$[0]"))
        .branch(Pass::new("A"))
        .branch(Pass::new("B"));
    let big = Pass::new("Big").parameters(Payload::from_object([
        ("label", JsonPath::string_at("$label")),
        ("first", JsonPath::string_at("$first")),
    ]));
    let other = Pass::new("Other");
    let choice = Choice::new("Which?")
        .when_with(
            Condition::number_greater_than("$.size", 10),
            big,
            RuleOptions::default()
                .assign("label", "big")
                .assign("size", JsonPath::string_at("$.size")),
        )
        .when_with(
            Condition::string_equals("$.kind", "x"),
            other.reference(),
            RuleOptions::default().comment("no assign here"),
        )
        .otherwise(other);
    Ok(StateMachine::new("StateMachine", map.next(parallel).next(choice))
        .add_to(t)?
        .warnings)
}
