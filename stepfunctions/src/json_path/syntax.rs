//! JsonPath validation for the paths Step Functions accepts.
//!
//! Step Functions takes a subset of JsonPath: paths start with `$` (the state's input), `$$`
//! (the context object) or `$name` (a workflow variable); reference paths (`ResultPath`, a
//! Choice `Variable`) may only name a single node, with `.field`, `['field']` and `[index]`
//! steps.

/// What a path field accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PathKind {
    /// Any JsonPath: wildcards, slices, filters, deep scan allowed.
    Path,
    /// A reference path: a single node, no operators.
    Reference,
}

/// Where a path starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Root {
    /// `$`: the state's input (or, in a Map's item selector, the Map's).
    Input,
    /// `$$`: the context object.
    Context,
    /// `$name`: a workflow variable ([`variable_name`] gives the name).
    Variable,
}

/// The root of a path and the rest after it, or what is wrong with the start.
pub(crate) fn root(path: &str) -> Result<(Root, &str), String> {
    if let Some(r) = path.strip_prefix("$$") {
        return Ok((Root::Context, r));
    }
    let Some(r) = path.strip_prefix('$') else {
        return Err("a path must start with `$`, `$$` or `$` and a variable name".into());
    };
    match r.chars().next() {
        Some(c) if c.is_alphabetic() || c == '_' => Ok((Root::Variable, &r[name_end(r)..])),
        _ => Ok((Root::Input, r)),
    }
}

/// The variable a path whose root is [`Root::Variable`] reads: the name after `$`.
pub(crate) fn variable_name(path: &str) -> &str {
    let name = path.strip_prefix('$').unwrap_or_default();
    &name[..name_end(name)]
}

/// Where a variable's name at the start of `text` ends: letters, digits and `_`.
fn name_end(text: &str) -> usize {
    text.char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '_'))
        .map_or(text.len(), |(i, _)| i)
}

/// Checks a path; returns what is wrong.
pub(crate) fn check(path: &str, kind: PathKind) -> Result<(), String> {
    let (_, not_reference) = scan(path)?;
    match not_reference {
        Some(why) if kind == PathKind::Reference => Err(why),
        _ => Ok(()),
    }
}

/// Reads a path once, as any JsonPath: its root and, when it names more than one node, why it
/// is not a reference path; or what is wrong with it.
pub(crate) fn scan(path: &str) -> Result<(Root, Option<String>), String> {
    let (root, rest) = root(path)?;
    let mut not_reference: Option<String> = None;
    let mut note = |why: &dyn Fn() -> String| {
        if not_reference.is_none() {
            not_reference = Some(why());
        }
    };
    let b = rest.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'.' => {
                i += 1;
                if i < b.len() && b[i] == b'.' {
                    note(&|| "a reference path cannot use `..`".into());
                    i += 1;
                }
                if i < b.len() && b[i] == b'*' {
                    note(&|| "a reference path cannot use `*`".into());
                    i += 1;
                    continue;
                }
                let start = i;
                while i < b.len() && !matches!(b[i], b'.' | b'[') {
                    if matches!(
                        b[i],
                        b']' | b'\'' | b'"' | b' ' | b'(' | b')' | b'?' | b'@' | b',' | b'*'
                    ) {
                        return Err(format!("unexpected `{}` in a field name", b[i] as char));
                    }
                    i += 1;
                }
                if i == start {
                    return Err("empty field name".into());
                }
            }
            b'[' => {
                let close = find_close(b, i).ok_or_else(|| "unclosed `[`".to_string())?;
                let inner = rest[i + 1..close].trim();
                check_bracket(inner, PathKind::Path)?;
                if !(is_quoted(inner) || inner.bytes().all(|c| c.is_ascii_digit())) {
                    note(&|| format!("a reference path cannot use `[{inner}]`"));
                }
                i = close + 1;
            }
            other => return Err(format!("unexpected `{}`", other as char)),
        }
    }
    Ok((root, not_reference))
}

fn find_close(b: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    let mut i = open;
    while i < b.len() {
        let c = b[i];
        match quote {
            Some(q) => {
                if c == b'\\' {
                    i += 1;
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                b'\'' | b'"' => quote = Some(c),
                b'[' => depth += 1,
                b']' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(i);
                    }
                }
                _ => {}
            },
        }
        i += 1;
    }
    None
}

fn is_quoted(s: &str) -> bool {
    s.len() >= 2 && ((s.starts_with('\'') && s.ends_with('\'')) || (s.starts_with('"') && s.ends_with('"')))
}

fn check_bracket(inner: &str, kind: PathKind) -> Result<(), String> {
    if inner.is_empty() {
        return Err("empty `[]`".into());
    }
    if is_quoted(inner) {
        return Ok(());
    }
    if inner.bytes().all(|c| c.is_ascii_digit()) {
        return Ok(());
    }
    if kind == PathKind::Reference {
        return Err(format!("a reference path cannot use `[{inner}]`"));
    }
    if inner == "*" {
        return Ok(());
    }
    if let Some(filter) = inner.strip_prefix('?') {
        let f = filter.trim();
        if f.starts_with('(') && f.ends_with(')') && f.len() > 2 {
            return Ok(());
        }
        return Err(format!("malformed filter `[{inner}]`"));
    }
    if inner.starts_with('(') && inner.ends_with(')') {
        return Ok(());
    }
    let is_index = |s: &str| {
        let s = s.trim();
        s.is_empty() || s.strip_prefix('-').unwrap_or(s).bytes().all(|c| c.is_ascii_digit()) && !s.ends_with('-')
    };
    if inner.contains(':') {
        let parts: Vec<&str> = inner.split(':').collect();
        if parts.len() <= 3 && parts.iter().all(|p| is_index(p)) {
            return Ok(());
        }
        return Err(format!("malformed slice `[{inner}]`"));
    }
    if inner.contains(',') {
        let ok = inner.split(',').all(|p| {
            let p = p.trim();
            is_quoted(p) || (!p.is_empty() && is_index(p))
        });
        if ok {
            return Ok(());
        }
        return Err(format!("malformed union `[{inner}]`"));
    }
    if is_index(inner) {
        return Ok(());
    }
    Err(format!("unexpected `[{inner}]`"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_common_paths() {
        for p in [
            "$",
            "$.a",
            "$.a.b",
            "$['a b']",
            "$.a[0]",
            "$.vals[3:]",
            "$.a[*].b",
            "$..b",
            "$.a[?(@.x > 1)]",
            "$$.Task.Token",
            "$$.Map.Item.Value",
            "$.error-info",
            "$[0].value",
            "$.a[-1:]",
            "$.a[0,1]",
        ] {
            assert_eq!(check(p, PathKind::Path), Ok(()), "{p}");
        }
    }

    #[test]
    fn rejects_malformed_paths() {
        for p in [
            "", "a.b", "$.a[", "$.", "$.a..", "$a b", "$.a]", "$.a[]", "$.a[?x]", "$.a b", "$1a",
        ] {
            assert!(check(p, PathKind::Path).is_err(), "{p}");
        }
    }

    #[test]
    fn variables_are_roots() {
        assert_eq!(root("$order.items[0]").unwrap(), (Root::Variable, ".items[0]"));
        assert_eq!(variable_name("$order.items[0]"), "order");
        assert_eq!(root("$_x").unwrap(), (Root::Variable, ""));
        assert_eq!(variable_name("$_x"), "_x");
        assert_eq!(root("$$.Execution.Id").unwrap(), (Root::Context, ".Execution.Id"));
        assert_eq!(root("$.a").unwrap(), (Root::Input, ".a"));
        assert_eq!(check("$order.items[0]", PathKind::Reference), Ok(()));
    }

    #[test]
    fn reference_paths_name_one_node() {
        assert_eq!(check("$.a['b'][0]", PathKind::Reference), Ok(()));
        for p in ["$.a[*]", "$..a", "$.a[1:2]", "$.a[?(@.x)]", "$.*"] {
            assert!(check(p, PathKind::Reference).is_err(), "{p}");
        }
    }
}
