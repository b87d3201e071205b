//! JSONata expressions: the values of a JSONata state's fields, written `{% ... %}` in the ASL.
//!
//! An expression is checked once, when it is built, by a small scanner written for the purpose
//! (no JSONata parser crate is needed to check what the service checks at deploy time, and none
//! sits in the synthesis path): brackets balanced, strings, names and comments terminated, not
//! empty, and every `$states` member one the service defines. What is wrong is kept with the
//! value and reported at synthesis with the state and the field.

use std::fmt;

use crate::model::path::{Path, PathRoot};
use crate::model::{Arg, Intrinsic};

/// The members of the reserved `$states` variable.
pub(crate) const STATES_INPUT: u8 = 1;
pub(crate) const STATES_RESULT: u8 = 2;
pub(crate) const STATES_ERROR_OUTPUT: u8 = 4;
pub(crate) const STATES_CONTEXT: u8 = 8;
/// Not a member: set when the expression reads a `$name` that may be a workflow variable.
const READS_VARIABLES: u8 = 0x80;
/// Not a member: in a field's allowed set, that a JSONPath path rooted at `$` may stand in it
/// for `$states.input` (where `$` is the state's input in JSONPath too).
pub(crate) const INPUT_PATHS: u8 = 0x40;
/// Not a member: set when the text holds `${`, which CloudFormation would read as a placeholder.
const HAS_PLACEHOLDER: u8 = 0x20;

const MEMBERS: [(&str, u8); 4] = [
    ("input", STATES_INPUT),
    ("result", STATES_RESULT),
    ("errorOutput", STATES_ERROR_OUTPUT),
    ("context", STATES_CONTEXT),
];

/// A JSONata expression, evaluated when the state runs: rendered as `"{% <expression> %}"`.
///
/// Build one from its text, or from the `$states` members and workflow variables it reads, so
/// that the reserved names need not be typed:
///
/// ```
/// use stepfunctions::model::Jsonata;
/// let id = Jsonata::states_input().field("order").field("id");
/// assert_eq!(id.as_str(), "$states.input.order.id");
/// assert_eq!(id.to_string(), "{% $states.input.order.id %}");
///
/// let total = Jsonata::new("$sum($states.input.items.price)");
/// assert!(total.error().is_none());
///
/// let broken = Jsonata::new("$sum($states.input.items.price");
/// assert_eq!(broken.error().unwrap(), "`(` at offset 4 is not closed");
/// assert!(Jsonata::new("$states.inptu").error().unwrap().contains("`$states.inptu`"));
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Jsonata {
    text: String,
    /// The `$states` members read (`STATES_*` bits), or what is wrong.
    scan: Result<u8, Box<str>>,
}

impl Jsonata {
    /// An expression from its text, without or with the `{%` `%}` delimiters.
    ///
    /// ```
    /// use stepfunctions::model::Jsonata;
    /// assert_eq!(Jsonata::new("{% $states.input %}"), Jsonata::new("$states.input"));
    /// ```
    pub fn new(text: impl Into<String>) -> Self {
        let mut text = text.into();
        if let Some(inner) = strip_delimiters(&text) {
            text = inner.trim().to_owned();
        }
        let placeholder = if text.contains("${") { HAS_PLACEHOLDER } else { 0 };
        let scan = scan(&text)
            .map(|s| s.states | placeholder | if s.reads.is_empty() { 0 } else { READS_VARIABLES })
            .map_err(String::into_boxed_str);
        Jsonata { text, scan }
    }

    /// `$states.input`: the state's input.
    ///
    /// ```
    /// assert_eq!(stepfunctions::model::Jsonata::states_input().as_str(), "$states.input");
    /// ```
    pub fn states_input() -> Self {
        Jsonata::trusted("$states.input".into(), STATES_INPUT)
    }

    /// `$states.result`: a Task's, Parallel's or Map's result (in `Output` and `Assign`).
    ///
    /// ```
    /// assert_eq!(stepfunctions::model::Jsonata::states_result().as_str(), "$states.result");
    /// ```
    pub fn states_result() -> Self {
        Jsonata::trusted("$states.result".into(), STATES_RESULT)
    }

    /// `$states.errorOutput`: the error a Catch caught (in the catcher's `Output` and `Assign`).
    ///
    /// ```
    /// assert_eq!(stepfunctions::model::Jsonata::states_error_output().as_str(), "$states.errorOutput");
    /// ```
    pub fn states_error_output() -> Self {
        Jsonata::trusted("$states.errorOutput".into(), STATES_ERROR_OUTPUT)
    }

    /// `$states.context`: the context object (execution, state, task token, Map item).
    ///
    /// ```
    /// use stepfunctions::model::Jsonata;
    /// assert_eq!(Jsonata::states_context().field("Task").field("Token").as_str(), "$states.context.Task.Token");
    /// ```
    pub fn states_context() -> Self {
        Jsonata::trusted("$states.context".into(), STATES_CONTEXT)
    }

    /// `$name`: a workflow variable.
    ///
    /// ```
    /// assert_eq!(stepfunctions::model::Jsonata::variable("customer").as_str(), "$customer");
    /// ```
    pub fn variable(name: &str) -> Self {
        Jsonata::trusted(format!("${name}"), READS_VARIABLES)
    }

    /// A literal string, as a JSONata string: `"text"` (what a literal that looks like an
    /// expression is rendered as, so that it stays a literal).
    ///
    /// ```
    /// assert_eq!(stepfunctions::model::Jsonata::string("{% x %}").as_str(), r#""{% x %}""#);
    /// ```
    pub fn string(text: &str) -> Self {
        let quoted = serde_json::to_string(text).unwrap_or_default();
        Jsonata::trusted(quoted, 0)
    }

    fn trusted(text: String, states: u8) -> Self {
        let placeholder = if text.contains("${") { HAS_PLACEHOLDER } else { 0 };
        Jsonata {
            text,
            scan: Ok(states | placeholder),
        }
    }

    /// This expression's value's field `name` (quoted with backticks where JSONata needs it).
    ///
    /// ```
    /// use stepfunctions::model::Jsonata;
    /// assert_eq!(Jsonata::states_input().field("a b").as_str(), "$states.input.`a b`");
    /// ```
    #[must_use]
    pub fn field(mut self, name: &str) -> Self {
        self.parenthesize();
        self.text.push('.');
        push_name(&mut self.text, name);
        self
    }

    /// Wraps an expression that is not a plain path (`$a & $b`) in parentheses, so that a step
    /// added after it applies to all of it.
    fn parenthesize(&mut self) {
        let plain = self
            .text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'$' | b'_' | b'.' | b'[' | b']'));
        if !plain {
            self.text.insert(0, '(');
            self.text.push(')');
        }
    }

    /// This expression's value's item `index` (an array index).
    ///
    /// ```
    /// use stepfunctions::model::Jsonata;
    /// assert_eq!(Jsonata::states_result().index(0).as_str(), "$states.result[0]");
    /// ```
    #[must_use]
    pub fn index(mut self, index: i64) -> Self {
        use std::fmt::Write;
        self.parenthesize();
        let _ = write!(self.text, "[{index}]");
        self
    }

    /// The expression's text, without the delimiters.
    ///
    /// ```
    /// assert_eq!(stepfunctions::model::Jsonata::new("1 + 2").as_str(), "1 + 2");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// What is wrong with the expression, if anything.
    ///
    /// ```
    /// use stepfunctions::model::Jsonata;
    /// assert!(Jsonata::new("'open").error().unwrap().contains("not terminated"));
    /// ```
    pub fn error(&self) -> Option<&str> {
        self.scan.as_ref().err().map(|e| &**e)
    }

    /// The `$states` members the expression reads (`STATES_*` bits; 0 when malformed).
    pub(crate) fn states_members(&self) -> u8 {
        *self.scan.as_ref().unwrap_or(&0) & !(READS_VARIABLES | HAS_PLACEHOLDER)
    }

    /// Whether the text holds `${` (known from the scan made when it was built).
    pub(crate) fn has_placeholder(&self) -> bool {
        match &self.scan {
            Ok(bits) => bits & HAS_PLACEHOLDER != 0,
            Err(_) => self.text.contains("${"),
        }
    }

    /// Whether the expression may read a workflow variable (known from the scan made when it
    /// was built: [`variables`](Self::variables) is only worth calling then).
    pub(crate) fn may_read_variables(&self) -> bool {
        *self.scan.as_ref().unwrap_or(&0) & READS_VARIABLES != 0
    }

    /// The workflow variables the expression reads: `$name` not called as a function, not
    /// bound inside the expression (`$name := ...`, a function's parameter), not `$states`.
    ///
    /// ```
    /// use stepfunctions::model::Jsonata;
    /// let e = Jsonata::new("($x := $total * 2; $sum($items) + $x + $states.input.n)");
    /// assert_eq!(e.variables(), ["total", "items"]);
    /// ```
    pub fn variables(&self) -> Vec<&str> {
        match scan(&self.text) {
            Ok(scanned) => scanned
                .reads
                .into_iter()
                .filter(|name| !scanned.bound.contains(name))
                .collect(),
            Err(_) => Vec::new(),
        }
    }

    /// Whether the expression reads the task token (`$states.context.Task.Token`).
    pub(crate) fn reads_task_token(&self) -> bool {
        self.text.contains("$states.context.Task.Token")
    }

    /// The JSONata equivalent of a JSONPath that names one node (`$.a.b[0]`, `$$.Task.Token`,
    /// `$var.field`), or `None` for a path with no plain equivalent (wildcards, filters,
    /// slices, deep scans).
    ///
    /// ```
    /// use stepfunctions::model::Jsonata;
    /// let e = Jsonata::from_path(&"$.order['item id'][0]".into()).unwrap();
    /// assert_eq!(e.as_str(), "$states.input.order.`item id`[0]");
    /// assert_eq!(Jsonata::from_path(&"$$.Execution.Id".into()).unwrap().as_str(), "$states.context.Execution.Id");
    /// assert_eq!(Jsonata::from_path(&"$".into()).unwrap().as_str(), "$states.input");
    /// assert!(Jsonata::from_path(&"$.items[*].id".into()).is_none());
    /// ```
    pub fn from_path(path: &Path) -> Option<Jsonata> {
        if !path.is_reference() {
            return None;
        }
        let (mut out, rest, states) = match path.root()? {
            PathRoot::Input => (String::from("$states.input"), &path[1..], STATES_INPUT),
            PathRoot::Context => (String::from("$states.context"), &path[2..], STATES_CONTEXT),
            PathRoot::Variable(name) => (format!("${name}"), &path[1 + name.len()..], READS_VARIABLES),
        };
        let bytes = rest.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'.' => {
                    let end = rest[i + 1..].find(['.', '[']).map_or(rest.len(), |e| i + 1 + e);
                    let name = &rest[i + 1..end];
                    if name.contains('`') {
                        return None;
                    }
                    out.push('.');
                    push_name(&mut out, name);
                    i = end;
                }
                b'[' if matches!(bytes.get(i + 1), Some(b'\'' | b'"')) => {
                    // A quoted name: up to its closing quote, which `]` must follow. A name
                    // holding a backslash (an escape) or a backtick has no plain JSONata form.
                    let quote = bytes[i + 1] as char;
                    let end = rest[i + 2..].find(quote)? + i + 2;
                    if bytes.get(end + 1) != Some(&b']') {
                        return None;
                    }
                    let name = &rest[i + 2..end];
                    if name.contains(['\\', '`']) {
                        return None;
                    }
                    out.push('.');
                    push_name(&mut out, name);
                    i = end + 2;
                }
                b'[' => {
                    let close = rest[i..].find(']')? + i;
                    let inner = rest[i + 1..close].trim();
                    if !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_digit()) {
                        out.push('[');
                        out.push_str(inner);
                        out.push(']');
                    } else {
                        return None;
                    }
                    i = close + 1;
                }
                _ => return None,
            }
        }
        Some(Jsonata::trusted(out, states))
    }
}

impl Jsonata {
    /// The JSONata equivalent of a JSONPath intrinsic function, for the functions that have one
    /// (`States.Format` as `&` concatenation, `States.UUID` as `$uuid()`, `States.ArrayLength`
    /// as `$count`, ...), with its arguments translated; `None` for the others (among them
    /// `States.StringSplit`, `States.Array` and `States.JsonToString`, whose nearest JSONata
    /// functions give other results for some inputs) and for arguments with no equivalent.
    ///
    /// ```
    /// use stepfunctions::{model::Jsonata, JsonPath};
    /// let f = JsonPath::format("{}/{}", [JsonPath::execution_name().into(), JsonPath::state_name().into()]);
    /// let stepfunctions::Payload::Intrinsic(f) = f else { unreachable!() };
    /// assert_eq!(
    ///     Jsonata::from_intrinsic(&f).unwrap().as_str(),
    ///     "$states.context.Execution.Name & '/' & $states.context.State.Name"
    /// );
    /// ```
    pub fn from_intrinsic(call: &Intrinsic) -> Option<Jsonata> {
        intrinsic_text(call).map(Jsonata::new)
    }
}

/// The JSONata text of an intrinsic function call.
fn intrinsic_text(call: &Intrinsic) -> Option<String> {
    let args: Vec<String> = call.args().iter().map(arg_text).collect::<Option<_>>()?;
    let a = |i: usize| args.get(i).cloned();
    Some(match (call.function(), args.len()) {
        ("States.Format", n) if n >= 1 => {
            let Some(Arg::Str(template)) = call.args().first() else {
                return None;
            };
            if template.contains('\\') {
                return None;
            }
            let pieces: Vec<&str> = template.split("{}").collect();
            if pieces.len() != n {
                return None;
            }
            let mut parts = Vec::new();
            for (i, piece) in pieces.iter().enumerate() {
                if !piece.is_empty() {
                    parts.push(quote(piece));
                }
                if let Some(arg) = args.get(i + 1) {
                    parts.push(arg.clone());
                }
            }
            if parts.is_empty() {
                quote("")
            } else {
                parts.join(" & ")
            }
        }
        ("States.UUID", 0) => "$uuid()".into(),
        ("States.StringToJson", 1) => format!("$parse({})", a(0)?),
        ("States.ArrayLength", 1) => format!("$count({})", a(0)?),
        ("States.ArrayUnique", 1) => format!("$distinct({})", a(0)?),
        ("States.Base64Encode", 1) => format!("$base64encode({})", a(0)?),
        ("States.Base64Decode", 1) => format!("$base64decode({})", a(0)?),
        ("States.Hash", 2) => format!("$hash({}, {})", a(0)?, a(1)?),
        ("States.ArrayPartition", 2) => format!("$partition({}, {})", a(0)?, a(1)?),
        ("States.ArrayRange", 3) => format!("$range({}, {}, {})", a(0)?, a(1)?, a(2)?),
        ("States.ArrayContains", 2) => format!("({} in {})", a(1)?, a(0)?),
        ("States.ArrayGetItem", 2) => format!("{}[{}]", a(0)?, a(1)?),
        ("States.MathAdd", 2) => format!("({} + {})", a(0)?, a(1)?),
        ("States.JsonMerge", 3) => format!("$merge([{}, {}])", a(0)?, a(1)?),
        _ => return None,
    })
}

fn arg_text(arg: &Arg) -> Option<String> {
    Some(match arg {
        Arg::Path(p) => Jsonata::from_path(p)?.text,
        Arg::Str(s) => quote(s),
        Arg::Number(n) => n.to_string(),
        Arg::Bool(b) => b.to_string(),
        Arg::Null => "null".into(),
        Arg::Intrinsic(inner) => format!("({})", intrinsic_text(inner)?),
        Arg::Invalid(_) => return None,
    })
}

/// A JSONata string literal.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    for c in text.chars() {
        match c {
            '\'' => out.push_str("\\'"),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// The text between `{%` and `%}`, when the whole string is delimited so.
pub(crate) fn strip_delimiters(text: &str) -> Option<&str> {
    let t = text.trim();
    t.strip_prefix("{%")?.strip_suffix("%}")
}

/// Appends a field name, in backticks unless it is a plain JSONata name.
fn push_name(out: &mut String, name: &str) {
    let plain = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !matches!(name, "and" | "or" | "in" | "true" | "false" | "null" | "function");
    if plain {
        out.push_str(name);
    } else {
        out.push('`');
        out.push_str(name);
        out.push('`');
    }
}

impl fmt::Debug for Jsonata {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{{% {} %}}", self.text)
    }
}

impl fmt::Display for Jsonata {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{{% {} %}}", self.text)
    }
}

impl From<&str> for Jsonata {
    fn from(text: &str) -> Self {
        Jsonata::new(text)
    }
}

impl From<String> for Jsonata {
    fn from(text: String) -> Self {
        Jsonata::new(text)
    }
}

/// What a scan of an expression found.
struct Scanned<'a> {
    states: u8,
    /// `$name` read (not called), in order of first appearance.
    reads: Vec<&'a str>,
    /// `$name` bound by `:=` or as a function parameter.
    bound: Vec<&'a str>,
}

/// Scans an expression: brackets, strings, names, comments, regular expressions, and the
/// `$` names it holds. Also what the ASL specification forbids of a Step Functions
/// expression: `$$`, and, at the top level (outside a predicate, a path step or a function
/// body, where the context is the state's data), `$` and unqualified field names: the state's
/// data is `$states.input`.
fn scan(text: &str) -> Result<Scanned<'_>, String> {
    let bytes = text.as_bytes();
    let mut out = Scanned {
        states: 0,
        reads: Vec::new(),
        bound: Vec::new(),
    };
    if text.trim().is_empty() {
        return Err("the expression is empty".into());
    }
    // Open brackets: the byte, where, and whether inside it the context is a value of the
    // expression (a predicate `a[...]`, a step `a.(...)`, a group `a{...}`, a function body)
    // rather than the top level.
    let mut open: Vec<(u8, usize, bool)> = Vec::new();
    // Whether a `/` here starts a regular expression (an operand is expected) or divides.
    let mut operand_expected = true;
    // Whether the last token was `.` (a path step follows).
    let mut after_dot = false;
    // Inside `function(` ... `)`: the parameters being declared.
    let mut in_params = false;
    // Whether the `(` that follows is the call of a function that is a path step.
    let mut step_call = false;
    // A transform (`| location | update |`) or a function signature (`<n:n>`) holds names that
    // are not the state's fields: the unqualified-field check stands aside for them.
    let check_fields = !text.contains('|');
    let relative = |open: &[(u8, usize, bool)]| open.last().is_some_and(|o| o.2);
    let unqualified = |at: usize, what: &str| {
        format!(
            "{what} at offset {at} reads a field of nothing: at the top level of a Step Functions expression the \
             state's data is $states.input (write $states.input.{})",
            what.trim_matches('`')
        )
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let dot_before = std::mem::replace(&mut after_dot, false);
        let call_in_step = std::mem::replace(&mut step_call, false);
        let prev_sig = || {
            let mut j = i;
            while j > 0 && bytes[j - 1].is_ascii_whitespace() {
                j -= 1;
            }
            j.checked_sub(1).map(|k| bytes[k])
        };
        match b {
            b' ' | b'\t' | b'\n' | b'\r' => {
                after_dot = dot_before;
                i += 1;
                continue;
            }
            b'"' | b'\'' | b'`' => {
                let end = string_end(bytes, i).ok_or_else(|| {
                    let what = if b == b'`' { "name" } else { "string" };
                    format!("the {what} opened with {} at offset {i} is not terminated", b as char)
                })?;
                if b == b'`' && check_fields && !dot_before && !relative(&open) {
                    return Err(unqualified(i, &text[i..end]));
                }
                i = end;
                operand_expected = false;
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let end = text[i + 2..]
                    .find("*/")
                    .ok_or_else(|| format!("the comment opened at offset {i} is not closed"))?;
                after_dot = dot_before;
                i += 2 + end + 2;
                continue;
            }
            b'/' if operand_expected => {
                i = regex_end(bytes, i)
                    .ok_or_else(|| format!("the regular expression opened at offset {i} is not terminated"))?;
                operand_expected = false;
                continue;
            }
            b'(' | b'[' | b'{' => {
                // After an operand, `[` filters and `{` groups the value before it; after `.`, a
                // bracket maps over it; `{` after `function(...)` is the body.
                let inner = relative(&open)
                    || dot_before
                    || (b == b'(' && (call_in_step || prev_sig() == Some(b'^')))
                    || (b != b'(' && !operand_expected);
                open.push((b, i, inner));
                operand_expected = true;
            }
            b')' | b']' | b'}' => {
                let want = match b {
                    b')' => b'(',
                    b']' => b'[',
                    _ => b'{',
                };
                match open.pop() {
                    Some((o, _, _)) if o == want => {}
                    Some((o, at, _)) => {
                        return Err(format!(
                            "`{}` at offset {i} closes `{}` opened at offset {at}",
                            b as char, o as char
                        ))
                    }
                    None => return Err(format!("`{}` at offset {i} closes nothing", b as char)),
                }
                if b == b')' && in_params {
                    in_params = false;
                    // A signature: `function($a)<n:n>{...}`.
                    let after = text[i + 1..].trim_start();
                    if after.starts_with('<') {
                        if let Some(close) = after.find('>') {
                            let skip = text.len() - after.len() + close + 1;
                            i = skip;
                            operand_expected = false;
                            continue;
                        }
                    }
                }
                operand_expected = false;
            }
            b'$' if bytes.get(i + 1) == Some(&b'$') => {
                return Err(format!(
                    "`$$` at offset {i}: Step Functions expressions read the context object as $states.context"
                ));
            }
            b'$' => {
                let start = i + 1;
                let mut end = start;
                while end < bytes.len()
                    && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'_' || bytes[end] >= 0x80)
                {
                    end += 1;
                }
                // `#$i` and `@$v` bind a position and a context variable.
                let binding = matches!(prev_sig(), Some(b'#' | b'@'));
                // A function called as a path step (`.$sum(...)`): its arguments read the step's
                // item.
                step_call = dot_before;
                let name = &text[start..end];
                if name.is_empty() && !relative(&open) && !in_params {
                    return Err(format!(
                        "`$` at offset {i} is the context value, which Step Functions expressions do not read at the \
                         top level: write $states.input"
                    ));
                }
                if name == "states" {
                    if bytes.get(end) == Some(&b'.') {
                        let m_start = end + 1;
                        let mut m_end = m_start;
                        while m_end < bytes.len() && (bytes[m_end].is_ascii_alphanumeric() || bytes[m_end] == b'_') {
                            m_end += 1;
                        }
                        let member = &text[m_start..m_end];
                        match MEMBERS.iter().find(|(n, _)| *n == member) {
                            Some((_, bit)) => out.states |= bit,
                            None => {
                                return Err(format!(
                                "`$states.{member}` is not a member of $states (input, result, errorOutput, context)"
                            ))
                            }
                        }
                        end = m_end;
                    }
                } else if !name.is_empty() {
                    let rest = text[end..].trim_start();
                    if in_params || binding || rest.starts_with(":=") {
                        out.bound.push(name);
                    } else if !rest.starts_with('(') && !is_function(name) && !out.reads.contains(&name) {
                        out.reads.push(name);
                    }
                }
                i = end.max(i + 1);
                operand_expected = false;
                continue;
            }
            b'.' => {
                after_dot = true;
                operand_expected = true;
            }
            c if c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80 => {
                let start = i;
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] >= 0x80) {
                    i += 1;
                }
                let word = &text[start..i];
                let keyword = matches!(word, "and" | "or" | "in" | "true" | "false" | "null" | "function" | "λ");
                if (word == "function" || word == "λ") && text[i..].trim_start().starts_with('(') {
                    in_params = true;
                }
                let number = c.is_ascii_digit();
                if check_fields && !keyword && !number && !dot_before && !relative(&open) {
                    return Err(unqualified(start, &format!("`{word}`")));
                }
                // After a keyword operator an operand comes; after a name or number, an operator.
                operand_expected = matches!(word, "and" | "or" | "in");
                continue;
            }
            _ => operand_expected = true,
        }
        i += 1;
    }
    if let Some((o, at, _)) = open.pop() {
        return Err(format!("`{}` at offset {at} is not closed", o as char));
    }
    Ok(out)
}

/// Whether `$name` is a function of JSONata's library or one Step Functions adds: passed as a
/// value (`$map(xs, $string)`, `~> $uppercase`), it is no variable.
fn is_function(name: &str) -> bool {
    const FUNCTIONS: &[&str] = &[
        "abs",
        "append",
        "assert",
        "average",
        "base64decode",
        "base64encode",
        "boolean",
        "ceil",
        "contains",
        "count",
        "decodeUrl",
        "decodeUrlComponent",
        "distinct",
        "each",
        "encodeUrl",
        "encodeUrlComponent",
        "error",
        "eval",
        "exists",
        "filter",
        "floor",
        "formatBase",
        "formatInteger",
        "formatNumber",
        "fromMillis",
        "hash",
        "join",
        "keys",
        "length",
        "lookup",
        "lowercase",
        "map",
        "match",
        "max",
        "merge",
        "millis",
        "min",
        "not",
        "now",
        "number",
        "pad",
        "parse",
        "parseInteger",
        "partition",
        "power",
        "random",
        "range",
        "reduce",
        "replace",
        "reverse",
        "round",
        "shuffle",
        "sift",
        "single",
        "sort",
        "split",
        "spread",
        "sqrt",
        "string",
        "substring",
        "substringAfter",
        "substringBefore",
        "sum",
        "toMillis",
        "trim",
        "type",
        "uppercase",
        "uuid",
        "zip",
    ];
    FUNCTIONS.contains(&name)
}

/// The offset after the string, name or regular expression that starts at `start`.
fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let quote = bytes[start];
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote != b'`' => i += 2,
            q if q == quote => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// The offset after a `/regex/flags` literal starting at `start`.
fn regex_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    let mut class = false;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'[' => {
                class = true;
                i += 1;
            }
            b']' => {
                class = false;
                i += 1;
            }
            b'/' if class => i += 1,
            b'/' => {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                    i += 1;
                }
                return Some(i);
            }
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        Jsonata::new(text).error().map(str::to_owned).unwrap_or_default()
    }

    #[test]
    fn well_formed_expressions_pass() {
        for ok in [
            "$states.input.order.id",
            "$sum($states.input.order.items.price)",
            "$merge([$states.input, {\"size\": \"big\"}])",
            "'E_' & $states.input.code",
            "$states.input.total > 100",
            "{\"value\": $states.context.Map.Item.Value}",
            "$states.input.a / 2",
            "$match($states.input.s, /[(]+/i)",
            "/* a ( comment */ 1",
            "function($a, $b) { $a + $b }(1, 2)",
            "$states.result[0]",
            "$states.input.`odd ( name`",
            "$states.input.items[price > 10].name",
            "$states.input.items.(price * 2)",
            "$states.input.items.{'S': name}",
            "$states.input.items{type: $sum(price)}",
            "$map($states.input.xs, function($v) { $v.a })",
            "$states.input.xs[$.ok]",
            "1.5 + 2e3",
            "true and $not($states.input.x) or null",
            "$map($states.input.xs, $string)",
            "$states.input.s ~> $uppercase",
            "$states.input.items#$i.{'i': $i}",
            "$states.input.items@$o.{'o': $o}",
            "$café + 1",
            "λ($x){$x}($states.input.n)",
            "$states.input.Order.$sum(Product.(Price * Quantity))",
            "$states.input.items^(>price)",
            "$match($states.input.p, /[/]+/)",
            "$states.input ~> |order|{'done': true}|",
            "function($a)<n:n>{$a}(1)",
            "'it\\'s'",
        ] {
            assert_eq!(Jsonata::new(ok).error(), None, "{ok}");
        }
    }

    #[test]
    fn malformed_expressions_are_described() {
        assert_eq!(err(""), "the expression is empty");
        assert_eq!(err("  "), "the expression is empty");
        assert_eq!(err("$sum($a"), "`(` at offset 4 is not closed");
        assert_eq!(err("$a)"), "`)` at offset 2 closes nothing");
        assert_eq!(err("[1, (2]"), "`]` at offset 6 closes `(` opened at offset 4");
        assert_eq!(err("'abc"), "the string opened with ' at offset 0 is not terminated");
        assert_eq!(err("\"abc"), "the string opened with \" at offset 0 is not terminated");
        assert_eq!(err("`abc"), "the name opened with ` at offset 0 is not terminated");
        assert_eq!(err("/* open"), "the comment opened at offset 0 is not closed");
        assert_eq!(
            err("$match($s, /ab"),
            "the regular expression opened at offset 11 is not terminated"
        );
        assert!(err("states.input.x").starts_with("`states` at offset 0 reads a field of nothing"));
        assert!(err("$states.input.a + b").starts_with("`b` at offset 18 reads a field of nothing"));
        assert!(err("`a b`").starts_with("`a b` at offset 0 reads a field of nothing"));
        assert!(err("$.a").starts_with("`$` at offset 0 is the context value"));
        assert!(err("$$.Execution.Id").starts_with("`$$` at offset 0"));
        assert_eq!(
            err("$states.output"),
            "`$states.output` is not a member of $states (input, result, errorOutput, context)"
        );
    }

    #[test]
    fn delimiters_are_optional_and_stripped() {
        assert_eq!(Jsonata::new("{%  1 + 2  %}").as_str(), "1 + 2");
        assert_eq!(strip_delimiters("{% x %}"), Some(" x "));
        assert_eq!(strip_delimiters("x %}"), None);
    }

    #[test]
    fn members_and_variables_are_found() {
        let e = Jsonata::new("$states.input.a & $states.errorOutput.Cause & $v & $f($w) & $states.context.x");
        assert_eq!(e.states_members(), STATES_INPUT | STATES_ERROR_OUTPUT | STATES_CONTEXT);
        assert_eq!(e.variables(), ["v", "w"]);
        assert_eq!(Jsonata::new("$states.input[$ > 1]").variables(), Vec::<&str>::new());
        assert_eq!(Jsonata::new("function($x){$x * $y}").variables(), ["y"]);
        assert!(Jsonata::new("$map($states.input.xs, $string)").variables().is_empty());
        assert!(Jsonata::new("$states.input.items#$i.{'i': $i}").variables().is_empty());
        assert_eq!(Jsonata::new("$café").variables(), ["café"]);
    }

    #[test]
    fn paths_translate_when_they_name_one_node() {
        let t = |p: &str| Jsonata::from_path(&Path::new(p)).map(|j| j.as_str().to_owned());
        assert_eq!(t("$.a.b").as_deref(), Some("$states.input.a.b"));
        assert_eq!(t("$.a[2].b").as_deref(), Some("$states.input.a[2].b"));
        assert_eq!(t("$['x-y']").as_deref(), Some("$states.input.`x-y`"));
        assert_eq!(t("$.in").as_deref(), Some("$states.input.`in`"));
        assert_eq!(
            t("$$.Map.Item.Value").as_deref(),
            Some("$states.context.Map.Item.Value")
        );
        assert_eq!(t("$orderId").as_deref(), Some("$orderId"));
        assert_eq!(t("$nested.customer").as_deref(), Some("$nested.customer"));
        assert_eq!(t("$..a"), None);
        assert_eq!(t("$.a[?(@.b)]"), None);
        assert_eq!(t("$.a[1:]"), None);
        assert_eq!(t("$['a]b']").as_deref(), Some("$states.input.`a]b`"));
        assert_eq!(t("$['it\\'s']"), None);
        assert_eq!(t("$['a`b']"), None);
    }

    #[test]
    fn steps_after_an_operator_apply_to_the_whole_expression() {
        assert_eq!(Jsonata::new("$a & $b").field("c").as_str(), "($a & $b).c");
        assert_eq!(Jsonata::new("$f()").index(0).as_str(), "($f())[0]");
        assert_eq!(
            Jsonata::states_input().field("a").index(1).as_str(),
            "$states.input.a[1]"
        );
    }

    #[test]
    fn literal_strings_are_quoted() {
        assert_eq!(Jsonata::string("a\"b").as_str(), r#""a\"b""#);
        assert_eq!(Jsonata::string("a\"b").error(), None);
    }
}
