//! The DynamoDB item tasks on a table defined in the template, chained as the CDK snippets
//! expect: `PutItem` writes a message, `Get Item` reads it back (its result, `{"Item": ...}`,
//! becomes the state), `UpdateItem` adds to its counter from `$.Item.TotalCount.N`, a consistent
//! read with a projection returns just the new count, `PutItem` with a result path keeps the
//! input, and `DeleteItem` removes the message and discards its result.
//!
//! The table's key is `MessageId`; the GetItem snippet names it `message_id`, which here is
//! `MessageId` so that every task reads the same item.
//!
//! `cargo run --example dynamodb > template.json`, then
//! `aws cloudformation deploy --template-file template.json --stack-name dynamodb-tasks --capabilities CAPABILITY_IAM`
//! and start an execution with the input `{"bar": "Hello from Step Functions"}`; the output
//! holds the count after the update (`"updated": {"total_count": "30"}`) and, under `Item`, the
//! response of the write with `ResultPath`.

use std::process::ExitCode;

use stepfunctions_cdk::prelude::*;

/// Adds the table, the state machine and outputs.
pub fn build(template: &mut Template) -> Result<Vec<Warning>, Error> {
    // An on-demand table keyed by the string `MessageId`.
    let my_table = DynamoTable::define("Table")
        .partition_key("MessageId", DynamoAttributeType::String)
        .add_to(template)?;

    // Seed: DynamoDB / PutItem. Its response replaces the state: the next task needs no input.
    let put_item = Task::new(
        "PutItem",
        DynamoPutItem::new(
            my_table.clone(),
            [
                ("MessageId", DynamoAttributeValue::from_string("message-007")),
                ("Text", DynamoAttributeValue::from_string(JsonPath::string_at("$.bar"))),
                ("TotalCount", DynamoAttributeValue::from_number(10)),
            ],
        ),
    );

    // Seed: DynamoDB / GetItem. The state becomes `{"Item": {"MessageId": {"S": ...}, ...}}`.
    let get_item = Task::new(
        "Get Item",
        DynamoGetItem::new(
            my_table.clone(),
            [("MessageId", DynamoAttributeValue::from_string("message-007"))],
        ),
    );

    // Seed: DynamoDB / UpdateItem, reading the count the previous state got.
    let update_item = Task::new(
        "UpdateItem",
        DynamoUpdateItem::new(
            my_table.clone(),
            [("MessageId", DynamoAttributeValue::from_string("message-007"))],
        )
        .expression_attribute_values([
            (
                ":val",
                DynamoAttributeValue::number_from_string(JsonPath::string_at("$.Item.TotalCount.N")),
            ),
            (":rand", DynamoAttributeValue::from_number(20)),
        ])
        .update_expression("SET TotalCount = :val + :rand"),
    )
    .discard_result();

    // A strongly consistent read of one attribute, through a name placeholder.
    let read_count = Task::new(
        "Read Count",
        DynamoGetItem::new(
            my_table.clone(),
            [("MessageId", DynamoAttributeValue::from_string("message-007"))],
        )
        .consistent_read(true)
        .expression_attribute_names([("#count", "TotalCount")])
        .projection_expression([DynamoProjectionExpression::new().with_attribute("#count")])
        .return_consumed_capacity(DynamoConsumedCapacity::Total),
    )
    .result_selector(Payload::from_object([(
        "total_count",
        JsonPath::string_at("$.Item.TotalCount.N"),
    )]))
    .result_path("$.updated");

    // Seed: Paths / ResultPath: the response goes under `$.Item`, the rest of the input stays.
    let put_with_result_path = Task::new(
        "PutItem With ResultPath",
        DynamoPutItem::new(
            my_table.clone(),
            [("MessageId", DynamoAttributeValue::from_string("message-id"))],
        ),
    )
    .result_path("$.Item");

    // Seed: DynamoDB / DeleteItem, only if the update happened; the result is discarded.
    let delete_item = Task::new(
        "DeleteItem",
        DynamoDeleteItem::new(
            my_table.clone(),
            [("MessageId", DynamoAttributeValue::from_string("message-007"))],
        )
        .condition_expression("TotalCount >= :min")
        .expression_attribute_values([(":min", DynamoAttributeValue::from_number(30))]),
    )
    .discard_result();

    let definition = Chain::start(put_item)
        .next(get_item)
        .next(update_item)
        .next(read_count)
        .next(put_with_result_path)
        .next(delete_item);
    let rendered = StateMachine::new("StateMachine", definition)
        .comment("Writes, reads, updates and deletes DynamoDB items")
        .add_to(template)?;
    template.add_output(
        "TableName",
        Output::new(my_table.table_name().clone()).description("The table the tasks use"),
    )?;
    rendered.output_arn(template)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    stepfunctions_cdk::cli::run(build)
}
