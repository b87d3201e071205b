//! A Choice state that routes an order: string, numeric, boolean and timestamp comparisons,
//! their `*_json_path` forms (compare two fields of the input), presence, null and type tests,
//! And/Or/Not, a default branch, and `afterwards()` to join all branches again.
//!
//! Rules are tried in order; the first that holds wins. A comparison on a field that is absent
//! fails the execution (States.Runtime), so test optional fields with `is_present` first in an
//! `and`.
//!
//! `cargo run --example choice_conditions > template.json`, then
//! `aws cloudformation deploy --template-file template.json --stack-name choice-conditions --capabilities CAPABILITY_IAM`
//! and start executions with inputs such as
//! `{"status": "PAID", "total": 250, "credit_limit": 100, "express": false, "placed_at": "2024-05-01T10:00:00Z", "coupon": null}`
//! (a large order) or `{"status": "NEW", "total": 20, "express": true}` (express).

use std::process::ExitCode;

use stepfunctions_cdk::prelude::*;

/// Adds the state machine and an output with its ARN.
pub fn build(template: &mut Template) -> Result<Vec<Warning>, Error> {
    // Each branch records its route; they all join again at "Routed".
    let route = |name: &str, route: &str| Pass::new(name).result(Payload::from_text(route)).result_path("$.route");

    let choice = Choice::new("Route Order")
        // Fields compared with constants, guarded by presence tests.
        .when(
            Condition::and([
                Condition::is_present("$.status"),
                Condition::string_equals("$.status", "PAID"),
                Condition::is_numeric("$.total"),
                Condition::number_greater_than_equals("$.total", 100),
                // `*_json_path`: compare with another field of the input.
                Condition::is_present("$.credit_limit"),
                Condition::number_greater_than_json_path("$.total", "$.credit_limit"),
            ]),
            route("Large Order", "review"),
        )
        .when(
            Condition::or([
                Condition::and([
                    Condition::is_present("$.express"),
                    Condition::is_boolean("$.express"),
                    Condition::boolean_equals("$.express", true),
                ]),
                Condition::and([
                    Condition::is_present("$.deliver_by"),
                    Condition::is_timestamp("$.deliver_by"),
                    Condition::timestamp_less_than("$.deliver_by", "2030-01-01T00:00:00Z"),
                ]),
            ]),
            route("Express Order", "express"),
        )
        .when(
            Condition::and([
                Condition::is_present("$.placed_at"),
                Condition::is_present("$.shipped_at"),
                Condition::timestamp_greater_than_json_path("$.placed_at", "$.shipped_at"),
            ]),
            route("Clock Skew", "check clocks"),
        )
        .when(
            Condition::and([
                Condition::is_present("$.coupon"),
                Condition::not(Condition::is_null("$.coupon")),
                Condition::is_string("$.coupon"),
                Condition::string_matches("$.coupon", "SAVE*"),
            ]),
            route("Discounted Order", "discount"),
        )
        .when(
            Condition::and([
                Condition::is_present("$.status"),
                Condition::is_present("$.previous_status"),
                Condition::string_equals_json_path("$.status", "$.previous_status"),
            ]),
            route("Unchanged Order", "ignore"),
        )
        // Where every other input goes: without a default, an input that matches no rule fails
        // the execution with States.NoChoiceMatched (and rendering warns).
        .otherwise(route("Standard Order", "standard"));

    // `afterwards()` makes the branches' open ends the chain's ends, so `next` joins them.
    let definition = choice.afterwards().next(Succeed::new("Routed"));

    let rendered = StateMachine::new("StateMachine", definition)
        .comment("Routes an order with Choice rules")
        .add_to(template)?;
    rendered.output_arn(template)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    stepfunctions_cdk::cli::run(build)
}
