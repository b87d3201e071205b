//! An inline Map state that prices every line of an order: items path, an item selector built
//! from the current item (`JsonPath::map_item_value()`), its index and a shared field, a maximum
//! concurrency, an item processor of two states, a result selector and result path, and a
//! retrier and catcher on the whole Map.
//!
//! `cargo run --example map_items > template.json`, then
//! `aws cloudformation deploy --template-file template.json --stack-name map-items --capabilities CAPABILITY_IAM`
//! and start an execution with the input
//! `{"currency": "EUR", "lines": [{"sku": "book", "price": 1200, "quantity": 2}, {"sku": "pen", "price": 150, "quantity": 1}]}`.

use std::process::ExitCode;

use stepfunctions_cdk::prelude::*;

/// Adds the state machine and an output with its ARN.
pub fn build(template: &mut Template) -> Result<Vec<Warning>, Error> {
    // The item processor: the states run for each item, in a graph of their own.
    let processor = Pass::new("Price Line")
        .parameters(Payload::from_object([
            ("position", JsonPath::number_at("$.index")),
            ("sku", JsonPath::string_at("$.line.sku")),
            // Prices are in cents: States.MathAdd works on integers.
            (
                "price_with_shipping",
                JsonPath::math_add(JsonPath::number_at("$.line.price"), 99),
            ),
            ("currency", JsonPath::string_at("$.currency")),
        ]))
        .next(Pass::new("Label Line").parameters(Payload::from_object([
            ("position", JsonPath::number_at("$.position")),
            ("sku", JsonPath::string_at("$.sku")),
            (
                "label",
                JsonPath::format(
                    "{}: {} {} (cents)",
                    [
                        JsonPath::string_at("$.sku").into(),
                        JsonPath::number_at("$.price_with_shipping").into(),
                        JsonPath::string_at("$.currency").into(),
                    ],
                ),
            ),
        ])));

    let map = Map::new("Price Lines")
        .comment("prices every line of the order")
        .items_path("$.lines")
        // What each iteration gets as its input: the item, its index, and a field of the Map's
        // input that every item needs.
        .item_selector(Payload::from_object([
            ("line", JsonPath::map_item_value()),
            ("index", JsonPath::map_item_index()),
            ("currency", JsonPath::string_at("$.currency")),
        ]))
        .max_concurrency(2)
        .item_processor(processor)
        // The Map's result is the list of the iterations' outputs: keep it with its length.
        .result_selector(Payload::from_object([
            ("lines", JsonPath::list_at("$")),
            ("count", JsonPath::array_length(JsonPath::list_at("$"))),
        ]))
        .result_path("$.priced")
        // An iteration that fails fails the whole Map: run the Map once more (worth it when the
        // processor calls services that fail now and then), then end with the error's cause.
        .retry(Retry::all().max_attempts(1))
        .catch(Catch::all(Fail::new("Pricing Failed").cause_path("$.error.Cause")).result_path("$.error"));

    let definition = map.next(Succeed::new("Order Priced"));
    let rendered = StateMachine::new("StateMachine", definition)
        .comment("Prices the lines of an order with a Map state")
        .add_to(template)?;
    rendered.output_arn(template)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    stepfunctions_cdk::cli::run(build)
}
