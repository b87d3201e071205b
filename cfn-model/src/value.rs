//! Property values: JSON whose strings may be CloudFormation expressions, plus typed values
//! from other crates that serialize themselves (a state machine definition, for one).

use std::fmt;
use std::sync::Arc;

use indexmap::IndexMap;
use serde::{Serialize, Serializer};

use crate::json::JsonSink;
use crate::Expr;

/// A value that writes itself straight into the template, with no intermediate JSON tree.
///
/// Implemented for every `T: Serialize + Debug + Send + Sync`: the template writer calls
/// [`write_json`](CustomValue::write_json), monomorphic `serde_json` at the value's depth.
pub trait CustomValue: fmt::Debug + Send + Sync {
    /// Writes the value as JSON into the sink's buffer: pretty at `depth` levels of
    /// indentation, or compact (`None`). A large value may call
    /// [`JsonSink::flush_if_full`] between its pieces.
    fn write_json(&self, out: &mut JsonSink<'_>, depth: Option<usize>) -> Result<(), serde_json::Error>;

    /// The value as a JSON tree, for serializers other than the template writer.
    fn to_json_value(&self) -> Result<serde_json::Value, serde_json::Error>;

    /// Whether the value may hold `Ref`, `Fn::GetAtt` or `Fn::Sub` objects, which
    /// [`Template::check_references`](crate::Template::check_references) then reads from
    /// [`to_json_value`](CustomValue::to_json_value). Default: it may.
    fn may_refer(&self) -> bool {
        true
    }
}

impl<T: Serialize + fmt::Debug + Send + Sync> CustomValue for T {
    fn write_json(&self, out: &mut JsonSink<'_>, depth: Option<usize>) -> Result<(), serde_json::Error> {
        crate::json::write_serialize(self, out.buffer(), depth)
    }

    fn to_json_value(&self) -> Result<serde_json::Value, serde_json::Error> {
        serde_json::to_value(self)
    }
}

/// A resource property, parameter default or output value.
///
/// ```
/// use cfn_model::{Expr, Value};
/// let v = Value::map([("Name", Value::from("x")), ("Arn", Value::from(Expr::get_att("R", "Arn")))]);
/// assert_eq!(serde_json::to_string(&v).unwrap(), r#"{"Name":"x","Arn":{"Fn::GetAtt":["R","Arn"]}}"#);
/// ```
#[derive(Debug, Clone)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(serde_json::Number),
    /// A string, literal or expression.
    String(Expr),
    /// A list.
    List(Vec<Value>),
    /// An object, in insertion order.
    Map(IndexMap<String, Value>),
    /// A typed value that serializes itself.
    Custom(Arc<dyn CustomValue>),
}

impl Value {
    /// An object from key/value pairs.
    ///
    /// ```
    /// let v = cfn_model::Value::map([("A", 1.into())]);
    /// assert_eq!(serde_json::to_string(&v).unwrap(), r#"{"A":1}"#);
    /// ```
    pub fn map<K: Into<String>>(entries: impl IntoIterator<Item = (K, Value)>) -> Self {
        Value::Map(entries.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }

    /// A list.
    ///
    /// ```
    /// let v = cfn_model::Value::list(["a".into(), "b".into()]);
    /// assert_eq!(serde_json::to_string(&v).unwrap(), r#"["a","b"]"#);
    /// ```
    pub fn list(items: impl IntoIterator<Item = Value>) -> Self {
        Value::List(items.into_iter().collect())
    }

    /// A typed value that serializes itself.
    ///
    /// ```
    /// #[derive(Debug, serde::Serialize)]
    /// struct Config { enabled: bool }
    /// let v = cfn_model::Value::custom(Config { enabled: true });
    /// assert_eq!(serde_json::to_string(&v).unwrap(), r#"{"enabled":true}"#);
    /// ```
    pub fn custom(value: impl CustomValue + 'static) -> Self {
        Value::Custom(Arc::new(value))
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => s.serialize_unit(),
            Value::Bool(b) => s.serialize_bool(*b),
            Value::Number(n) => n.serialize(s),
            Value::String(e) => e.serialize(s),
            Value::List(items) => items.serialize(s),
            Value::Map(map) => map.serialize(s),
            Value::Custom(custom) => custom.to_json_value().map_err(serde::ser::Error::custom)?.serialize(s),
        }
    }
}

impl From<Expr> for Value {
    fn from(e: Expr) -> Self {
        Value::String(e)
    }
}

impl From<&Expr> for Value {
    fn from(e: &Expr) -> Self {
        Value::String(e.clone())
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(Expr::lit(s))
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(Expr::lit(s))
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

macro_rules! number_from {
    ($($t:ty),*) => {$(
        impl From<$t> for Value {
            fn from(n: $t) -> Self {
                Value::Number(n.into())
            }
        }
    )*};
}
number_from!(u8, u16, u32, u64, i8, i16, i32, i64, usize);

impl From<Vec<Value>> for Value {
    fn from(items: Vec<Value>) -> Self {
        Value::List(items)
    }
}

impl From<serde_json::Value> for Value {
    fn from(v: serde_json::Value) -> Self {
        match v {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(b),
            serde_json::Value::Number(n) => Value::Number(n),
            serde_json::Value::String(s) => Value::String(Expr::Literal(s)),
            serde_json::Value::Array(items) => Value::List(items.into_iter().map(Value::from).collect()),
            serde_json::Value::Object(map) => Value::Map(map.into_iter().map(|(k, v)| (k, Value::from(v))).collect()),
        }
    }
}
