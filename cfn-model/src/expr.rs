//! String-valued CloudFormation expressions: literals, `Ref`, `Fn::GetAtt`, `Fn::Join`,
//! `Fn::Select`, `Fn::ImportValue`, pseudo parameters, and concatenations of them.
//!
//! An [`Expr`] renders as a plain JSON string when it is a literal, as the intrinsic itself when
//! it is one, and as `Fn::Sub` when literals and intrinsics are mixed: `Fn::Sub` is the most
//! readable valid form (`"arn:${AWS::Partition}:states:::lambda:invoke"`).

use std::fmt;

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

/// A pseudo parameter that CloudFormation resolves when it deploys a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Pseudo {
    /// `AWS::Partition`: `aws`, `aws-cn`, `aws-us-gov`, ...
    Partition,
    /// `AWS::Region`.
    Region,
    /// `AWS::AccountId`.
    AccountId,
    /// `AWS::URLSuffix`: `amazonaws.com` in most partitions.
    UrlSuffix,
    /// `AWS::StackName`.
    StackName,
    /// `AWS::StackId`.
    StackId,
}

impl Pseudo {
    /// The name as written after `Ref`.
    ///
    /// ```
    /// assert_eq!(cfn_model::Pseudo::Partition.name(), "AWS::Partition");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Pseudo::Partition => "AWS::Partition",
            Pseudo::Region => "AWS::Region",
            Pseudo::AccountId => "AWS::AccountId",
            Pseudo::UrlSuffix => "AWS::URLSuffix",
            Pseudo::StackName => "AWS::StackName",
            Pseudo::StackId => "AWS::StackId",
        }
    }
}

/// A string value in a template: a literal, an intrinsic function, or a mix of both.
///
/// Build mixed values with [`Expr::concat`] or the [`cfn_concat!`](crate::cfn_concat) macro;
/// adjacent literals are merged and a single part collapses to itself.
///
/// ```
/// use cfn_model::{Expr, Pseudo};
/// let arn = Expr::concat(["arn:".into(), Expr::pseudo(Pseudo::Partition), ":states:::lambda:invoke".into()]);
/// assert_eq!(
///     serde_json::to_string(&arn).unwrap(),
///     r#"{"Fn::Sub":"arn:${AWS::Partition}:states:::lambda:invoke"}"#
/// );
/// assert_eq!(serde_json::to_string(&Expr::from("plain")).unwrap(), r#""plain""#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Expr {
    /// A plain string.
    Literal(String),
    /// `{"Ref": name}`: a parameter, a resource's logical id, or a pseudo parameter's name.
    Ref(String),
    /// `{"Fn::GetAtt": [logical id, attribute]}`.
    GetAtt(String, String),
    /// `{"Fn::Join": [separator, parts]}`.
    Join(String, Vec<Expr>),
    /// `{"Fn::Join": [separator, list]}` of a list-valued expression (a `List<...>` parameter,
    /// `Fn::Split`, `Fn::GetAZs`).
    JoinList(String, Box<ListExpr>),
    /// `{"Fn::Select": [index, list]}`.
    Select(u32, Box<ListExpr>),
    /// `{"Fn::ImportValue": name}`: an output exported by another stack.
    ImportValue(Box<Expr>),
    /// Parts concatenated; rendered as `Fn::Sub`. Build it with [`Expr::concat`].
    Concat(Vec<Expr>),
}

/// A list-valued expression, the argument of `Fn::Select`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ListExpr {
    /// A literal list of string expressions.
    List(Vec<Expr>),
    /// `{"Fn::Split": [delimiter, source]}`.
    Split(String, Expr),
    /// `{"Ref": name}` of a list-typed parameter.
    Ref(String),
    /// `{"Fn::GetAtt": [logical id, attribute]}` of a list-valued attribute.
    GetAtt(String, String),
    /// `{"Fn::GetAZs": region}`.
    GetAzs(Expr),
}

impl Expr {
    /// A literal string.
    ///
    /// ```
    /// assert!(cfn_model::Expr::lit("x").is_literal());
    /// ```
    pub fn lit(text: impl Into<String>) -> Self {
        Expr::Literal(text.into())
    }

    /// `Ref` of a parameter or a resource's logical id.
    ///
    /// ```
    /// let e = cfn_model::Expr::reference("MyTopic");
    /// assert_eq!(serde_json::to_string(&e).unwrap(), r#"{"Ref":"MyTopic"}"#);
    /// ```
    pub fn reference(name: impl Into<String>) -> Self {
        Expr::Ref(name.into())
    }

    /// `Fn::GetAtt` of a resource's attribute.
    ///
    /// ```
    /// let e = cfn_model::Expr::get_att("Role", "Arn");
    /// assert_eq!(serde_json::to_string(&e).unwrap(), r#"{"Fn::GetAtt":["Role","Arn"]}"#);
    /// ```
    pub fn get_att(logical_id: impl Into<String>, attribute: impl Into<String>) -> Self {
        Expr::GetAtt(logical_id.into(), attribute.into())
    }

    /// `Ref` of a pseudo parameter.
    ///
    /// ```
    /// use cfn_model::{Expr, Pseudo};
    /// assert_eq!(serde_json::to_string(&Expr::pseudo(Pseudo::Region)).unwrap(), r#"{"Ref":"AWS::Region"}"#);
    /// ```
    pub fn pseudo(p: Pseudo) -> Self {
        Expr::Ref(p.name().to_owned())
    }

    /// `Ref AWS::Partition`.
    ///
    /// ```
    /// assert_eq!(cfn_model::Expr::partition(), cfn_model::Expr::pseudo(cfn_model::Pseudo::Partition));
    /// ```
    pub fn partition() -> Self {
        Self::pseudo(Pseudo::Partition)
    }

    /// `Ref AWS::Region`.
    ///
    /// ```
    /// assert!(!cfn_model::Expr::region().is_literal());
    /// ```
    pub fn region() -> Self {
        Self::pseudo(Pseudo::Region)
    }

    /// `Ref AWS::AccountId`.
    ///
    /// ```
    /// assert!(!cfn_model::Expr::account_id().is_literal());
    /// ```
    pub fn account_id() -> Self {
        Self::pseudo(Pseudo::AccountId)
    }

    /// `Ref AWS::URLSuffix`.
    ///
    /// ```
    /// assert!(!cfn_model::Expr::url_suffix().is_literal());
    /// ```
    pub fn url_suffix() -> Self {
        Self::pseudo(Pseudo::UrlSuffix)
    }

    /// `Ref AWS::StackName`.
    ///
    /// ```
    /// assert!(!cfn_model::Expr::stack_name().is_literal());
    /// ```
    pub fn stack_name() -> Self {
        Self::pseudo(Pseudo::StackName)
    }

    /// `Fn::Join` of parts with a separator.
    ///
    /// ```
    /// use cfn_model::Expr;
    /// let e = Expr::join(",", [Expr::lit("a"), Expr::reference("B")]);
    /// assert_eq!(serde_json::to_string(&e).unwrap(), r#"{"Fn::Join":[",",["a",{"Ref":"B"}]]}"#);
    /// ```
    pub fn join(separator: impl Into<String>, parts: impl IntoIterator<Item = Expr>) -> Self {
        Expr::Join(separator.into(), parts.into_iter().collect())
    }

    /// `Fn::Join` of the items of a list-valued expression.
    ///
    /// ```
    /// use cfn_model::{Expr, ListExpr};
    /// let e = Expr::join_list(",", ListExpr::Ref("Subnets".into()));
    /// assert_eq!(serde_json::to_string(&e).unwrap(), r#"{"Fn::Join":[",",{"Ref":"Subnets"}]}"#);
    /// ```
    pub fn join_list(separator: impl Into<String>, list: ListExpr) -> Self {
        Expr::JoinList(separator.into(), Box::new(list))
    }

    /// `Fn::Select` of one item of a list.
    ///
    /// ```
    /// use cfn_model::{Expr, ListExpr};
    /// let name = Expr::select(6, ListExpr::split(":", Expr::reference("Machine")));
    /// assert_eq!(
    ///     serde_json::to_string(&name).unwrap(),
    ///     r#"{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"Machine"}]}]}"#
    /// );
    /// ```
    pub fn select(index: u32, list: ListExpr) -> Self {
        Expr::Select(index, Box::new(list))
    }

    /// `Fn::ImportValue` of another stack's export.
    ///
    /// ```
    /// let e = cfn_model::Expr::import_value("SharedTopicArn");
    /// assert_eq!(serde_json::to_string(&e).unwrap(), r#"{"Fn::ImportValue":"SharedTopicArn"}"#);
    /// ```
    pub fn import_value(name: impl Into<Expr>) -> Self {
        Expr::ImportValue(Box::new(name.into()))
    }

    /// Concatenates parts. Adjacent literals merge, nested concatenations flatten, and a single
    /// remaining part is returned as itself.
    ///
    /// ```
    /// use cfn_model::Expr;
    /// assert_eq!(Expr::concat([Expr::lit("a"), Expr::lit("b")]), Expr::lit("ab"));
    /// ```
    pub fn concat(parts: impl IntoIterator<Item = Expr>) -> Self {
        let parts = parts.into_iter();
        // Sized for the parts given (one allocation for the usual two or three).
        let mut out: Vec<Expr> = Vec::with_capacity(parts.size_hint().0);
        for part in parts {
            match part {
                Expr::Concat(inner) => {
                    for p in inner {
                        push_part(&mut out, p);
                    }
                }
                other => push_part(&mut out, other),
            }
        }
        match out.len() {
            0 => Expr::Literal(String::new()),
            1 => out.pop().unwrap_or_else(|| Expr::Literal(String::new())),
            _ => Expr::Concat(out),
        }
    }

    /// Parses `Fn::Sub` text: `${Name}` becomes a `Ref`, `${Name.Attr}` a `Fn::GetAtt`, and
    /// `${!Text}` the literal `${Text}`.
    ///
    /// ```
    /// use cfn_model::Expr;
    /// let e = Expr::sub("arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:${Topic.TopicName}");
    /// assert_eq!(
    ///     serde_json::to_string(&e).unwrap(),
    ///     r#"{"Fn::Sub":"arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:${Topic.TopicName}"}"#
    /// );
    /// ```
    pub fn sub(text: &str) -> Self {
        let mut parts = Vec::new();
        let mut rest = text;
        while let Some(start) = rest.find("${") {
            let Some(len) = rest[start..].find('}') else {
                break;
            };
            parts.push(Expr::lit(&rest[..start]));
            let name = &rest[start + 2..start + len];
            if let Some(literal) = name.strip_prefix('!') {
                parts.push(Expr::lit(format!("${{{literal}}}")));
            } else if let Some((id, attr)) = name.split_once('.') {
                parts.push(Expr::get_att(id, attr));
            } else {
                parts.push(Expr::reference(name));
            }
            rest = &rest[start + len + 1..];
        }
        parts.push(Expr::lit(rest));
        Expr::concat(parts)
    }

    /// Whether this is a plain string.
    ///
    /// ```
    /// assert!(!cfn_model::Expr::partition().is_literal());
    /// ```
    pub fn is_literal(&self) -> bool {
        matches!(self, Expr::Literal(_))
    }

    /// The text of a literal.
    ///
    /// ```
    /// assert_eq!(cfn_model::Expr::lit("x").as_literal(), Some("x"));
    /// ```
    pub fn as_literal(&self) -> Option<&str> {
        match self {
            Expr::Literal(s) => Some(s),
            _ => None,
        }
    }

    /// The parts of this expression: the concatenated parts, or itself.
    ///
    /// ```
    /// use cfn_model::Expr;
    /// assert_eq!(Expr::sub("a${B}").parts().len(), 2);
    /// ```
    pub fn parts(&self) -> &[Expr] {
        match self {
            Expr::Concat(parts) => parts,
            other => std::slice::from_ref(other),
        }
    }

    /// Logical ids this expression refers to through `Ref` or `Fn::GetAtt` (pseudo parameters
    /// excluded), in order of appearance.
    ///
    /// ```
    /// use cfn_model::Expr;
    /// assert_eq!(Expr::sub("${A}-${B.Arn}-${AWS::Region}").referenced_ids(), vec!["A", "B"]);
    /// ```
    pub fn referenced_ids(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.collect_ids(&mut out);
        out
    }

    fn collect_ids<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Expr::Literal(_) => {}
            Expr::Ref(name) => {
                if !name.starts_with("AWS::") {
                    out.push(name);
                }
            }
            Expr::GetAtt(id, _) => out.push(id),
            Expr::Join(_, parts) | Expr::Concat(parts) => parts.iter().for_each(|p| p.collect_ids(out)),
            Expr::JoinList(_, list) => list.collect_ids(out),
            Expr::Select(_, list) => list.collect_ids(out),
            Expr::ImportValue(name) => name.collect_ids(out),
        }
    }
}

impl ListExpr {
    /// `Fn::Split` of a string expression.
    ///
    /// ```
    /// let l = cfn_model::ListExpr::split(",", cfn_model::Expr::lit("a,b"));
    /// assert_eq!(serde_json::to_string(&l).unwrap(), r#"{"Fn::Split":[",","a,b"]}"#);
    /// ```
    pub fn split(delimiter: impl Into<String>, source: impl Into<Expr>) -> Self {
        ListExpr::Split(delimiter.into(), source.into())
    }

    fn collect_ids<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            ListExpr::List(items) => items.iter().for_each(|p| p.collect_ids(out)),
            ListExpr::Split(_, source) | ListExpr::GetAzs(source) => source.collect_ids(out),
            ListExpr::Ref(name) => out.push(name),
            ListExpr::GetAtt(id, _) => out.push(id),
        }
    }
}

fn push_part(out: &mut Vec<Expr>, part: Expr) {
    if let Expr::Literal(text) = &part {
        if text.is_empty() {
            return;
        }
        if let Some(Expr::Literal(prev)) = out.last_mut() {
            prev.push_str(text);
            return;
        }
    }
    out.push(part);
}

impl From<&str> for Expr {
    fn from(s: &str) -> Self {
        Expr::Literal(s.to_owned())
    }
}

impl From<String> for Expr {
    fn from(s: String) -> Self {
        Expr::Literal(s)
    }
}

impl From<&String> for Expr {
    fn from(s: &String) -> Self {
        Expr::Literal(s.clone())
    }
}

impl From<&Expr> for Expr {
    fn from(e: &Expr) -> Self {
        e.clone()
    }
}

impl From<Pseudo> for Expr {
    fn from(p: Pseudo) -> Self {
        Expr::pseudo(p)
    }
}

/// Concatenates string expressions: `cfn_concat!("arn:", Expr::partition(), ":s3:::", bucket)`.
///
/// ```
/// use cfn_model::{cfn_concat, Expr};
/// let e = cfn_concat!("arn:", Expr::partition(), ":s3:::bucket");
/// assert_eq!(e, Expr::sub("arn:${AWS::Partition}:s3:::bucket"));
/// ```
#[macro_export]
macro_rules! cfn_concat {
    ($($part:expr),+ $(,)?) => {
        $crate::Expr::concat([$($crate::Expr::from($part)),+])
    };
}

impl fmt::Display for Expr {
    /// Writes the expression in `Fn::Sub` text form, e.g. `arn:${AWS::Partition}:s3:::b`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for part in self.parts() {
            match part {
                Expr::Literal(s) => f.write_str(s)?,
                Expr::Ref(name) => write!(f, "${{{name}}}")?,
                Expr::GetAtt(id, attr) => write!(f, "${{{id}.{attr}}}")?,
                other => write!(f, "{}", serde_json::to_string(other).map_err(|_| fmt::Error)?)?,
            }
        }
        Ok(())
    }
}

/// Escapes literal text for a `Fn::Sub` template: `${` becomes `${!`.
fn escape_sub(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(i) = rest.find("${") {
        out.push_str(&rest[..i]);
        out.push_str("${!");
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
}

struct OneKey<'a, V: Serialize + ?Sized>(&'static str, &'a V);

impl<V: Serialize + ?Sized> Serialize for OneKey<'_, V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(1))?;
        m.serialize_entry(self.0, self.1)?;
        m.end()
    }
}

struct Pair<'a, A: Serialize + ?Sized, B: Serialize + ?Sized>(&'a A, &'a B);

impl<A: Serialize + ?Sized, B: Serialize + ?Sized> Serialize for Pair<'_, A, B> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(2))?;
        seq.serialize_element(self.0)?;
        seq.serialize_element(self.1)?;
        seq.end()
    }
}

impl Serialize for Expr {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Expr::Literal(text) => s.serialize_str(text),
            Expr::Ref(name) => OneKey("Ref", name).serialize(s),
            Expr::GetAtt(id, attr) => OneKey("Fn::GetAtt", &[id, attr]).serialize(s),
            Expr::Join(sep, parts) => OneKey("Fn::Join", &Pair(sep, parts)).serialize(s),
            Expr::JoinList(sep, list) => OneKey("Fn::Join", &Pair(sep, list.as_ref())).serialize(s),
            Expr::Select(index, list) => OneKey("Fn::Select", &Pair(index, list.as_ref())).serialize(s),
            Expr::ImportValue(name) => OneKey("Fn::ImportValue", name.as_ref()).serialize(s),
            Expr::Concat(parts) => {
                let mut text = String::new();
                let mut vars: Vec<(String, &Expr)> = Vec::new();
                for part in parts {
                    match part {
                        Expr::Literal(t) => escape_sub(t, &mut text),
                        Expr::Ref(name) => {
                            text.push_str("${");
                            text.push_str(name);
                            text.push('}');
                        }
                        Expr::GetAtt(id, attr) => {
                            text.push_str("${");
                            text.push_str(id);
                            text.push('.');
                            text.push_str(attr);
                            text.push('}');
                        }
                        other => {
                            let existing = vars.iter().find(|(_, e)| *e == other).map(|(k, _)| k.clone());
                            let key = existing.unwrap_or_else(|| {
                                let key = format!("Var{}", vars.len() + 1);
                                vars.push((key.clone(), other));
                                key
                            });
                            text.push_str("${");
                            text.push_str(&key);
                            text.push('}');
                        }
                    }
                }
                if vars.is_empty() {
                    OneKey("Fn::Sub", &text).serialize(s)
                } else {
                    let map: indexmap::IndexMap<&str, &Expr> = vars.iter().map(|(k, v)| (k.as_str(), *v)).collect();
                    OneKey("Fn::Sub", &Pair(&text, &map)).serialize(s)
                }
            }
        }
    }
}

impl Serialize for ListExpr {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ListExpr::List(items) => items.serialize(s),
            ListExpr::Split(sep, source) => OneKey("Fn::Split", &Pair(sep, source)).serialize(s),
            ListExpr::Ref(name) => OneKey("Ref", name).serialize(s),
            ListExpr::GetAtt(id, attr) => OneKey("Fn::GetAtt", &[id, attr]).serialize(s),
            ListExpr::GetAzs(region) => OneKey("Fn::GetAZs", region).serialize(s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(e: &Expr) -> String {
        serde_json::to_string(e).unwrap()
    }

    #[test]
    fn literal_renders_as_plain_string() {
        assert_eq!(json(&Expr::lit("a${b}")), r#""a${b}""#);
    }

    #[test]
    fn concat_with_ref_and_literal_dollar_brace_escapes_the_literal() {
        let e = Expr::concat([Expr::lit("x${y}-"), Expr::reference("R")]);
        assert_eq!(json(&e), r#"{"Fn::Sub":"x${!y}-${R}"}"#);
    }

    #[test]
    fn concat_of_non_sub_parts_uses_a_variable_map() {
        let e = Expr::concat([
            Expr::lit("arn:"),
            Expr::import_value("X"),
            Expr::lit("/"),
            Expr::import_value("X"),
        ]);
        assert_eq!(
            json(&e),
            r#"{"Fn::Sub":["arn:${Var1}/${Var1}",{"Var1":{"Fn::ImportValue":"X"}}]}"#
        );
    }

    #[test]
    fn concat_flattens_and_collapses() {
        let inner = Expr::concat([Expr::lit("a"), Expr::reference("B")]);
        let e = Expr::concat([inner, Expr::lit("c")]);
        assert_eq!(e.parts().len(), 3);
        assert_eq!(
            Expr::concat([Expr::lit(""), Expr::reference("B")]),
            Expr::reference("B")
        );
        assert_eq!(Expr::concat(Vec::new()), Expr::lit(""));
    }

    #[test]
    fn sub_parses_refs_getatts_and_escapes() {
        let e = Expr::sub("a${B}c${D.Arn}${!E}");
        assert_eq!(
            e.parts(),
            &[
                Expr::lit("a"),
                Expr::reference("B"),
                Expr::lit("c"),
                Expr::get_att("D", "Arn"),
                Expr::lit("${E}")
            ]
        );
        assert_eq!(Expr::sub("no placeholders"), Expr::lit("no placeholders"));
        assert_eq!(Expr::sub("open ${ brace"), Expr::lit("open ${ brace"));
    }

    #[test]
    fn display_uses_sub_text() {
        assert_eq!(
            Expr::sub("arn:${AWS::Partition}:x:${A.Arn}").to_string(),
            "arn:${AWS::Partition}:x:${A.Arn}"
        );
    }

    #[test]
    fn list_forms() {
        assert_eq!(
            serde_json::to_string(&ListExpr::GetAzs(Expr::lit(""))).unwrap(),
            r#"{"Fn::GetAZs":""}"#
        );
        assert_eq!(
            serde_json::to_string(&ListExpr::List(vec![Expr::lit("a")])).unwrap(),
            r#"["a"]"#
        );
    }
}
