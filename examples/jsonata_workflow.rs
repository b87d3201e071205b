//! An order workflow in JSONata, the query language AWS recommends for new state machines:
//! every value is an expression (`{% ... %}`) over `$states.input`, `$states.result` and the
//! context, every state shapes its own output with `Output`, and tasks take `Arguments`.
//!
//! `Prepare` (Pass) totals the order; `Price Lines` (Map) prices each line; `Big Order?`
//! (Choice) routes on the total; big orders are stored and announced at once (Parallel: a
//! DynamoDB `PutItem` and an SNS `Publish`); every order is then confirmed by a Lambda function,
//! whose answer the last state keeps.
//!
//! `cargo run --example jsonata_workflow > template.json`, then
//! `aws cloudformation deploy --template-file template.json --stack-name jsonata-workflow --capabilities CAPABILITY_IAM`
//! and start an execution with the input
//! `{"order": {"id": "o-1", "lines": [{"sku": "a", "price": 40, "qty": 2}, {"sku": "b", "price": 30, "qty": 1}]}}`.

use std::process::ExitCode;

use stepfunctions_cdk::prelude::*;

/// Answers the confirmation with the order id it was sent.
const CONFIRM: &str = "\
def handler(event, context):
    return {'confirmed': event['orderId']}
";

type J = Jsonata;

/// Adds the table, the topic, the function, the state machine and an output.
pub fn build(template: &mut Template) -> Result<Vec<Warning>, Error> {
    let orders = DynamoTable::define("Orders")
        .partition_key("orderId", DynamoAttributeType::String)
        .add_to(template)?;
    let topic = SnsTopic::define("BigOrders").add_to(template)?;
    let confirm = InlineFunction::python("ConfirmFunction", CONFIRM).add_to(template)?;

    // The whole order, with its line count: literals stay literals, strings in `{% %}` are
    // evaluated.
    let prepare = Pass::jsonata("Prepare").output(Payload::from_object([
        ("orderId", J::states_input().field("order").field("id").into()),
        ("lines", J::states_input().field("order").field("lines").into()),
        ("count", J::new("$count($states.input.order.lines)").into()),
        ("currency", "EUR".into()),
    ]));

    // One iteration per line: `Items` is an expression, `ItemSelector` shapes each item.
    let price_lines = Map::jsonata("Price Lines")
        .items(J::states_input().field("lines").into())
        .item_selector(Payload::from_object([
            (
                "line",
                J::states_context().field("Map").field("Item").field("Value").into(),
            ),
            (
                "index",
                J::states_context().field("Map").field("Item").field("Index").into(),
            ),
        ]))
        .max_concurrency(4)
        .item_processor(Pass::jsonata("Line Total").output(Payload::from_object([
            ("sku", J::new("$states.input.line.sku").into()),
            (
                "amount",
                J::new("$states.input.line.price * $states.input.line.qty").into(),
            ),
        ])))
        // The Map's result is the list of line totals; the order goes on with them summed.
        .output(J::new(r#"$merge([$states.input, {"total": $sum($states.result.amount)}])"#).into());

    let store = Task::jsonata(
        "Store Order",
        DynamoPutItem::new(
            orders,
            [
                (
                    "orderId",
                    DynamoAttributeValue::from_string(J::states_input().field("orderId")),
                ),
                (
                    "total",
                    DynamoAttributeValue::number_from_expr(J::states_input().field("total")),
                ),
                (
                    "big",
                    DynamoAttributeValue::boolean_from_expr("$states.input.total > 100"),
                ),
            ],
        ),
    )
    .output(J::states_input().into());
    let announce = Task::jsonata(
        "Announce Order",
        SnsPublish::new(topic, J::new("'Big order ' & $states.input.orderId").into())
            .subject("Big order")
            .message_attribute(
                "total",
                MessageAttribute::number(J::new("$string($states.input.total)")),
            ),
    )
    .output(Payload::from_object([(
        "messageId",
        J::states_result().field("MessageId").into(),
    )]));
    let record = Parallel::jsonata("Store And Announce")
        .branch(store)
        .branch(announce)
        // The first branch's output is the order itself.
        .output(J::states_result().index(0).into());

    let confirm_order = Task::jsonata(
        "Confirm",
        LambdaInvoke::new(confirm).payload(Payload::from_object([
            ("orderId", J::states_input().field("orderId").into()),
            ("total", J::states_input().field("total").into()),
            (
                "startedAt",
                J::states_context().field("Execution").field("StartTime").into(),
            ),
        ])),
    )
    .output(Payload::from_object([
        ("orderId", J::states_input().field("orderId").into()),
        ("total", J::states_input().field("total").into()),
        ("confirmation", J::states_result().field("Payload").into()),
    ]))
    .catch(
        Catch::all(
            Fail::jsonata("Not Confirmed")
                .error("ConfirmationFailed")
                .cause_expr(J::states_input().field("Cause")),
        )
        .output(J::states_error_output().into()),
    );

    let route = Choice::jsonata("Big Order?")
        .when_with(
            Condition::jsonata("$states.input.total > 100"),
            record.next(confirm_order.reference()),
            RuleOptions::default().comment("stored and announced first"),
        )
        .otherwise(confirm_order);

    let definition = prepare.next(price_lines).next(route);
    let rendered = StateMachine::new("OrderWorkflow", definition)
        .comment("An order workflow written in JSONata")
        .query_language(QueryLanguage::Jsonata)
        .add_to(template)?;
    rendered.output_arn(template)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    stepfunctions_cdk::cli::run(build)
}
