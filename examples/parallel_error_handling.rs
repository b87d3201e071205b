//! A Parallel state that looks up a customer's address and phone at once, with the error
//! handling of the slides: retriers (a named error with interval, attempts and backoff; then one
//! with a maximum delay and jitter), catchers (a named error to a recovery state, then
//! `States.ALL` to a Fail state), and one Fail state reached from two catchers.
//!
//! Both branches call one Lambda function defined in the template; it raises
//! `CustomerNotFound` for the customer id `unknown`.
//!
//! `cargo run --example parallel_error_handling > template.json`, then
//! `aws cloudformation deploy --template-file template.json --stack-name parallel-error-handling --capabilities CAPABILITY_IAM`
//! and start executions with `{"customer_id": "c-42"}` (succeeds) and `{"customer_id": "unknown"}`
//! (caught, goes to "Unknown Customer").

use std::process::ExitCode;
use std::time::Duration;

use stepfunctions_cdk::prelude::*;

/// A lookup service: the error class name becomes the Step Functions error name.
const LOOKUP: &str = "\
class CustomerNotFound(Exception):
    pass


def handler(event, context):
    customer = event['customer_id']
    if customer == 'unknown':
        raise CustomerNotFound('no customer ' + customer)
    if event['lookup'] == 'address':
        return {'street': '1 Main Street', 'city': 'Springfield'}
    if event['lookup'] == 'phone':
        return {'phone': '+1-555-0100'}
    return {'saved': customer}
";

/// Adds the function, the state machine and an output with its ARN.
pub fn build(template: &mut Template) -> Result<Vec<Warning>, Error> {
    let lookup_fn = InlineFunction::python("LookupFunction", LOOKUP).add_to(template)?;
    // One task per lookup; the payload tells the function what to look up.
    let lookup = |name: &str, what: &str| {
        Task::new(
            name,
            LambdaInvoke::payload_response_only(lookup_fn.clone()).payload(Payload::from_object([
                ("lookup", what.into()),
                ("customer_id", JsonPath::string_at("$.customer_id")),
            ])),
        )
    };

    // One Fail state, reached from two catchers: each gets a clone; identical states with one
    // name are kept once. (`lookup_failed.reference()`, a StateRef, works too once it is placed.)
    let lookup_failed = Fail::new("Lookup Failed")
        .error("LookupFailed")
        .cause("the customer lookup failed");

    let parallel = Parallel::new("Lookup Customer Info")
        .comment("look up address and phone at once")
        .branch(lookup("Lookup Address", "address"))
        .branch(lookup("Lookup Phone", "phone"))
        // The result is a list, one item per branch: name its parts and place it at $.customer.
        .result_selector(Payload::from_object([
            ("address", JsonPath::object_at("$[0]")),
            ("phone", JsonPath::string_at("$[1].phone")),
        ]))
        .result_path("$.customer")
        // Retriers are tried in order: a named error first...
        .retry(
            Retry::on([Errors::TIMEOUT])
                .interval(Duration::from_secs(3))
                .max_attempts(2)
                .backoff_rate(2.0),
        )
        // ...then one whose waits grow by 1.5 up to 10 s, randomized so retries spread out.
        .retry(
            Retry::on(["Lambda.TooManyRequestsException"])
                .interval(Duration::from_secs(1))
                .max_attempts(5)
                .backoff_rate(1.5)
                .max_delay(Duration::from_secs(10))
                .jitter(JitterType::Full),
        )
        // Catchers are tried in order too; States.ALL must come last.
        .catch(
            Catch::on(
                ["CustomerNotFound"],
                // A guest is not saved: go straight to the end, by reference.
                Pass::new("Unknown Customer")
                    .result(Payload::from_text("guest"))
                    .result_path("$.customer")
                    .next(StateRef::named("Customer Ready")),
            )
            .result_path("$.error"), // the error output goes here; the input is kept
        )
        .catch(Catch::all(lookup_failed.clone()));

    // After the lookup, save the profile; any error here also ends in "Lookup Failed".
    let save = lookup("Save Profile", "save")
        .result_path("$.saved")
        .catch(Catch::all(lookup_failed));

    let definition = parallel.next(save).next(Succeed::new("Customer Ready"));
    let rendered = StateMachine::new("StateMachine", definition)
        .comment("Looks up a customer in parallel, with retries and catchers")
        .add_to(template)?;
    rendered.output_arn(template)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    stepfunctions_cdk::cli::run(build)
}
