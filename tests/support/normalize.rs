//! Normalizes a CloudFormation template into a comparable summary of its state machines: a
//! port of `tools/normalize.py`, whose output (`tests/fixtures/reference/expected/`) it
//! reproduces exactly.
//!
//! Output: `{"state_machines": [{"id", "definition", "permissions", "conditions", "trust",
//! "properties"}], "resources": {normalized logical id: type}}` (`AWS::CDK::Metadata` left out).
//!
//! - id: logical id without a CDK hash suffix (trailing 8 chars of `[0-9A-F]`).
//! - definition: `DefinitionString` or `Definition`, intrinsics evaluated,
//!   `DefinitionSubstitutions` applied, parsed as JSON.
//! - permissions: sorted unique `[action, resource]` pairs from the plain (unconditional Allow,
//!   Action + Resource) statements of the role in `RoleArn`: its inline policies and every
//!   `AWS::IAM::Policy` / `ManagedPolicy` / `RolePolicy` attached to it (by Ref or by name).
//!   Every other statement goes to `conditions`, normalized.
//! - trust: the role's trust-policy principals (service names; other kinds as `Kind:value`).
//! - properties: the other state machine properties, evaluated.

#![allow(dead_code)]

use std::collections::BTreeSet;

use cfn_model::eval::{as_text, substitute, to_sorted_json, Evaluator, PseudoParameters};
use serde_json::{json, Map, Value};

/// `"StateMachine2E01A3A5"` -> `"StateMachine"`: without a trailing 8-char upper-hex CDK hash
/// (when something precedes it).
pub fn strip_hash(logical_id: &str) -> String {
    let hex = |b: &u8| b.is_ascii_digit() || (b'A'..=b'F').contains(b);
    let bytes = logical_id.as_bytes();
    if bytes.len() > 8 && bytes[bytes.len() - 8..].iter().all(hex) {
        logical_id[..logical_id.len() - 8].to_owned()
    } else {
        logical_id.to_owned()
    }
}

/// Normalizes `template`; with `fold_ids`, also [`fold_ids`] the result and re-sorts the
/// permissions (`normalize.py --fold-ids`).
pub fn normalize(template: &Value, fold: bool) -> Value {
    let empty = Map::new();
    let resources = template.get("Resources").and_then(Value::as_object).unwrap_or(&empty);
    let n = Normalizer {
        resources,
        eval: Evaluator::new(PseudoParameters::reference())
            .with_resource_types(resources.iter().map(|(id, res)| {
                let kind = res.get("Type").and_then(Value::as_str).unwrap_or("");
                (id.clone(), kind.to_owned())
            }))
            .with_id_mapper(strip_hash),
    };
    let mut ids = Map::new();
    for (rid, res) in n.sorted_resources() {
        let kind = res.get("Type").cloned().unwrap_or(Value::Null);
        if kind == "AWS::CDK::Metadata" {
            continue;
        }
        let short = strip_hash(rid);
        let key = if ids.contains_key(&short) { rid.clone() } else { short };
        ids.insert(key, kind);
    }
    let mut machines: Vec<Value> = n
        .sorted_resources()
        .filter(|(_, res)| res.get("Type") == Some(&json!("AWS::StepFunctions::StateMachine")))
        .map(|(rid, _)| n.state_machine(rid))
        .collect();
    machines.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
    let mut out = json!({"state_machines": machines, "resources": ids});
    if fold {
        out = fold_ids(&out);
        for sm in out["state_machines"].as_array_mut().expect("list") {
            let mut perms = sm["permissions"].as_array().cloned().unwrap_or_default();
            perms.sort_by_key(pair);
            sm["permissions"] = Value::Array(perms);
        }
    }
    out
}

/// A permission `[action, resource]` as a sort key.
fn pair(v: &Value) -> (String, String) {
    (as_text(&v[0]), as_text(&v[1]))
}

/// Logical ids compared loosely: lower case, letters and digits only.
pub fn fold_id(logical_id: &str) -> String {
    logical_id
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_digit() || c.is_ascii_lowercase())
        .collect()
}

/// Folds the id in every `${Id}` / `${Id.Attr}` placeholder of every string and object key,
/// so that ids that differ only in case or punctuation compare equal. (Plain resource keys and
/// state machine ids are not placeholders, so they stay as they are, as in `normalize.py`.)
pub fn fold_ids(v: &Value) -> Value {
    match v {
        Value::String(s) => Value::String(fold_placeholders(s)),
        Value::Array(items) => Value::Array(items.iter().map(fold_ids).collect()),
        Value::Object(map) => {
            let mut out = Map::new();
            for (k, x) in map {
                out.insert(fold_placeholders(k), fold_ids(x));
            }
            Value::Object(out)
        }
        _ => v.clone(),
    }
}

/// `normalize.py`'s `PLACEHOLDER_RE.sub`: `\$\{([A-Za-z][^}.:$]*)((?:\.[^}]*)?)\}`.
fn fold_placeholders(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let body = &rest[start + 2..];
        match placeholder(body) {
            Some((id, attr, len)) => {
                out.push_str(&format!("${{{}{attr}}}", fold_id(id)));
                rest = &body[len..];
            }
            None => {
                out.push('$');
                rest = &rest[start + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// For `body` following `${`: (id, `.attr` or "", length including the closing `}`).
fn placeholder(body: &str) -> Option<(&str, &str, usize)> {
    if !body.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let id_len = body.find(['}', '.', ':', '$']).unwrap_or(body.len());
    let (id, after) = body.split_at(id_len);
    let attr_len = match after.chars().next() {
        Some('}') => 0,
        Some('.') => after.find('}')?,
        _ => return None,
    };
    Some((id, &after[..attr_len], id_len + attr_len + 1))
}

/// `None` or `null` -> no items, a list -> its items, anything else -> itself.
fn as_list(v: Option<&Value>) -> Vec<&Value> {
    match v {
        None | Some(Value::Null) => vec![],
        Some(Value::Array(items)) => items.iter().collect(),
        Some(v) => vec![v],
    }
}

/// Logical id (as written) that a Ref / GetAtt / `${X.Arn}` Sub points to.
fn target_id(v: Option<&Value>) -> Option<String> {
    let map = v?.as_object().filter(|m| m.len() == 1)?;
    let (k, a) = map.iter().next()?;
    match k.as_str() {
        "Ref" => a.as_str().map(str::to_owned),
        "Fn::GetAtt" => match a {
            Value::String(s) => Some(s.split('.').next().unwrap_or("").to_owned()),
            _ => a.get(0)?.as_str().map(str::to_owned),
        },
        "Fn::Sub" => {
            let text = match a {
                Value::String(s) => s.as_str(),
                _ => a.get(0)?.as_str()?,
            };
            // ^\$\{([^}!.]+)(\.Arn)?\}$
            let inner = text.strip_prefix("${")?.strip_suffix('}')?;
            let id = inner.strip_suffix(".Arn").unwrap_or(inner);
            let ok = !id.is_empty() && !id.contains(['}', '!', '.']);
            ok.then(|| id.to_owned())
        }
        _ => None,
    }
}

/// `"States:StartExecution"` -> `"states:StartExecution"`.
fn norm_action(a: &Value) -> String {
    let a = as_text(a);
    match a.split_once(':') {
        Some((svc, rest)) => format!("{}:{rest}", svc.to_lowercase()),
        None => a,
    }
}

/// A statement without `Sid`, with (Not)Action and (Not)Resource as sorted unique lists.
fn norm_statement(st: &Value) -> Value {
    let Some(map) = st.as_object() else {
        return st.clone();
    };
    let mut st: Map<String, Value> = map
        .iter()
        .filter(|(k, _)| *k != "Sid")
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    for (key, norm) in [
        ("Action", norm_action as fn(&Value) -> String),
        ("NotAction", norm_action),
        ("Resource", as_text),
        ("NotResource", as_text),
    ] {
        if let Some(v) = st.get(key) {
            let set: BTreeSet<String> = as_list(Some(v)).into_iter().map(norm).collect();
            st.insert(key.to_owned(), set.into_iter().map(Value::from).collect());
        }
    }
    Value::Object(st)
}

struct Normalizer<'a> {
    resources: &'a Map<String, Value>,
    eval: Evaluator,
}

impl<'a> Normalizer<'a> {
    fn sorted_resources(&self) -> impl Iterator<Item = (&'a String, &'a Value)> {
        let mut all: Vec<_> = self.resources.iter().collect();
        all.sort_by(|a, b| a.0.cmp(b.0));
        all.into_iter()
    }

    fn props(&self, id: &str) -> Option<&'a Value> {
        self.resources.get(id)?.get("Properties")
    }

    fn ev(&self, v: Option<&Value>) -> Value {
        v.map_or(Value::Null, |v| self.eval.evaluate(v))
    }

    /// All (evaluated) policy documents attached to role `role_id`.
    fn role_documents(&self, role_id: &str) -> Vec<Value> {
        let role = self.props(role_id);
        let role_get = |k: &str| role.and_then(|r| r.get(k));
        let mut docs: Vec<Option<&Value>> = as_list(role_get("Policies"))
            .into_iter()
            .map(|p| p.get("PolicyDocument"))
            .collect();
        let role_name = role_get("RoleName").filter(|v| !v.is_null());
        let is_role =
            |r: Option<&Value>| target_id(r).as_deref() == Some(role_id) || (role_name.is_some() && r == role_name);
        for (rid, res) in self.sorted_resources() {
            let props = res.get("Properties");
            let prop = |k: &str| props.and_then(|p| p.get(k));
            let kind = res.get("Type").and_then(Value::as_str);
            match kind {
                Some("AWS::IAM::Policy" | "AWS::IAM::ManagedPolicy") => {
                    let mut attached = as_list(prop("Roles")).into_iter().any(|r| is_role(Some(r)));
                    if !attached && kind == Some("AWS::IAM::ManagedPolicy") {
                        attached = as_list(role_get("ManagedPolicyArns"))
                            .into_iter()
                            .any(|m| target_id(Some(m)).as_ref() == Some(rid));
                    }
                    if attached {
                        docs.push(prop("PolicyDocument"));
                    }
                }
                Some("AWS::IAM::RolePolicy") if is_role(prop("RoleName")) => {
                    docs.push(prop("PolicyDocument"));
                }
                _ => {}
            }
        }
        docs.into_iter().map(|d| self.ev_doc(d)).collect()
    }

    /// A policy document (`{}` when absent), evaluated.
    fn ev_doc(&self, doc: Option<&Value>) -> Value {
        self.ev(Some(doc.unwrap_or(&json!({}))))
    }

    fn trust(&self, role_id: &str) -> Vec<String> {
        let doc = self.ev_doc(self.props(role_id).and_then(|p| p.get("AssumeRolePolicyDocument")));
        let mut names = BTreeSet::new();
        for st in as_list(doc.get("Statement")) {
            match st.get("Principal").unwrap_or(&json!({})) {
                Value::Object(principal) => {
                    for (kind, values) in principal {
                        for p in as_list(Some(values)) {
                            names.insert(match (kind.as_str(), p) {
                                ("Service", Value::String(s)) => s.clone(),
                                _ => format!("{kind}:{}", as_text(p)),
                            });
                        }
                    }
                }
                principal => {
                    names.insert(as_text(principal));
                }
            }
        }
        names.into_iter().collect()
    }

    fn state_machine(&self, logical_id: &str) -> Value {
        let empty = json!({});
        let props = self.props(logical_id).unwrap_or(&empty);
        let subs = match self.ev(Some(props.get("DefinitionSubstitutions").unwrap_or(&empty))) {
            Value::Object(subs) => subs,
            _ => Map::new(),
        };
        let definition = match props.get("DefinitionString") {
            Some(text) => match substitute(&self.eval.evaluate(text), &subs) {
                Value::String(text) => serde_json::from_str(&text)
                    .unwrap_or_else(|e| panic!("{logical_id}: DefinitionString is not JSON ({e}): {text}")),
                other => panic!("{logical_id}: DefinitionString is not text: {other}"),
            },
            None => substitute(&self.ev(props.get("Definition")), &subs),
        };
        let role_id = target_id(props.get("RoleArn")).filter(|id| self.resources.contains_key(id));
        let docs = match &role_id {
            Some(role_id) => self.role_documents(role_id),
            None => {
                // an existing role given by ARN: gather the policies attached to it by name
                let arn = self.ev(props.get("RoleArn"));
                let name = arn.as_str().map(|a| a.rsplit('/').next().unwrap_or(a).to_owned());
                match name {
                    None => vec![],
                    Some(name) => self
                        .sorted_resources()
                        .filter(|(_, res)| {
                            let kind = res.get("Type").and_then(Value::as_str);
                            let prop = |k: &str| res.get("Properties").and_then(|p| p.get(k));
                            matches!(kind, Some("AWS::IAM::Policy" | "AWS::IAM::RolePolicy"))
                                && as_list(prop("Roles"))
                                    .into_iter()
                                    .chain(as_list(prop("RoleName")))
                                    .any(|r| r == name.as_str())
                        })
                        .map(|(_, res)| self.ev_doc(res.get("Properties").and_then(|p| p.get("PolicyDocument"))))
                        .collect(),
                }
            }
        };
        let (permissions, conditions) = permissions(&docs);
        let skip = ["DefinitionString", "Definition", "DefinitionSubstitutions", "RoleArn"];
        let rest: Map<String, Value> = props
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(k, _)| !skip.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        json!({
            "id": strip_hash(logical_id),
            "definition": definition,
            "permissions": permissions,
            "conditions": conditions,
            "trust": role_id.map(|r| self.trust(&r)).unwrap_or_default(),
            "properties": self.eval.evaluate(&Value::Object(rest)),
        })
    }
}

/// (sorted `[action, resource]` pairs of plain Allow statements, other statements).
fn permissions(docs: &[Value]) -> (Vec<Value>, Vec<Value>) {
    let mut pairs = BTreeSet::new();
    let mut others = vec![];
    for doc in docs {
        for st in as_list(doc.get("Statement")) {
            let st = norm_statement(st);
            let simple = st.get("Effect") == Some(&json!("Allow"))
                && st.get("Condition").is_none()
                && st.get("Action").is_some()
                && st.get("Resource").is_some();
            if !simple {
                others.push(st);
                continue;
            }
            for a in st["Action"].as_array().expect("normalized") {
                for r in st["Resource"].as_array().expect("normalized") {
                    pairs.insert((as_text(a), as_text(r)));
                }
            }
        }
    }
    others.sort_by_cached_key(|s| to_sorted_json(s, ", ", ": "));
    let pairs = pairs.into_iter().map(|(a, r)| json!([a, r])).collect();
    (pairs, others)
}

/// Human-readable differences between two JSON values, one per line, each at its JSON pointer.
/// Lists of different lengths are compared as collections (missing / unexpected items).
pub fn diff(expected: &Value, actual: &Value) -> Vec<String> {
    let mut out = vec![];
    diff_at("", expected, actual, &mut out);
    out
}

fn diff_at(path: &str, expected: &Value, actual: &Value, out: &mut Vec<String>) {
    let at = if path.is_empty() { "/" } else { path };
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                let p = format!("{path}/{}", k.replace('~', "~0").replace('/', "~1"));
                match a.get(k) {
                    Some(av) => diff_at(&p, ev, av, out),
                    None => out.push(format!("{p}: missing, expected {}", show(ev))),
                }
            }
            for (k, av) in a {
                if !e.contains_key(k) {
                    let p = format!("{path}/{}", k.replace('~', "~0").replace('/', "~1"));
                    out.push(format!("{p}: unexpected {}", show(av)));
                }
            }
        }
        (Value::Array(e), Value::Array(a)) if e.len() == a.len() => {
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                diff_at(&format!("{path}/{i}"), ev, av, out);
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            out.push(format!("{at}: expected {} items, got {}", e.len(), a.len()));
            for ev in e.iter().filter(|v| !a.contains(v)) {
                out.push(format!("{at}: missing item {}", show(ev)));
            }
            for av in a.iter().filter(|v| !e.contains(v)) {
                out.push(format!("{at}: unexpected item {}", show(av)));
            }
        }
        _ if expected != actual => {
            out.push(format!("{at}: expected {}, got {}", show(expected), show(actual)));
        }
        _ => {}
    }
}

/// Compact JSON, cut to a readable length.
fn show(v: &Value) -> String {
    let text = v.to_string();
    match text.char_indices().nth(300) {
        Some((cut, _)) => format!("{}...", &text[..cut]),
        None => text,
    }
}
