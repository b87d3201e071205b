//! `DynamoDeleteItem`: <https://docs.aws.amazon.com/step-functions/latest/dg/connect-ddb.html>.

use cfn_model::iam::PolicyStatement;
use indexmap::IndexMap;
use stepfunctions::TaskError;
use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration};

use super::{
    attribute_map, check_key, write_option_setters, DynamoAttributeValue, DynamoConsumedCapacity,
    DynamoItemCollectionMetrics, DynamoReturnValues, DynamoTable, WriteOptions,
};

/// Deletes one item by its primary key (`arn:aws:states:::dynamodb:deleteItem`,
/// [DeleteItem](https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteItem.html)).
/// Deleting an item that does not exist succeeds, unless a condition expression says
/// otherwise.
///
/// Supports request-response only. Expressions are checked before deploying as for
/// [`DynamoPutItem`](crate::DynamoPutItem); `ReturnValues` may be `NONE` or `ALL_OLD` only.
///
/// IAM: `dynamodb:DeleteItem` on the table.
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{DynamoAttributeValue as V, DynamoDeleteItem, DynamoTable};
/// let task = Task::new(
///     "DeleteItem",
///     DynamoDeleteItem::new(DynamoTable::from_name("my-table"), [("MessageId", V::from_string("message-007"))]),
/// )
/// .discard_result();
/// let asl = StateMachine::new("M", task).render_asl().unwrap();
/// let definition: serde_json::Value = serde_json::from_str(&asl.definition).unwrap();
/// assert!(definition["States"]["DeleteItem"]["ResultPath"].is_null());
/// ```
///
/// Waiting for a task token (or a job) is not supported, and does not compile:
///
/// ```compile_fail
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{DynamoAttributeValue, DynamoDeleteItem, DynamoTable};
/// let delete = DynamoDeleteItem::new(DynamoTable::from_name("t"), [("id", DynamoAttributeValue::from_string("1"))]);
/// let task = Task::new("Delete Item", delete).wait_for_task_token();
/// ```
#[derive(Debug, Clone)]
pub struct DynamoDeleteItem {
    table: DynamoTable,
    key: IndexMap<String, DynamoAttributeValue>,
    options: WriteOptions,
}

impl DynamoDeleteItem {
    /// Deletes the item of `table` with this primary key: the partition key and, for a
    /// composite key, the sort key.
    ///
    /// ```
    /// use stepfunctions::JsonPath;
    /// use stepfunctions_tasks::{DynamoAttributeValue as V, DynamoDeleteItem, DynamoTable};
    /// let delete = DynamoDeleteItem::new(DynamoTable::from_name("t"), [("id", V::from_string(JsonPath::string_at("$.id")))]);
    /// ```
    pub fn new<K: Into<String>>(table: DynamoTable, key: impl IntoIterator<Item = (K, DynamoAttributeValue)>) -> Self {
        DynamoDeleteItem {
            table,
            key: key.into_iter().map(|(k, v)| (k.into(), v)).collect(),
            options: WriteOptions::default(),
        }
    }
}

write_option_setters!(
    DynamoDeleteItem,
    "DynamoDeleteItem::new(DynamoTable::from_name(\"t\"), [(\"MessageId\", DynamoAttributeValue::from_string(\"1\"))])"
);

impl ServiceIntegration for DynamoDeleteItem {
    const SERVICE: &'static str = "dynamodb";
    const API: &'static str = "deleteItem";

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        let mut p = vec![
            ("Key", attribute_map(&self.key)),
            ("TableName", Payload::String(self.table.table_name().clone())),
        ];
        self.options.push_parameters(&mut p, None);
        Some(Payload::from_object(p))
    }

    fn policy_statements(&self, _pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        vec![self.table.statement("DeleteItem")]
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        self.table.check()?;
        check_key(&self.key)?;
        self.options
            .check(
                None,
                &[DynamoReturnValues::None, DynamoReturnValues::AllOld],
                "DeleteItem",
            )
            .map_err(TaskError::from)
    }
}
