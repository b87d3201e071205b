//! Data templates: the values of `Parameters`, `ResultSelector`, `ItemSelector` and task inputs,
//! where a field is a literal, a JsonPath or an intrinsic function.
//!
//! The `Key.$` form is written here and nowhere else: a field whose value is a path or an
//! intrinsic function is serialized as `"Key.$": "<path>"`.

use cfn_model::Expr;
use indexmap::IndexMap;

use crate::error::Error;
use crate::json_path::syntax::PathKind;
use crate::model::jsonata::{Jsonata, INPUT_PATHS, STATES_ERROR_OUTPUT, STATES_RESULT};
use crate::model::path::{Path, PathRoot};
use crate::model::QueryLanguage;

/// A JSON value whose fields may be JsonPaths or intrinsic functions, resolved at run time.
///
/// `TaskInput` is the same type: [`Payload::from_object`], [`Payload::from_text`] and
/// [`Payload::from_json_path_at`] mirror CDK's `TaskInput.fromObject`, `fromText` and
/// `fromJsonPathAt`.
///
/// ```
/// use stepfunctions::{JsonPath, Payload};
/// let p = Payload::from_object([
///     ("token", JsonPath::task_token()),
///     ("input", JsonPath::string_at("$.someField")),
///     ("static", "value".into()),
/// ]);
/// assert_eq!(
///     serde_json::to_string(&p).unwrap(),
///     r#"{"token.$":"$$.Task.Token","input.$":"$.someField","static":"value"}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number.
    Number(serde_json::Number),
    /// A string: literal text, or a CloudFormation expression resolved at deploy time.
    String(Expr),
    /// A JsonPath resolved at run time (`$.field`, `$$.Task.Token`, `$variable`).
    Path(Path),
    /// An intrinsic function evaluated at run time.
    Intrinsic(Intrinsic),
    /// A list. Its items are literal: a path in a list is not resolved by Step Functions (use
    /// [`JsonPath::array`](crate::JsonPath::array)).
    Array(Vec<Payload>),
    /// An object, in insertion order.
    Object(IndexMap<String, Payload>),
    /// A CloudFormation list (a `List<...>` parameter, `Fn::Split`, `Fn::GetAZs`), resolved at
    /// deploy time, where the ASL takes a list of strings (ECS subnets, say). It is written as
    /// `"Key.$": "States.StringSplit('${Items}', ',')"` with the items joined by commas in a
    /// definition substitution, so it is the value of an object's key, and its items hold no
    /// comma or quote (ids and names do not).
    List(cfn_model::ListExpr),
    /// A JSONata expression evaluated at run time (JSONata states): `"{% ... %}"`.
    Jsonata(crate::model::Jsonata),
}

impl Payload {
    /// An object from `(key, value)` pairs (CDK's `TaskInput.fromObject`).
    ///
    /// ```
    /// let p = stepfunctions::Payload::from_object([("a", 1.into())]);
    /// assert_eq!(serde_json::to_string(&p).unwrap(), r#"{"a":1}"#);
    /// ```
    pub fn from_object<K: Into<String>>(fields: impl IntoIterator<Item = (K, Payload)>) -> Self {
        Payload::Object(fields.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }

    /// An empty object, `{}` (CDK's `TaskInput.fromObject({})`).
    ///
    /// ```
    /// assert_eq!(serde_json::to_string(&stepfunctions::Payload::empty_object()).unwrap(), "{}");
    /// ```
    pub fn empty_object() -> Self {
        Payload::Object(IndexMap::new())
    }

    /// A literal string (CDK's `TaskInput.fromText`).
    ///
    /// ```
    /// let p = stepfunctions::Payload::from_text("hello");
    /// assert_eq!(serde_json::to_string(&p).unwrap(), r#""hello""#);
    /// ```
    pub fn from_text(text: impl Into<Expr>) -> Self {
        Payload::String(text.into())
    }

    /// The value at a path of the state input (CDK's `TaskInput.fromJsonPathAt`).
    ///
    /// ```
    /// let p = stepfunctions::Payload::from_json_path_at("$.Payload");
    /// assert_eq!(p, stepfunctions::Payload::Path("$.Payload".into()));
    /// ```
    pub fn from_json_path_at(path: impl Into<Path>) -> Self {
        Payload::Path(path.into())
    }

    /// Converts JSON. A key ending in `.$` whose value is a string is read as a path (when the
    /// string starts with `$`) or an intrinsic function (otherwise), and loses the suffix.
    ///
    /// ```
    /// use stepfunctions::Payload;
    /// let p = Payload::from_json(serde_json::json!({"value.$": "States.MathAdd($.a, $.b)", "n": 1}));
    /// assert_eq!(
    ///     serde_json::to_string(&p).unwrap(),
    ///     r#"{"value.$":"States.MathAdd($.a, $.b)","n":1}"#
    /// );
    /// ```
    pub fn from_json(value: serde_json::Value) -> Self {
        match value {
            serde_json::Value::Null => Payload::Null,
            serde_json::Value::Bool(b) => Payload::Bool(b),
            serde_json::Value::Number(n) => Payload::Number(n),
            serde_json::Value::String(s) => Payload::String(Expr::Literal(s)),
            serde_json::Value::Array(items) => Payload::Array(items.into_iter().map(Payload::from_json).collect()),
            serde_json::Value::Object(map) => Payload::Object(
                map.into_iter()
                    .map(|(k, v)| match (k.strip_suffix(".$"), v) {
                        (Some(key), serde_json::Value::String(s)) => (key.to_owned(), Payload::dynamic(s)),
                        (_, v) => (k, Payload::from_json(v)),
                    })
                    .collect(),
            ),
        }
    }

    /// A path (text starting with `$`) or an intrinsic function (anything else), as written
    /// after a `.$` key.
    ///
    /// ```
    /// use stepfunctions::Payload;
    /// assert_eq!(Payload::dynamic("$.a"), Payload::Path("$.a".into()));
    /// assert!(matches!(Payload::dynamic("States.UUID()"), Payload::Intrinsic(_)));
    /// ```
    pub fn dynamic(text: impl Into<String>) -> Self {
        let text = text.into();
        if text.starts_with('$') {
            Payload::Path(Path::new(text))
        } else {
            Payload::Intrinsic(Intrinsic::raw(text))
        }
    }

    /// Whether the value is resolved at run time (a path, an intrinsic function, a JSONata
    /// expression, or a CloudFormation list split when the state runs).
    ///
    /// ```
    /// assert!(stepfunctions::JsonPath::string_at("$.a").is_dynamic());
    /// ```
    pub fn is_dynamic(&self) -> bool {
        matches!(
            self,
            Payload::Path(_) | Payload::Intrinsic(_) | Payload::List(_) | Payload::Jsonata(_)
        )
    }

    /// Whether the value is a JSONPath run-time value (a path, an intrinsic function, or a split
    /// CloudFormation list): what takes a `Key.$` in a JSONPath state.
    ///
    /// ```
    /// use stepfunctions::{model::Jsonata, JsonPath, Payload};
    /// assert!(JsonPath::string_at("$.a").is_json_path());
    /// assert!(!Payload::from(Jsonata::states_input()).is_json_path());
    /// ```
    pub fn is_json_path(&self) -> bool {
        matches!(self, Payload::Path(_) | Payload::Intrinsic(_) | Payload::List(_))
    }

    /// Whether the value passes the task token (`$$.Task.Token`) anywhere.
    ///
    /// ```
    /// use stepfunctions::{JsonPath, Payload};
    /// assert!(Payload::from_object([("t", JsonPath::task_token())]).contains_task_token());
    /// ```
    pub fn contains_task_token(&self) -> bool {
        match self {
            Payload::Path(p) => p.starts_with("$$.Task.Token"),
            Payload::Intrinsic(i) => i.render().contains("$$.Task.Token"),
            Payload::Jsonata(e) => e.reads_task_token(),
            Payload::Array(items) => items.iter().any(Payload::contains_task_token),
            Payload::Object(map) => map.values().any(Payload::contains_task_token),
            _ => false,
        }
    }

    /// Checks every path and intrinsic function of a JSONPath field; `field` names the field in
    /// errors.
    pub(crate) fn validate(&self, state: &str, field: &str) -> Result<(), Error> {
        self.validate_in(state, field, QueryLanguage::JsonPath, 0)
    }

    /// Checks every value of a field of a state in `language`: paths and intrinsic functions
    /// in JSONPath; in JSONata, expressions (reading only the `$states` members in `members`)
    /// and paths that have a JSONata equivalent.
    pub(crate) fn validate_in(
        &self,
        state: &str,
        field: &str,
        language: QueryLanguage,
        members: u8,
    ) -> Result<(), Error> {
        let check = Check {
            state,
            language,
            members,
        };
        self.validate_at(&check, &FieldPath::Root(field))
    }

    /// The recursion of [`validate_in`](Self::validate_in): the field's name is only spelled out
    /// for an error, so checking a valid payload allocates nothing.
    fn validate_at(&self, check: &Check<'_>, field: &FieldPath<'_>) -> Result<(), Error> {
        let state = check.state;
        if check.language == QueryLanguage::Jsonata {
            return match self {
                Payload::Path(p) if matches!(p.root(), Some(PathRoot::Input)) && check.members & INPUT_PATHS == 0 => {
                    Err(Error::QueryLanguageMismatch {
                        state: state.to_owned(),
                        field: field.to_string(),
                        language: QueryLanguage::Jsonata,
                        reason: format!(
                            "the path `{p}` reads the state's input, or its result or error, depending on the field in \
                             JSONPath; in JSONata say which: Jsonata::states_input(), states_result(), states_error_output()"
                        ),
                    })
                }
                Payload::Path(p) if Jsonata::from_path(p).is_some() => Ok(()),
                Payload::Path(p) => Err(Error::QueryLanguageMismatch {
                    state: state.to_owned(),
                    field: field.to_string(),
                    language: QueryLanguage::Jsonata,
                    reason: format!(
                        "the path `{p}` names more than one node and has no plain JSONata form; write a Jsonata expression"
                    ),
                }),
                Payload::Intrinsic(i) if Jsonata::from_intrinsic(i).is_some() => Ok(()),
                Payload::Intrinsic(i) => Err(Error::QueryLanguageMismatch {
                    state: state.to_owned(),
                    field: field.to_string(),
                    language: QueryLanguage::Jsonata,
                    reason: format!(
                        "`{}` is a JSONPath intrinsic function with no JSONata form here; use a JSONata expression (JSONata's functions, $uuid(), $partition(), ...)",
                        i.render()
                    ),
                }),
                Payload::Jsonata(e) => check_jsonata(state, field, e, check.members),
                Payload::Array(items) => items
                    .iter()
                    .enumerate()
                    .try_for_each(|(i, item)| item.validate_at(check, &FieldPath::Index(field, i))),
                Payload::Object(map) => map.iter().try_for_each(|(k, v)| {
                    if k.ends_with(".$") {
                        return Err(Error::QueryLanguageMismatch {
                            state: state.to_owned(),
                            field: FieldPath::Key(field, k).to_string(),
                            language: QueryLanguage::Jsonata,
                            reason: "a key ending in `.$` is JSONPath; in JSONata a value is an expression by itself".into(),
                        });
                    }
                    v.validate_at(check, &FieldPath::Key(field, k))
                }),
                _ => Ok(()),
            };
        }
        match self {
            Payload::Jsonata(e) => Err(Error::QueryLanguageMismatch {
                state: state.to_owned(),
                field: field.to_string(),
                language: QueryLanguage::JsonPath,
                reason: format!(
                    "`{e}` is a JSONata expression; make the state JSONata (`jsonata` constructors or the state machine's query_language), or give a path"
                ),
            }),
            Payload::Path(p) if path_is_fine(p, PathKind::Path) => Ok(()),
            Payload::Path(p) => check_path(state, &field.to_string(), p, PathKind::Path),
            Payload::Intrinsic(i) => i.validate_in(state, field),
            Payload::Array(items) if items.iter().any(|i| matches!(i, Payload::Jsonata(_))) => Err(Error::QueryLanguageMismatch {
                state: state.to_owned(),
                field: field.to_string(),
                language: QueryLanguage::JsonPath,
                reason: "a JSONata expression in a JSONPath state's list".into(),
            }),
            Payload::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let item_field = FieldPath::Index(field, i);
                    if item.is_dynamic() {
                        return Err(Error::InvalidPath {
                            state: state.to_owned(),
                            field: item_field.to_string(),
                            path: item.dynamic_text(),
                            expected: "list item",
                            reason: "Step Functions does not resolve paths inside a list; use JsonPath::array".into(),
                        });
                    }
                    item.validate_at(check, &item_field)?;
                }
                Ok(())
            }
            Payload::Object(map) => {
                for (k, v) in map {
                    if k.ends_with(".$") {
                        return Err(Error::DollarKey {
                            state: state.to_owned(),
                            field: FieldPath::Key(field, k).to_string(),
                            value: serde_json::to_string(v).unwrap_or_default(),
                        });
                    }
                    v.validate_at(check, &FieldPath::Key(field, k))?;
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn dynamic_text(&self) -> String {
        match self {
            Payload::Path(p) => p.to_string(),
            Payload::Intrinsic(i) => i.render(),
            Payload::List(list) => serde_json::to_string(list).unwrap_or_default(),
            Payload::Jsonata(e) => e.to_string(),
            _ => String::new(),
        }
    }
}

/// What a payload is checked against.
struct Check<'a> {
    state: &'a str,
    language: QueryLanguage,
    /// The `$states` members its expressions may read.
    members: u8,
}

/// Checks an expression of a field: well formed, and reading only the `$states` members the
/// field has (`members`).
pub(crate) fn check_jsonata(state: &str, field: &dyn std::fmt::Display, e: &Jsonata, members: u8) -> Result<(), Error> {
    let err = |reason: String| Error::InvalidJsonata {
        state: state.to_owned(),
        field: field.to_string(),
        expression: e.as_str().to_owned(),
        reason,
    };
    if let Some(reason) = e.error() {
        return Err(err(reason.to_owned()));
    }
    let extra = e.states_members() & !members;
    if extra != 0 {
        let (name, where_) = if extra & STATES_RESULT != 0 {
            (
                "$states.result",
                "only in the Output and Assign of a Task, Parallel or Map",
            )
        } else if extra & STATES_ERROR_OUTPUT != 0 {
            ("$states.errorOutput", "only in a Catch's Output and Assign")
        } else {
            ("$states", "not in this field")
        };
        return Err(err(format!("{name} is available {where_}")));
    }
    Ok(())
}

/// Where a value sits in a field, spelled out only when an error names it: `Parameters.a[0]`.
pub(crate) enum FieldPath<'a> {
    Root(&'a str),
    Key(&'a FieldPath<'a>, &'a str),
    Index(&'a FieldPath<'a>, usize),
}

impl std::fmt::Display for FieldPath<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FieldPath::Root(name) => f.write_str(name),
            FieldPath::Key(parent, key) => write!(f, "{parent}.{key}"),
            FieldPath::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

/// Whether [`check_path`] passes, found without allocating.
fn path_is_fine(path: &Path, kind: PathKind) -> bool {
    path.check(kind).is_ok()
}

/// Checks a path of a field: well formed, and of the kind the field takes. (Whether a variable
/// it reads is assigned is the scope check's: `validate::check_variables`.)
pub(crate) fn check_path(state: &str, field: &str, path: &Path, kind: PathKind) -> Result<(), Error> {
    path.check(kind).map_err(|reason| Error::InvalidPath {
        state: state.to_owned(),
        field: field.to_owned(),
        path: path.to_string(),
        expected: match kind {
            PathKind::Path => "JsonPath",
            PathKind::Reference => "reference path",
        },
        reason,
    })
}

impl From<&str> for Payload {
    fn from(s: &str) -> Self {
        Payload::String(Expr::lit(s))
    }
}

impl From<String> for Payload {
    fn from(s: String) -> Self {
        Payload::String(Expr::Literal(s))
    }
}

impl From<Expr> for Payload {
    fn from(e: Expr) -> Self {
        Payload::String(e)
    }
}

impl From<bool> for Payload {
    fn from(b: bool) -> Self {
        Payload::Bool(b)
    }
}

impl From<Jsonata> for Payload {
    fn from(e: Jsonata) -> Self {
        Payload::Jsonata(e)
    }
}

impl From<Intrinsic> for Payload {
    fn from(i: Intrinsic) -> Self {
        Payload::Intrinsic(i)
    }
}

impl From<serde_json::Value> for Payload {
    fn from(v: serde_json::Value) -> Self {
        Payload::from_json(v)
    }
}

impl From<Vec<Payload>> for Payload {
    fn from(items: Vec<Payload>) -> Self {
        Payload::Array(items)
    }
}

macro_rules! payload_from_number {
    ($($t:ty),*) => {$(
        impl From<$t> for Payload {
            fn from(n: $t) -> Self {
                Payload::Number(n.into())
            }
        }
    )*};
}
payload_from_number!(u8, u16, u32, u64, i8, i16, i32, i64, usize);

impl From<f64> for Payload {
    fn from(n: f64) -> Self {
        serde_json::Number::from_f64(n).map_or(Payload::Null, Payload::Number)
    }
}

/// The intrinsic functions of the Amazon States Language (JSONPath mode).
const FUNCTIONS: &[(&str, usize, usize)] = &[
    ("States.Format", 1, usize::MAX),
    ("States.StringToJson", 1, 1),
    ("States.JsonToString", 1, 1),
    ("States.Array", 0, usize::MAX),
    ("States.ArrayPartition", 2, 2),
    ("States.ArrayContains", 2, 2),
    ("States.ArrayRange", 3, 3),
    ("States.ArrayGetItem", 2, 2),
    ("States.ArrayLength", 1, 1),
    ("States.ArrayUnique", 1, 1),
    ("States.Base64Encode", 1, 1),
    ("States.Base64Decode", 1, 1),
    ("States.Hash", 2, 2),
    ("States.JsonMerge", 3, 3),
    ("States.MathRandom", 2, 3),
    ("States.MathAdd", 2, 2),
    ("States.StringSplit", 2, 2),
    ("States.UUID", 0, 0),
];

/// An argument of an intrinsic function.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// A JsonPath.
    Path(Path),
    /// A string literal.
    Str(String),
    /// A number.
    Number(serde_json::Number),
    /// A boolean.
    Bool(bool),
    /// `null`.
    Null,
    /// A nested intrinsic function.
    Intrinsic(Box<Intrinsic>),
    /// A value that cannot be an argument (an object or a list); rejected at render time.
    Invalid(String),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Str(s.to_owned())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Str(s)
    }
}

impl From<bool> for Arg {
    fn from(b: bool) -> Self {
        Arg::Bool(b)
    }
}

macro_rules! arg_from_number {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Number(n.into())
            }
        }
    )*};
}
arg_from_number!(u8, u16, u32, u64, i8, i16, i32, i64, usize);

impl From<f64> for Arg {
    fn from(n: f64) -> Self {
        serde_json::Number::from_f64(n).map_or(Arg::Null, Arg::Number)
    }
}

impl From<Intrinsic> for Arg {
    fn from(i: Intrinsic) -> Self {
        Arg::Intrinsic(Box::new(i))
    }
}

impl From<Payload> for Arg {
    fn from(p: Payload) -> Self {
        match p {
            Payload::Path(path) => Arg::Path(path),
            Payload::Intrinsic(i) => Arg::Intrinsic(Box::new(i)),
            Payload::String(Expr::Literal(s)) => Arg::Str(s),
            Payload::Number(n) => Arg::Number(n),
            Payload::Bool(b) => Arg::Bool(b),
            Payload::Null => Arg::Null,
            other => Arg::Invalid(serde_json::to_string(&other).unwrap_or_default()),
        }
    }
}

/// An intrinsic function call such as `States.Format('Hello, {}', $.name)`.
///
/// Build one with the functions of [`JsonPath`](crate::JsonPath); text written by hand (after
/// a `.$` key, or with [`Intrinsic::raw`]) is parsed when it is built and renders as written.
/// Either way the call is there to read ([`function`](Intrinsic::function),
/// [`args`](Intrinsic::args)); text that is not a call keeps what is wrong with it, reported at
/// synthesis with the state and the field.
///
/// ```
/// use stepfunctions::JsonPath;
/// let f = JsonPath::format("Hello, {}!", [JsonPath::string_at("$.name").into()]);
/// assert_eq!(serde_json::to_string(&f).unwrap(), r#""States.Format('Hello, {}!', $.name)""#);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Intrinsic {
    function: String,
    args: Vec<Arg>,
    /// The text as written, for a call parsed from text (boxed: most calls are built, and a
    /// payload value stays small).
    source: Option<Box<Source>>,
}

/// Text written by hand, and why it is not a call if it is not (the function is then empty).
#[derive(Debug, Clone, PartialEq)]
struct Source {
    text: String,
    error: Option<String>,
}

impl Intrinsic {
    /// A call of a `States.*` function with arguments.
    ///
    /// ```
    /// let f = stepfunctions::Intrinsic::call("States.MathAdd", ["$.a".into(), 1.into()]);
    /// ```
    pub fn call(function: impl Into<String>, args: impl IntoIterator<Item = Arg>) -> Self {
        Intrinsic {
            function: function.into(),
            args: args.into_iter().collect(),
            source: None,
        }
    }

    /// Intrinsic text written by hand, parsed now; it renders as written.
    ///
    /// ```
    /// use stepfunctions::{Arg, Intrinsic};
    /// let f = Intrinsic::raw("States.MathAdd($.a,1)");
    /// assert_eq!(f.function(), "States.MathAdd");
    /// assert_eq!(f.args(), [Arg::Path("$.a".into()), Arg::Number(1.into())]);
    /// assert_eq!(f.render(), "States.MathAdd($.a,1)");
    /// assert!(Intrinsic::raw("States.MathAdd(").error().is_some());
    /// ```
    pub fn raw(text: impl Into<String>) -> Self {
        let text = text.into();
        match parse(&text) {
            Ok(call) => Intrinsic {
                function: call.function,
                args: call.args,
                source: Some(Box::new(Source { text, error: None })),
            },
            Err(reason) => Intrinsic {
                function: String::new(),
                args: Vec::new(),
                source: Some(Box::new(Source {
                    text,
                    error: Some(reason),
                })),
            },
        }
    }

    /// The function's name, `States.Format` say (empty for text that is not a call).
    ///
    /// ```
    /// assert_eq!(stepfunctions::Intrinsic::raw("States.UUID()").function(), "States.UUID");
    /// ```
    pub fn function(&self) -> &str {
        &self.function
    }

    /// The arguments.
    ///
    /// ```
    /// assert!(stepfunctions::Intrinsic::raw("States.UUID()").args().is_empty());
    /// ```
    pub fn args(&self) -> &[Arg] {
        &self.args
    }

    /// Why text written by hand is not a call, if it is not.
    ///
    /// ```
    /// assert!(stepfunctions::Intrinsic::raw("not a call").error().is_some());
    /// ```
    pub fn error(&self) -> Option<&str> {
        self.source.as_ref().and_then(|s| s.error.as_deref())
    }

    /// The function call as ASL text.
    ///
    /// ```
    /// use stepfunctions::{Arg, Intrinsic};
    /// let f = Intrinsic::call("States.Array", [Arg::Path("$.a".into()), Arg::Str("it's".into())]);
    /// assert_eq!(f.render(), r"States.Array($.a, 'it\'s')");
    /// ```
    pub fn render(&self) -> String {
        if let Some(source) = &self.source {
            return source.text.clone();
        }
        let mut out = String::with_capacity(32);
        self.render_into(&mut out);
        out
    }

    fn render_into(&self, out: &mut String) {
        out.push_str(&self.function);
        out.push('(');
        for (i, arg) in self.args.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            match arg {
                Arg::Path(p) => out.push_str(p),
                Arg::Str(s) => {
                    let keep_braces = i == 0 && self.function == "States.Format";
                    out.push('\'');
                    for c in s.chars() {
                        match c {
                            '\'' | '\\' => {
                                out.push('\\');
                                out.push(c);
                            }
                            '{' | '}' if !keep_braces => {
                                out.push('\\');
                                out.push(c);
                            }
                            _ => out.push(c),
                        }
                    }
                    out.push('\'');
                }
                Arg::Number(n) => out.push_str(&n.to_string()),
                Arg::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
                Arg::Null => out.push_str("null"),
                Arg::Intrinsic(inner) => out.push_str(&inner.render()),
                Arg::Invalid(text) => out.push_str(text),
            }
        }
        out.push(')');
    }

    /// Checks the call (the function, its arity, its arguments); the field's name is spelled
    /// out only for an error.
    pub(crate) fn validate_in(&self, state: &str, field: &dyn std::fmt::Display) -> Result<(), Error> {
        let err = |reason: String| Error::InvalidPath {
            state: state.to_owned(),
            field: field.to_string(),
            path: self.render(),
            expected: "intrinsic function",
            reason,
        };
        if let Some(reason) = self.error() {
            return Err(err(reason.to_owned()));
        }
        self.check(&|reason| err(reason))
    }

    fn check(&self, err: &dyn Fn(String) -> Error) -> Result<(), Error> {
        let Some(&(_, min, max)) = FUNCTIONS.iter().find(|(name, _, _)| *name == self.function) else {
            return Err(err(format!("`{}` is not an intrinsic function", self.function)));
        };
        let n = self.args.len();
        if n < min || n > max {
            return Err(err(format!(
                "`{}` takes {} argument(s), got {n}",
                self.function,
                arity(min, max)
            )));
        }
        for arg in &self.args {
            match arg {
                Arg::Path(p) => {
                    p.check(PathKind::Path)
                        .map_err(|r| err(format!("argument `{p}`: {r}")))?;
                }
                Arg::Intrinsic(inner) => inner.check(err)?,
                Arg::Invalid(text) => {
                    return Err(err(format!("argument {text} is an object or a list; pass it by path")));
                }
                _ => {}
            }
        }
        if self.function == "States.JsonMerge" && self.args.get(2) != Some(&Arg::Bool(false)) {
            return Err(err(
                "the third argument of States.JsonMerge must be false (deep merge is not supported)".into(),
            ));
        }
        Ok(())
    }
}

fn arity(min: usize, max: usize) -> String {
    match (min, max) {
        (a, b) if a == b => a.to_string(),
        (a, usize::MAX) => format!("at least {a}"),
        (a, b) => format!("{a} to {b}"),
    }
}

/// Parses intrinsic function text: `States.Name(arg, ...)`.
fn parse(text: &str) -> Result<Intrinsic, String> {
    let mut p = Parser {
        s: text.as_bytes(),
        i: 0,
        text,
    };
    let call = p.call()?;
    p.ws();
    if p.i != p.s.len() {
        return Err(format!("unexpected text after the call: `{}`", &text[p.i..]));
    }
    Ok(call)
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
    text: &'a str,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i] == b' ' {
            self.i += 1;
        }
    }

    fn call(&mut self) -> Result<Intrinsic, String> {
        self.ws();
        let start = self.i;
        while self.i < self.s.len() && (self.s[self.i].is_ascii_alphanumeric() || self.s[self.i] == b'.') {
            self.i += 1;
        }
        let name = &self.text[start..self.i];
        if name.is_empty() {
            return Err("expected a `States.` function name".into());
        }
        if self.s.get(self.i) != Some(&b'(') {
            return Err(format!("expected `(` after `{name}`"));
        }
        self.i += 1;
        let mut args = Vec::new();
        self.ws();
        if self.s.get(self.i) == Some(&b')') {
            self.i += 1;
            return Ok(Intrinsic::call(name, args));
        }
        loop {
            args.push(self.arg()?);
            self.ws();
            match self.s.get(self.i) {
                Some(b',') => self.i += 1,
                Some(b')') => {
                    self.i += 1;
                    return Ok(Intrinsic::call(name, args));
                }
                _ => return Err(format!("expected `,` or `)` in the arguments of `{name}`")),
            }
        }
    }

    fn arg(&mut self) -> Result<Arg, String> {
        self.ws();
        match self.s.get(self.i) {
            None => Err("unexpected end of the text".into()),
            Some(b'\'') => {
                self.i += 1;
                let mut out = String::new();
                loop {
                    let Some(&c) = self.s.get(self.i) else {
                        return Err("unclosed string literal".into());
                    };
                    self.i += 1;
                    match c {
                        b'\\' => {
                            let rest = &self.text[self.i..];
                            let ch = rest.chars().next().ok_or("unfinished escape")?;
                            out.push(ch);
                            self.i += ch.len_utf8();
                        }
                        b'\'' => return Ok(Arg::Str(out)),
                        _ => {
                            let rest = &self.text[self.i - 1..];
                            let ch = rest.chars().next().ok_or("bad character")?;
                            out.push(ch);
                            self.i += ch.len_utf8() - 1;
                        }
                    }
                }
            }
            Some(b'$') => {
                let start = self.i;
                let mut depth = 0i32;
                let mut quote = false;
                while let Some(&c) = self.s.get(self.i) {
                    if quote {
                        if c == b'\'' {
                            quote = false;
                        }
                    } else {
                        match c {
                            b'\'' => quote = true,
                            b'[' | b'(' => depth += 1,
                            b']' => depth -= 1,
                            b')' if depth > 0 => depth -= 1,
                            b',' | b')' if depth == 0 => break,
                            _ => {}
                        }
                    }
                    self.i += 1;
                }
                Ok(Arg::Path(Path::new(self.text[start..self.i].trim_end())))
            }
            Some(c) if c.is_ascii_digit() || *c == b'-' => {
                let start = self.i;
                self.i += 1;
                while self.i < self.s.len() && matches!(self.s[self.i], b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-')
                {
                    self.i += 1;
                }
                let t = &self.text[start..self.i];
                t.parse::<serde_json::Number>()
                    .map(Arg::Number)
                    .map_err(|_| format!("bad number `{t}`"))
            }
            Some(_) => {
                for (word, arg) in [
                    ("true", Arg::Bool(true)),
                    ("false", Arg::Bool(false)),
                    ("null", Arg::Null),
                ] {
                    if self.text[self.i..].starts_with(word) {
                        self.i += word.len();
                        return Ok(arg);
                    }
                }
                Ok(Arg::Intrinsic(Box::new(self.call()?)))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_raw(text: &str) -> Result<(), Error> {
        Intrinsic::raw(text).validate_in("S", &"Parameters.x")
    }

    #[test]
    fn parses_and_accepts_valid_calls() {
        for t in [
            "States.UUID()",
            "States.MathAdd($.a, -1)",
            "States.Format('a {} b', $.x)",
            "States.Array($.a, 'it\\'s', 3, true, null)",
            "States.JsonMerge($.a, $.b, false)",
            "States.ArrayLength(States.Array(1, 2))",
            "States.Format('{}', $.a[0].b)",
        ] {
            assert_eq!(check_raw(t), Ok(()), "{t}");
        }
    }

    #[test]
    fn rejects_unknown_functions_bad_arity_and_syntax() {
        for t in [
            "States.Nope()",
            "States.UUID(1)",
            "States.MathAdd($.a)",
            "States.Format('unclosed",
            "States.MathAdd($.a, 1",
            "States.JsonMerge($.a, $.b, true)",
            "States.Array($.a[)",
            "not a call",
        ] {
            assert!(check_raw(t).is_err(), "{t}");
        }
    }

    #[test]
    fn round_trips_parsed_calls() {
        let text = "States.Format('x\\'{}', $.a, States.MathAdd(1, 2))";
        assert_eq!(parse(text).unwrap().render(), text);
    }

    #[test]
    fn object_arguments_are_rejected() {
        let f = Intrinsic::call(
            "States.JsonToString",
            [Arg::from(Payload::from_object([("a", 1.into())]))],
        );
        assert!(f.validate_in("S", &"x").is_err());
    }

    #[test]
    fn paths_inside_lists_are_rejected() {
        let p = Payload::from_object([("l", Payload::Array(vec![Payload::Path("$.a".into())]))]);
        let err = p.validate("S", "Parameters").unwrap_err();
        assert!(
            matches!(err, Error::InvalidPath { ref field, .. } if field == "Parameters.l[0]"),
            "{err:?}"
        );
    }
}
