//! `core_*`: the core state-machine features.

use std::time::Duration;

use serde_json::json;
use stepfunctions_cdk::prelude::*;

use super::Build;

pub const CASES: &[(&str, Build)] = &[
    ("core_batch_job_workflow", core_batch_job_workflow),
    ("core_choice_conditions", core_choice_conditions),
    ("core_custom_state", core_custom_state),
    ("core_express_state_machine", core_express_state_machine),
    ("core_fragment_chain", core_fragment_chain),
    ("core_map_item_processor", core_map_item_processor),
    ("core_output_path_discard", core_output_path_discard),
    ("core_parallel_catch_retry", core_parallel_catch_retry),
    ("core_pass_parameters_intrinsics", core_pass_parameters_intrinsics),
    ("core_pass_result", core_pass_result),
    ("core_result_selector", core_result_selector),
    ("core_succeed_fail", core_succeed_fail),
    ("core_task_timeout_heartbeat", core_task_timeout_heartbeat),
    ("core_wait_variants", core_wait_variants),
];

/// The slides' Batch-job workflow: Task, Wait, Choice looping back, Fail.
fn core_batch_job_workflow(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let submit_lambda = LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:SubmitJob");
    let get_status_lambda = LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:CheckJob");
    let retry = Retry::all()
        .interval(Duration::from_secs(1))
        .max_attempts(3)
        .backoff_rate(2.0);

    let submit_job = Task::new(
        "Submit Job",
        LambdaInvoke::payload_response_only(submit_lambda).retry_on_service_exceptions(false),
    )
    // Put Lambda's result here in the execution's state object
    .result_path("$.guid")
    .retry(retry.clone());

    let wait_x = Wait::new("Wait X Seconds", WaitTime::seconds_path("$.wait_time"));
    let poll_again = wait_x.reference();

    let get_status = Task::new(
        "Get Job Status",
        LambdaInvoke::payload_response_only(get_status_lambda.clone()).retry_on_service_exceptions(false),
    )
    .input_path("$.guid")
    .result_path("$.status")
    .retry(retry.clone());

    let job_failed = Fail::new("Job Failed")
        .cause("AWS Batch Job Failed")
        .error("DescribeJob returned FAILED");

    let final_status = Task::new(
        "Get Final Job Status",
        LambdaInvoke::payload_response_only(get_status_lambda).retry_on_service_exceptions(false),
    )
    .input_path("$.guid")
    .retry(retry);

    let definition = submit_job.next(wait_x).next(get_status).next(
        Choice::new("Job Complete?")
            .when(Condition::string_equals("$.status", "FAILED"), job_failed)
            .when(Condition::string_equals("$.status", "SUCCEEDED"), final_status)
            .otherwise(poll_again),
    );

    let rendered = StateMachine::new("StateMachine", definition)
        .comment("A simple AWS Batch workflow")
        .timeout(Duration::from_secs(300))
        .add_to(t)?;
    Ok(rendered.warnings)
}

/// Choice with And / Or / Not and every JSONPath Condition: string / numeric / boolean / timestamp
/// comparisons with their *JsonPath variants, stringMatches, and the type / presence tests.
fn core_choice_conditions(t: &mut Template) -> Result<Vec<Warning>, Error> {
    type C = Condition;
    let pass = |id: &str| Pass::new(id);
    let choice = Choice::new("Check Input")
        .comment("every condition kind")
        .when(C::not(C::string_equals("$.type", "Private")), pass("Public"))
        .when(
            C::and([
                C::number_greater_than_equals("$.value", 20),
                C::number_less_than("$.value", 30),
            ]),
            pass("ValueInTwenties"),
        )
        .when(
            C::or([
                C::string_equals("$.s", "a"),
                C::string_less_than("$.s", "b"),
                C::string_greater_than("$.s", "c"),
                C::string_less_than_equals("$.s", "d"),
                C::string_greater_than_equals("$.s", "e"),
                C::string_matches("$.s", "log-*.txt"),
            ]),
            pass("StringCompare"),
        )
        .when(
            C::and([
                C::string_equals_json_path("$.s", "$.s1"),
                C::string_less_than_json_path("$.s", "$.s2"),
                C::string_greater_than_json_path("$.s", "$.s3"),
                C::string_less_than_equals_json_path("$.s", "$.s4"),
                C::string_greater_than_equals_json_path("$.s", "$.s5"),
            ]),
            pass("StringComparePath"),
        )
        .when(
            C::or([
                C::number_equals("$.n", 1),
                C::number_less_than("$.n", 2.5),
                C::number_greater_than("$.n", -3),
                C::number_less_than_equals("$.n", 4),
                C::number_greater_than_equals("$.n", 5),
            ]),
            pass("NumericCompare"),
        )
        .when(
            C::and([
                C::number_equals_json_path("$.n", "$.n1"),
                C::number_less_than_json_path("$.n", "$.n2"),
                C::number_greater_than_json_path("$.n", "$.n3"),
                C::number_less_than_equals_json_path("$.n", "$.n4"),
                C::number_greater_than_equals_json_path("$.n", "$.n5"),
            ]),
            pass("NumericComparePath"),
        )
        .when(
            C::or([
                C::boolean_equals("$.b", true),
                C::boolean_equals_json_path("$.b", "$.b1"),
            ]),
            pass("BooleanCompare"),
        )
        .when(
            C::or([
                C::timestamp_equals("$.t", "2016-03-14T01:59:00Z"),
                C::timestamp_less_than("$.t", "2016-03-14T01:59:00Z"),
                C::timestamp_greater_than("$.t", "2016-03-14T01:59:00Z"),
                C::timestamp_less_than_equals("$.t", "2016-03-14T01:59:00Z"),
                C::timestamp_greater_than_equals("$.t", "2016-03-14T01:59:00Z"),
            ]),
            pass("TimestampCompare"),
        )
        .when(
            C::and([
                C::timestamp_equals_json_path("$.t", "$.t1"),
                C::timestamp_less_than_json_path("$.t", "$.t2"),
                C::timestamp_greater_than_json_path("$.t", "$.t3"),
                C::timestamp_less_than_equals_json_path("$.t", "$.t4"),
                C::timestamp_greater_than_equals_json_path("$.t", "$.t5"),
            ]),
            pass("TimestampComparePath"),
        )
        .when(
            C::and([
                C::is_present("$.p"),
                C::is_not_present("$.q"),
                C::is_null("$.p"),
                C::is_not_null("$.q"),
                C::is_string("$.p"),
                C::is_not_string("$.q"),
                C::is_numeric("$.p"),
                C::is_not_numeric("$.q"),
                C::is_boolean("$.p"),
                C::is_not_boolean("$.q"),
                C::is_timestamp("$.p"),
                C::is_not_timestamp("$.q"),
            ]),
            pass("TypeTests"),
        )
        .when(
            C::not(C::and([
                C::or([C::is_present("$.x"), C::boolean_equals("$.y", false)]),
                C::not(C::is_null("$.z")),
            ])),
            pass("Nested"),
        )
        .otherwise(Fail::new("DefaultState").cause("No Matches!"));

    Ok(StateMachine::new("StateMachine", choice).add_to(t)?.warnings)
}

/// sfn.CustomState with raw ASL (a DynamoDB putItem task), chained and given a retry and a catch.
/// CustomState adds no IAM statement by itself; the role is granted explicitly.
fn core_custom_state(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let custom = CustomState::new(
        "my custom task",
        json!({
            "Type": "Task",
            "Resource": "arn:aws:states:::dynamodb:putItem",
            "Parameters": {
                "TableName": "MyTable",
                "Item": { "id": { "S": "MyEntry" } },
            },
            "ResultPath": null,
        }),
    )
    .retry(Retry::all().max_attempts(2))
    .catch(Catch::on(
        [Errors::TASKS_FAILED],
        Fail::new("failed").error("CustomError").cause("putItem failed"),
    ));
    let definition = Chain::start(custom).next(Succeed::new("final step"));
    let sm = StateMachine::new("StateMachine", definition).add_to_role_policy(PolicyStatement::allow(
        ["dynamodb:PutItem"],
        [Expr::lit("arn:aws:dynamodb:us-east-1:123456789012:table/MyTable")],
    ));
    Ok(sm.add_to(t)?.warnings)
}

/// StateMachine props: EXPRESS type, name, timeout, comment, tracing.
fn core_express_state_machine(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let rendered = StateMachine::new("StateMachine", Pass::new("Hello").result(Payload::from_text("World")))
        .state_machine_name("MyExpressStateMachine")
        .state_machine_type(StateMachineType::Express)
        .timeout(Duration::from_secs(5 * 60))
        .comment("An express state machine")
        .tracing(true)
        .add_to(t)?;
    Ok(rendered.warnings)
}

/// CDK's `MyJob extends sfn.StateMachineFragment`: a fragment is a function returning a chain.
fn my_job(job_flavor: &str) -> Chain {
    let choice = Choice::new("Choice")
        .when(Condition::string_equals("$.branch", "left"), Pass::new("Left Branch"))
        .when(Condition::string_equals("$.branch", "right"), Pass::new("Right Branch"));
    // ...
    let choice = choice.otherwise(Pass::new("Default Branch").result(Payload::from_text(job_flavor)));
    // startState is the choice, endStates are the choice's afterwards().endStates
    choice.afterwards()
}

/// StateMachineFragment (with prefixStates) used twice, composed with Chain.start(...).next(...).
fn core_fragment_chain(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let definition = Chain::start(Wait::new("Wait a bit", WaitTime::duration(Duration::from_secs(1))))
        .next(my_job("quick").prefix_states("Quick: "))
        .next(my_job("slow").prefix_states("Slow: "))
        .next(Succeed::new("Done"));
    Ok(StateMachine::new("StateMachine", definition).add_to(t)?.warnings)
}

/// Map with itemsPath, maxConcurrency, itemSelector, itemProcessor, resultPath, plus a retry/catch.
fn core_map_item_processor(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let map = Map::new("Map State")
        .comment("process every item")
        .items_path("$.inputForMap")
        .max_concurrency(2)
        .item_selector(Payload::from_object([
            ("item", JsonPath::string_at("$$.Map.Item.Value")),
            ("index", JsonPath::string_at("$$.Map.Item.Index")),
            ("shared", JsonPath::string_at("$.shared")),
        ]))
        .result_path("$.mapOutput");
    let map = map
        .item_processor(
            Pass::new("Pass State")
                .result_path("$.processed")
                .next(Wait::new("Wait In Map", WaitTime::seconds_path("$.item.delay"))),
        )
        .retry(Retry::all())
        .catch(Catch::all(
            Fail::new("Map Failed").error("MapError").cause("an item failed"),
        ));

    Ok(StateMachine::new("StateMachine", map).add_to(t)?.warnings)
}

/// OutputPath, and ResultPath JsonPath.DISCARD (ResultPath: null) on Task / Pass / Parallel / Map.
fn core_output_path_discard(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let my_fn = LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:MyFn");
    let parallel = Parallel::new("Side Effects").discard_result();
    let parallel = parallel.branch(Pass::new("Branch"));
    let map = Map::new("Each").items_path("$.items").discard_result();
    let map = map.item_processor(Pass::new("Item"));
    let definition = Chain::start(Task::new("Notify", LambdaInvoke::new(my_fn.clone())).discard_result())
        .next(Pass::new("Ignore").result(1.into()).discard_result())
        .next(parallel)
        .next(map)
        .next(Task::new("Compute", LambdaInvoke::new(my_fn)).output_path("$.Payload.result"));
    Ok(StateMachine::new("StateMachine", definition).add_to(t)?.warnings)
}

/// Parallel with two branches (the slides' LookupCustomerInfo), addRetry and addCatch.
fn core_parallel_catch_retry(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let address_finder = LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:AddressFinder");
    let phone_finder = LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:PhoneFinder");

    let parallel = Parallel::new("LookupCustomerInfo")
        .comment("look up address and phone in parallel")
        .result_path("$.customer");
    let parallel = parallel
        .branch(Task::new(
            "LookupAddress",
            LambdaInvoke::payload_response_only(address_finder),
        ))
        .branch(Task::new(
            "LookupPhone",
            LambdaInvoke::payload_response_only(phone_finder),
        ))
        .retry(
            Retry::on([Errors::TIMEOUT])
                .interval(Duration::from_secs(3))
                .max_attempts(3)
                .backoff_rate(2.0),
        )
        .retry(
            Retry::on(["CustomError"])
                .interval(Duration::from_secs(1))
                .max_attempts(5)
                .backoff_rate(1.5)
                .max_delay(Duration::from_secs(10))
                .jitter(JitterType::Full),
        )
        .catch(Catch::on(["java.lang.Exception"], Pass::new("RecoveryState")).result_path("$.error-info"))
        .catch(Catch::on(
            [Errors::ALL],
            Fail::new("EndMachine").error("Failed").cause("lookup failed"),
        ));

    let definition = parallel.next(Succeed::new("NextState"));
    Ok(StateMachine::new("StateMachine", definition).add_to(t)?.warnings)
}

/// Pass with Parameters built from JsonPath.stringAt / listAt / numberAt / objectAt, context
/// fields, and every JSONPath intrinsic function helper on sfn.JsonPath.
fn core_pass_parameters_intrinsics(t: &mut Template) -> Result<Vec<Warning>, Error> {
    type J = JsonPath;
    let pass = Pass::new("Build Parameters")
        .parameters(Payload::from_object([
            ("static", "value".into()),
            ("number", 7.into()),
            ("flagged", true.into()),
            (
                "parts",
                Payload::from_object([
                    ("first", J::string_at("$.vals[0]")),
                    ("last3", J::list_at("$.vals[3:]")),
                ]),
            ),
            ("count", J::number_at("$.count")),
            ("obj", J::object_at("$.obj")),
            ("whole", J::entire_payload()),
            ("executionId", J::execution_id()),
            ("stateName", J::state_name()),
            ("startTime", J::execution_start_time()),
            (
                "format",
                J::format(
                    "Hello, {}! You are {} years old.",
                    [J::string_at("$.name").into(), J::string_at("$.age").into()],
                ),
            ),
            (
                "array",
                J::array([J::string_at("$.a").into(), J::string_at("$.b").into(), "literal".into()]),
            ),
            ("stringToJson", J::string_to_json(J::string_at("$.escapedJson"))),
            ("jsonToString", J::json_to_string(J::object_at("$.obj"))),
            (
                "arrayContains",
                J::array_contains(J::list_at("$.inputArray"), J::string_at("$.lookingFor")),
            ),
            ("arrayLength", J::array_length(J::list_at("$.inputArray"))),
            ("arrayPartition", J::array_partition(J::list_at("$.inputArray"), 4)),
            ("arrayRange", J::array_range(1, 9, 2)),
            ("arrayGetItem", J::array_get_item(J::list_at("$.inputArray"), 5)),
            ("arrayUnique", J::array_unique(J::list_at("$.inputArray"))),
            ("mathAdd", J::math_add(J::number_at("$.value1"), J::number_at("$.step"))),
            ("mathRandom", J::math_random(1, 999)),
            ("uuid", J::uuid()),
            ("hash", J::hash(J::object_at("$.Data"), J::string_at("$.Algorithm"))),
            ("base64Encode", J::base64_encode(J::string_at("$.input"))),
            ("base64Decode", J::base64_decode(J::string_at("$.base64"))),
            (
                "jsonMerge",
                J::json_merge(J::object_at("$.obj1"), J::object_at("$.obj2")),
            ),
            (
                "stringSplit",
                J::string_split(J::string_at("$.inputString"), J::string_at("$.splitter")),
            ),
        ]))
        .result_path("$.built");
    Ok(StateMachine::new("StateMachine", pass).add_to(t)?.warnings)
}

/// Pass with Result (object / string / number / boolean / array), ResultPath and OutputPath.
fn core_pass_result(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let definition = Chain::start(
        Pass::new("No-op")
            .result(Payload::from_json(
                json!({ "x-datum": 0.381018, "y-datum": 622.226993 }),
            ))
            .result_path("$.coords"),
    )
    .next(
        Pass::new("String")
            .result(Payload::from_text("hello"))
            .result_path("$.s"),
    )
    .next(Pass::new("Number").result(42.into()).result_path("$.n"))
    .next(Pass::new("Boolean").result(false.into()).result_path("$.b"))
    .next(
        Pass::new("Array")
            .result(Payload::from_json(json!([1, "two", { "three": 3 }, null])))
            .result_path("$.a"),
    )
    .next(
        Pass::new("Whole")
            .comment("result replaces the input")
            .result(Payload::from_json(json!({ "nested": { "list": [true, false] } }))),
    )
    .next(Pass::new("Plain").input_path("$.nested").output_path("$.list"));
    Ok(StateMachine::new("StateMachine", definition).add_to(t)?.warnings)
}

/// ResultSelector on a Parallel and on a Map state (static values, result paths, context object).
fn core_result_selector(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let parallel = Parallel::new("FunWithMath")
        .result_selector(Payload::from_object([
            ("sum", JsonPath::string_at("$[0].value")),
            ("difference", JsonPath::string_at("$[1].value")),
            ("static_value", Payload::from_json(json!({ "foo": "bar" }))),
            ("state_name", JsonPath::string_at("$$.State.Name")),
        ]))
        .result_path("$.math");
    let parallel = parallel
        .branch(Pass::new("Add").parameters(Payload::from_json(json!({ "value.$": "States.MathAdd($.a, $.b)" }))))
        .branch(Pass::new("Subtract").parameters(Payload::from_json(json!({ "value.$": "States.MathAdd($.a, -1)" }))));

    let map = Map::new("Count")
        .items_path("$.items")
        .result_selector(Payload::from_object([(
            "count",
            JsonPath::array_length(JsonPath::list_at("$")),
        )]))
        .result_path("$.count");
    let map = map.item_processor(Pass::new("Item"));

    Ok(StateMachine::new("StateMachine", parallel.next(map))
        .add_to(t)?
        .warnings)
}

/// Succeed, Fail with Error/Cause, and Fail with ErrorPath/CausePath, reached through a Choice.
fn core_succeed_fail(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let choice = Choice::new("Outcome?")
        .when(
            Condition::string_equals("$.outcome", "ok"),
            Succeed::new("Completed").comment("all good").output_path("$.result"),
        )
        .when(
            Condition::string_equals("$.outcome", "timeout"),
            Fail::new("FailState")
                .error("States.Timeout")
                .cause("Report generation timed out"),
        )
        .when(
            Condition::string_equals("$.outcome", "error"),
            Fail::new("FailFromInput")
                .error_path("$.error.code")
                .cause_from(JsonPath::format(
                    "failed with {}",
                    [JsonPath::string_at("$.error.message").into()],
                )),
        )
        .otherwise(Fail::new("FailBare"));
    Ok(StateMachine::new("StateMachine", choice).add_to(t)?.warnings)
}

/// Task TimeoutSeconds / HeartbeatSeconds via sfn.Timeout.duration, and the *Path variants via
/// sfn.Timeout.at (on an activity task, where heartbeats make sense).
fn core_task_timeout_heartbeat(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let my_fn = LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:MyFn");
    let activity = Activity::new("Worker");
    let definition = Chain::start(
        Task::new(
            "TaskState",
            LambdaInvoke::new(my_fn).payload(Payload::from_object([("token", JsonPath::task_token())])),
        )
        .comment("Task State example")
        .wait_for_task_token()
        .timeout(Timeout::duration(Duration::from_secs(300)))
        .heartbeat(Timeout::duration(Duration::from_secs(60))),
    )
    .next(
        Task::new("Dynamic Timeouts", StepFunctionsInvokeActivity::new(activity.arn()))
            .timeout(Timeout::at("$.timeoutSeconds"))
            .heartbeat(Timeout::at("$.heartbeatSeconds")),
    );
    activity.add_to(t)?;
    Ok(StateMachine::new("StateMachine", definition).add_to(t)?.warnings)
}

/// Wait with each of Seconds / SecondsPath / Timestamp / TimestampPath (the slides' examples).
fn core_wait_variants(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let definition = Chain::start(Wait::new(
        "wait_ten_seconds",
        WaitTime::duration(Duration::from_secs(10)),
    ))
    .next(Wait::new("wait_some_seconds", WaitTime::seconds_path("$.secondsDelay")))
    .next(Wait::new("wait_until", WaitTime::timestamp("2016-03-14T01:59:00Z")))
    .next(Wait::new("wait_until_path", WaitTime::timestamp_path("$.expirydate")).comment("wait until the expiry date"));
    Ok(StateMachine::new("StateMachine", definition).add_to(t)?.warnings)
}
