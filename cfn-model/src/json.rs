//! Writes templates as JSON straight from the typed model: the template's skeleton here, the
//! values inside through `serde_json` (monomorphic, so a large custom value such as a state
//! machine definition is written with no dynamic dispatch and no intermediate tree). The output
//! is byte for byte what `serde_json::to_string_pretty` / `to_string` would write.

use std::io;

use serde::Serialize;

use crate::template::{Resource, Template};
use crate::value::Value;

/// How much the buffer holds before [`JsonSink::flush_if_full`] hands it on.
const FLUSH_AT: usize = 256 * 1024;

/// Where the template writer puts JSON: a buffer that, when the sink has a writer (a file,
/// standard output), is handed on as it fills, so that a large template is never held whole
/// in memory. A [`CustomValue`](crate::CustomValue) appends to [`buffer`](JsonSink::buffer)
/// and may call [`flush_if_full`](JsonSink::flush_if_full) between pieces of a large value.
///
/// ```
/// use cfn_model::{Template, JsonSink};
/// let mut file = Vec::new();
/// let written = Template::new().write_json(true, &mut file).unwrap();
/// assert_eq!(written, file.len());
///
/// let mut sink = JsonSink::buffered();
/// sink.buffer().extend_from_slice(b"[]");
/// sink.flush_if_full().unwrap();
/// assert_eq!(sink.buffer().as_slice(), b"[]");
/// ```
pub struct JsonSink<'w> {
    buf: Vec<u8>,
    writer: Option<&'w mut dyn io::Write>,
    flushed: usize,
}

impl<'w> JsonSink<'w> {
    /// A sink that keeps everything in its buffer.
    ///
    /// ```
    /// assert!(cfn_model::JsonSink::buffered().buffer().is_empty());
    /// ```
    pub fn buffered() -> Self {
        JsonSink {
            buf: Vec::with_capacity(4096),
            writer: None,
            flushed: 0,
        }
    }

    /// A sink that hands its buffer to `writer` as it fills (call [`finish`](JsonSink::finish)
    /// at the end).
    ///
    /// ```
    /// let mut out = Vec::new();
    /// let mut sink = cfn_model::JsonSink::to_writer(&mut out);
    /// sink.buffer().extend_from_slice(b"{}");
    /// assert_eq!(sink.finish().unwrap(), 2);
    /// assert_eq!(out, b"{}");
    /// ```
    pub fn to_writer(writer: &'w mut dyn io::Write) -> Self {
        JsonSink {
            buf: Vec::with_capacity(FLUSH_AT + FLUSH_AT / 4),
            writer: Some(writer),
            flushed: 0,
        }
    }

    /// The buffer to append JSON to.
    ///
    /// ```
    /// let mut sink = cfn_model::JsonSink::buffered();
    /// sink.buffer().push(b'1');
    /// ```
    pub fn buffer(&mut self) -> &mut Vec<u8> {
        &mut self.buf
    }

    /// Hands the buffer to the writer once it holds 256 KiB or more; a buffered sink keeps it.
    ///
    /// ```
    /// let mut sink = cfn_model::JsonSink::buffered();
    /// sink.flush_if_full().unwrap();
    /// ```
    #[inline]
    pub fn flush_if_full(&mut self) -> io::Result<()> {
        if self.buf.len() >= FLUSH_AT {
            self.flush()?;
        }
        Ok(())
    }

    /// Appends bytes, written straight through when they are large and the sink has a writer.
    ///
    /// ```
    /// let mut sink = cfn_model::JsonSink::buffered();
    /// sink.write_bytes(b"true").unwrap();
    /// assert_eq!(sink.buffer().as_slice(), b"true");
    /// ```
    pub fn write_bytes(&mut self, bytes: &[u8]) -> io::Result<()> {
        match &mut self.writer {
            Some(w) if bytes.len() >= FLUSH_AT => {
                if !self.buf.is_empty() {
                    w.write_all(&self.buf)?;
                    self.flushed += self.buf.len();
                    self.buf.clear();
                }
                w.write_all(bytes)?;
                self.flushed += bytes.len();
                Ok(())
            }
            _ => {
                self.buf.extend_from_slice(bytes);
                self.flush_if_full()
            }
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        if let Some(w) = &mut self.writer {
            w.write_all(&self.buf)?;
            self.flushed += self.buf.len();
            self.buf.clear();
        }
        Ok(())
    }

    /// Writes what is left and flushes the writer; returns how many bytes were written in all.
    ///
    /// ```
    /// let mut out = Vec::new();
    /// let mut sink = cfn_model::JsonSink::to_writer(&mut out);
    /// sink.write_bytes(b"null").unwrap();
    /// assert_eq!(sink.finish().unwrap(), 4);
    /// ```
    pub fn finish(mut self) -> io::Result<usize> {
        self.flush()?;
        if let Some(w) = &mut self.writer {
            w.flush()?;
        }
        Ok(self.flushed + self.buf.len())
    }

    pub(crate) fn into_buffer(self) -> Vec<u8> {
        self.buf
    }
}

/// Indentation of pretty output: two spaces, as `serde_json`'s pretty printer.
const INDENT: &[u8] = b"  ";

/// `serde_json`'s pretty formatter, starting at a base depth, so that a value rendered alone
/// lands at its place in the enclosing document (the same bytes `serde_json` would write there).
pub(crate) struct BaseIndentFormatter {
    depth: usize,
    has_value: bool,
}

/// Spaces for up to 32 levels, written in one call.
const SPACES: &[u8; 64] = b"                                                                ";

fn indent<W: ?Sized + io::Write>(writer: &mut W, depth: usize) -> io::Result<()> {
    let mut left = depth * INDENT.len();
    while left > 0 {
        let n = left.min(SPACES.len());
        writer.write_all(&SPACES[..n])?;
        left -= n;
    }
    Ok(())
}

impl serde_json::ser::Formatter for BaseIndentFormatter {
    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(b"[")
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            writer.write_all(b"\n")?;
            indent(writer, self.depth)?;
        }
        writer.write_all(b"]")
    }

    fn begin_array_value<W: ?Sized + io::Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        writer.write_all(if first { b"\n" } else { b",\n" })?;
        indent(writer, self.depth)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(b"{")
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            writer.write_all(b"\n")?;
            indent(writer, self.depth)?;
        }
        writer.write_all(b"}")
    }

    fn begin_object_key<W: ?Sized + io::Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        writer.write_all(if first { b"\n" } else { b",\n" })?;
        indent(writer, self.depth)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Writes a serializable value at `depth` (pretty) or compact (`None`).
pub(crate) fn write_serialize<T: Serialize + ?Sized>(
    value: &T,
    out: &mut Vec<u8>,
    depth: Option<usize>,
) -> Result<(), serde_json::Error> {
    match depth {
        None => serde_json::to_writer(out, value),
        Some(depth) => {
            let formatter = BaseIndentFormatter {
                depth,
                has_value: false,
            };
            value.serialize(&mut serde_json::Serializer::with_formatter(out, formatter))
        }
    }
}

struct Json<'a, 'w> {
    sink: &'a mut JsonSink<'w>,
    pretty: bool,
}

impl Json<'_, '_> {
    fn out(&mut self) -> &mut Vec<u8> {
        &mut self.sink.buf
    }

    fn newline(&mut self, depth: usize) {
        if self.pretty {
            self.sink.buf.push(b'\n');
            let _ = indent(&mut self.sink.buf, depth);
        }
    }

    fn flush_if_full(&mut self) -> Result<(), serde_json::Error> {
        self.sink.flush_if_full().map_err(serde_json::Error::io)
    }

    fn depth(&self, depth: usize) -> Option<usize> {
        self.pretty.then_some(depth)
    }

    /// Writes `{ "k": v, ... }` with `entry` writing each value.
    fn object<K: AsRef<str>, V>(
        &mut self,
        entries: impl IntoIterator<Item = (K, V)>,
        depth: usize,
        mut entry: impl FnMut(&mut Self, V, usize) -> Result<(), serde_json::Error>,
    ) -> Result<(), serde_json::Error> {
        self.out().push(b'{');
        let mut empty = true;
        for (k, v) in entries {
            if !empty {
                self.out().push(b',');
            }
            empty = false;
            self.newline(depth + 1);
            serde_json::to_writer(&mut *self.out(), k.as_ref())?;
            let separator: &[u8] = if self.pretty { b": " } else { b":" };
            self.out().extend_from_slice(separator);
            entry(self, v, depth + 1)?;
            self.flush_if_full()?;
        }
        if !empty {
            self.newline(depth);
        }
        self.out().push(b'}');
        Ok(())
    }

    fn value(&mut self, value: &Value, depth: usize) -> Result<(), serde_json::Error> {
        match value {
            Value::List(items) => {
                self.out().push(b'[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.out().push(b',');
                    }
                    self.newline(depth + 1);
                    self.value(item, depth + 1)?;
                    self.flush_if_full()?;
                }
                if !items.is_empty() {
                    self.newline(depth);
                }
                self.out().push(b']');
                Ok(())
            }
            Value::Map(map) => self.object(map.iter(), depth, |w, v, d| w.value(v, d)),
            Value::Custom(custom) => {
                let depth = self.depth(depth);
                custom.write_json(self.sink, depth)
            }
            other => {
                let depth = self.depth(depth);
                write_serialize(other, self.out(), depth)
            }
        }
    }

    fn resource(&mut self, resource: &Resource, depth: usize) -> Result<(), serde_json::Error> {
        enum Field<'a> {
            Str(&'a str),
            Properties,
            Other(&'a dyn erased::Field),
        }
        let mut fields: Vec<(&str, Field<'_>)> = vec![("Type", Field::Str(resource.resource_type()))];
        if let Some(c) = resource.condition_id() {
            fields.push(("Condition", Field::Str(c.as_str())));
        }
        if !resource.properties().is_empty() {
            fields.push(("Properties", Field::Properties));
        }
        let depends = resource.depends_on_ids();
        if !depends.is_empty() {
            fields.push(("DependsOn", Field::Other(&depends)));
        }
        let update = resource.update_replace_policy_value();
        if let Some(p) = &update {
            fields.push(("UpdateReplacePolicy", Field::Other(p)));
        }
        let deletion = resource.deletion_policy_value();
        if let Some(p) = &deletion {
            fields.push(("DeletionPolicy", Field::Other(p)));
        }
        self.object(fields, depth, |w, field, d| {
            let depth = w.depth(d);
            match field {
                Field::Str(s) => write_serialize(s, w.out(), depth),
                Field::Properties => w.object(resource.properties().iter(), d, |w, v, d| w.value(v, d)),
                Field::Other(f) => f.write(w.out(), depth),
            }
        })
    }
}

/// A few small typed fields written through `serde_json`.
mod erased {
    use serde::Serialize;

    pub(super) trait Field {
        fn write(&self, out: &mut Vec<u8>, depth: Option<usize>) -> Result<(), serde_json::Error>;
    }

    impl<T: Serialize> Field for T {
        fn write(&self, out: &mut Vec<u8>, depth: Option<usize>) -> Result<(), serde_json::Error> {
            super::write_serialize(self, out, depth)
        }
    }
}

/// Writes a template, pretty or compact, into a sink.
pub(crate) fn write_template(
    template: &Template,
    pretty: bool,
    sink: &mut JsonSink<'_>,
) -> Result<(), serde_json::Error> {
    let mut w = Json { sink, pretty };
    enum Section<'a> {
        Version,
        Description(&'a str),
        Serialized(&'a dyn erased::Field),
        Resources,
    }
    let mut sections: Vec<(&str, Section<'_>)> = vec![("AWSTemplateFormatVersion", Section::Version)];
    if let Some(d) = template.description_text() {
        sections.push(("Description", Section::Description(d)));
    }
    if !template.parameters_map().is_empty() {
        sections.push(("Parameters", Section::Serialized(template.parameters_map())));
    }
    if !template.conditions_map().is_empty() {
        sections.push(("Conditions", Section::Serialized(template.conditions_map())));
    }
    sections.push(("Resources", Section::Resources));
    if !template.outputs_map().is_empty() {
        sections.push(("Outputs", Section::Serialized(template.outputs_map())));
    }
    w.object(sections, 0, |w, section, d| {
        let depth = w.depth(d);
        match section {
            Section::Version => write_serialize("2010-09-09", w.out(), depth),
            Section::Description(text) => write_serialize(text, w.out(), depth),
            Section::Serialized(s) => s.write(w.out(), depth),
            Section::Resources => w.object(template.resources().iter(), d, |w, r, d| w.resource(r, d)),
        }
    })
}

#[cfg(test)]
mod tests {
    use indexmap::IndexMap;

    use crate::iam::Role;
    use crate::{CfnCondition, DeletionPolicy, Expr, LogicalId, Output, Parameter, Resource, Template, Value};

    #[derive(Debug, serde::Serialize)]
    struct Nested {
        list: Vec<IndexMap<&'static str, Vec<u8>>>,
        empty: IndexMap<String, String>,
        text: &'static str,
    }

    fn template() -> Template {
        let mut t = Template::new().description("every section");
        t.add_parameter(
            "P",
            Parameter::string().default_value("x".into()).allowed_values(["x", "y"]),
        )
        .unwrap();
        t.add_condition("C", CfnCondition::equals(Expr::reference("P"), "x"))
            .unwrap();
        t.add_resource("Role", Role::for_service("states.amazonaws.com").into_resource())
            .unwrap();
        let custom = Nested {
            list: vec![IndexMap::from([("a", vec![1, 2])]), IndexMap::new()],
            empty: IndexMap::new(),
            text: "line\nbreak",
        };
        t.add_resource(
            "Thing",
            Resource::new("AWS::X::Y")
                .property("Custom", Value::custom(custom))
                .property("Empty", Value::map(Vec::<(String, Value)>::new()))
                .property(
                    "List",
                    Value::list([
                        Value::from(Expr::sub("a${B}")),
                        Value::Null,
                        Value::Bool(true),
                        Value::from(3),
                    ]),
                )
                .depends_on(LogicalId::from_construct_id("Role").unwrap())
                .condition(LogicalId::from_construct_id("C").unwrap())
                .removal_policy(DeletionPolicy::Retain),
        )
        .unwrap();
        t.add_output("O", Output::new(Expr::get_att("Role", "Arn")).export_name("E"))
            .unwrap();
        t
    }

    #[test]
    fn the_writer_matches_serde_json_byte_for_byte() {
        let t = template();
        let mut expected = serde_json::to_string_pretty(&t).unwrap();
        expected.push('\n');
        assert_eq!(t.to_json_pretty().unwrap(), expected);
        assert_eq!(t.to_json_compact().unwrap(), serde_json::to_string(&t).unwrap());
    }

    #[test]
    fn writing_to_a_writer_gives_the_same_bytes() {
        // Enough resources that the writer gets the template in several pieces.
        let mut t = template();
        for i in 0..6_000 {
            t.add_resource(
                &format!("Role{i}"),
                Role::for_service("states.amazonaws.com").into_resource(),
            )
            .unwrap();
        }
        for pretty in [true, false] {
            let expected = if pretty {
                t.to_json_pretty()
            } else {
                t.to_json_compact()
            }
            .unwrap();
            assert!(expected.len() > 3 * super::FLUSH_AT);
            let mut out = Vec::new();
            let n = t.write_json(pretty, &mut out).unwrap();
            assert_eq!(n, expected.len());
            assert_eq!(String::from_utf8(out).unwrap(), expected);
        }
    }

    #[test]
    fn an_empty_template_matches_too() {
        let t = Template::new();
        assert_eq!(t.to_json_compact().unwrap(), serde_json::to_string(&t).unwrap());
        assert_eq!(
            t.to_json_pretty().unwrap(),
            serde_json::to_string_pretty(&t).unwrap() + "\n"
        );
    }
}
