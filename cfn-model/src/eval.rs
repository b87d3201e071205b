//! Evaluation of CloudFormation intrinsic functions in plain JSON, against fixed pseudo
//! parameters, so that two templates can be compared by what they mean rather than by how
//! they spell it.
//!
//! References to resources cannot be resolved, so they become placeholders: `Ref X` is
//! `"${X}"`, `Fn::GetAtt [X, A]` is `"${X.A}"` and `Fn::ImportValue N` is `"${Import:N}"`.
//! Functions other than those listed on [`Evaluator::evaluate`] (`Fn::If`, `Fn::GetAZs`, ...)
//! are left as they are, with their arguments evaluated.
//!
//! ```
//! use cfn_model::eval::{evaluate, PseudoParameters};
//! use serde_json::json;
//!
//! let v = json!({"Fn::Join": [":", ["arn", {"Ref": "AWS::Partition"}, {"Ref": "Queue"}]]});
//! assert_eq!(evaluate(&v, &PseudoParameters::reference()), json!("arn:aws:${Queue}"));
//! ```

use indexmap::IndexMap;
use serde_json::{Map, Value};

/// Values for pseudo parameters, e.g. `AWS::Partition` -> `"aws"`.
///
/// A pseudo parameter without a value evaluates to a placeholder: `"${AWS::StackId}"`.
#[derive(Debug, Clone)]
pub struct PseudoParameters {
    values: IndexMap<String, String>,
}

impl PseudoParameters {
    /// The values used for reference templates: partition `aws`, region `us-east-1`, account
    /// `123456789012`, URL suffix `amazonaws.com` and stack name `Stack`.
    pub fn reference() -> Self {
        Self {
            values: IndexMap::new(),
        }
        .with("AWS::Partition", "aws")
        .with("AWS::Region", "us-east-1")
        .with("AWS::AccountId", "123456789012")
        .with("AWS::URLSuffix", "amazonaws.com")
        .with("AWS::StackName", "Stack")
    }

    /// These values with `name` (`"AWS::Region"`, ...) set to `value`.
    pub fn with(mut self, name: &str, value: &str) -> Self {
        self.values.insert(name.to_owned(), value.to_owned());
        self
    }

    /// The value of pseudo parameter `name`, if it has one.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }
}

/// Evaluates the intrinsic functions in `value`; see [`Evaluator::evaluate`].
///
/// ```
/// use cfn_model::eval::{evaluate, PseudoParameters};
/// use serde_json::json;
///
/// let v = json!({"Fn::Sub": "arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:${Topic.TopicName}"});
/// assert_eq!(
///     evaluate(&v, &PseudoParameters::reference()),
///     json!("arn:aws:sns:us-east-1:123456789012:${Topic.TopicName}")
/// );
/// ```
pub fn evaluate(value: &Value, pseudo: &PseudoParameters) -> Value {
    Evaluator::new(pseudo.clone()).evaluate(value)
}

/// Evaluates intrinsic functions, knowing the pseudo parameters, the types of the template's
/// resources and how to present logical ids.
///
/// ```
/// use cfn_model::eval::{Evaluator, PseudoParameters};
/// use serde_json::json;
///
/// let eval = Evaluator::new(PseudoParameters::reference())
///     .with_resource_types([("ChildA1B2C3D4", "AWS::StepFunctions::StateMachine")])
///     .with_id_mapper(|id| id.trim_end_matches("A1B2C3D4").to_owned());
/// // the state machine name is the 7th part of its ARN, which is its Ref
/// let name = json!({"Fn::Select": [6, {"Fn::Split": [":", {"Ref": "ChildA1B2C3D4"}]}]});
/// assert_eq!(eval.evaluate(&name), json!("${Child.Name}"));
/// ```
#[derive(Debug, Clone)]
pub struct Evaluator {
    pseudo: PseudoParameters,
    /// Logical id (as written in the template) -> resource type.
    resource_types: IndexMap<String, String>,
    id_mapper: fn(&str) -> String,
}

impl Evaluator {
    /// An evaluator with these pseudo parameters, no resource types and logical ids kept as
    /// they are.
    pub fn new(pseudo: PseudoParameters) -> Self {
        Self {
            pseudo,
            resource_types: IndexMap::new(),
            id_mapper: |id| id.to_owned(),
        }
    }

    /// Adds the types of the template's resources (logical id as written -> resource type),
    /// so that `Fn::Split` of a `Ref` whose value is an ARN (state machine, activity, SNS
    /// topic) splits that ARN: `"arn:aws:states:us-east-1:123456789012:stateMachine:${X.Name}"`.
    pub fn with_resource_types<K, T>(mut self, types: impl IntoIterator<Item = (K, T)>) -> Self
    where
        K: Into<String>,
        T: Into<String>,
    {
        self.resource_types
            .extend(types.into_iter().map(|(k, t)| (k.into(), t.into())));
        self
    }

    /// Sets how logical ids are written in placeholders (`"${X}"`, `"${X.Attr}"`), for
    /// example without a generated suffix. The default keeps them as they are.
    pub fn with_id_mapper(mut self, id_mapper: fn(&str) -> String) -> Self {
        self.id_mapper = id_mapper;
        self
    }

    /// Evaluates the intrinsic functions in `value`, recursively:
    ///
    /// - `Ref`: a pseudo parameter's value; `AWS::NoValue` removes the enclosing key or list
    ///   item; another `AWS::X` gives `"${AWS::X}"`, a logical id `X` gives `"${X}"`.
    /// - `Fn::GetAtt` (`[X, A]` or `"X.A"`): `"${X.A}"`.
    /// - `Fn::Join`, `Fn::Select`, `Fn::Split`: computed when their arguments evaluate to
    ///   text and lists; `Fn::Select` past the end gives `"${Select:i:[...]}"`.
    /// - `Fn::Sub` (text or `[text, variables]`): variables, pseudo parameters and
    ///   `${X}` / `${X.A}` as above; `${!x}` is the literal `${x}`.
    /// - `Fn::ImportValue N`: `"${Import:N}"`.
    ///
    /// Non-text values are joined or substituted as compact JSON with sorted keys (see
    /// [`as_text`]). A `Ref AWS::NoValue` at the top gives `null`.
    pub fn evaluate(&self, value: &Value) -> Value {
        self.eval(value).unwrap_or(Value::Null)
    }

    /// The value of `value`, or `None` for `Ref AWS::NoValue`.
    fn eval(&self, value: &Value) -> Option<Value> {
        match value {
            Value::Array(items) => Some(Value::Array(items.iter().filter_map(|v| self.eval(v)).collect())),
            Value::Object(map) => {
                if map.len() == 1 {
                    let (key, arg) = map.iter().next().expect("one entry");
                    if key == "Ref" && arg == "AWS::NoValue" {
                        return None;
                    }
                    if let Some(v) = self.intrinsic(key, arg) {
                        return Some(v);
                    }
                }
                Some(Value::Object(self.eval_entries(map)))
            }
            _ => Some(value.clone()),
        }
    }

    fn eval_entries(&self, map: &Map<String, Value>) -> Map<String, Value> {
        map.iter()
            .filter_map(|(k, v)| Some((k.clone(), self.eval(v)?)))
            .collect()
    }

    /// The value of intrinsic `key` applied to `arg`, or `None` when `key` is not an
    /// intrinsic this evaluator computes or `arg` does not evaluate to what it needs.
    fn intrinsic(&self, key: &str, arg: &Value) -> Option<Value> {
        let text = |s: String| Some(Value::String(s));
        match key {
            "Ref" => text(self.ref_text(arg.as_str()?)),
            "Fn::GetAtt" => {
                let (id, attr) = match arg {
                    Value::String(s) => {
                        let (id, attr) = s.split_once('.')?;
                        (id.to_owned(), attr.to_owned())
                    }
                    Value::Array(a) if a.len() >= 2 => (as_text(&a[0]), as_text(&self.eval(&a[1])?)),
                    _ => return None,
                };
                text(self.ref_text(&format!("{id}.{attr}")))
            }
            "Fn::Join" => {
                let [sep, items] = two(arg)?;
                let sep = sep.as_str()?;
                match self.eval(items)? {
                    Value::Array(items) => text(items.iter().map(as_text).collect::<Vec<_>>().join(sep)),
                    _ => None,
                }
            }
            "Fn::Sub" => {
                let (template, vars) = match arg {
                    Value::String(s) => (s.as_str(), Map::new()),
                    Value::Array(a) if !a.is_empty() => {
                        let vars = match a.get(1).and_then(|v| self.eval(v)) {
                            Some(Value::Object(vars)) => vars,
                            _ => Map::new(),
                        };
                        (a[0].as_str()?, vars)
                    }
                    _ => return None,
                };
                text(replace_placeholders(template, |name| {
                    Some(if let Some(literal) = name.strip_prefix('!') {
                        format!("${{{literal}}}")
                    } else if let Some(v) = vars.get(name) {
                        as_text(v)
                    } else {
                        self.ref_text(name)
                    })
                }))
            }
            "Fn::Select" => {
                let [index, items] = two(arg)?;
                let index = to_index(&self.eval(index)?)?;
                let Value::Array(items) = self.eval(items)? else {
                    return None;
                };
                // Python indexing: a negative index counts from the end.
                let len = items.len() as i64;
                let at = if index < 0 { index + len } else { index };
                if (0..len).contains(&at) {
                    Some(items[at as usize].clone())
                } else {
                    let all = as_text(&Value::Array(items));
                    text(format!("${{Select:{index}:{all}}}"))
                }
            }
            "Fn::Split" => {
                let [sep, source] = two(arg)?;
                let sep = sep.as_str().filter(|s| !s.is_empty())?;
                let Value::String(source) = self.eval(source)? else {
                    return None;
                };
                let source = self.ref_arn(&source).unwrap_or(source);
                Some(Value::Array(source.split(sep).map(Value::from).collect()))
            }
            "Fn::ImportValue" => text(format!("${{Import:{}}}", as_text(&self.eval(arg)?))),
            _ => None,
        }
    }

    /// The value of `Ref name`, or of `${name}` in `Fn::Sub` (where `name` may be `X.Attr`).
    fn ref_text(&self, name: &str) -> String {
        if let Some(value) = self.pseudo.get(name) {
            return value.to_owned();
        }
        if name.starts_with("AWS::") {
            return format!("${{{name}}}");
        }
        match name.split_once('.') {
            Some((id, attr)) => format!("${{{}.{attr}}}", (self.id_mapper)(id)),
            None => format!("${{{}}}", (self.id_mapper)(name)),
        }
    }

    /// For the text `"${X}"` where resource `X`'s `Ref` is an ARN: that ARN, with its name
    /// as a placeholder.
    fn ref_arn(&self, text: &str) -> Option<String> {
        let id = text.strip_prefix("${")?.strip_suffix('}')?;
        if id.is_empty() || id.contains(['}', '.']) {
            return None;
        }
        // `id` is mapped; the last resource whose mapped id matches wins
        let (_, kind) = self
            .resource_types
            .iter()
            .rev()
            .find(|(raw, _)| (self.id_mapper)(raw) == id)?;
        let (service, resource, attr) = match kind.as_str() {
            "AWS::StepFunctions::StateMachine" => ("states", "stateMachine:", "Name"),
            "AWS::StepFunctions::Activity" => ("states", "activity:", "Name"),
            "AWS::SNS::Topic" => ("sns", "", "TopicName"),
            _ => return None,
        };
        let partition = self.ref_text("AWS::Partition");
        let region = self.ref_text("AWS::Region");
        let account = self.ref_text("AWS::AccountId");
        Some(format!(
            "arn:{partition}:{service}:{region}:{account}:{resource}${{{id}.{attr}}}"
        ))
    }
}

/// The first two items of a list argument.
fn two(arg: &Value) -> Option<[&Value; 2]> {
    match arg.as_array()?.as_slice() {
        [a, b, ..] => Some([a, b]),
        _ => None,
    }
}

/// `Fn::Select`'s index: a number (truncated) or a text holding an integer.
fn to_index(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f.trunc() as i64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Replaces each `${name}` in `text` (left to right, `name` without `}`) by `f(name)`, or
/// leaves it when `f` gives `None`.
fn replace_placeholders(text: &str, mut f: impl FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        let Some(len) = rest[start + 2..].find('}') else {
            break;
        };
        let whole = &rest[start..start + 2 + len + 1];
        out.push_str(&rest[..start]);
        match f(&whole[2..whole.len() - 1]) {
            Some(replacement) => out.push_str(&replacement),
            None => out.push_str(whole),
        }
        rest = &rest[start + whole.len()..];
    }
    out.push_str(rest);
    out
}

/// Applies `AWS::StepFunctions::StateMachine` `DefinitionSubstitutions`: every `${key}` in
/// the strings of `value` (not in object keys) whose key is in `substitutions` is replaced by
/// its value, as text (see [`as_text`]); other placeholders stay.
///
/// ```
/// use serde_json::json;
/// let subs = json!({"fn": "arn:fn", "n": 3});
/// let v = json!({"A": "${fn}:${n}:${other}"});
/// assert_eq!(
///     cfn_model::eval::substitute(&v, subs.as_object().unwrap()),
///     json!({"A": "arn:fn:3:${other}"})
/// );
/// ```
pub fn substitute(value: &Value, substitutions: &Map<String, Value>) -> Value {
    match value {
        Value::String(s) => Value::String(replace_placeholders(s, |key| substitutions.get(key).map(as_text))),
        Value::Array(items) => Value::Array(items.iter().map(|v| substitute(v, substitutions)).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), substitute(v, substitutions)))
                .collect(),
        ),
        _ => value.clone(),
    }
}

/// A value as text: a string as it is, anything else as compact JSON with sorted keys and
/// non-ASCII characters escaped (Python's `json.dumps(v, sort_keys=True, separators=(",", ":"))`).
///
/// ```
/// use serde_json::json;
/// assert_eq!(cfn_model::eval::as_text(&json!("a")), "a");
/// assert_eq!(cfn_model::eval::as_text(&json!({"b": [1, 2.5], "a": "é"})), r#"{"a":"\u00e9","b":[1,2.5]}"#);
/// ```
pub fn as_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        _ => to_sorted_json(value, ",", ":"),
    }
}

/// `value` as JSON with sorted keys, non-ASCII characters escaped and the given separators
/// between items and after keys, like Python's `json.dumps(value, sort_keys=True,
/// separators=(item, key))`: `(",", ":")` is compact, `(", ", ": ")` is Python's default.
pub fn to_sorted_json(value: &Value, item: &str, key: &str) -> String {
    let mut out = String::new();
    write_json(&mut out, value, item, key);
    out
}

fn write_json(out: &mut String, value: &Value, item_sep: &str, key_sep: &str) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() => out.push_str(&python_float(f)),
            _ => out.push_str(&n.to_string()),
        },
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(item_sep);
                }
                write_json(out, v, item_sep, key_sep);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut entries: Vec<_> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (i, (k, v)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push_str(item_sep);
                }
                write_string(out, k);
                out.push_str(key_sep);
                write_json(out, v, item_sep, key_sep);
            }
            out.push('}');
        }
    }
}

/// A JSON string with everything outside printable ASCII escaped, as Python's `json` does.
fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            ' '..='~' => out.push(c),
            _ => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    out.push('"');
}

/// A float as Python's `repr` writes it: `1.0`, `0.0001`, `1e-05`, `1e+16`.
fn python_float(f: f64) -> String {
    // shortest round-trip digits, as `d.ddde-x`
    let sci = format!("{:e}", f.abs());
    let (mantissa, exp) = sci.split_once('e').expect("exponent");
    let exp: i32 = exp.parse().expect("exponent");
    let digits = mantissa.replace('.', "");
    let sign = if f.is_sign_negative() { "-" } else { "" };
    let point = exp + 1; // digits before the decimal point
    let body = if -4 < point && point <= 16 {
        let n = digits.len() as i32;
        if point <= 0 {
            format!("0.{}{digits}", "0".repeat(-point as usize))
        } else if point >= n {
            format!("{digits}{}.0", "0".repeat((point - n) as usize))
        } else {
            let (int, frac) = digits.split_at(point as usize);
            format!("{int}.{frac}")
        }
    } else {
        let (first, rest) = digits.split_at(1);
        let dot = if rest.is_empty() { "" } else { "." };
        let exp_sign = if exp < 0 { '-' } else { '+' };
        format!("{first}{dot}{rest}e{exp_sign}{:02}", exp.abs())
    };
    format!("{sign}{body}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ev(v: Value) -> Value {
        evaluate(&v, &PseudoParameters::reference())
    }

    #[test]
    fn pseudo_parameters() {
        let p = PseudoParameters::reference();
        assert_eq!(p.get("AWS::Partition"), Some("aws"));
        assert_eq!(p.get("AWS::Region"), Some("us-east-1"));
        assert_eq!(p.get("AWS::AccountId"), Some("123456789012"));
        assert_eq!(p.get("AWS::URLSuffix"), Some("amazonaws.com"));
        assert_eq!(p.get("AWS::StackName"), Some("Stack"));
        assert_eq!(p.get("AWS::StackId"), None);
        let p = p.with("AWS::Region", "eu-west-1").with("AWS::StackId", "id");
        assert_eq!(p.get("AWS::Region"), Some("eu-west-1"));
        assert_eq!(p.get("AWS::StackId"), Some("id"));
    }

    #[test]
    fn ref_() {
        assert_eq!(ev(json!({"Ref": "AWS::Region"})), json!("us-east-1"));
        assert_eq!(ev(json!({"Ref": "AWS::StackId"})), json!("${AWS::StackId}"));
        assert_eq!(ev(json!({"Ref": "Queue1234ABCD"})), json!("${Queue1234ABCD}"));
        // not a Ref: two keys, or a non-text argument
        assert_eq!(
            ev(json!({"Ref": "X", "Other": {"Ref": "AWS::Partition"}})),
            json!({"Ref": "X", "Other": "aws"})
        );
        assert_eq!(ev(json!({"Ref": ["X"]})), json!({"Ref": ["X"]}));
    }

    #[test]
    fn no_value_drops_keys_and_items() {
        let v = json!({
            "A": {"Ref": "AWS::NoValue"},
            "B": [1, {"Ref": "AWS::NoValue"}, 2],
            "C": {"D": {"Ref": "AWS::NoValue"}}
        });
        assert_eq!(ev(v), json!({"B": [1, 2], "C": {}}));
        assert_eq!(ev(json!({"Ref": "AWS::NoValue"})), Value::Null);
        assert_eq!(
            ev(json!({"Fn::Join": ["-", ["a", {"Ref": "AWS::NoValue"}, "b"]]})),
            json!("a-b")
        );
    }

    #[test]
    fn get_att() {
        assert_eq!(ev(json!({"Fn::GetAtt": ["Fn", "Arn"]})), json!("${Fn.Arn}"));
        assert_eq!(ev(json!({"Fn::GetAtt": "Fn.Arn"})), json!("${Fn.Arn}"));
        assert_eq!(
            ev(json!({"Fn::GetAtt": "Db.Endpoint.Address"})),
            json!("${Db.Endpoint.Address}")
        );
        assert_eq!(
            ev(json!({"Fn::GetAtt": ["Fn", {"Ref": "AttrName"}]})),
            json!("${Fn.${AttrName}}")
        );
        // no attribute: left alone
        assert_eq!(ev(json!({"Fn::GetAtt": "Fn"})), json!({"Fn::GetAtt": "Fn"}));
    }

    #[test]
    fn join() {
        let v = json!({"Fn::Join": ["", [
            "arn:", {"Ref": "AWS::Partition"}, ":lambda:", 7, {"a": 1}, {"Fn::GetAtt": ["F", "Arn"]}
        ]]});
        assert_eq!(ev(v), json!("arn:aws:lambda:7{\"a\":1}${F.Arn}"));
        // items that are not a list: only the arguments are evaluated
        assert_eq!(
            ev(json!({"Fn::Join": [",", {"Ref": "List"}]})),
            json!({"Fn::Join": [",", "${List}"]})
        );
    }

    #[test]
    fn sub() {
        assert_eq!(
            ev(json!({"Fn::Sub": "arn:${AWS::Partition}:s3:::${Bucket}/${Fn.Arn}"})),
            json!("arn:aws:s3:::${Bucket}/${Fn.Arn}")
        );
        assert_eq!(
            ev(json!({"Fn::Sub": "${!Literal} ${!AWS::Region} $${x} ${AWS::StackId}"})),
            json!("${Literal} ${AWS::Region} $${x} ${AWS::StackId}")
        );
        let v = json!({"Fn::Sub": ["${A}-${B}-${C}-${Other}", {
            "A": "a", "B": {"Ref": "AWS::Region"}, "C": [1, "x"]
        }]});
        assert_eq!(ev(v), json!("a-us-east-1-[1,\"x\"]-${Other}"));
        // unterminated placeholder
        assert_eq!(ev(json!({"Fn::Sub": "a ${B} ${c"})), json!("a ${B} ${c"));
        // `[^}]*`: a nested "${" belongs to the name
        assert_eq!(ev(json!({"Fn::Sub": "${a${b}}"})), json!("${a${b}}"));
    }

    #[test]
    fn select_and_split() {
        assert_eq!(ev(json!({"Fn::Select": [1, ["a", "b", "c"]]})), json!("b"));
        assert_eq!(
            ev(json!({"Fn::Select": ["2", {"Fn::Split": [",", "a,b,c"]}]})),
            json!("c")
        );
        assert_eq!(ev(json!({"Fn::Select": [-1, ["a", "b"]]})), json!("b"));
        assert_eq!(
            ev(json!({"Fn::Select": [3, ["a", {"k": 1}]]})),
            json!("${Select:3:[\"a\",{\"k\":1}]}")
        );
        assert_eq!(
            ev(json!({"Fn::Split": ["/", {"Fn::GetAtt": ["Role", "Arn"]}]})),
            json!(["${Role.Arn}"])
        );
        // no resource types: a Ref splits as text
        assert_eq!(ev(json!({"Fn::Split": [":", {"Ref": "Child"}]})), json!(["${Child}"]));
    }

    #[test]
    fn split_of_arn_refs() {
        let eval = Evaluator::new(PseudoParameters::reference())
            .with_resource_types([
                ("Child", "AWS::StepFunctions::StateMachine"),
                ("Worker", "AWS::StepFunctions::Activity"),
                ("Topic", "AWS::SNS::Topic"),
                ("Queue", "AWS::SQS::Queue"),
            ])
            .with_id_mapper(|id| id.to_lowercase());
        let split = |id: &str| json!({"Fn::Split": [":", {"Ref": id}]});
        assert_eq!(
            eval.evaluate(&split("Child")),
            json!([
                "arn",
                "aws",
                "states",
                "us-east-1",
                "123456789012",
                "stateMachine",
                "${child.Name}"
            ])
        );
        assert_eq!(
            eval.evaluate(&split("Worker")),
            json!([
                "arn",
                "aws",
                "states",
                "us-east-1",
                "123456789012",
                "activity",
                "${worker.Name}"
            ])
        );
        assert_eq!(
            eval.evaluate(&split("Topic")),
            json!(["arn", "aws", "sns", "us-east-1", "123456789012", "${topic.TopicName}"])
        );
        assert_eq!(eval.evaluate(&split("Queue")), json!(["${queue}"]));
        let name = json!({"Fn::Select": [6, split("Child")]});
        assert_eq!(eval.evaluate(&name), json!("${child.Name}"));
    }

    #[test]
    fn import_value() {
        assert_eq!(ev(json!({"Fn::ImportValue": "Out"})), json!("${Import:Out}"));
        assert_eq!(
            ev(json!({"Fn::ImportValue": {"Fn::Sub": "${AWS::StackName}-Arn"}})),
            json!("${Import:Stack-Arn}")
        );
    }

    #[test]
    fn id_mapper() {
        let eval = Evaluator::new(PseudoParameters::reference())
            .with_id_mapper(|id| id.trim_end_matches("1234ABCD").to_owned());
        let v = json!([
            {"Ref": "Fn1234ABCD"},
            {"Fn::GetAtt": ["Fn1234ABCD", "Arn"]},
            {"Fn::Sub": "${Fn1234ABCD.Arn}:${AWS::Region}"}
        ]);
        assert_eq!(eval.evaluate(&v), json!(["${Fn}", "${Fn.Arn}", "${Fn.Arn}:us-east-1"]));
    }

    #[test]
    fn other_intrinsics_are_kept() {
        let v = json!({"Fn::If": ["Cond", {"Ref": "AWS::Region"}, {"Ref": "AWS::NoValue"}]});
        assert_eq!(ev(v), json!({"Fn::If": ["Cond", "us-east-1"]}));
    }

    #[test]
    fn substitutions() {
        let subs = json!({"a": "A", "n": 1, "o": {"x": true}});
        let v = json!({"K ${a}": ["${a}${n}", "${o}", "${b}", 5, null], "s": "${a"});
        assert_eq!(
            substitute(&v, subs.as_object().unwrap()),
            json!({"K ${a}": ["A1", "{\"x\":true}", "${b}", 5, null], "s": "${a"})
        );
    }

    #[test]
    fn text_like_python() {
        let t = |v: Value| as_text(&v);
        assert_eq!(t(json!("é")), "é");
        assert_eq!(
            t(json!(["é\"\\\n\u{1}\u{7f}😀"])),
            r#"["\u00e9\"\\\n\u0001\u007f\ud83d\ude00"]"#
        );
        assert_eq!(
            t(json!({"b": null, "a": [true, -3, 18446744073709551615u64]})),
            r#"{"a":[true,-3,18446744073709551615],"b":null}"#
        );
        for (f, python) in [
            (1.0, "1.0"),
            (-0.0, "-0.0"),
            (0.0, "0.0"),
            (2.5, "2.5"),
            (0.1, "0.1"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1.5e-7, "1.5e-07"),
            (1e15, "1000000000000000.0"),
            (1234567890123456.0, "1234567890123456.0"),
            (1e16, "1e+16"),
            (1.25e100, "1.25e+100"),
            (-123.456, "-123.456"),
        ] {
            assert_eq!(t(json!(f)), python, "{f}");
        }
        assert_eq!(
            to_sorted_json(&json!({"b": 1, "a": [1, 2]}), ", ", ": "),
            r#"{"a": [1, 2], "b": 1}"#
        );
    }
}
