//! `dynamodb_*` and `paths_result_path` (a DynamoDB task): the DynamoDB item tasks on a table
//! imported by name.

use stepfunctions_cdk::prelude::*;

use super::Build;

pub const CASES: &[(&str, Build)] = &[
    ("dynamodb_delete_item", dynamodb_delete_item),
    ("dynamodb_get_item", dynamodb_get_item),
    ("dynamodb_put_item", dynamodb_put_item),
    ("dynamodb_update_item", dynamodb_update_item),
    ("paths_result_path", paths_result_path),
];

/// `dynamodb.Table.fromTableName(stack, 'Table', 'my-table')`, the table every case uses.
fn my_table() -> DynamoTable {
    DynamoTable::from_name("my-table")
}

/// Seed: DynamoDB / DeleteItem (resultPath JsonPath.DISCARD).
fn dynamodb_delete_item(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let task = Task::new(
        "DeleteItem",
        DynamoDeleteItem::new(
            my_table(),
            [("MessageId", DynamoAttributeValue::from_string("message-007"))],
        ),
    )
    .discard_result();
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}

/// Seed: DynamoDB / GetItem.
fn dynamodb_get_item(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let task = Task::new(
        "Get Item",
        DynamoGetItem::new(
            my_table(),
            [("message_id", DynamoAttributeValue::from_string("message-007"))],
        ),
    );
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}

/// Seed: DynamoDB / PutItem.
fn dynamodb_put_item(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let task = Task::new(
        "PutItem",
        DynamoPutItem::new(
            my_table(),
            [
                ("MessageId", DynamoAttributeValue::from_string("message-007")),
                ("Text", DynamoAttributeValue::from_string(JsonPath::string_at("$.bar"))),
                ("TotalCount", DynamoAttributeValue::from_number(10)),
            ],
        ),
    );
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}

/// Seed: DynamoDB / UpdateItem.
fn dynamodb_update_item(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let task = Task::new(
        "UpdateItem",
        DynamoUpdateItem::new(
            my_table(),
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
    );
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}

/// Seed: Paths / ResultPath (DynamoPutItem into $.Item).
fn paths_result_path(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let task = Task::new(
        "PutItem",
        DynamoPutItem::new(
            my_table(),
            [("MessageId", DynamoAttributeValue::from_string("message-id"))],
        ),
    )
    .result_path("$.Item");
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}
