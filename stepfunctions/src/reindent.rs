//! Pretty-prints compact JSON (as `serde_json::to_vec` writes it: no whitespace) at a base depth,
//! byte for byte as `serde_json`'s pretty printer would: the definition is serialized once,
//! compact, and written into a pretty template from those bytes.

const SPACES: &[u8; 64] = b"                                                                ";

fn newline(out: &mut Vec<u8>, level: usize) {
    out.push(b'\n');
    let mut left = level * 2;
    while left > 0 {
        let n = left.min(SPACES.len());
        out.extend_from_slice(&SPACES[..n]);
        left -= n;
    }
}

/// Appends `compact` to `out`, indented as `serde_json::to_writer_pretty` would write it when the
/// value starts at `depth` levels of indentation.
pub(crate) fn reindent(compact: &[u8], out: &mut Vec<u8>, depth: usize) {
    out.reserve(compact.len() + compact.len() / 2);
    let mut level = depth;
    let mut i = 0;
    while i < compact.len() {
        let b = compact[i];
        match b {
            b'"' => {
                // Copy the string through its closing quote, escapes included.
                let start = i;
                i += 1;
                loop {
                    match compact[i..].iter().position(|&c| c == b'"' || c == b'\\') {
                        Some(k) if compact[i + k] == b'\\' => i += k + 2,
                        Some(k) => {
                            i += k;
                            break;
                        }
                        None => {
                            i = compact.len() - 1;
                            break;
                        }
                    }
                }
                out.extend_from_slice(&compact[start..=i]);
            }
            b'{' | b'[' => {
                let close = if b == b'{' { b'}' } else { b']' };
                if compact.get(i + 1) == Some(&close) {
                    out.push(b);
                    out.push(close);
                    i += 1;
                } else {
                    level += 1;
                    out.push(b);
                    newline(out, level);
                }
            }
            b'}' | b']' => {
                level -= 1;
                newline(out, level);
                out.push(b);
            }
            b',' => {
                out.push(b',');
                newline(out, level);
            }
            b':' => out.extend_from_slice(b": "),
            _ => {
                // A number or a literal: copy up to the next structural byte.
                let start = i;
                while i + 1 < compact.len() && !matches!(compact[i + 1], b',' | b'}' | b']') {
                    i += 1;
                }
                out.extend_from_slice(&compact[start..=i]);
            }
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(value: serde_json::Value) {
        let compact = serde_json::to_vec(&value).unwrap();
        let mut out = Vec::new();
        reindent(&compact, &mut out, 0);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            serde_json::to_string_pretty(&value).unwrap()
        );
    }

    #[test]
    fn matches_serde_json_pretty_output() {
        check(serde_json::json!({
            "a": [1, 2.5, -3e-7, true, false, null, "x"],
            "empty": {}, "none": [],
            "nested": {"s": "quote \" backslash \\ brace { colon : comma ,", "u": "é\u{1F600}\n"},
            "list": [{"k": [[]]}, {}]
        }));
        check(serde_json::json!("just a string"));
        check(serde_json::json!([]));
    }

    #[test]
    fn indents_from_a_base_depth() {
        let compact = br#"{"a":[1]}"#;
        let mut out = Vec::new();
        reindent(compact, &mut out, 2);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\n      \"a\": [\n        1\n      ]\n    }"
        );
    }
}
