//! A `CustomState`: a state written as raw Amazon States Language JSON, here a DynamoDB
//! `putItem` task on a table defined in the template, with a retrier and a catcher added
//! through the library and the IAM permission granted with `add_to_role_policy`.
//!
//! The raw JSON is plain `serde_json`, so CloudFormation values (the table's generated name, the
//! partition) go in as `${Key}` placeholders mapped with `definition_substitution`, like CDK's
//! `definitionSubstitutions`.
//!
//! `cargo run --example custom_state > template.json`, then
//! `aws cloudformation deploy --template-file template.json --stack-name custom-state --capabilities CAPABILITY_IAM`
//! and start an execution with the input `{"note": "hello"}`; the item appears in the table of
//! the `TableName` output.

use std::process::ExitCode;

use stepfunctions_cdk::prelude::*;

/// Adds the table, the state machine and outputs with their names.
pub fn build(template: &mut Template) -> Result<Vec<Warning>, Error> {
    // An on-demand table keyed by the string `id`.
    let table = template.add_resource(
        "ItemsTable",
        Resource::new("AWS::DynamoDB::Table")
            .property("BillingMode", "PAY_PER_REQUEST".into())
            .property(
                "AttributeDefinitions",
                Value::list([Value::map([
                    ("AttributeName", "id".into()),
                    ("AttributeType", "S".into()),
                ])]),
            )
            .property(
                "KeySchema",
                Value::list([Value::map([("AttributeName", "id".into()), ("KeyType", "HASH".into())])]),
            ),
    )?;

    // The item to write, built with paths and intrinsics.
    let prepare = Pass::new("Prepare Item").parameters(Payload::from_object([(
        "item",
        Payload::from_object([
            ("id", JsonPath::uuid()),
            ("note", JsonPath::string_at("$.note")),
            ("created_at", JsonPath::execution_start_time()),
        ]),
    )]));

    // The raw state. `Next`/`End` are set by the chain; Retry and Catch may be given in the JSON
    // or, as here, with `retry`/`catch` (the handlers then become part of the chain).
    // `${PutItemResource}` and `${ItemsTable}` are mapped below (a whole string per placeholder,
    // so cfn-lint can still check everything else).
    let put_item = CustomState::new(
        "Put Item",
        serde_json::json!({
            "Type": "Task",
            "Resource": "${PutItemResource}",
            "Parameters": {
                "TableName": "${ItemsTable}",
                "Item": {
                    "id": {"S.$": "$.item.id"},
                    "note": {"S.$": "$.item.note"},
                    "created_at": {"S.$": "$.item.created_at"}
                }
            },
            "ResultPath": null
        }),
    )
    .retry(
        Retry::on([
            "DynamoDB.ProvisionedThroughputExceededException",
            "DynamoDB.RequestLimitExceeded",
        ])
        .max_attempts(3),
    )
    .catch(Catch::all(Fail::new("Save Failed").error("SaveFailed").cause_path("$.error.Cause")).result_path("$.error"));

    let definition = prepare.next(put_item).next(Succeed::new("Saved"));
    let rendered = StateMachine::new("StateMachine", definition)
        .comment("Writes an item to DynamoDB with a custom state")
        .definition_substitution(
            "PutItemResource",
            stepfunctions_cdk::stepfunctions::integration_resource_arn(
                "dynamodb",
                "putItem",
                IntegrationPattern::RequestResponse,
            ),
        )
        .definition_substitution("ItemsTable", Expr::reference(table.as_str()))
        // A custom state declares no permission: grant what it calls.
        .add_to_role_policy(PolicyStatement::allow(
            ["dynamodb:PutItem"],
            [Expr::get_att(table.as_str(), "Arn")],
        ))
        .add_to(template)?;
    template.add_output(
        "TableName",
        Output::new(Expr::reference(table.as_str())).description("The table the items are written to"),
    )?;
    rendered.output_arn(template)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    stepfunctions_cdk::cli::run(build)
}
