//! `DynamoUpdateItem`: <https://docs.aws.amazon.com/step-functions/latest/dg/connect-ddb.html>.

use cfn_model::iam::PolicyStatement;
use indexmap::IndexMap;
use stepfunctions::TaskError;
use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration};

use super::{
    attribute_map, check_key, write_option_setters, DynamoAttributeValue, DynamoConsumedCapacity,
    DynamoItemCollectionMetrics, DynamoReturnValues, DynamoTable, WriteOptions,
};

/// Edits an item's attributes, creating the item if it does not exist
/// (`arn:aws:states:::dynamodb:updateItem`,
/// [UpdateItem](https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html)).
///
/// Supports request-response only. Expressions are checked before deploying as for
/// [`DynamoPutItem`](crate::DynamoPutItem); every `ReturnValues` is accepted.
///
/// IAM: `dynamodb:UpdateItem` on the table.
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{DynamoAttributeValue as V, DynamoTable, DynamoUpdateItem};
/// let task = Task::new(
///     "UpdateItem",
///     DynamoUpdateItem::new(DynamoTable::from_name("my-table"), [("MessageId", V::from_string("message-007"))])
///         .expression_attribute_values([
///             (":val", V::number_from_string(JsonPath::string_at("$.Item.TotalCount.N"))),
///             (":rand", V::from_number(20)),
///         ])
///         .update_expression("SET TotalCount = :val + :rand"),
/// );
/// let asl = StateMachine::new("M", task).render_asl().unwrap();
/// let definition: serde_json::Value = serde_json::from_str(&asl.definition).unwrap();
/// assert_eq!(
///     definition["States"]["UpdateItem"]["Parameters"]["ExpressionAttributeValues"][":val"],
///     serde_json::json!({"N.$": "$.Item.TotalCount.N"})
/// );
/// ```
///
/// Waiting for a task token (or a job) is not supported, and does not compile:
///
/// ```compile_fail
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{DynamoAttributeValue, DynamoTable, DynamoUpdateItem};
/// let update = DynamoUpdateItem::new(DynamoTable::from_name("t"), [("id", DynamoAttributeValue::from_string("1"))]);
/// let task = Task::new("Update Item", update).run_job();
/// ```
#[derive(Debug, Clone)]
pub struct DynamoUpdateItem {
    table: DynamoTable,
    key: IndexMap<String, DynamoAttributeValue>,
    update_expression: Option<String>,
    options: WriteOptions,
}

impl DynamoUpdateItem {
    /// Updates the item of `table` with this primary key: the partition key and, for a
    /// composite key, the sort key.
    ///
    /// ```
    /// use stepfunctions_tasks::{DynamoAttributeValue as V, DynamoTable, DynamoUpdateItem};
    /// let update = DynamoUpdateItem::new(DynamoTable::from_name("t"), [("id", V::from_string("1"))]);
    /// ```
    pub fn new<K: Into<String>>(table: DynamoTable, key: impl IntoIterator<Item = (K, DynamoAttributeValue)>) -> Self {
        DynamoUpdateItem {
            table,
            key: key.into_iter().map(|(k, v)| (k.into(), v)).collect(),
            update_expression: None,
            options: WriteOptions::default(),
        }
    }

    /// What to change: `SET`, `REMOVE`, `ADD` and `DELETE` actions. Default: none (the call
    /// only creates the item if it is missing, with its key attributes).
    ///
    /// ```
    /// use stepfunctions_tasks::{DynamoAttributeValue as V, DynamoTable, DynamoUpdateItem};
    /// let update = DynamoUpdateItem::new(DynamoTable::from_name("t"), [("id", V::from_string("1"))])
    ///     .update_expression("ADD Visits :one")
    ///     .expression_attribute_values([(":one", V::from_number(1))]);
    /// ```
    #[must_use]
    pub fn update_expression(mut self, expression: impl Into<String>) -> Self {
        self.update_expression = Some(expression.into());
        self
    }
}

write_option_setters!(
    DynamoUpdateItem,
    "DynamoUpdateItem::new(DynamoTable::from_name(\"t\"), [(\"MessageId\", DynamoAttributeValue::from_string(\"1\"))])"
);

impl ServiceIntegration for DynamoUpdateItem {
    const SERVICE: &'static str = "dynamodb";
    const API: &'static str = "updateItem";

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        let mut p = vec![
            ("Key", attribute_map(&self.key)),
            ("TableName", Payload::String(self.table.table_name().clone())),
        ];
        self.options.push_parameters(&mut p, self.update_expression.as_deref());
        Some(Payload::from_object(p))
    }

    fn policy_statements(&self, _pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        vec![self.table.statement("UpdateItem")]
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        self.table.check()?;
        check_key(&self.key)?;
        self.options
            .check(
                self.update_expression.as_deref(),
                &[
                    DynamoReturnValues::None,
                    DynamoReturnValues::AllOld,
                    DynamoReturnValues::UpdatedOld,
                    DynamoReturnValues::AllNew,
                    DynamoReturnValues::UpdatedNew,
                ],
                "UpdateItem",
            )
            .map_err(TaskError::from)
    }
}
