//! Pretty-prints compact JSON (as `serde_json::to_vec` writes it: no whitespace) at a base depth,
//! byte for byte as `serde_json`'s pretty printer would: the definition is serialized once,
//! compact, and written into a pretty template from those bytes.

use cfn_model::JsonSink;

/// A newline followed by enough spaces for 64 levels of indentation: one copy writes both.
const NEWLINE_INDENT: &[u8; 129] = b"\n                                                                                                                                ";

#[inline(always)]
fn newline(out: &mut Vec<u8>, level: usize) {
    let width = level * 2;
    if width < 32 {
        // A fixed-size copy (inlined, no call) then a cut: cheaper than copying the exact length.
        let end = out.len() + 1 + width;
        out.extend_from_slice(&NEWLINE_INDENT[..33]);
        out.truncate(end);
    } else if width < NEWLINE_INDENT.len() {
        out.extend_from_slice(&NEWLINE_INDENT[..=width]);
    } else {
        out.push(b'\n');
        out.resize(out.len() + width, b' ');
    }
}

const ONES: u64 = u64::from_le_bytes([1; 8]);
const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);

/// The high bit of each zero byte of `v`, and possibly of bytes above the first zero byte: the
/// lowest bit set is always the first zero byte's.
#[inline]
fn zero_bytes(v: u64) -> u64 {
    v.wrapping_sub(ONES) & !v & HIGHS
}

/// The index of the first byte of `s` at or after `from` that is `a` or `b`, eight bytes at a
/// time.
#[inline]
pub(crate) fn find_either(s: &[u8], from: usize, a: u8, b: u8) -> Option<usize> {
    let (wa, wb) = (ONES * u64::from(a), ONES * u64::from(b));
    let mut i = from;
    while let Some(chunk) = s.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        let hits = zero_bytes(w ^ wa) | zero_bytes(w ^ wb);
        if hits != 0 {
            return Some(i + (hits.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    s.get(i..)?.iter().position(|&c| c == a || c == b).map(|k| i + k)
}

/// Appends `compact` to the sink, indented as `serde_json::to_writer_pretty` would write it
/// when the value starts at `depth` levels of indentation; the sink may hand its buffer on
/// between entries.
pub(crate) fn reindent(compact: &[u8], sink: &mut JsonSink<'_>, depth: usize) -> std::io::Result<()> {
    // A sink with a writer is handed on every 256 KiB: room for one piece is enough.
    sink.buffer().reserve(compact.len().min(1 << 18) * 2);
    let mut level = depth;
    let mut i = 0;
    while i < compact.len() {
        let b = compact[i];
        match b {
            b'"' => {
                // Copy the string through its closing quote, escapes included.
                let start = i;
                let mut at = i + 1;
                i = loop {
                    match find_either(compact, at, b'"', b'\\') {
                        Some(k) if compact[k] == b'\\' => at = k + 2,
                        Some(k) => break k,
                        None => break compact.len() - 1,
                    }
                };
                sink.buffer().extend_from_slice(&compact[start..=i]);
            }
            b'{' | b'[' => {
                let close = if b == b'{' { b'}' } else { b']' };
                let out = sink.buffer();
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
                let out = sink.buffer();
                newline(out, level);
                out.push(b);
            }
            b',' => {
                let out = sink.buffer();
                out.push(b',');
                newline(out, level);
                sink.flush_if_full()?;
            }
            b':' => sink.buffer().extend_from_slice(b": "),
            _ => {
                // A number or a literal: copy up to the next structural byte.
                let start = i;
                while i + 1 < compact.len() && !matches!(compact[i + 1], b',' | b'}' | b']') {
                    i += 1;
                }
                sink.buffer().extend_from_slice(&compact[start..=i]);
            }
        }
        i += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(value: serde_json::Value) {
        let compact = serde_json::to_vec(&value).unwrap();
        let mut sink = JsonSink::buffered();
        reindent(&compact, &mut sink, 0).unwrap();
        assert_eq!(
            String::from_utf8(std::mem::take(sink.buffer())).unwrap(),
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
    fn finds_the_first_of_two_bytes_at_every_offset() {
        // Every position in and across the eight-byte words, with decoys above the first hit.
        for len in 0..40 {
            for hit in 0..len {
                for from in 0..=hit {
                    let mut s = vec![b'x'; len];
                    s[hit] = if hit % 2 == 0 { b'"' } else { b'\\' };
                    for d in s.iter_mut().skip(hit + 1).step_by(3) {
                        *d = b'"';
                    }
                    assert_eq!(
                        find_either(&s, from, b'"', b'\\'),
                        Some(hit),
                        "len {len} hit {hit} from {from}"
                    );
                }
            }
            let s = vec![0x80u8 | b'"'; len];
            assert_eq!(find_either(&s, 0, b'"', b'\\'), None);
        }
        assert_eq!(find_either(b"ab", 5, b'a', b'b'), None);
    }

    #[test]
    fn indents_deeper_than_the_prepared_spaces() {
        let value = (0..70).fold(serde_json::json!(1), |v, _| serde_json::json!([v, 2]));
        check(value);
    }

    #[test]
    fn indents_from_a_base_depth() {
        let compact = br#"{"a":[1]}"#;
        let mut sink = JsonSink::buffered();
        reindent(compact, &mut sink, 2).unwrap();
        assert_eq!(
            String::from_utf8(std::mem::take(sink.buffer())).unwrap(),
            "{\n      \"a\": [\n        1\n      ]\n    }"
        );
    }

    #[test]
    fn hands_a_large_value_on_in_pieces() {
        // A writer that records the size of each write: a 2 MB value goes out in pieces, and
        // the pieces join into the pretty JSON.
        struct Pieces(Vec<Vec<u8>>);
        impl std::io::Write for Pieces {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                self.0.push(buf.to_vec());
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let value: serde_json::Value = (0..40_000)
            .map(|i| serde_json::json!({"n": i, "s": format!("item \\ \" {i}")}))
            .collect();
        let compact = serde_json::to_vec(&value).unwrap();
        let mut pieces = Pieces(Vec::new());
        let mut sink = JsonSink::to_writer(&mut pieces);
        reindent(&compact, &mut sink, 0).unwrap();
        let total = sink.finish().unwrap();
        assert!(pieces.0.len() > 4, "{} pieces", pieces.0.len());
        assert!(pieces.0.iter().all(|p| p.len() < 512 * 1024));
        let joined = pieces.0.concat();
        assert_eq!(total, joined.len());
        assert_eq!(
            String::from_utf8(joined).unwrap(),
            serde_json::to_string_pretty(&value).unwrap()
        );
    }
}
