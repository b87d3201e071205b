//! Amazon DynamoDB: read, write, update and delete one item.
//!
//! See <https://docs.aws.amazon.com/step-functions/latest/dg/connect-ddb.html>. Every API here
//! supports the request-response pattern only.

mod delete_item;
mod get_item;
mod put_item;
mod update_item;

use cfn_model::iam::PolicyStatement;
use cfn_model::{Expr, Resource, Template, Value};
use indexmap::IndexMap;
use stepfunctions::model::Jsonata;
use stepfunctions::model::Path;
use stepfunctions::Payload;

pub use delete_item::DynamoDeleteItem;
pub use get_item::DynamoGetItem;
pub use put_item::DynamoPutItem;
pub use update_item::DynamoUpdateItem;

use crate::util::{is_base64, is_number_text, stack_arn};

/// A DynamoDB table: one that exists (by name or ARN, literal or any CloudFormation
/// expression), or one defined in the same template with [`DynamoTable::define`].
///
/// ```
/// use stepfunctions_tasks::DynamoTable;
/// let by_name = DynamoTable::from_name("my-table");
/// let by_arn = DynamoTable::from_arn("arn:aws:dynamodb:us-east-1:123456789012:table/my-table");
/// assert_eq!(by_name.arn().to_string(), "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/my-table");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct DynamoTable {
    table_name: Expr,
    arn: Expr,
}

impl DynamoTable {
    /// The table with this name in the stack's account and region (CDK's `Table.fromTableName`).
    ///
    /// ```
    /// let t = stepfunctions_tasks::DynamoTable::from_name(cfn_model::Expr::reference("TableName"));
    /// ```
    pub fn from_name(name: impl Into<Expr>) -> Self {
        let name = name.into();
        DynamoTable {
            arn: stack_arn("dynamodb", Expr::concat([Expr::lit("table/"), name.clone()])),
            table_name: name,
        }
    }

    /// The table with this ARN, possibly in another account (CDK's `Table.fromTableArn`). The
    /// ARN is passed as `TableName`, which DynamoDB accepts in place of the name, so the call
    /// reaches that account's table.
    ///
    /// ```
    /// let t = stepfunctions_tasks::DynamoTable::from_arn("arn:aws:dynamodb:us-east-1:111122223333:table/shared");
    /// ```
    pub fn from_arn(arn: impl Into<Expr>) -> Self {
        let arn = arn.into();
        DynamoTable {
            table_name: arn.clone(),
            arn,
        }
    }

    /// Starts the definition of an on-demand table in the template, under a construct id.
    ///
    /// ```
    /// use stepfunctions_tasks::{DynamoAttributeType, DynamoTable};
    /// let mut t = cfn_model::Template::new();
    /// let table = DynamoTable::define("Messages")
    ///     .partition_key("MessageId", DynamoAttributeType::String)
    ///     .add_to(&mut t)
    ///     .unwrap();
    /// assert_eq!(table.table_name(), &cfn_model::Expr::reference("Messages"));
    /// assert_eq!(table.arn(), &cfn_model::Expr::get_att("Messages", "Arn"));
    /// ```
    pub fn define(id: impl Into<String>) -> DynamoTableDefinition {
        DynamoTableDefinition {
            id: id.into(),
            table_name: None,
            partition_key: None,
            sort_key: None,
        }
    }

    /// What the tasks pass as `TableName`: the name, or the ARN for [`DynamoTable::from_arn`].
    ///
    /// ```
    /// assert_eq!(stepfunctions_tasks::DynamoTable::from_name("t").table_name().as_literal(), Some("t"));
    /// ```
    pub fn table_name(&self) -> &Expr {
        &self.table_name
    }

    /// The table's ARN, the resource of the tasks' IAM statements.
    ///
    /// ```
    /// let t = stepfunctions_tasks::DynamoTable::from_arn("arn:aws:dynamodb:us-east-1:123456789012:table/t");
    /// assert_eq!(t.arn().as_literal(), Some("arn:aws:dynamodb:us-east-1:123456789012:table/t"));
    /// ```
    pub fn arn(&self) -> &Expr {
        &self.arn
    }

    /// `dynamodb:<action>` on the table.
    fn statement(&self, action: &str) -> PolicyStatement {
        PolicyStatement::allow([format!("dynamodb:{action}")], [self.arn.clone()])
    }

    /// Checks a literal `TableName`: an ARN, or 3 to 255 letters, digits, `_`, `-` and `.`.
    fn check(&self) -> Result<(), String> {
        let Some(name) = self.table_name.as_literal() else {
            return Ok(());
        };
        if name.starts_with("arn:") {
            return Ok(());
        }
        let valid_chars = name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'));
        if !(3..=255).contains(&name.len()) || !valid_chars {
            return Err(format!(
                "table name `{name}` must be 3 to 255 letters, digits, `_`, `-` or `.`"
            ));
        }
        Ok(())
    }
}

/// The type of a key attribute of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DynamoAttributeType {
    /// `S`.
    String,
    /// `N`.
    Number,
    /// `B`.
    Binary,
}

impl DynamoAttributeType {
    fn as_str(self) -> &'static str {
        match self {
            DynamoAttributeType::String => "S",
            DynamoAttributeType::Number => "N",
            DynamoAttributeType::Binary => "B",
        }
    }
}

/// An on-demand (`PAY_PER_REQUEST`) `AWS::DynamoDB::Table` to add to a template: see
/// [`DynamoTable::define`]. It keeps CloudFormation's default deletion policy (the table and its
/// items are deleted with the stack).
#[derive(Debug, Clone)]
pub struct DynamoTableDefinition {
    id: String,
    table_name: Option<Expr>,
    partition_key: Option<(String, DynamoAttributeType)>,
    sort_key: Option<(String, DynamoAttributeType)>,
}

impl DynamoTableDefinition {
    /// The partition (hash) key. Default: none; a table needs one.
    ///
    /// ```
    /// use stepfunctions_tasks::{DynamoAttributeType, DynamoTable};
    /// let d = DynamoTable::define("T").partition_key("pk", DynamoAttributeType::String);
    /// ```
    #[must_use]
    pub fn partition_key(mut self, name: impl Into<String>, kind: DynamoAttributeType) -> Self {
        self.partition_key = Some((name.into(), kind));
        self
    }

    /// The sort (range) key. Default: none.
    ///
    /// ```
    /// use stepfunctions_tasks::{DynamoAttributeType, DynamoTable};
    /// let d = DynamoTable::define("T")
    ///     .partition_key("pk", DynamoAttributeType::String)
    ///     .sort_key("sk", DynamoAttributeType::Number);
    /// ```
    #[must_use]
    pub fn sort_key(mut self, name: impl Into<String>, kind: DynamoAttributeType) -> Self {
        self.sort_key = Some((name.into(), kind));
        self
    }

    /// The table's name. Default: generated by CloudFormation.
    ///
    /// ```
    /// let d = stepfunctions_tasks::DynamoTable::define("T").table_name("messages");
    /// ```
    #[must_use]
    pub fn table_name(mut self, name: impl Into<Expr>) -> Self {
        self.table_name = Some(name.into());
        self
    }

    /// Adds the table to a template.
    ///
    /// ```
    /// use stepfunctions_tasks::{DynamoAttributeType, DynamoTable};
    /// let mut t = cfn_model::Template::new();
    /// DynamoTable::define("T").partition_key("pk", DynamoAttributeType::String).add_to(&mut t).unwrap();
    /// assert_eq!(t.resource("T").unwrap().resource_type(), "AWS::DynamoDB::Table");
    /// // A table needs a partition key.
    /// assert!(DynamoTable::define("U").add_to(&mut t).is_err());
    /// ```
    pub fn add_to(self, template: &mut Template) -> Result<DynamoTable, stepfunctions::Error> {
        let Some(partition_key) = self.partition_key else {
            return Err(stepfunctions::Error::InvalidResource {
                construct: self.id,
                field: "KeySchema",
                reason: "a table needs a partition key (`partition_key`)".into(),
            });
        };
        let keys: Vec<_> = std::iter::once((partition_key, "HASH"))
            .chain(self.sort_key.map(|k| (k, "RANGE")))
            .collect();
        let definitions = keys.iter().map(|((name, kind), _)| {
            Value::map([
                ("AttributeName", Value::from(name.as_str())),
                ("AttributeType", Value::from(kind.as_str())),
            ])
        });
        let schema = keys.iter().map(|((name, _), key_type)| {
            Value::map([
                ("AttributeName", Value::from(name.as_str())),
                ("KeyType", Value::from(*key_type)),
            ])
        });
        let table = Resource::new("AWS::DynamoDB::Table")
            .property_opt("TableName", self.table_name.map(Value::from))
            .property("BillingMode", "PAY_PER_REQUEST".into())
            .property("AttributeDefinitions", Value::list(definitions))
            .property("KeySchema", Value::list(schema));
        let id = template.add_resource(&self.id, table)?;
        Ok(DynamoTable {
            table_name: Expr::reference(id.as_str()),
            arn: Expr::get_att(id.as_str(), "Arn"),
        })
    }
}

/// A number literal for [`DynamoAttributeValue::from_number`]: any integer or float. DynamoDB
/// receives numbers as strings; a float that is not finite is rejected when rendering.
pub trait DynamoNumber: sealed::Sealed {
    /// The number as DynamoDB's `N` text.
    fn to_dynamo_text(&self) -> String;
}

mod sealed {
    pub trait Sealed {}
}

macro_rules! dynamo_number {
    ($($t:ty),*) => {$(
        impl sealed::Sealed for $t {}
        impl DynamoNumber for $t {
            fn to_dynamo_text(&self) -> String {
                self.to_string()
            }
        }
    )*};
}
dynamo_number!(u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize, f32, f64);

/// An attribute value, written as DynamoDB's typed JSON (`{"S": "Hello"}`): a literal, or read
/// from the state input with a path (`{"S.$": "$.name"}`).
///
/// Strings, numbers and binaries take any [`Payload`] string: a literal, a path
/// (`JsonPath::string_at`), an intrinsic function or a CloudFormation value. Sets, maps, lists and
/// booleans have a `*_from_json_path` form that reads the whole value from the input.
///
/// ```
/// use stepfunctions::JsonPath;
/// use stepfunctions_tasks::DynamoAttributeValue as V;
/// let item = V::from_map([
///     ("name", V::from_string(JsonPath::string_at("$.name"))),
///     ("age", V::from_number(35)),
///     ("tags", V::from_string_set(["a", "b"])),
///     ("scores", V::list_from_json_path("$.scores")),
/// ]);
/// assert_eq!(
///     serde_json::to_value(item.to_payload()).unwrap(),
///     serde_json::json!({"M": {
///         "name": {"S.$": "$.name"},
///         "age": {"N": "35"},
///         "tags": {"SS": ["a", "b"]},
///         "scores": {"L.$": "$.scores"},
///     }})
/// );
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct DynamoAttributeValue(Repr);

#[derive(Debug, Clone, PartialEq)]
enum Repr {
    /// `S`, `N`, `B`, `BOOL`, and every `*.$` form: the type and its value.
    Scalar(&'static str, Payload),
    /// `SS`, `NS`, `BS` with literal members.
    Set(&'static str, Vec<String>),
    /// `M` with literal members.
    Map(IndexMap<String, DynamoAttributeValue>),
    /// `L` with literal items.
    List(Vec<DynamoAttributeValue>),
    /// `NULL`.
    Null(bool),
}

impl DynamoAttributeValue {
    fn scalar(kind: &'static str, value: impl Into<Payload>) -> Self {
        DynamoAttributeValue(Repr::Scalar(kind, value.into()))
    }

    fn path(kind: &'static str, path: impl Into<String>) -> Self {
        DynamoAttributeValue(Repr::Scalar(kind, Payload::Path(Path::new(path))))
    }

    /// A string (`S`): a literal, or a path such as `JsonPath::string_at("$.bar")`.
    ///
    /// ```
    /// use stepfunctions::JsonPath;
    /// use stepfunctions_tasks::DynamoAttributeValue as V;
    /// let literal = V::from_string("message-007");
    /// let from_input = V::from_string(JsonPath::string_at("$.bar"));
    /// ```
    pub fn from_string(value: impl Into<Payload>) -> Self {
        Self::scalar("S", value)
    }

    /// A literal number (`N`), sent as text.
    ///
    /// ```
    /// let v = stepfunctions_tasks::DynamoAttributeValue::from_number(10);
    /// assert_eq!(serde_json::to_string(&v.to_payload()).unwrap(), r#"{"N":"10"}"#);
    /// ```
    pub fn from_number(value: impl DynamoNumber) -> Self {
        Self::scalar("N", value.to_dynamo_text())
    }

    /// A number (`N`) given as text: a literal such as `"123.45"`, or a path to a string.
    ///
    /// ```
    /// use stepfunctions::JsonPath;
    /// let v = stepfunctions_tasks::DynamoAttributeValue::number_from_string(JsonPath::string_at("$.Item.TotalCount.N"));
    /// ```
    pub fn number_from_string(value: impl Into<Payload>) -> Self {
        Self::scalar("N", value)
    }

    /// A binary (`B`), base64-encoded: a literal, or a path.
    ///
    /// ```
    /// let v = stepfunctions_tasks::DynamoAttributeValue::from_binary("dGhpcyB0ZXh0IGlzIGJhc2U2NC1lbmNvZGVk");
    /// ```
    pub fn from_binary(value: impl Into<Payload>) -> Self {
        Self::scalar("B", value)
    }

    /// A string set (`SS`) of literal, distinct strings; at least one.
    ///
    /// ```
    /// let v = stepfunctions_tasks::DynamoAttributeValue::from_string_set(["Giraffe", "Hippo", "Zebra"]);
    /// ```
    pub fn from_string_set<S: Into<String>>(values: impl IntoIterator<Item = S>) -> Self {
        DynamoAttributeValue(Repr::Set("SS", values.into_iter().map(Into::into).collect()))
    }

    /// A string set (`SS.$`) read from the input: the path must give a list of strings.
    ///
    /// ```
    /// let v = stepfunctions_tasks::DynamoAttributeValue::string_set_from_json_path("$.tags");
    /// ```
    pub fn string_set_from_json_path(path: impl Into<String>) -> Self {
        Self::path("SS", path)
    }

    /// A number set (`NS`) of literal, distinct numbers; at least one.
    ///
    /// ```
    /// let v = stepfunctions_tasks::DynamoAttributeValue::from_number_set([42.2, -19.0, 7.5]);
    /// ```
    pub fn from_number_set<N: DynamoNumber>(values: impl IntoIterator<Item = N>) -> Self {
        DynamoAttributeValue(Repr::Set(
            "NS",
            values.into_iter().map(|n| n.to_dynamo_text()).collect(),
        ))
    }

    /// A number set (`NS`) of numbers given as text.
    ///
    /// ```
    /// let v = stepfunctions_tasks::DynamoAttributeValue::number_set_from_strings(["42.2", "-19"]);
    /// ```
    pub fn number_set_from_strings<S: Into<String>>(values: impl IntoIterator<Item = S>) -> Self {
        DynamoAttributeValue(Repr::Set("NS", values.into_iter().map(Into::into).collect()))
    }

    /// A number set (`NS.$`) read from the input: the path must give a list of numbers as text.
    ///
    /// ```
    /// let v = stepfunctions_tasks::DynamoAttributeValue::number_set_from_json_path("$.ids");
    /// ```
    pub fn number_set_from_json_path(path: impl Into<String>) -> Self {
        Self::path("NS", path)
    }

    /// A binary set (`BS`) of literal, distinct base64 strings; at least one.
    ///
    /// ```
    /// let v = stepfunctions_tasks::DynamoAttributeValue::from_binary_set(["U3Vubnk=", "UmFpbnk="]);
    /// ```
    pub fn from_binary_set<S: Into<String>>(values: impl IntoIterator<Item = S>) -> Self {
        DynamoAttributeValue(Repr::Set("BS", values.into_iter().map(Into::into).collect()))
    }

    /// A binary set (`BS.$`) read from the input: the path must give a list of base64 strings.
    ///
    /// ```
    /// let v = stepfunctions_tasks::DynamoAttributeValue::binary_set_from_json_path("$.blobs");
    /// ```
    pub fn binary_set_from_json_path(path: impl Into<String>) -> Self {
        Self::path("BS", path)
    }

    /// A map (`M`) of attribute values.
    ///
    /// ```
    /// use stepfunctions_tasks::DynamoAttributeValue as V;
    /// let v = V::from_map([("Name", V::from_string("Joe")), ("Age", V::from_number(35))]);
    /// ```
    pub fn from_map<K: Into<String>>(members: impl IntoIterator<Item = (K, DynamoAttributeValue)>) -> Self {
        DynamoAttributeValue(Repr::Map(members.into_iter().map(|(k, v)| (k.into(), v)).collect()))
    }

    /// A map (`M.$`) read from the input: the path must give DynamoDB typed JSON
    /// (`{"Name": {"S": "Joe"}}`).
    ///
    /// ```
    /// let v = stepfunctions_tasks::DynamoAttributeValue::map_from_json_path("$.Item.Address.M");
    /// ```
    pub fn map_from_json_path(path: impl Into<String>) -> Self {
        Self::path("M", path)
    }

    /// A list (`L`) of attribute values.
    ///
    /// ```
    /// use stepfunctions_tasks::DynamoAttributeValue as V;
    /// let v = V::from_list([V::from_string("Cookies"), V::from_number(2.5)]);
    /// ```
    pub fn from_list(items: impl IntoIterator<Item = DynamoAttributeValue>) -> Self {
        DynamoAttributeValue(Repr::List(items.into_iter().collect()))
    }

    /// A list (`L.$`) read from the input: the path must give DynamoDB typed JSON
    /// (`[{"S": "Cookies"}]`).
    ///
    /// CDK's `listFromJsonPath` writes `{"L": "$.l"}` without the `.$` suffix, so DynamoDB
    /// receives the literal text `$.l` (see `KNOWN-CDK-DEFECTS.md`); this writes `{"L.$": "$.l"}`,
    /// which Step Functions resolves, as the Amazon States Language specifies for paths.
    ///
    /// ```
    /// let v = stepfunctions_tasks::DynamoAttributeValue::list_from_json_path("$.l");
    /// assert_eq!(serde_json::to_string(&v.to_payload()).unwrap(), r#"{"L.$":"$.l"}"#);
    /// ```
    pub fn list_from_json_path(path: impl Into<String>) -> Self {
        Self::path("L", path)
    }

    /// A null (`NULL`). DynamoDB accepts only `true`; `false` is rejected when rendering.
    ///
    /// ```
    /// let v = stepfunctions_tasks::DynamoAttributeValue::from_null(true);
    /// ```
    pub fn from_null(value: bool) -> Self {
        DynamoAttributeValue(Repr::Null(value))
    }

    /// A boolean (`BOOL`).
    ///
    /// ```
    /// let v = stepfunctions_tasks::DynamoAttributeValue::from_boolean(true);
    /// ```
    pub fn from_boolean(value: bool) -> Self {
        Self::scalar("BOOL", value)
    }

    /// A boolean (`BOOL.$`) read from the input.
    ///
    /// CDK's `booleanFromJsonPath` writes `{"BOOL": "$.flag"}` without the `.$` suffix, so
    /// DynamoDB receives a string where it expects a boolean (see `KNOWN-CDK-DEFECTS.md`); this
    /// writes `{"BOOL.$": "$.flag"}`.
    ///
    /// ```
    /// let v = stepfunctions_tasks::DynamoAttributeValue::boolean_from_json_path("$.flag");
    /// assert_eq!(serde_json::to_string(&v.to_payload()).unwrap(), r#"{"BOOL.$":"$.flag"}"#);
    /// ```
    pub fn boolean_from_json_path(path: impl Into<String>) -> Self {
        Self::path("BOOL", path)
    }

    /// A number (`N`) from a JSONata expression giving a number: written
    /// `{"N": "{% $string(<expression>) %}"}`, since DynamoDB takes numbers as text (CDK has no
    /// JSONata form for a number attribute, aws-cdk#33343).
    ///
    /// ```
    /// use stepfunctions::model::Jsonata;
    /// use stepfunctions_tasks::DynamoAttributeValue as V;
    /// let v = V::number_from_expr(Jsonata::states_input().field("count"));
    /// assert_eq!(
    ///     serde_json::to_string(&v.to_payload()).unwrap(),
    ///     r#"{"N":"{% $string($states.input.count) %}"}"#
    /// );
    /// ```
    pub fn number_from_expr(expression: impl Into<Jsonata>) -> Self {
        let e = expression.into();
        Self::scalar("N", Jsonata::new(format!("$string({})", e.as_str())))
    }

    /// A boolean (`BOOL`) from a JSONata expression.
    ///
    /// ```
    /// use stepfunctions::model::Jsonata;
    /// let v = stepfunctions_tasks::DynamoAttributeValue::boolean_from_expr(Jsonata::states_input().field("flag"));
    /// assert_eq!(serde_json::to_string(&v.to_payload()).unwrap(), r#"{"BOOL":"{% $states.input.flag %}"}"#);
    /// ```
    pub fn boolean_from_expr(expression: impl Into<Jsonata>) -> Self {
        Self::scalar("BOOL", expression.into())
    }

    /// A list (`L`) from a JSONata expression giving DynamoDB typed JSON (`[{"S": "a"}]`).
    ///
    /// ```
    /// use stepfunctions::model::Jsonata;
    /// let v = stepfunctions_tasks::DynamoAttributeValue::list_from_expr(Jsonata::new("$states.input.items.{'S': name}"));
    /// ```
    pub fn list_from_expr(expression: impl Into<Jsonata>) -> Self {
        Self::scalar("L", expression.into())
    }

    /// A map (`M`) from a JSONata expression giving DynamoDB typed JSON.
    ///
    /// ```
    /// use stepfunctions::model::Jsonata;
    /// let v = stepfunctions_tasks::DynamoAttributeValue::map_from_expr(Jsonata::states_input().field("address"));
    /// ```
    pub fn map_from_expr(expression: impl Into<Jsonata>) -> Self {
        Self::scalar("M", expression.into())
    }

    /// A string set (`SS`) from a JSONata expression giving a list of strings.
    ///
    /// ```
    /// use stepfunctions::model::Jsonata;
    /// let v = stepfunctions_tasks::DynamoAttributeValue::string_set_from_expr(Jsonata::states_input().field("tags"));
    /// ```
    pub fn string_set_from_expr(expression: impl Into<Jsonata>) -> Self {
        Self::scalar("SS", expression.into())
    }

    /// A number set (`NS`) from a JSONata expression giving a list of numbers as text.
    ///
    /// ```
    /// use stepfunctions::model::Jsonata;
    /// let v = stepfunctions_tasks::DynamoAttributeValue::number_set_from_expr(Jsonata::new("$states.input.ids.$string()"));
    /// ```
    pub fn number_set_from_expr(expression: impl Into<Jsonata>) -> Self {
        Self::scalar("NS", expression.into())
    }

    /// The value as it appears in the task's parameters.
    ///
    /// ```
    /// let v = stepfunctions_tasks::DynamoAttributeValue::from_string("x");
    /// assert_eq!(serde_json::to_string(&v.to_payload()).unwrap(), r#"{"S":"x"}"#);
    /// ```
    pub fn to_payload(&self) -> Payload {
        let (kind, value) = match &self.0 {
            Repr::Scalar(kind, value) => (*kind, value.clone()),
            Repr::Set(kind, members) => (
                *kind,
                Payload::Array(members.iter().map(|m| Payload::from(m.as_str())).collect()),
            ),
            Repr::Map(members) => ("M", attribute_map(members)),
            Repr::List(items) => ("L", Payload::Array(items.iter().map(Self::to_payload).collect())),
            Repr::Null(v) => ("NULL", Payload::Bool(*v)),
        };
        Payload::from_object([(kind, value)])
    }

    /// The type (`S`, `N`, ...).
    fn kind(&self) -> &'static str {
        match &self.0 {
            Repr::Scalar(kind, _) | Repr::Set(kind, _) => kind,
            Repr::Map(_) => "M",
            Repr::List(_) => "L",
            Repr::Null(_) => "NULL",
        }
    }

    /// Checks literal values as DynamoDB would; `at` names the value in errors.
    fn check(&self, at: &str) -> Result<(), String> {
        match &self.0 {
            Repr::Scalar(kind, value) => {
                if value.is_dynamic() {
                    return Ok(());
                }
                let ok = match (*kind, value) {
                    ("BOOL", Payload::Bool(_)) => true,
                    ("BOOL", _) => false,
                    (_, Payload::String(e)) => match e.as_literal() {
                        Some(text) => check_scalar_text(kind, text).map_err(|e| format!("{at}: {e}"))?,
                        None => true,
                    },
                    _ => false,
                };
                if ok {
                    Ok(())
                } else {
                    let expected = if *kind == "BOOL" { "a boolean" } else { "a string" };
                    Err(format!("{at}: a `{kind}` value must be {expected} or a path"))
                }
            }
            Repr::Set(kind, members) => {
                if members.is_empty() {
                    return Err(format!("{at}: a `{kind}` set must have at least one member"));
                }
                for (i, m) in members.iter().enumerate() {
                    if members[..i].contains(m) {
                        return Err(format!("{at}: the `{kind}` set holds `{m}` twice"));
                    }
                    check_scalar_text(&kind[..1], m).map_err(|e| format!("{at}: {e}"))?;
                }
                Ok(())
            }
            Repr::Map(members) => {
                for (k, v) in members {
                    v.check(&format!("{at}.{k}"))?;
                }
                Ok(())
            }
            Repr::List(items) => {
                for (i, v) in items.iter().enumerate() {
                    v.check(&format!("{at}[{i}]"))?;
                }
                Ok(())
            }
            Repr::Null(true) => Ok(()),
            Repr::Null(false) => Err(format!("{at}: DynamoDB accepts `NULL` only as `true`")),
        }
    }
}

/// Checks the literal text of an `S`, `N` or `B` value; `Ok(true)` when valid.
fn check_scalar_text(kind: &str, text: &str) -> Result<bool, String> {
    match kind {
        "N" if !is_number_text(text) => Err(format!("`{text}` is not a number")),
        "B" if !is_base64(text) => Err(format!("`{text}` is not base64")),
        _ => Ok(true),
    }
}

/// `{"name": {"S": ...}, ...}`.
fn attribute_map(members: &IndexMap<String, DynamoAttributeValue>) -> Payload {
    Payload::Object(members.iter().map(|(k, v)| (k.clone(), v.to_payload())).collect())
}

/// Checks a `Key`: one or two attributes (partition key, and sort key), each `S`, `N` or `B`.
fn check_key(key: &IndexMap<String, DynamoAttributeValue>) -> Result<(), String> {
    if key.is_empty() || key.len() > 2 {
        return Err(format!(
            "the key must give the partition key and, for a composite key, the sort key (it has {} attributes)",
            key.len()
        ));
    }
    for (name, value) in key {
        if !matches!(value.kind(), "S" | "N" | "B") {
            return Err(format!(
                "key attribute `{name}` is `{}`; key attributes are `S`, `N` or `B`",
                value.kind()
            ));
        }
        value.check(&format!("Key.{name}"))?;
    }
    Ok(())
}

/// Builds a projection expression (`a.b[0].c`), for [`DynamoGetItem::projection_expression`].
///
/// ```
/// use stepfunctions_tasks::DynamoProjectionExpression;
/// let e = DynamoProjectionExpression::new().with_attribute("Messages").at_index(1).with_attribute("Tags");
/// assert_eq!(e.to_string(), "Messages[1].Tags");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DynamoProjectionExpression {
    text: String,
    starts_with_index: bool,
}

impl DynamoProjectionExpression {
    /// An empty expression; it must start with an attribute.
    ///
    /// ```
    /// let e = stepfunctions_tasks::DynamoProjectionExpression::new();
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends an attribute (after a `.` unless it is the first).
    ///
    /// ```
    /// let e = stepfunctions_tasks::DynamoProjectionExpression::new().with_attribute("#n");
    /// ```
    #[must_use]
    pub fn with_attribute(mut self, attribute: &str) -> Self {
        if !self.text.is_empty() {
            self.text.push('.');
        }
        self.text.push_str(attribute);
        self
    }

    /// Appends an index into a list attribute, `[index]`.
    ///
    /// ```
    /// let e = stepfunctions_tasks::DynamoProjectionExpression::new().with_attribute("l").at_index(0);
    /// ```
    #[must_use]
    pub fn at_index(mut self, index: u32) -> Self {
        if self.text.is_empty() {
            self.starts_with_index = true;
        }
        self.text.push_str(&format!("[{index}]"));
        self
    }
}

impl std::fmt::Display for DynamoProjectionExpression {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

/// How much consumed capacity the response reports (`ReturnConsumedCapacity`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DynamoConsumedCapacity {
    /// The total, and the table's and each index's.
    Indexes,
    /// The total only.
    Total,
    /// None (DynamoDB's default).
    None,
}

impl DynamoConsumedCapacity {
    fn as_str(self) -> &'static str {
        match self {
            DynamoConsumedCapacity::Indexes => "INDEXES",
            DynamoConsumedCapacity::Total => "TOTAL",
            DynamoConsumedCapacity::None => "NONE",
        }
    }
}

/// Whether the response reports item collection metrics (`ReturnItemCollectionMetrics`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DynamoItemCollectionMetrics {
    /// The size of the item collections modified.
    Size,
    /// None (DynamoDB's default).
    None,
}

impl DynamoItemCollectionMetrics {
    fn as_str(self) -> &'static str {
        match self {
            DynamoItemCollectionMetrics::Size => "SIZE",
            DynamoItemCollectionMetrics::None => "NONE",
        }
    }
}

/// Which attributes the response returns (`ReturnValues`). `PutItem` and `DeleteItem` accept
/// `None` and `AllOld` only; the others are for `UpdateItem`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DynamoReturnValues {
    /// Nothing (DynamoDB's default).
    None,
    /// The whole item as it was before.
    AllOld,
    /// The updated attributes as they were before (`UpdateItem`).
    UpdatedOld,
    /// The whole item as it is after (`UpdateItem`).
    AllNew,
    /// The updated attributes as they are after (`UpdateItem`).
    UpdatedNew,
}

impl DynamoReturnValues {
    fn as_str(self) -> &'static str {
        match self {
            DynamoReturnValues::None => "NONE",
            DynamoReturnValues::AllOld => "ALL_OLD",
            DynamoReturnValues::UpdatedOld => "UPDATED_OLD",
            DynamoReturnValues::AllNew => "ALL_NEW",
            DynamoReturnValues::UpdatedNew => "UPDATED_NEW",
        }
    }
}

/// The options `PutItem`, `DeleteItem` and `UpdateItem` share.
#[derive(Debug, Clone, Default)]
struct WriteOptions {
    condition_expression: Option<String>,
    names: IndexMap<String, Payload>,
    values: IndexMap<String, DynamoAttributeValue>,
    return_consumed_capacity: Option<DynamoConsumedCapacity>,
    return_item_collection_metrics: Option<DynamoItemCollectionMetrics>,
    return_values: Option<DynamoReturnValues>,
}

impl WriteOptions {
    /// Appends the parameters that are set, in CDK's order, around `UpdateExpression`.
    fn push_parameters(&self, p: &mut Vec<(&'static str, Payload)>, update_expression: Option<&str>) {
        if let Some(c) = &self.condition_expression {
            p.push(("ConditionExpression", c.as_str().into()));
        }
        if !self.names.is_empty() {
            p.push(("ExpressionAttributeNames", Payload::Object(self.names.clone())));
        }
        if !self.values.is_empty() {
            p.push(("ExpressionAttributeValues", attribute_map(&self.values)));
        }
        if let Some(c) = self.return_consumed_capacity {
            p.push(("ReturnConsumedCapacity", c.as_str().into()));
        }
        if let Some(m) = self.return_item_collection_metrics {
            p.push(("ReturnItemCollectionMetrics", m.as_str().into()));
        }
        if let Some(r) = self.return_values {
            p.push(("ReturnValues", r.as_str().into()));
        }
        if let Some(u) = update_expression {
            p.push(("UpdateExpression", u.into()));
        }
    }

    /// Checks the expressions and their placeholders, and the return values `allowed`.
    fn check(&self, update_expression: Option<&str>, allowed: &[DynamoReturnValues], api: &str) -> Result<(), String> {
        let expressions: Vec<&str> = self
            .condition_expression
            .as_deref()
            .into_iter()
            .chain(update_expression)
            .collect();
        check_placeholders(&expressions, &self.names, &self.values)?;
        if let Some(r) = self.return_values {
            if !allowed.contains(&r) {
                return Err(format!(
                    "{api} accepts ReturnValues NONE or ALL_OLD only, not {}",
                    r.as_str()
                ));
            }
        }
        Ok(())
    }
}

/// The setters of [`WriteOptions`] on a task with an `options` field; `$new` builds one in the
/// examples.
macro_rules! write_option_setters {
    ($task:ident, $new:literal) => {
        impl $task {
            /// A condition the item must meet for the operation to happen; otherwise the task fails
            /// with `DynamoDB.ConditionalCheckFailedException`. Default: none.
            ///
            #[doc = concat!("```\n# use stepfunctions_tasks::*;\nlet task = ", $new, "\n    .condition_expression(\"attribute_exists(MessageId)\");\n```")]
            #[must_use]
            pub fn condition_expression(mut self, expression: impl Into<String>) -> Self {
                self.options.condition_expression = Some(expression.into());
                self
            }

            /// Placeholders for attribute names in the expressions (`#name` to a name, a literal
            /// or a path). Each must be used by an expression, as DynamoDB requires. Default: none.
            ///
            #[doc = concat!("```\n# use stepfunctions_tasks::*;\nlet task = ", $new, "\n    .expression_attribute_names([(\"#s\", \"Status\")]);\n```")]
            #[must_use]
            pub fn expression_attribute_names<K: Into<String>, V: Into<stepfunctions::Payload>>(
                mut self,
                names: impl IntoIterator<Item = (K, V)>,
            ) -> Self {
                self.options.names = names.into_iter().map(|(k, v)| (k.into(), v.into())).collect();
                self
            }

            /// Values for the `:value` placeholders of the expressions. Each must be used by an
            /// expression, as DynamoDB requires. Default: none.
            ///
            #[doc = concat!("```\n# use stepfunctions_tasks::*;\nlet task = ", $new, "\n    .expression_attribute_values([(\":limit\", DynamoAttributeValue::from_number(10))]);\n```")]
            #[must_use]
            pub fn expression_attribute_values<K: Into<String>>(
                mut self,
                values: impl IntoIterator<Item = (K, DynamoAttributeValue)>,
            ) -> Self {
                self.options.values = values.into_iter().map(|(k, v)| (k.into(), v)).collect();
                self
            }

            /// How much consumed capacity the response reports. Default: DynamoDB's (none).
            ///
            #[doc = concat!("```\n# use stepfunctions_tasks::*;\nlet task = ", $new, "\n    .return_consumed_capacity(DynamoConsumedCapacity::Indexes);\n```")]
            #[must_use]
            pub fn return_consumed_capacity(mut self, capacity: DynamoConsumedCapacity) -> Self {
                self.options.return_consumed_capacity = Some(capacity);
                self
            }

            /// Whether the response reports the size of the item collections modified (tables
            /// with local secondary indexes). Default: DynamoDB's (none).
            ///
            #[doc = concat!("```\n# use stepfunctions_tasks::*;\nlet task = ", $new, "\n    .return_item_collection_metrics(DynamoItemCollectionMetrics::Size);\n```")]
            #[must_use]
            pub fn return_item_collection_metrics(mut self, metrics: DynamoItemCollectionMetrics) -> Self {
                self.options.return_item_collection_metrics = Some(metrics);
                self
            }

            /// Which attributes the response returns, under `Attributes`. Default: DynamoDB's
            /// (none).
            ///
            #[doc = concat!("```\n# use stepfunctions_tasks::*;\nlet task = ", $new, "\n    .return_values(DynamoReturnValues::AllOld);\n```")]
            #[must_use]
            pub fn return_values(mut self, values: DynamoReturnValues) -> Self {
                self.options.return_values = Some(values);
                self
            }
        }
    };
}
use write_option_setters;

/// The placeholders (`#name`, `:value`) an expression uses.
fn placeholders(expression: &str, sigil: char) -> Vec<&str> {
    let mut out = Vec::new();
    for (i, c) in expression.char_indices() {
        if c == sigil {
            let rest = &expression[i + 1..];
            let len = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            if len > 0 {
                out.push(&expression[i..i + 1 + len]);
            }
        }
    }
    out
}

/// DynamoDB rejects an `ExpressionAttributeNames` or `ExpressionAttributeValues` entry that no
/// expression uses, and a placeholder no entry defines: both are checked here.
fn check_placeholders(
    expressions: &[&str],
    names: &IndexMap<String, Payload>,
    values: &IndexMap<String, DynamoAttributeValue>,
) -> Result<(), String> {
    let valid = |key: &str, sigil: char| {
        key.strip_prefix(sigil)
            .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
    };
    for (key, name) in names {
        if !valid(key, '#') {
            return Err(format!(
                "expression attribute name `{key}` must be `#` and letters, digits or `_`"
            ));
        }
        match name {
            Payload::String(e) if e.as_literal() == Some("") => {
                return Err(format!("expression attribute name `{key}` stands for an empty name"))
            }
            Payload::String(_) | Payload::Path(_) | Payload::Intrinsic(_) | Payload::Jsonata(_) => {}
            _ => return Err(format!("expression attribute name `{key}` must stand for a string")),
        }
    }
    for (key, value) in values {
        if !valid(key, ':') {
            return Err(format!(
                "expression attribute value `{key}` must be `:` and letters, digits or `_`"
            ));
        }
        value.check(&format!("ExpressionAttributeValues.{key}"))?;
    }
    for (sigil, defined, what) in [
        ('#', names.keys().collect::<Vec<_>>(), "ExpressionAttributeNames"),
        (':', values.keys().collect::<Vec<_>>(), "ExpressionAttributeValues"),
    ] {
        let used: Vec<&str> = expressions.iter().flat_map(|e| placeholders(e, sigil)).collect();
        if let Some(unused) = defined.iter().find(|k| !used.contains(&k.as_str())) {
            return Err(format!("{what} defines `{unused}`, which no expression uses"));
        }
        if let Some(undefined) = used.iter().find(|u| !defined.iter().any(|k| k.as_str() == **u)) {
            return Err(format!(
                "an expression uses `{undefined}`, which {what} does not define"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_that_are_not_finite_are_rejected() {
        assert!(DynamoAttributeValue::from_number(f64::NAN).check("v").is_err());
        assert!(DynamoAttributeValue::from_number(f64::NEG_INFINITY).check("v").is_err());
        assert!(DynamoAttributeValue::from_number(1e300).check("v").is_ok());
    }

    #[test]
    fn placeholders_are_found() {
        assert_eq!(placeholders("SET #a = :v + :w_2, #b.c", ':'), [":v", ":w_2"]);
        assert_eq!(placeholders("SET #a = :v + :w_2, #b.c", '#'), ["#a", "#b"]);
    }

    #[test]
    fn unused_and_undefined_placeholders_are_rejected() {
        let names: IndexMap<String, Payload> = [("#n".to_owned(), Payload::from("Name"))].into_iter().collect();
        let values: IndexMap<String, DynamoAttributeValue> = [(":v".to_owned(), DynamoAttributeValue::from_number(1))]
            .into_iter()
            .collect();
        assert!(check_placeholders(&["SET #n = :v"], &names, &values).is_ok());
        assert!(check_placeholders(&["SET #n = :x"], &names, &values)
            .unwrap_err()
            .contains("`:v`"));
        assert!(check_placeholders(&["SET #n = :v + :w"], &names, &values)
            .unwrap_err()
            .contains("`:w`"));
        assert!(check_placeholders(&[], &IndexMap::new(), &values).is_err());
        let bad: IndexMap<String, Payload> = [("n".to_owned(), Payload::from("Name"))].into_iter().collect();
        assert!(check_placeholders(&["SET n = :v"], &bad, &values).is_err());
    }
}
