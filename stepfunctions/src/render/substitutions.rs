//! CloudFormation expressions inside the ASL.
//!
//! The definition is written as a JSON object (`Definition`); strings that hold CloudFormation
//! expressions (the partition in a Resource ARN, a function ARN from `Fn::GetAtt`) are written
//! with `${Key}` placeholders, and the keys map to the expressions in `DefinitionSubstitutions`.
//! The keys are readable (`${AWS::Partition}` becomes `${Partition}`, `Fn::GetAtt [Fn, Arn]`
//! becomes `${FnArn}`) and assigned in order of first use, so the output is deterministic.

use std::collections::{HashMap, HashSet};

use cfn_model::{Expr, ListExpr};
use indexmap::IndexMap;

/// Placeholder keys and the expressions they stand for, in order of first use.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Substitutions {
    by_expr: IndexMap<Expr, String>,
    user: IndexMap<String, Expr>,
    placeholders: usize,
    /// The generated keys, and the next number to try after each base: finding a free key
    /// stays constant-time however many keys there are.
    taken: HashSet<String>,
    next_suffix: HashMap<String, usize>,
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
            placeholders: 0,
            taken: HashSet::new(),
            next_suffix: HashMap::new(),
        }
    }

    /// How many placeholders the generated keys wrote.
    pub(crate) fn placeholder_count(&self) -> usize {
        self.placeholders
    }

    /// Whether the definition needs no substitution (it is plain ASL).
    ///
    /// ```
    /// assert!(stepfunctions::Substitutions::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.by_expr.is_empty() && self.user.is_empty()
    }

    /// The key of a placeholder written for `expr`, counted.
    pub(crate) fn placeholder(&mut self, expr: &Expr) -> &str {
        self.placeholders += 1;
        self.key_for(expr)
    }

    fn key_for(&mut self, expr: &Expr) -> &str {
        if let Some(i) = self.by_expr.get_index_of(expr) {
            return &self.by_expr[i];
        }
        let base = match expr {
            Expr::Ref(name) => name.strip_prefix("AWS::").unwrap_or(name).to_owned(),
            Expr::Literal(_) => "Text".to_owned(),
            other => {
                let mut key = String::new();
                words(other, &mut key);
                key
            }
        };
        let mut base: String = base.chars().filter(char::is_ascii_alphanumeric).collect();
        base.truncate(64);
        let base = if base.is_empty() { "Value".to_owned() } else { base };
        let mut key = base.clone();
        if self.user.contains_key(&key) || self.taken.contains(&key) {
            let n = self.next_suffix.entry(base.clone()).or_insert(2);
            loop {
                key = format!("{base}{n}");
                *n += 1;
                if !self.user.contains_key(&key) && !self.taken.contains(&key) {
                    break;
                }
            }
        }
        self.taken.insert(key.clone());
        let (i, _) = self.by_expr.insert_full(expr.clone(), key);
        &self.by_expr[i]
    }
}

/// The words of what an expression stands for, for its key: the words of literal text (without
/// the `arn`/`aws` noise), logical ids and attributes, parameter names, and `Part<n>` for a value
/// that is a part selected out of a list. Pseudo parameters inside a longer value add nothing,
/// and a source named twice in a row is named once: `arn:${AWS::Partition}:states:::lambda:invoke`
/// gives `StatesLambdaInvoke`, the family of a task definition (a part of a part of its ARN)
/// `TDPart1`, a queue URL assembled from parts of the queue's ARN `HttpsSqsQueueArn`.
fn words(expr: &Expr, key: &mut String) {
    match expr {
        Expr::Select(index, list) => {
            list_words(list, key);
            key.push_str("Part");
            key.push_str(&index.to_string());
        }
        other => part_words(other, key),
    }
}

/// [`words`] of an expression inside another: a selected part names its source only.
fn part_words(expr: &Expr, key: &mut String) {
    let start = key.len();
    match expr {
        Expr::Literal(text) => {
            for word in text.split(|c: char| !c.is_ascii_alphanumeric()) {
                if word.is_empty() || word == "arn" || word == "aws" {
                    continue;
                }
                let mut chars = word.chars();
                if let Some(first) = chars.next() {
                    key.push(first.to_ascii_uppercase());
                    key.extend(chars);
                }
            }
        }
        Expr::Ref(name) if name.starts_with("AWS::") => {}
        Expr::Ref(name) => key.push_str(name),
        Expr::GetAtt(id, attr) => {
            key.push_str(id);
            key.push_str(attr);
        }
        Expr::Join(_, parts) | Expr::Concat(parts) => parts.iter().for_each(|p| part_words(p, key)),
        Expr::JoinList(_, list) => list_words(list, key),
        Expr::Select(_, list) => list_words(list, key),
        Expr::ImportValue(name) => {
            key.push_str("Import");
            part_words(name, key);
        }
    }
    // A source named twice in a row (parts of one ARN) is named once.
    let added = key.len() - start;
    if added > 0 && start >= added && key.as_bytes()[start - added..start] == key.as_bytes()[start..] {
        key.truncate(start);
    }
}

fn list_words(list: &ListExpr, key: &mut String) {
    match list {
        ListExpr::List(items) => items.iter().for_each(|i| part_words(i, key)),
        ListExpr::Split(_, source) => part_words(source, key),
        ListExpr::Ref(name) => key.push_str(name),
        ListExpr::GetAtt(id, attr) => {
            key.push_str(id);
            key.push_str(attr);
        }
        ListExpr::GetAzs(_) => key.push_str("Azs"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_avoid_the_users_and_each_other_in_order() {
        let user = IndexMap::from([
            ("Text".to_owned(), Expr::lit("mine")),
            ("Text3".to_owned(), Expr::lit("also mine")),
        ]);
        let mut subs = Substitutions::with_user(user);
        let keys: Vec<String> = ["${a}", "${b}", "${c}", "${a}"]
            .into_iter()
            .map(|text| subs.key_for(&Expr::lit(text)).to_owned())
            .collect();
        // `Text` and `Text3` are the user's; the same expression gets the same key again.
        assert_eq!(keys, ["Text2", "Text4", "Text5", "Text2"]);
        assert_eq!(subs.key_for(&Expr::reference("AWS::Partition")), "Partition");
        assert_eq!(subs.key_for(&Expr::get_att("Fn", "Arn")), "FnArn");
        let family = Expr::Select(
            1,
            Box::new(ListExpr::split(
                "/",
                Expr::Select(5, Box::new(ListExpr::split(":", Expr::reference("TD")))),
            )),
        );
        assert_eq!(subs.key_for(&family), "TDPart1");
        assert_eq!(
            subs.key_for(&Expr::ImportValue(Box::new(Expr::lit("shared-queue-url")))),
            "ImportSharedQueueUrl"
        );
        assert_eq!(
            subs.iter().map(|(k, _)| k).collect::<Vec<_>>(),
            [
                "Text",
                "Text3",
                "Text2",
                "Text4",
                "Text5",
                "Partition",
                "FnArn",
                "TDPart1",
                "ImportSharedQueueUrl"
            ]
        );
    }
}
