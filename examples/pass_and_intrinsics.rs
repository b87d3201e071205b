//! Pass states as data shapers: a fixed `Result` placed with `ResultPath`, and `Parameters`
//! built from input paths, context-object paths and intrinsic functions (`States.Format`,
//! `States.Array`, `States.MathAdd`, ...), then an `OutputPath` that keeps one part.
//!
//! No service is called: the state machine only moves JSON around.
//!
//! `cargo run --example pass_and_intrinsics > template.json`, then
//! `aws cloudformation deploy --template-file template.json --stack-name pass-and-intrinsics --capabilities CAPABILITY_IAM`
//! and start an execution with the input
//! `{"customer": {"name": "Ada", "preferences": {"currency": "USD"}}, "order": {"id": "o-17", "items": ["book", "pen"], "tags": "gift,express", "count": 41}}`.

use std::process::ExitCode;

use stepfunctions_cdk::prelude::*;

/// Adds the state machine and an output with its ARN.
pub fn build(template: &mut Template) -> Result<Vec<Warning>, Error> {
    // A fixed result, written into the input at $.defaults (without ResultPath it would replace
    // the whole input). A Result is literal JSON: paths are not resolved in it.
    let defaults = Pass::new("Add Defaults")
        .result(Payload::from_json(serde_json::json!({
            "currency": "EUR",
            "gift_wrap": false,
        })))
        .result_path("$.defaults");

    // Parameters: a field whose value comes from a path or an intrinsic function is rendered
    // as `"key.$": "..."` and resolved at run time; the others are literal.
    let request = Pass::new("Build Request")
        .parameters(Payload::from_object([
            // Literals.
            ("source", "pass_and_intrinsics".into()),
            ("version", 2.into()),
            // Paths into the state input.
            ("order_id", JsonPath::string_at("$.order.id")),
            ("items", JsonPath::list_at("$.order.items")),
            // Paths into the context object ($$): the execution, the state, the start time.
            ("execution", JsonPath::execution_id()),
            ("state", JsonPath::state_name()),
            ("started_at", JsonPath::execution_start_time()),
            // Intrinsic functions.
            (
                "greeting",
                JsonPath::format(
                    "Hello, {}! Order {} is confirmed.",
                    [
                        JsonPath::string_at("$.customer.name").into(),
                        JsonPath::string_at("$.order.id").into(),
                    ],
                ),
            ),
            (
                "ids",
                JsonPath::array([JsonPath::string_at("$.order.id").into(), "o-0".into()]),
            ),
            ("item_count", JsonPath::array_length(JsonPath::list_at("$.order.items"))),
            (
                "next_count",
                JsonPath::math_add(JsonPath::number_at("$.order.count"), 1),
            ),
            ("tags", JsonPath::string_split(JsonPath::string_at("$.order.tags"), ",")),
            // A shallow merge: the customer's preferences override the defaults.
            (
                "settings",
                JsonPath::json_merge(
                    JsonPath::object_at("$.defaults"),
                    JsonPath::object_at("$.customer.preferences"),
                ),
            ),
            ("request_id", JsonPath::uuid()),
            ("checksum", JsonPath::hash(JsonPath::string_at("$.order.id"), "SHA-256")),
            (
                "customer_json",
                JsonPath::json_to_string(JsonPath::object_at("$.customer")),
            ),
        ]))
        .result_path("$.request");

    // OutputPath keeps only the request: the execution's output is $.request. (A Succeed state
    // may carry an OutputPath too, but cfn-lint 1.58 rejects it there.)
    let done = Pass::new("Keep Request").output_path("$.request");

    let definition = defaults.next(request).next(done);
    let rendered = StateMachine::new("StateMachine", definition)
        .comment("Shapes an order into a request with Pass states")
        .add_to(template)?;
    rendered.output_arn(template)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    stepfunctions_cdk::cli::run(build)
}
