//! `LambdaInvoke`'s options, one per state, all on one function defined in the template: the
//! state input as payload, an object payload built with paths, a payload read from a path,
//! `payload_response_only`, an asynchronous (`Event`) call without the built-in retrier, a call
//! of an alias (`qualifier`), and `output_path("$.Payload")` to keep only the function's output.
//!
//! `LambdaInvoke::new` returns Lambda's whole response (`StatusCode`, `Payload`, ...): a result
//! selector or an output path picks what to keep.
//!
//! `cargo run --example lambda_invoke > template.json`, then
//! `aws cloudformation deploy --template-file template.json --stack-name lambda-invoke --capabilities CAPABILITY_IAM`
//! and start an execution with the input `{"order_id": "o-7", "order": {"id": "o-7", "total": 30}}`.

use std::process::ExitCode;

use stepfunctions_cdk::prelude::*;

/// Echoes its event, with the version that ran (`$LATEST`, or `1` through the alias).
const ECHO: &str = "\
def handler(event, context):
    return {'received': event, 'version': context.function_version}
";

/// Adds the function, a version and an alias of it, the state machine and an output.
pub fn build(template: &mut Template) -> Result<Vec<Warning>, Error> {
    let echo = InlineFunction::python("EchoFunction", ECHO).add_to(template)?;
    // A published version and the alias `live` pointing at it, for the qualified call.
    let version = template.add_resource(
        "EchoFunctionVersion",
        Resource::new("AWS::Lambda::Version").property("FunctionName", echo.arn().into()),
    )?;
    template.add_resource(
        "EchoFunctionLiveAlias",
        Resource::new("AWS::Lambda::Alias")
            .property("FunctionName", echo.arn().into())
            .property("FunctionVersion", Expr::get_att(version.as_str(), "Version").into())
            .property("Name", "live".into()),
    )?;
    // Keeps the function's output only, without Lambda's response metadata.
    let payload_only = || Payload::from_object([("received", JsonPath::object_at("$.Payload.received"))]);

    // 1. The default payload is the whole state input (`"Payload.$": "$"`).
    let state_input = Task::new("Invoke With State Input", LambdaInvoke::new(echo.clone()))
        .result_selector(Payload::from_object([
            ("status", JsonPath::number_at("$.StatusCode")),
            ("received", JsonPath::object_at("$.Payload.received")),
        ]))
        .result_path("$.with_state_input");

    // 2. An object payload: literals, paths and context fields.
    let object = Task::new(
        "Invoke With Object Payload",
        LambdaInvoke::new(echo.clone()).payload(Payload::from_object([
            ("order_id", JsonPath::string_at("$.order_id")),
            ("source", "lambda_invoke example".into()),
            ("execution", JsonPath::execution_name()),
        ])),
    )
    .result_selector(payload_only())
    .result_path("$.with_object");

    // 3. The payload is the value at a path of the input.
    let from_path = Task::new(
        "Invoke With Payload From Path",
        LambdaInvoke::new(echo.clone()).payload(Payload::from_json_path_at("$.order")),
    )
    .result_selector(payload_only())
    .result_path("$.with_path");

    // 4. The function's ARN as `Resource`: the result is the function's output itself.
    let response_only = Task::new(
        "Invoke Response Only",
        LambdaInvoke::payload_response_only(echo.clone())
            .payload(Payload::from_object([("order_id", JsonPath::string_at("$.order_id"))])),
    )
    .result_path("$.response_only");

    // 5. Asynchronous: Lambda queues the event and answers 202 at once; nothing worth keeping.
    //    No built-in retrier on Lambda's service errors either.
    let event = Task::new(
        "Invoke Asynchronously",
        LambdaInvoke::new(echo.clone())
            .invocation_type(LambdaInvocationType::Event)
            .payload(Payload::from_object([("order_id", JsonPath::string_at("$.order_id"))]))
            .retry_on_service_exceptions(false),
    )
    .discard_result();

    // 6. The alias `live`; the role may invoke that alias only.
    let alias = Task::new(
        "Invoke Live Alias",
        LambdaInvoke::new(echo.clone())
            .qualifier("live")
            .payload(Payload::from_object([("order_id", JsonPath::string_at("$.order_id"))])),
    )
    .result_selector(Payload::from_object([(
        "version",
        JsonPath::string_at("$.Payload.version"),
    )]))
    .result_path("$.live");

    // 7. OutputPath keeps the function's output as the state's (and execution's) output.
    let last = Task::new(
        "Invoke Keeping Payload",
        LambdaInvoke::new(echo).payload(Payload::from_object([
            ("order_id", JsonPath::string_at("$.order_id")),
            ("live_version", JsonPath::string_at("$.live.version")),
        ])),
    )
    .output_path("$.Payload");

    let definition = Chain::start(state_input)
        .next(object)
        .next(from_path)
        .next(response_only)
        .next(event)
        .next(alias)
        .next(last);
    let rendered = StateMachine::new("StateMachine", definition)
        .comment("Calls one Lambda function in every way LambdaInvoke offers")
        .add_to(template)?;
    rendered.output_arn(template)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    stepfunctions_cdk::cli::run(build)
}
