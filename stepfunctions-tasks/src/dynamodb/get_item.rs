//! `DynamoGetItem`: <https://docs.aws.amazon.com/step-functions/latest/dg/connect-ddb.html>.

use cfn_model::iam::PolicyStatement;
use indexmap::IndexMap;
use stepfunctions::TaskError;
use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration};

use super::{
    attribute_map, check_key, check_placeholders, DynamoAttributeValue, DynamoConsumedCapacity,
    DynamoProjectionExpression, DynamoTable,
};

/// Reads one item by its primary key (`arn:aws:states:::dynamodb:getItem`,
/// [GetItem](https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GetItem.html)).
/// The task's result is DynamoDB's response: the item, in typed JSON, under `Item`.
///
/// Supports request-response only.
///
/// IAM: `dynamodb:GetItem` on the table.
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{DynamoAttributeValue, DynamoGetItem, DynamoTable};
/// let task = Task::new(
///     "Get Item",
///     DynamoGetItem::new(
///         DynamoTable::from_name("my-table"),
///         [("message_id", DynamoAttributeValue::from_string("message-007"))],
///     ),
/// );
/// let asl = StateMachine::new("M", task).render_asl().unwrap();
/// let definition: serde_json::Value = serde_json::from_str(&asl.definition).unwrap();
/// assert_eq!(
///     definition["States"]["Get Item"]["Parameters"]["Key"],
///     serde_json::json!({"message_id": {"S": "message-007"}})
/// );
/// ```
///
/// Waiting for a task token (or a job) is not supported, and does not compile:
///
/// ```compile_fail
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{DynamoAttributeValue, DynamoGetItem, DynamoTable};
/// let get = DynamoGetItem::new(DynamoTable::from_name("t"), [("id", DynamoAttributeValue::from_string("1"))]);
/// let task = Task::new("Get Item", get).wait_for_task_token();
/// ```
#[derive(Debug, Clone)]
pub struct DynamoGetItem {
    table: DynamoTable,
    key: IndexMap<String, DynamoAttributeValue>,
    consistent_read: bool,
    names: IndexMap<String, Payload>,
    projection: Vec<DynamoProjectionExpression>,
    return_consumed_capacity: Option<DynamoConsumedCapacity>,
}

impl DynamoGetItem {
    /// Reads the item of `table` with this primary key: the partition key and, for a composite
    /// key, the sort key.
    ///
    /// ```
    /// use stepfunctions::JsonPath;
    /// use stepfunctions_tasks::{DynamoAttributeValue as V, DynamoGetItem, DynamoTable};
    /// let get = DynamoGetItem::new(
    ///     DynamoTable::from_name("orders"),
    ///     [("customer", V::from_string(JsonPath::string_at("$.customer"))), ("order", V::from_number(7))],
    /// );
    /// ```
    pub fn new<K: Into<String>>(table: DynamoTable, key: impl IntoIterator<Item = (K, DynamoAttributeValue)>) -> Self {
        DynamoGetItem {
            table,
            key: key.into_iter().map(|(k, v)| (k.into(), v)).collect(),
            consistent_read: false,
            names: IndexMap::new(),
            projection: Vec::new(),
            return_consumed_capacity: None,
        }
    }

    /// Strongly consistent read. Default: false (eventually consistent).
    ///
    /// ```
    /// # use stepfunctions_tasks::{DynamoAttributeValue as V, DynamoGetItem, DynamoTable};
    /// let get = DynamoGetItem::new(DynamoTable::from_name("t"), [("id", V::from_string("1"))]).consistent_read(true);
    /// ```
    #[must_use]
    pub fn consistent_read(mut self, consistent: bool) -> Self {
        self.consistent_read = consistent;
        self
    }

    /// Placeholders for attribute names in the projection expression (`#name` to a name, a
    /// literal or a path). Each must be used, as DynamoDB requires. Default: none.
    ///
    /// ```
    /// # use stepfunctions_tasks::{DynamoAttributeValue as V, DynamoGetItem, DynamoProjectionExpression, DynamoTable};
    /// let get = DynamoGetItem::new(DynamoTable::from_name("t"), [("id", V::from_string("1"))])
    ///     .expression_attribute_names([("#n", "Name")])
    ///     .projection_expression([DynamoProjectionExpression::new().with_attribute("#n")]);
    /// ```
    #[must_use]
    pub fn expression_attribute_names<K: Into<String>, V: Into<Payload>>(
        mut self,
        names: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        self.names = names.into_iter().map(|(k, v)| (k.into(), v.into())).collect();
        self
    }

    /// The attributes to read, joined with commas. Default: all attributes.
    ///
    /// ```
    /// # use stepfunctions_tasks::{DynamoAttributeValue as V, DynamoGetItem, DynamoProjectionExpression as P, DynamoTable};
    /// let get = DynamoGetItem::new(DynamoTable::from_name("t"), [("id", V::from_string("1"))])
    ///     .projection_expression([P::new().with_attribute("Title"), P::new().with_attribute("Tags").at_index(0)]);
    /// ```
    #[must_use]
    pub fn projection_expression(mut self, expressions: impl IntoIterator<Item = DynamoProjectionExpression>) -> Self {
        self.projection = expressions.into_iter().collect();
        self
    }

    /// How much consumed capacity the response reports. Default: DynamoDB's (none).
    ///
    /// ```
    /// # use stepfunctions_tasks::{DynamoAttributeValue as V, DynamoConsumedCapacity, DynamoGetItem, DynamoTable};
    /// let get = DynamoGetItem::new(DynamoTable::from_name("t"), [("id", V::from_string("1"))])
    ///     .return_consumed_capacity(DynamoConsumedCapacity::Total);
    /// ```
    #[must_use]
    pub fn return_consumed_capacity(mut self, capacity: DynamoConsumedCapacity) -> Self {
        self.return_consumed_capacity = Some(capacity);
        self
    }

    fn projection_text(&self) -> Option<String> {
        (!self.projection.is_empty()).then(|| {
            self.projection
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(",")
        })
    }
}

impl ServiceIntegration for DynamoGetItem {
    const SERVICE: &'static str = "dynamodb";
    const API: &'static str = "getItem";

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        let mut p = vec![
            ("Key", attribute_map(&self.key)),
            ("TableName", Payload::String(self.table.table_name().clone())),
            ("ConsistentRead", self.consistent_read.into()),
        ];
        if !self.names.is_empty() {
            p.push(("ExpressionAttributeNames", Payload::Object(self.names.clone())));
        }
        if let Some(projection) = self.projection_text() {
            p.push(("ProjectionExpression", projection.into()));
        }
        if let Some(c) = self.return_consumed_capacity {
            p.push(("ReturnConsumedCapacity", c.as_str().into()));
        }
        Some(Payload::from_object(p))
    }

    fn policy_statements(&self, _pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        vec![self.table.statement("GetItem")]
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        self.table.check()?;
        check_key(&self.key)?;
        if let Some(bad) = self
            .projection
            .iter()
            .find(|p| p.text.is_empty() || p.starts_with_index)
        {
            return Err(TaskError::field(
                "ProjectionExpression",
                format!("projection expression `{bad}` must start with an attribute (`with_attribute`)"),
            ));
        }
        let projection = self.projection_text();
        check_placeholders(
            &projection.as_deref().into_iter().collect::<Vec<_>>(),
            &self.names,
            &IndexMap::new(),
        )
        .map_err(TaskError::from)
    }
}
