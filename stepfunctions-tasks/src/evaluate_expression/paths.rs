//! The state paths of an expression, found as aws-cdk-lib 2.276.0 finds them
//! (`private/evaluate-expression-paths.ts`): the pattern `\$[.\[][.a-zA-Z[\]0-9-_]+`, and a
//! scan of the JavaScript literals that tells a path used as code from one written as text.

/// Whether `c` may follow `$.` / `$[` in a path: `[.a-zA-Z[\]0-9-_]`.
fn path_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'.' | b'[' | b']' | b'-' | b'_')
}

/// Every match of the path pattern, left to right, as `(byte offset, path)`.
pub(super) fn matches(expression: &str) -> Vec<(usize, &str)> {
    let bytes = expression.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] == b'$' && matches!(bytes.get(i + 1), Some(b'.' | b'[')) {
            let end = (i + 2..bytes.len())
                .find(|&j| !path_char(bytes[j]))
                .unwrap_or(bytes.len());
            if end > i + 2 {
                out.push((i, &expression[i..end]));
                i = end;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// The distinct paths, in order of first appearance.
pub(super) fn distinct(expression: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for (_, path) in matches(expression) {
        if !out.contains(&path) {
            out.push(path);
        }
    }
    out
}

/// Where a character of the expression stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Literal {
    /// Inside a `'...'` or `"..."` string.
    PlainString,
    /// In the text of a `` `...` `` template literal, outside `${...}`.
    TemplateText,
}

#[derive(Debug, Clone, Copy)]
enum Frame {
    Code { braces: usize },
    Interpolation { braces: usize },
    Quote(u8),
    Template,
    Regex,
}

/// Paths written as literal text inside a string or template literal (where the function
/// does not resolve them), each with the kind of literal; distinct, in order.
pub(super) fn inside_literals(expression: &str) -> Vec<(&str, Literal)> {
    let bytes = expression.as_bytes();
    let mut context: Vec<Option<Literal>> = vec![None; bytes.len() + 1];
    let mut stack = vec![Frame::Code { braces: 0 }];
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let top = stack.len() - 1;
        match stack[top] {
            Frame::Quote(closer) => {
                context[i] = Some(Literal::PlainString);
                if c == b'\\' {
                    context[i + 1] = Some(Literal::PlainString);
                    i += 2;
                    continue;
                }
                if c == closer {
                    stack.pop();
                }
            }
            Frame::Regex => {
                if c == b'\\' {
                    i += 2;
                    continue;
                }
                if c == b'/' {
                    stack.pop();
                }
            }
            Frame::Template => {
                if c == b'\\' {
                    context[i] = Some(Literal::TemplateText);
                    context[i + 1] = Some(Literal::TemplateText);
                    i += 2;
                    continue;
                }
                if c == b'`' {
                    stack.pop();
                } else if c == b'$' && bytes.get(i + 1) == Some(&b'{') {
                    stack.push(Frame::Interpolation { braces: 0 });
                    i += 2;
                    continue;
                } else {
                    context[i] = Some(Literal::TemplateText);
                }
            }
            Frame::Code { braces } | Frame::Interpolation { braces } => match c {
                b'\'' | b'"' => stack.push(Frame::Quote(c)),
                b'`' => stack.push(Frame::Template),
                b'/' if starts_regex(bytes, i) => stack.push(Frame::Regex),
                b'{' => set_braces(&mut stack[top], braces + 1),
                b'}' => {
                    if matches!(stack[top], Frame::Interpolation { braces: 0 }) {
                        stack.pop();
                    } else if braces > 0 {
                        set_braces(&mut stack[top], braces - 1);
                    }
                }
                _ => {}
            },
        }
        i += 1;
    }
    let mut out: Vec<(&str, Literal)> = Vec::new();
    for (at, path) in matches(expression) {
        if let Some(kind) = context[at] {
            if !out.contains(&(path, kind)) {
                out.push((path, kind));
            }
        }
    }
    out
}

fn set_braces(frame: &mut Frame, n: usize) {
    match frame {
        Frame::Code { braces } | Frame::Interpolation { braces } => *braces = n,
        _ => {}
    }
}

/// A `/` starts a regex literal unless what precedes it (spaces aside) can end a value.
fn starts_regex(bytes: &[u8], slash: usize) -> bool {
    match bytes[..slash].iter().rev().find(|b| !b.is_ascii_whitespace()) {
        None => true,
        Some(&b) => !(b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$' | b')' | b']')),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_paths_as_cdk_does() {
        assert_eq!(distinct("$.a + $.b"), ["$.a", "$.b"]);
        assert_eq!(distinct("$.a + $.a"), ["$.a"]);
        assert_eq!(distinct("$.items[0].price * 2"), ["$.items[0].price"]);
        assert_eq!(
            distinct("$['a'] + 1"),
            Vec::<&str>::new(),
            "a quote ends the pattern right away"
        );
        assert_eq!(distinct("`Now waiting ${$.waitSeconds} seconds...`"), ["$.waitSeconds"]);
        assert_eq!(distinct("$.waitMilliseconds / 1000"), ["$.waitMilliseconds"]);
        assert_eq!(distinct("2 + 2"), Vec::<&str>::new());
        assert_eq!(matches("$$.Execution.Id"), [(1, "$.Execution.Id")]);
    }

    #[test]
    fn tells_code_from_literal_text() {
        let none: Vec<(&str, Literal)> = Vec::new();
        for code in [
            "$.a + $.b",
            "JSON.parse($.body)",
            "`year=${$.year}`",
            "$.first + ' ' + $.last",
            "'just a literal'",
            "$.a / $.b",
            "/re/.test($.a)",
            "$.a.match(/re/)",
            "/x$.y/.test($.z)",
            "/'\"`/.test($.a)",
            "/a\\/b/.test($.a)",
            "`a${`b ${$.c}`}`",
            "`${ {a:1}+$.b }`",
            "2 + 2",
        ] {
            assert_eq!(inside_literals(code), none, "{code}");
        }
        for (expression, path) in [
            ("'year=$.year'", "$.year"),
            ("\"hello $.user\"", "$.user"),
            ("JSON.parse('$.arr')", "$.arr"),
            ("\"key='$.a'\"", "$.a"),
            ("'it\\'s $.a'", "$.a"),
            ("/re/.test('$.a')", "$.a"),
        ] {
            assert_eq!(
                inside_literals(expression),
                [(path, Literal::PlainString)],
                "{expression}"
            );
        }
        assert_eq!(inside_literals("`total: $.n`"), [("$.n", Literal::TemplateText)]);
        assert_eq!(
            inside_literals("JSON.parse('$.a').concat('$.b')"),
            [("$.a", Literal::PlainString), ("$.b", Literal::PlainString)]
        );
    }
}
