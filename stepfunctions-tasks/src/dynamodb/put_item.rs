//! `DynamoPutItem`: <https://docs.aws.amazon.com/step-functions/latest/dg/connect-ddb.html>.

use cfn_model::iam::PolicyStatement;
use indexmap::IndexMap;
use stepfunctions::TaskError;
use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration};

use super::{
    attribute_map, write_option_setters, DynamoAttributeValue, DynamoConsumedCapacity, DynamoItemCollectionMetrics,
    DynamoReturnValues, DynamoTable, WriteOptions,
};

/// Creates an item, or replaces the item with the same primary key
/// (`arn:aws:states:::dynamodb:putItem`,
/// [PutItem](https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html)).
///
/// Supports request-response only. Expressions are checked before deploying: every
/// placeholder they use must be defined and every one defined must be used, as DynamoDB
/// requires; `ReturnValues` may be `NONE` or `ALL_OLD` only.
///
/// IAM: `dynamodb:PutItem` on the table.
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{DynamoAttributeValue as V, DynamoPutItem, DynamoTable};
/// let task = Task::new(
///     "PutItem",
///     DynamoPutItem::new(
///         DynamoTable::from_name("my-table"),
///         [
///             ("MessageId", V::from_string("message-007")),
///             ("Text", V::from_string(JsonPath::string_at("$.bar"))),
///             ("TotalCount", V::from_number(10)),
///         ],
///     ),
/// );
/// let asl = StateMachine::new("M", task).render_asl().unwrap();
/// let definition: serde_json::Value = serde_json::from_str(&asl.definition).unwrap();
/// assert_eq!(definition["States"]["PutItem"]["Parameters"]["Item"]["Text"], serde_json::json!({"S.$": "$.bar"}));
/// ```
///
/// Waiting for a task token (or a job) is not supported, and does not compile:
///
/// ```compile_fail
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{DynamoAttributeValue, DynamoPutItem, DynamoTable};
/// let put = DynamoPutItem::new(DynamoTable::from_name("t"), [("id", DynamoAttributeValue::from_string("1"))]);
/// let task = Task::new("Put Item", put).run_job();
/// ```
#[derive(Debug, Clone)]
pub struct DynamoPutItem {
    table: DynamoTable,
    item: IndexMap<String, DynamoAttributeValue>,
    options: WriteOptions,
}

impl DynamoPutItem {
    /// Writes `item` (its attributes by name, the primary key's included) to `table`.
    ///
    /// ```
    /// use stepfunctions_tasks::{DynamoAttributeValue as V, DynamoPutItem, DynamoTable};
    /// let put = DynamoPutItem::new(DynamoTable::from_name("t"), [("id", V::from_string("1")), ("done", V::from_boolean(false))]);
    /// ```
    pub fn new<K: Into<String>>(table: DynamoTable, item: impl IntoIterator<Item = (K, DynamoAttributeValue)>) -> Self {
        DynamoPutItem {
            table,
            item: item.into_iter().map(|(k, v)| (k.into(), v)).collect(),
            options: WriteOptions::default(),
        }
    }
}

write_option_setters!(
    DynamoPutItem,
    "DynamoPutItem::new(DynamoTable::from_name(\"t\"), [(\"MessageId\", DynamoAttributeValue::from_string(\"1\"))])"
);

impl ServiceIntegration for DynamoPutItem {
    const SERVICE: &'static str = "dynamodb";
    const API: &'static str = "putItem";

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        let mut p = vec![
            ("Item", attribute_map(&self.item)),
            ("TableName", Payload::String(self.table.table_name().clone())),
        ];
        self.options.push_parameters(&mut p, None);
        Some(Payload::from_object(p))
    }

    fn policy_statements(&self, _pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        vec![self.table.statement("PutItem")]
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        self.table.check()?;
        if self.item.is_empty() {
            return Err(TaskError::field("Item", "the item has no attribute"));
        }
        for (name, value) in &self.item {
            value.check(&format!("Item.{name}"))?;
        }
        self.options
            .check(None, &[DynamoReturnValues::None, DynamoReturnValues::AllOld], "PutItem")
            .map_err(TaskError::from)
    }
}
