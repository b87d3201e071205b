//! Choice rule conditions: every comparison of the Amazon States Language, type tests, and
//! boolean combinations.

use crate::error::Error;
use crate::json_path::syntax::PathKind;
use crate::model::{check_path, Path};
use crate::util::is_rfc3339;

/// The right-hand side of a comparison.
///
/// ```
/// use stepfunctions::model::{Comparison, Operand, Operator};
/// let c = Comparison { variable: "$.n".into(), operator: Operator::NumericEquals, operand: Operand::Number(1.into()) };
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    /// A string (the `String*` operators).
    String(String),
    /// An RFC 3339 timestamp (the `Timestamp*` operators).
    Timestamp(String),
    /// A number (the `Numeric*` operators).
    Number(serde_json::Number),
    /// A boolean (`BooleanEquals` and the `Is*` type tests).
    Bool(bool),
    /// A path to the value to compare with (the `*Path` operators).
    Path(Path),
}

/// One comparison: the value at `variable`, an operator, and what it is compared with.
///
/// ```
/// use stepfunctions::{model::{Comparison, Operator}, Condition};
/// let Condition::Compare(c) = Condition::string_equals("$.s", "x") else { unreachable!() };
/// assert_eq!(c.operator, Operator::StringEquals);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// `Variable`: the path of the value tested.
    pub variable: Path,
    /// The comparison operator.
    pub operator: Operator,
    /// Its operand.
    pub operand: Operand,
}

/// A condition of a Choice rule.
///
/// ```
/// use stepfunctions::Condition;
/// let c = Condition::and([
///     Condition::number_greater_than_equals("$.value", 20),
///     Condition::number_less_than("$.value", 30),
/// ]);
/// assert_eq!(
///     serde_json::to_string(&c).unwrap(),
///     r#"{"And":[{"Variable":"$.value","NumericGreaterThanEquals":20},{"Variable":"$.value","NumericLessThan":30}]}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// A comparison or type test.
    Compare(Comparison),
    /// `And`: every condition holds.
    And(Vec<Condition>),
    /// `Or`: at least one holds.
    Or(Vec<Condition>),
    /// `Not`.
    Not(Box<Condition>),
    /// `Condition` (JSONata): an expression that evaluates to `true` or `false`. Only as a
    /// rule's whole condition, in a JSONata Choice state.
    Jsonata(crate::model::Jsonata),
}

macro_rules! operators {
    ($($op:ident),* $(,)?) => {
        /// The comparison operators of a Choice rule, named as in the ASL.
        ///
        /// ```
        /// use stepfunctions::model::Operator;
        /// assert_eq!(Operator::parse("StringMatches"), Some(Operator::StringMatches));
        /// assert_eq!(Operator::StringMatches.as_str(), "StringMatches");
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[allow(missing_docs)]
        pub enum Operator { $($op),* }

        impl Operator {
            /// Every operator.
            pub const ALL: &'static [Operator] = &[$(Operator::$op),*];

            /// The operator's name in the ASL.
            ///
            /// ```
            /// assert_eq!(stepfunctions::model::Operator::IsNull.as_str(), "IsNull");
            /// ```
            pub const fn as_str(self) -> &'static str {
                match self { $(Operator::$op => stringify!($op)),* }
            }
        }
    };
}

operators!(
    StringEquals,
    StringLessThan,
    StringGreaterThan,
    StringLessThanEquals,
    StringGreaterThanEquals,
    StringMatches,
    StringEqualsPath,
    StringLessThanPath,
    StringGreaterThanPath,
    StringLessThanEqualsPath,
    StringGreaterThanEqualsPath,
    NumericEquals,
    NumericLessThan,
    NumericGreaterThan,
    NumericLessThanEquals,
    NumericGreaterThanEquals,
    NumericEqualsPath,
    NumericLessThanPath,
    NumericGreaterThanPath,
    NumericLessThanEqualsPath,
    NumericGreaterThanEqualsPath,
    BooleanEquals,
    BooleanEqualsPath,
    TimestampEquals,
    TimestampLessThan,
    TimestampGreaterThan,
    TimestampLessThanEquals,
    TimestampGreaterThanEquals,
    TimestampEqualsPath,
    TimestampLessThanPath,
    TimestampGreaterThanPath,
    TimestampLessThanEqualsPath,
    TimestampGreaterThanEqualsPath,
    IsPresent,
    IsNull,
    IsString,
    IsNumeric,
    IsBoolean,
    IsTimestamp
);

impl Operator {
    /// The operator an ASL field name names, if any.
    ///
    /// ```
    /// assert_eq!(stepfunctions::model::Operator::parse("Nope"), None);
    /// ```
    pub fn parse(name: &str) -> Option<Operator> {
        Operator::ALL.iter().copied().find(|o| o.as_str() == name)
    }

    /// Whether the operand is a path (the `*Path` operators).
    ///
    /// ```
    /// assert!(stepfunctions::model::Operator::StringEqualsPath.takes_path());
    /// ```
    pub fn takes_path(self) -> bool {
        self.as_str().ends_with("Path")
    }
}

fn num(n: f64) -> serde_json::Number {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        serde_json::Number::from(n as i64)
    } else {
        serde_json::Number::from_f64(n).unwrap_or_else(|| serde_json::Number::from(0))
    }
}

macro_rules! comparisons {
    ($($(#[$doc:meta])* $name:ident($value:ty) => $op:ident, $wrap:expr;)*) => {
        impl Condition {
            $(
                $(#[$doc])*
                pub fn $name(variable: impl Into<Path>, value: $value) -> Self {
                    Condition::Compare(Comparison { variable: variable.into(), operator: Operator::$op, operand: $wrap(value) })
                }
            )*
        }
    };
}

fn s(v: &str) -> Operand {
    Operand::String(v.to_owned())
}
fn ts(v: &str) -> Operand {
    Operand::Timestamp(v.to_owned())
}
fn n<N: Into<f64>>(v: N) -> Operand {
    Operand::Number(num(v.into()))
}
fn p(v: &str) -> Operand {
    Operand::Path(Path::new(v))
}

comparisons! {
    /// The string at `variable` equals `value`.
    ///
    /// ```
    /// let c = stepfunctions::Condition::string_equals("$.status", "FAILED");
    /// ```
    string_equals(&str) => StringEquals, s;
    /// The string sorts before `value`.
    ///
    /// ```
    /// let c = stepfunctions::Condition::string_less_than("$.s", "b");
    /// ```
    string_less_than(&str) => StringLessThan, s;
    /// The string sorts after `value`.
    ///
    /// ```
    /// let c = stepfunctions::Condition::string_greater_than("$.s", "c");
    /// ```
    string_greater_than(&str) => StringGreaterThan, s;
    /// The string sorts before or equals `value`.
    ///
    /// ```
    /// let c = stepfunctions::Condition::string_less_than_equals("$.s", "d");
    /// ```
    string_less_than_equals(&str) => StringLessThanEquals, s;
    /// The string sorts after or equals `value`.
    ///
    /// ```
    /// let c = stepfunctions::Condition::string_greater_than_equals("$.s", "e");
    /// ```
    string_greater_than_equals(&str) => StringGreaterThanEquals, s;
    /// The string matches a pattern where `*` matches any text (`\*` a literal star).
    ///
    /// ```
    /// let c = stepfunctions::Condition::string_matches("$.file", "log-*.txt");
    /// ```
    string_matches(&str) => StringMatches, s;
    /// The string equals the string at another path.
    ///
    /// ```
    /// let c = stepfunctions::Condition::string_equals_json_path("$.s", "$.t");
    /// ```
    string_equals_json_path(&str) => StringEqualsPath, p;
    /// The string sorts before the string at another path.
    ///
    /// ```
    /// let c = stepfunctions::Condition::string_less_than_json_path("$.s", "$.t");
    /// ```
    string_less_than_json_path(&str) => StringLessThanPath, p;
    /// The string sorts after the string at another path.
    ///
    /// ```
    /// let c = stepfunctions::Condition::string_greater_than_json_path("$.s", "$.t");
    /// ```
    string_greater_than_json_path(&str) => StringGreaterThanPath, p;
    /// The string sorts before or equals the string at another path.
    ///
    /// ```
    /// let c = stepfunctions::Condition::string_less_than_equals_json_path("$.s", "$.t");
    /// ```
    string_less_than_equals_json_path(&str) => StringLessThanEqualsPath, p;
    /// The string sorts after or equals the string at another path.
    ///
    /// ```
    /// let c = stepfunctions::Condition::string_greater_than_equals_json_path("$.s", "$.t");
    /// ```
    string_greater_than_equals_json_path(&str) => StringGreaterThanEqualsPath, p;
    /// The number equals `value`.
    ///
    /// ```
    /// let c = stepfunctions::Condition::number_equals("$.n", 1);
    /// ```
    number_equals(impl Into<f64>) => NumericEquals, n;
    /// The number is below `value`.
    ///
    /// ```
    /// let c = stepfunctions::Condition::number_less_than("$.n", 2.5);
    /// ```
    number_less_than(impl Into<f64>) => NumericLessThan, n;
    /// The number is above `value`.
    ///
    /// ```
    /// let c = stepfunctions::Condition::number_greater_than("$.n", -3);
    /// ```
    number_greater_than(impl Into<f64>) => NumericGreaterThan, n;
    /// The number is at most `value`.
    ///
    /// ```
    /// let c = stepfunctions::Condition::number_less_than_equals("$.n", 4);
    /// ```
    number_less_than_equals(impl Into<f64>) => NumericLessThanEquals, n;
    /// The number is at least `value`.
    ///
    /// ```
    /// let c = stepfunctions::Condition::number_greater_than_equals("$.n", 5);
    /// ```
    number_greater_than_equals(impl Into<f64>) => NumericGreaterThanEquals, n;
    /// The number equals the number at another path.
    ///
    /// ```
    /// let c = stepfunctions::Condition::number_equals_json_path("$.n", "$.m");
    /// ```
    number_equals_json_path(&str) => NumericEqualsPath, p;
    /// The number is below the number at another path.
    ///
    /// ```
    /// let c = stepfunctions::Condition::number_less_than_json_path("$.n", "$.m");
    /// ```
    number_less_than_json_path(&str) => NumericLessThanPath, p;
    /// The number is above the number at another path.
    ///
    /// ```
    /// let c = stepfunctions::Condition::number_greater_than_json_path("$.n", "$.m");
    /// ```
    number_greater_than_json_path(&str) => NumericGreaterThanPath, p;
    /// The number is at most the number at another path.
    ///
    /// ```
    /// let c = stepfunctions::Condition::number_less_than_equals_json_path("$.n", "$.m");
    /// ```
    number_less_than_equals_json_path(&str) => NumericLessThanEqualsPath, p;
    /// The number is at least the number at another path.
    ///
    /// ```
    /// let c = stepfunctions::Condition::number_greater_than_equals_json_path("$.n", "$.m");
    /// ```
    number_greater_than_equals_json_path(&str) => NumericGreaterThanEqualsPath, p;
    /// The boolean equals `value`.
    ///
    /// ```
    /// let c = stepfunctions::Condition::boolean_equals("$.b", true);
    /// ```
    boolean_equals(bool) => BooleanEquals, Operand::Bool;
    /// The boolean equals the boolean at another path.
    ///
    /// ```
    /// let c = stepfunctions::Condition::boolean_equals_json_path("$.b", "$.c");
    /// ```
    boolean_equals_json_path(&str) => BooleanEqualsPath, p;
    /// The timestamp equals `value` (RFC 3339, e.g. `2016-03-14T01:59:00Z`).
    ///
    /// ```
    /// let c = stepfunctions::Condition::timestamp_equals("$.t", "2016-03-14T01:59:00Z");
    /// ```
    timestamp_equals(&str) => TimestampEquals, ts;
    /// The timestamp is before `value`.
    ///
    /// ```
    /// let c = stepfunctions::Condition::timestamp_less_than("$.t", "2016-03-14T01:59:00Z");
    /// ```
    timestamp_less_than(&str) => TimestampLessThan, ts;
    /// The timestamp is after `value`.
    ///
    /// ```
    /// let c = stepfunctions::Condition::timestamp_greater_than("$.t", "2016-03-14T01:59:00Z");
    /// ```
    timestamp_greater_than(&str) => TimestampGreaterThan, ts;
    /// The timestamp is at or before `value`.
    ///
    /// ```
    /// let c = stepfunctions::Condition::timestamp_less_than_equals("$.t", "2016-03-14T01:59:00Z");
    /// ```
    timestamp_less_than_equals(&str) => TimestampLessThanEquals, ts;
    /// The timestamp is at or after `value`.
    ///
    /// ```
    /// let c = stepfunctions::Condition::timestamp_greater_than_equals("$.t", "2016-03-14T01:59:00Z");
    /// ```
    timestamp_greater_than_equals(&str) => TimestampGreaterThanEquals, ts;
    /// The timestamp equals the timestamp at another path.
    ///
    /// ```
    /// let c = stepfunctions::Condition::timestamp_equals_json_path("$.t", "$.u");
    /// ```
    timestamp_equals_json_path(&str) => TimestampEqualsPath, p;
    /// The timestamp is before the timestamp at another path.
    ///
    /// ```
    /// let c = stepfunctions::Condition::timestamp_less_than_json_path("$.t", "$.u");
    /// ```
    timestamp_less_than_json_path(&str) => TimestampLessThanPath, p;
    /// The timestamp is after the timestamp at another path.
    ///
    /// ```
    /// let c = stepfunctions::Condition::timestamp_greater_than_json_path("$.t", "$.u");
    /// ```
    timestamp_greater_than_json_path(&str) => TimestampGreaterThanPath, p;
    /// The timestamp is at or before the timestamp at another path.
    ///
    /// ```
    /// let c = stepfunctions::Condition::timestamp_less_than_equals_json_path("$.t", "$.u");
    /// ```
    timestamp_less_than_equals_json_path(&str) => TimestampLessThanEqualsPath, p;
    /// The timestamp is at or after the timestamp at another path.
    ///
    /// ```
    /// let c = stepfunctions::Condition::timestamp_greater_than_equals_json_path("$.t", "$.u");
    /// ```
    timestamp_greater_than_equals_json_path(&str) => TimestampGreaterThanEqualsPath, p;
}

macro_rules! type_tests {
    ($($(#[$doc:meta])* $name:ident => $op:ident, $value:literal;)*) => {
        impl Condition {
            $(
                $(#[$doc])*
                pub fn $name(variable: impl Into<Path>) -> Self {
                    Condition::Compare(Comparison { variable: variable.into(), operator: Operator::$op, operand: Operand::Bool($value) })
                }
            )*
        }
    };
}

type_tests! {
    /// The field exists.
    ///
    /// ```
    /// let c = stepfunctions::Condition::is_present("$.p");
    /// ```
    is_present => IsPresent, true;
    /// The field does not exist.
    ///
    /// ```
    /// let c = stepfunctions::Condition::is_not_present("$.p");
    /// ```
    is_not_present => IsPresent, false;
    /// The field is `null`.
    ///
    /// ```
    /// let c = stepfunctions::Condition::is_null("$.p");
    /// ```
    is_null => IsNull, true;
    /// The field is not `null`.
    ///
    /// ```
    /// let c = stepfunctions::Condition::is_not_null("$.p");
    /// ```
    is_not_null => IsNull, false;
    /// The field is a string.
    ///
    /// ```
    /// let c = stepfunctions::Condition::is_string("$.p");
    /// ```
    is_string => IsString, true;
    /// The field is not a string.
    ///
    /// ```
    /// let c = stepfunctions::Condition::is_not_string("$.p");
    /// ```
    is_not_string => IsString, false;
    /// The field is a number.
    ///
    /// ```
    /// let c = stepfunctions::Condition::is_numeric("$.p");
    /// ```
    is_numeric => IsNumeric, true;
    /// The field is not a number.
    ///
    /// ```
    /// let c = stepfunctions::Condition::is_not_numeric("$.p");
    /// ```
    is_not_numeric => IsNumeric, false;
    /// The field is a boolean.
    ///
    /// ```
    /// let c = stepfunctions::Condition::is_boolean("$.p");
    /// ```
    is_boolean => IsBoolean, true;
    /// The field is not a boolean.
    ///
    /// ```
    /// let c = stepfunctions::Condition::is_not_boolean("$.p");
    /// ```
    is_not_boolean => IsBoolean, false;
    /// The field is an RFC 3339 timestamp string.
    ///
    /// ```
    /// let c = stepfunctions::Condition::is_timestamp("$.p");
    /// ```
    is_timestamp => IsTimestamp, true;
    /// The field is not a timestamp.
    ///
    /// ```
    /// let c = stepfunctions::Condition::is_not_timestamp("$.p");
    /// ```
    is_not_timestamp => IsTimestamp, false;
}

impl Condition {
    /// All conditions hold.
    ///
    /// ```
    /// use stepfunctions::Condition;
    /// let c = Condition::and([Condition::is_present("$.a"), Condition::is_string("$.a")]);
    /// ```
    pub fn and(conditions: impl IntoIterator<Item = Condition>) -> Self {
        Condition::And(conditions.into_iter().collect())
    }

    /// At least one condition holds.
    ///
    /// ```
    /// use stepfunctions::Condition;
    /// let c = Condition::or([Condition::is_null("$.a"), Condition::is_not_present("$.a")]);
    /// ```
    pub fn or(conditions: impl IntoIterator<Item = Condition>) -> Self {
        Condition::Or(conditions.into_iter().collect())
    }

    /// The condition does not hold.
    ///
    /// ```
    /// use stepfunctions::Condition;
    /// let c = Condition::not(Condition::string_equals("$.type", "Private"));
    /// ```
    #[allow(clippy::should_implement_trait)]
    pub fn not(condition: Condition) -> Self {
        Condition::Not(Box::new(condition))
    }

    /// A JSONata condition (`Condition` of a JSONata Choice rule): the rule is taken when the
    /// expression is `true`.
    ///
    /// ```
    /// use stepfunctions::Condition;
    /// let c = Condition::jsonata("$states.input.total > 100");
    /// assert_eq!(serde_json::to_string(&c).unwrap(), r#"{"Condition":"{% $states.input.total > 100 %}"}"#);
    /// ```
    pub fn jsonata(expression: impl Into<crate::model::Jsonata>) -> Self {
        Condition::Jsonata(expression.into())
    }

    pub(crate) fn validate(&self, state: &str) -> Result<(), Error> {
        match self {
            Condition::Jsonata(_) => Err(Error::QueryLanguageMismatch {
                state: state.to_owned(),
                field: "Condition".into(),
                language: crate::model::QueryLanguage::JsonPath,
                reason: "a JSONata condition is only a whole rule's condition, in a JSONata Choice state".into(),
            }),
            Condition::Compare(Comparison {
                variable,
                operator,
                operand,
            }) => {
                check_path(state, "Variable", variable, PathKind::Path)?;
                match operand {
                    Operand::Path(path) => check_path(state, operator.as_str(), path, PathKind::Path),
                    Operand::Timestamp(t) if !is_rfc3339(t) => Err(Error::InvalidValue {
                        state: state.to_owned(),
                        field: "Choice condition",
                        reason: format!(
                            "{} `{t}` is not an RFC 3339 timestamp (e.g. 2016-03-14T01:59:00Z)",
                            operator.as_str()
                        ),
                    }),
                    _ => Ok(()),
                }
            }
            Condition::And(cs) | Condition::Or(cs) => {
                if cs.is_empty() {
                    return Err(Error::InvalidValue {
                        state: state.to_owned(),
                        field: "Choice condition",
                        reason: "And/Or needs at least one condition".into(),
                    });
                }
                cs.iter().try_for_each(|c| c.validate(state))
            }
            Condition::Not(c) => c.validate(state),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_not_and_type_tests() {
        let c = Condition::not(Condition::is_not_present("$.x"));
        assert_eq!(
            serde_json::to_string(&c).unwrap(),
            r#"{"Not":{"Variable":"$.x","IsPresent":false}}"#
        );
    }

    #[test]
    fn numbers_keep_integers_integral() {
        let c = Condition::number_less_than("$.n", 2.5);
        assert_eq!(
            serde_json::to_string(&c).unwrap(),
            r#"{"Variable":"$.n","NumericLessThan":2.5}"#
        );
        let c = Condition::number_equals("$.n", 1);
        assert_eq!(
            serde_json::to_string(&c).unwrap(),
            r#"{"Variable":"$.n","NumericEquals":1}"#
        );
    }

    #[test]
    fn rejects_bad_paths_timestamps_and_empty_combinations() {
        assert!(Condition::string_equals("status", "x").validate("C").is_err());
        assert!(Condition::string_equals_json_path("$.a", "$.b[").validate("C").is_err());
        assert!(Condition::timestamp_equals("$.t", "yesterday").validate("C").is_err());
        assert!(Condition::and([]).validate("C").is_err());
        assert!(Condition::timestamp_equals("$.t", "2016-03-14T01:59:00.123+01:00")
            .validate("C")
            .is_ok());
    }
}
