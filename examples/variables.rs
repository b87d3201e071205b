//! Workflow variables: values a state sets with `Assign` and any later state reads as `$name`,
//! without threading them through every state's input and output.
//!
//! `Remember Customer` assigns from the input; `Score` (Lambda) assigns from its result, and its
//! catcher from the error; `Greet Lines` (Map) reads an outer variable in every iteration;
//! `Tier?` assigns on the rule it takes, `Standard` on the other way; `Summary` reads them all.
//! (The same in JSONata: `Pass::jsonata(..).assign(..)`, read as `Jsonata::variable("name")` or
//! `$name` inside any expression; the `jsonata_workflow` example.)
//!
//! `cargo run --example variables > template.json`, then
//! `aws cloudformation deploy --template-file template.json --stack-name variables --capabilities CAPABILITY_IAM`
//! and start an execution with the input
//! `{"customer": {"id": "c-1", "name": "Ada"}, "lines": ["tea", "cake"]}`.

use std::process::ExitCode;

use stepfunctions_cdk::prelude::*;

/// Scores a customer: the length of their name, times ten.
const SCORE: &str = "\
def handler(event, context):
    return {'score': len(event['name']) * 10}
";

/// Adds the function, the state machine and an output.
pub fn build(template: &mut Template) -> Result<Vec<Warning>, Error> {
    let score_fn = InlineFunction::python("ScoreFunction", SCORE).add_to(template)?;

    // JSONPath: a literal, a path, and an intrinsic function (the key takes `.$` by itself).
    let remember = Pass::new("Remember Customer")
        .assign("customerId", JsonPath::string_at("$.customer.id"))
        .assign("customerName", JsonPath::string_at("$.customer.name"))
        .assign("requestId", JsonPath::uuid())
        .assign("attempts", 1);

    // A task's Assign reads its result (`$` is the result here); the catcher's, the error.
    let score = Task::new(
        "Score",
        LambdaInvoke::payload_response_only(score_fn)
            .payload(Payload::from_object([("name", JsonPath::string_at("$customerName"))])),
    )
    .assign("score", JsonPath::number_at("$.score"))
    .discard_result()
    .catch(
        Catch::all(
            Fail::new("Scoring Failed")
                .error("ScoringFailed")
                .cause("the score function failed"),
        )
        .assign("failure", JsonPath::string_at("$.Cause")),
    );

    // An iteration reads the variables of the scope around it.
    let greet = Map::new("Greet Lines")
        .items_path("$.lines")
        .item_selector(Payload::from_object([
            ("line", JsonPath::string_at("$$.Map.Item.Value")),
            ("for", JsonPath::string_at("$customerName")),
        ]))
        .item_processor(Pass::new("Greet Line").parameters(Payload::from_object([(
            "text",
            JsonPath::format(
                "{} for {}",
                [
                    JsonPath::string_at("$.line").into(),
                    JsonPath::string_at("$.for").into(),
                ],
            ),
        )])))
        .result_path("$.greetings");

    // The rule taken sets the tier (a matching rule's Assign replaces the state's).
    let tier = Choice::new("Tier?")
        .when_with(
            Condition::number_greater_than_equals_json_path("$score", "$.goldFrom"),
            Pass::new("Gold"),
            RuleOptions::default().assign("tier", "gold"),
        )
        .otherwise(Pass::new("Standard").assign("tier", "standard"));

    // The variables, read as `$name` wherever a path goes (here in a Pass's parameters and as
    // arguments of an intrinsic function).
    let summary = Pass::new("Summary").parameters(Payload::from_object([
        ("customer", JsonPath::string_at("$customerId")),
        ("request", JsonPath::string_at("$requestId")),
        ("tier", JsonPath::string_at("$tier")),
        (
            "line",
            JsonPath::format(
                "{} ({} points)",
                [
                    JsonPath::string_at("$customerName").into(),
                    JsonPath::number_at("$score").into(),
                ],
            ),
        ),
        ("greetings", JsonPath::list_at("$.greetings[*].text")),
    ]));

    // The input loses the customer here: the variables keep what the later states need.
    let defaults = Pass::new("Defaults").parameters(Payload::from_object([
        ("lines", JsonPath::list_at("$.lines")),
        ("goldFrom", 40.into()),
    ]));
    let definition = Chain::start(remember)
        .next(defaults)
        .next(score)
        .next(greet)
        .next(tier.afterwards())
        .next(summary);
    let rendered = StateMachine::new("Variables", definition)
        .comment("Workflow variables across states, scopes and languages")
        .add_to(template)?;
    rendered.output_arn(template)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    stepfunctions_cdk::cli::run(build)
}
