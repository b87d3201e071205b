//! CloudFormation expressions inside the ASL.
//!
//! The definition is written as a JSON object (`Definition`); strings that hold CloudFormation
//! expressions (the partition in a Resource ARN, a function ARN from `Fn::GetAtt`) are written
//! with `${Key}` placeholders, and the keys map to the expressions in `DefinitionSubstitutions`.
//! The keys are readable (`${AWS::Partition}` becomes `${Partition}`, `Fn::GetAtt [Fn, Arn]`
//! becomes `${FnArn}`) and assigned in order of first use, so the output is deterministic.

use std::cell::RefCell;

use cfn_model::Expr;
use indexmap::IndexMap;
use serde::{Serialize, Serializer};

thread_local! {
    static ACTIVE: RefCell<Option<Substitutions>> = const { RefCell::new(None) };
}

/// Placeholder keys and the expressions they stand for, in order of first use.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Substitutions {
    by_expr: IndexMap<Expr, String>,
    user: IndexMap<String, Expr>,
}

impl Substitutions {
    /// `(key, expression)` pairs in order of first use.
    ///
    /// ```
    /// use stepfunctions::{Pass, StateMachine};
    /// let asl = StateMachine::new("M", Pass::new("P")).render_asl().unwrap();
    /// assert_eq!(asl.substitutions.iter().count(), 0);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Expr)> {
        self.user
            .iter()
            .map(|(k, e)| (k.as_str(), e))
            .chain(self.by_expr.iter().map(|(e, k)| (k.as_str(), e)))
    }

    /// Substitutions given by the user, whose keys the generated ones avoid.
    pub(crate) fn with_user(user: IndexMap<String, Expr>) -> Self {
        Substitutions {
            by_expr: IndexMap::new(),
            user,
        }
    }

    /// Whether the definition needs no substitution (it is plain ASL).
    ///
    /// ```
    /// assert!(stepfunctions::Substitutions::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.by_expr.is_empty() && self.user.is_empty()
    }

    fn key_for(&mut self, expr: &Expr) -> String {
        if let Some(k) = self.by_expr.get(expr) {
            return k.clone();
        }
        let base = match expr {
            Expr::Ref(name) => name.strip_prefix("AWS::").unwrap_or(name).to_owned(),
            Expr::GetAtt(id, attr) => format!("{id}{attr}"),
            Expr::ImportValue(_) => "Import".to_owned(),
            _ => "Value".to_owned(),
        };
        let base: String = base.chars().filter(char::is_ascii_alphanumeric).collect();
        let base = if base.is_empty() { "Value".to_owned() } else { base };
        let mut key = base.clone();
        let mut n = 2;
        while self.user.contains_key(&key) || self.by_expr.values().any(|k| *k == key) {
            key = format!("{base}{n}");
            n += 1;
        }
        self.by_expr.insert(expr.clone(), key.clone());
        key
    }
}

/// Runs `f` with a fresh substitution collector; returns its result and the substitutions used.
pub(crate) fn collecting<T>(start: Substitutions, f: impl FnOnce() -> T) -> (T, Substitutions) {
    collecting_from(start, f)
}

/// Writes an expression as an ASL string: literal text as is, intrinsics as `${Key}`.
/// Outside [`collecting`], intrinsics are written in `Fn::Sub` text form.
pub(crate) fn write_expr(expr: &Expr) -> String {
    if let Expr::Literal(text) = expr {
        return text.clone();
    }
    ACTIVE.with(|a| {
        let mut active = a.borrow_mut();
        match active.as_mut() {
            Some(subs) => {
                let mut out = String::new();
                for part in expr.parts() {
                    match part {
                        Expr::Literal(t) => out.push_str(t),
                        other => {
                            out.push_str("${");
                            out.push_str(&subs.key_for(other));
                            out.push('}');
                        }
                    }
                }
                out
            }
            None => expr.to_string(),
        }
    })
}

/// Serializes an [`Expr`] as an ASL string.
pub(crate) struct AslStr<'a>(pub &'a Expr);

impl Serialize for AslStr<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Expr::Literal(text) => s.serialize_str(text),
            other => s.serialize_str(&write_expr(other)),
        }
    }
}

/// Runs `f` with `subs` as the active substitutions (keys already assigned are reused).
pub(crate) fn with_substitutions<T>(subs: &Substitutions, f: impl FnOnce() -> T) -> T {
    let (out, _) = collecting_from(subs.clone(), f);
    out
}

fn collecting_from<T>(start: Substitutions, f: impl FnOnce() -> T) -> (T, Substitutions) {
    struct Reset(Option<Substitutions>);
    impl Drop for Reset {
        fn drop(&mut self) {
            let previous = self.0.take();
            ACTIVE.with(|a| *a.borrow_mut() = previous);
        }
    }
    let previous = ACTIVE.with(|a| a.borrow_mut().replace(start));
    let reset = Reset(previous);
    let out = f();
    let subs = ACTIVE.with(|a| a.borrow_mut().take()).unwrap_or_default();
    drop(reset);
    (out, subs)
}
