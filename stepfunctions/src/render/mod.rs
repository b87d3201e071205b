//! The render pass: the [definition model](crate::model) written as Amazon States Language.
//!
//! This is the only place that decides how a value is spelled in the ASL: `Key.$` for a field
//! whose value is a path or an intrinsic function, the `...Path` forms of Fail and Wait fields,
//! `Parameters` for a task's input, and how a CloudFormation expression inside a string is
//! written. Everything it needs to decide comes from an explicit [`RenderContext`]: a value
//! renders the same wherever it is rendered from with the same context.
//!
//! A context either collects [`Substitutions`] (each CloudFormation expression becomes a
//! `${Key}` placeholder, the keys go to `DefinitionSubstitutions`: what
//! [`StateMachine`](crate::StateMachine) uses) or is [plain](RenderContext::plain) (expressions
//! are written in `Fn::Sub` text form, `${AWS::Partition}`: what `serde_json` gives for the
//! model's values, for reading and tests).
//!
//! Rendering writes straight from the typed model into the serializer: no intermediate JSON
//! tree.
//!
//! ```
//! use cfn_model::Expr;
//! use stepfunctions::render::RenderContext;
//! use stepfunctions::Payload;
//!
//! let p = Payload::from_object([("FunctionName", Expr::get_att("Fn", "Arn").into())]);
//! let plain = RenderContext::plain().to_json(&p).unwrap();
//! assert_eq!(String::from_utf8(plain).unwrap(), r#"{"FunctionName":"${Fn.Arn}"}"#);
//!
//! let cx = RenderContext::with_substitutions(Default::default());
//! let collected = cx.to_json(&p).unwrap();
//! assert_eq!(String::from_utf8(collected).unwrap(), r#"{"FunctionName":"${FnArn}"}"#);
//! assert_eq!(cx.into_substitutions().iter().next().unwrap().0, "FnArn");
//! ```

pub(crate) mod reindent;
mod substitutions;

use std::cell::{Cell, RefCell};

use cfn_model::Expr;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

pub use substitutions::Substitutions;

use crate::model::{
    strip_delimiters, Amount, Catcher, Comparison, Condition, Credentials, Definition, Distributed, Graph, Intrinsic,
    ItemBatcher, ItemReader, Jsonata, NullablePath, Operand, Payload, QueryLanguage, ReaderConfig, ResultWriter, Retry,
    State, StateKind, Timeout, WaitTime,
};

/// What a render depends on: whether CloudFormation expressions become `${Key}` placeholders
/// (and which keys are taken), or are written in `Fn::Sub` text form; and the query language of
/// the definition and of the state being rendered (JSONPath unless told otherwise, see
/// [`in_language`](Self::in_language)).
///
/// ```
/// use stepfunctions::render::RenderContext;
/// let cx = RenderContext::plain();
/// assert_eq!(cx.to_json(&stepfunctions::Payload::from("x")).unwrap(), b"\"x\"");
/// ```
#[derive(Debug)]
pub struct RenderContext {
    substitutions: Option<RefCell<Substitutions>>,
    /// The definition's language: what a state that sets none is in.
    top: Cell<QueryLanguage>,
    /// The language of the state being rendered.
    language: Cell<QueryLanguage>,
}

impl RenderContext {
    /// A context that writes CloudFormation expressions in `Fn::Sub` text form
    /// (`arn:${AWS::Partition}:states:::lambda:invoke`): readable, and what the model's `Serialize`
    /// implementations use.
    ///
    /// ```
    /// let cx = stepfunctions::render::RenderContext::plain();
    /// ```
    pub fn plain() -> Self {
        RenderContext {
            substitutions: None,
            top: Cell::new(QueryLanguage::JsonPath),
            language: Cell::new(QueryLanguage::JsonPath),
        }
    }

    /// A context that writes each CloudFormation expression as a `${Key}` placeholder, giving
    /// out keys after those `start` holds (the user's own keys are never reused).
    ///
    /// ```
    /// let cx = stepfunctions::render::RenderContext::with_substitutions(Default::default());
    /// assert!(cx.into_substitutions().is_empty());
    /// ```
    pub fn with_substitutions(start: Substitutions) -> Self {
        RenderContext {
            substitutions: Some(RefCell::new(start)),
            top: Cell::new(QueryLanguage::JsonPath),
            language: Cell::new(QueryLanguage::JsonPath),
        }
    }

    /// This context, rendering values as a state in `language` writes them (a definition
    /// rendered with it sets its own): a path inside a JSONata payload is written as its
    /// JSONata equivalent, a key never takes `.$`.
    ///
    /// ```
    /// use stepfunctions::model::QueryLanguage;
    /// use stepfunctions::render::RenderContext;
    /// use stepfunctions::{JsonPath, Payload};
    /// let cx = RenderContext::plain().in_language(QueryLanguage::Jsonata);
    /// let p = Payload::from_object([("id", JsonPath::string_at("$.order.id"))]);
    /// assert_eq!(cx.to_json(&p).unwrap(), br#"{"id":"{% $states.input.order.id %}"}"#);
    /// ```
    #[must_use]
    pub fn in_language(self, language: QueryLanguage) -> Self {
        self.top.set(language);
        self.language.set(language);
        self
    }

    /// The language values are being rendered in: the current state's.
    ///
    /// ```
    /// use stepfunctions::model::QueryLanguage;
    /// assert_eq!(stepfunctions::render::RenderContext::plain().language(), QueryLanguage::JsonPath);
    /// ```
    pub fn language(&self) -> QueryLanguage {
        self.language.get()
    }

    fn jsonata(&self) -> bool {
        self.language.get() == QueryLanguage::Jsonata
    }

    /// The substitutions the renders so far have used (empty for a plain context).
    ///
    /// ```
    /// let cx = stepfunctions::render::RenderContext::plain();
    /// assert!(cx.into_substitutions().is_empty());
    /// ```
    pub fn into_substitutions(self) -> Substitutions {
        self.substitutions.map(RefCell::into_inner).unwrap_or_default()
    }

    /// A value of the model, ready for any `serde` serializer with this context.
    ///
    /// ```
    /// use stepfunctions::render::RenderContext;
    /// let cx = RenderContext::plain();
    /// let text = serde_json::to_string(&cx.view(&stepfunctions::Condition::is_null("$.a"))).unwrap();
    /// assert_eq!(text, r#"{"Variable":"$.a","IsNull":true}"#);
    /// ```
    pub fn view<'a, T: Render + ?Sized>(&'a self, value: &'a T) -> View<'a, T> {
        View { value, cx: self }
    }

    /// A value of the model as compact JSON.
    ///
    /// ```
    /// let json = stepfunctions::render::RenderContext::plain().to_json(&stepfunctions::Retry::all()).unwrap();
    /// assert_eq!(json, br#"{"ErrorEquals":["States.ALL"]}"#);
    /// ```
    pub fn to_json<T: Render + ?Sized>(&self, value: &T) -> Result<Vec<u8>, serde_json::Error> {
        serde_json::to_vec(&self.view(value))
    }

    /// Writes an expression as ASL string content: literal text as is, anything else as a
    /// `${Key}` placeholder (collecting) or in `Fn::Sub` text form (plain).
    fn string<S: Serializer>(&self, expr: &Expr, s: S) -> Result<S::Ok, S::Error> {
        if let Some(text) = plain_text(expr) {
            return s.serialize_str(text);
        }
        match &self.substitutions {
            // The whole string is one placeholder: cfn-lint skips a `${Key}` string but checks a
            // mixed one (a Resource ARN with `${Partition}` in it fails its ARN pattern). A
            // literal holding `${` goes through a substitution too, so that CloudFormation cannot
            // read it as a placeholder.
            Some(subs) => {
                let mut subs = subs.borrow_mut();
                let key = subs.placeholder(expr);
                s.collect_str(&format_args!("${{{key}}}"))
            }
            None => s.collect_str(&format_args!("{expr}")),
        }
    }
}

impl RenderContext {
    /// A CloudFormation list as `States.StringSplit('<items joined by commas>', ',')`: the joined
    /// items a placeholder (collecting) or `Fn::Sub` text (plain).
    /// In JSONata, `{% $split('<items>', ',') %}`.
    fn split_list<S: Serializer>(&self, list: &cfn_model::ListExpr, s: S) -> Result<S::Ok, S::Error> {
        let joined = Expr::join_list(",", list.clone());
        let (open, close) = if self.jsonata() {
            ("{% $split('", "', ',') %}")
        } else {
            ("States.StringSplit('", "', ',')")
        };
        match &self.substitutions {
            Some(subs) => {
                let mut subs = subs.borrow_mut();
                let key = subs.placeholder(&joined);
                s.collect_str(&format_args!("{open}${{{key}}}{close}"))
            }
            None => s.collect_str(&format_args!("{open}{joined}{close}")),
        }
    }
}

/// Literal text that CloudFormation cannot take for a placeholder: written as it is.
fn plain_text(expr: &Expr) -> Option<&str> {
    match expr {
        Expr::Literal(text) if !text.contains("${") => Some(text),
        _ => None,
    }
}

/// A part of the definition model that renders as ASL JSON.
///
/// ```
/// use stepfunctions::render::{Render, RenderContext};
/// fn compact<T: Render>(value: &T) -> String {
///     String::from_utf8(RenderContext::plain().to_json(value).unwrap()).unwrap()
/// }
/// assert_eq!(compact(&stepfunctions::WaitTime::seconds(3)), r#"{"Seconds":3}"#);
/// ```
pub trait Render {
    /// Writes the value into `s` as the context says.
    fn render<S: Serializer>(&self, cx: &RenderContext, s: S) -> Result<S::Ok, S::Error>;
}

/// A value with its context: what [`RenderContext::view`] gives, `Serialize` for any format.
#[derive(Debug)]
pub struct View<'a, T: ?Sized> {
    value: &'a T,
    cx: &'a RenderContext,
}

impl<T: Render + ?Sized> Serialize for View<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.render(self.cx, s)
    }
}

impl<T: Render> Render for [T] {
    fn render<S: Serializer>(&self, cx: &RenderContext, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.len()))?;
        for item in self {
            seq.serialize_element(&cx.view(item))?;
        }
        seq.end()
    }
}

impl<T: Render> Render for Vec<T> {
    fn render<S: Serializer>(&self, cx: &RenderContext, s: S) -> Result<S::Ok, S::Error> {
        self.as_slice().render(cx, s)
    }
}

/// Implements `Serialize` for model types as their render with a plain context.
macro_rules! serialize_plain {
    ($($ty:ty),*) => {$(
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                Render::render(self, &RenderContext::plain(), s)
            }
        }
    )*};
}

serialize_plain!(Payload, Intrinsic, Condition, Retry, WaitTime, Definition, Graph, State, Jsonata);

impl Render for Jsonata {
    fn render<S: Serializer>(&self, cx: &RenderContext, s: S) -> Result<S::Ok, S::Error> {
        cx.expression(self, s)
    }
}

impl RenderContext {
    /// Writes an expression as `{% ... %}`; text holding `${` goes through [`string`] (a
    /// substitution), so that CloudFormation cannot take it for a placeholder.
    fn expression<S: Serializer>(&self, e: &Jsonata, s: S) -> Result<S::Ok, S::Error> {
        if e.has_placeholder() {
            self.string(&Expr::Literal(e.to_string()), s)
        } else {
            s.collect_str(e)
        }
    }
}

impl Render for Definition {
    fn render<S: Serializer>(&self, cx: &RenderContext, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        if let Some(c) = &self.comment {
            m.serialize_entry("Comment", c)?;
        }
        let language = self.language();
        if language == QueryLanguage::Jsonata {
            m.serialize_entry("QueryLanguage", language.as_str())?;
        }
        let (top, current) = (cx.top.replace(language), cx.language.replace(language));
        m.serialize_entry("StartAt", &self.graph.start_at)?;
        m.serialize_entry("States", &States(&self.graph, cx))?;
        cx.top.set(top);
        cx.language.set(current);
        if let Some(t) = self.timeout_seconds {
            m.serialize_entry("TimeoutSeconds", &t)?;
        }
        if let Some(v) = &self.version {
            m.serialize_entry("Version", v)?;
        }
        for (k, v) in self.extra.iter() {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

impl Render for Graph {
    fn render<S: Serializer>(&self, cx: &RenderContext, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("StartAt", &self.start_at)?;
        m.serialize_entry("States", &States(self, cx))?;
        m.end()
    }
}

/// A graph's `States` object.
struct States<'a>(&'a Graph, &'a RenderContext);

impl Serialize for States<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.states.len()))?;
        for (name, state) in &self.0.states {
            m.serialize_entry(name, &self.1.view(state))?;
        }
        m.end()
    }
}

/// A Map's `ItemProcessor`: inline, or distributed with its child executions' type.
struct Processor<'a>(&'a Graph, Option<&'a Distributed>, &'a RenderContext);

impl Serialize for Processor<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Config<'a>(Option<&'a Distributed>);
        impl Serialize for Config<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(None)?;
                match self.0 {
                    None => m.serialize_entry("Mode", "INLINE")?,
                    Some(d) => {
                        m.serialize_entry("Mode", "DISTRIBUTED")?;
                        m.serialize_entry("ExecutionType", &d.execution_type)?;
                    }
                }
                m.end()
            }
        }
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("ProcessorConfig", &Config(self.1))?;
        m.serialize_entry("StartAt", &self.0.start_at)?;
        m.serialize_entry("States", &States(self.0, self.2))?;
        m.end()
    }
}

/// A number field of a Distributed Map: `Field` (a number, or an expression), or `FieldPath`.
fn write_amount<M: SerializeMap>(m: &mut M, field: &str, amount: &Amount, cx: &RenderContext) -> Result<(), M::Error> {
    match amount {
        Amount::Fixed(n) => m.serialize_entry(field, n),
        Amount::Path(p) => m.serialize_entry(&format!("{field}Path"), p),
        Amount::Expr(e) => m.serialize_entry(field, &cx.view(e)),
    }
}

/// `ItemReader`.
struct Reader<'a>(&'a ItemReader, &'a RenderContext);

impl Serialize for Reader<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Reader(r, cx) = self;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry(
            "Resource",
            &cx.view(&crate::integration_resource_arn(
                "s3",
                r.resource.api(),
                crate::IntegrationPattern::RequestResponse,
            )),
        )?;
        if !r.config.is_empty() {
            m.serialize_entry("ReaderConfig", &ReaderConfigView(&r.config, cx))?;
        }
        let field = if cx.jsonata() { "Arguments" } else { "Parameters" };
        m.serialize_entry(field, &Object(r.arguments.iter(), cx))?;
        m.end()
    }
}

struct ReaderConfigView<'a>(&'a ReaderConfig, &'a RenderContext);

impl Serialize for ReaderConfigView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let ReaderConfigView(c, cx) = self;
        let mut m = s.serialize_map(None)?;
        if let Some(t) = &c.input_type {
            m.serialize_entry("InputType", t)?;
        }
        if let Some(t) = &c.manifest_type {
            m.serialize_entry("ManifestType", t)?;
        }
        if let Some(t) = &c.transformation {
            m.serialize_entry("Transformation", t)?;
        }
        if let Some(h) = &c.csv_header_location {
            m.serialize_entry("CSVHeaderLocation", h)?;
        }
        if !c.csv_headers.is_empty() {
            m.serialize_entry("CSVHeaders", &c.csv_headers)?;
        }
        if let Some(d) = &c.csv_delimiter {
            m.serialize_entry("CSVDelimiter", d)?;
        }
        if let Some(p) = &c.items_pointer {
            m.serialize_entry("ItemsPointer", p)?;
        }
        if let Some(n) = &c.max_items {
            write_amount(&mut m, "MaxItems", n, cx)?;
        }
        m.end()
    }
}

/// `ItemBatcher`.
struct Batcher<'a>(&'a ItemBatcher, &'a RenderContext);

impl Serialize for Batcher<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Batcher(b, cx) = self;
        let mut m = s.serialize_map(None)?;
        if let Some(n) = &b.max_items_per_batch {
            write_amount(&mut m, "MaxItemsPerBatch", n, cx)?;
        }
        if let Some(n) = &b.max_input_bytes_per_batch {
            write_amount(&mut m, "MaxInputBytesPerBatch", n, cx)?;
        }
        if let Some(i) = &b.batch_input {
            m.serialize_entry("BatchInput", &cx.view(i))?;
        }
        m.end()
    }
}

/// `ResultWriter`.
struct Writer<'a>(&'a ResultWriter, &'a RenderContext);

impl Serialize for Writer<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Writer(w, cx) = self;
        let mut m = s.serialize_map(None)?;
        if !w.arguments.is_empty() {
            m.serialize_entry(
                "Resource",
                &cx.view(&crate::integration_resource_arn(
                    "s3",
                    "putObject",
                    crate::IntegrationPattern::RequestResponse,
                )),
            )?;
            let field = if cx.jsonata() { "Arguments" } else { "Parameters" };
            m.serialize_entry(field, &Object(w.arguments.iter(), cx))?;
        }
        if let Some(c) = &w.writer_config {
            m.serialize_entry("WriterConfig", c)?;
        }
        m.end()
    }
}

impl Render for State {
    fn render<S: Serializer>(&self, cx: &RenderContext, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        let language = self.query_language.unwrap_or(cx.top.get());
        let outer = cx.language.replace(language);
        if let StateKind::Custom(json) = &self.kind {
            for (k, v) in json {
                if !matches!(k.as_str(), "Next" | "End" | "Retry" | "Catch") {
                    m.serialize_entry(k, v)?;
                }
            }
            for (k, v) in self.extra.iter() {
                m.serialize_entry(k, v)?;
            }
            let raw_list = |key: &str| json.get(key).and_then(|v| v.as_array()).map_or(&[][..], Vec::as_slice);
            let retry = raw_list("Retry");
            if !retry.is_empty() || !self.retry.is_empty() {
                m.serialize_entry("Retry", &Combined(retry, &self.retry, cx))?;
            }
            let catch = raw_list("Catch");
            if !catch.is_empty() || !self.catch.is_empty() {
                m.serialize_entry("Catch", &Combined(catch, &self.catch, cx))?;
            }
            if self.is_nextable() {
                write_next(&mut m, &self.next)?;
            }
            cx.language.set(outer);
            return m.end();
        }
        m.serialize_entry("Type", self.kind.label())?;
        // Written where the state's language is not the one it would take: the machine's (a
        // state nested in a Map or Parallel takes the machine's too, whatever the enclosing
        // state's: the ASL specification, QueryLanguage).
        if language != cx.top.get() {
            m.serialize_entry("QueryLanguage", language.as_str())?;
        }
        if let Some(c) = &self.comment {
            m.serialize_entry("Comment", c)?;
        }
        let jsonata = language == QueryLanguage::Jsonata;
        match &self.kind {
            StateKind::Task(task) => {
                m.serialize_entry("Resource", &cx.view(&task.resource))?;
                if let Some(t) = &task.timeout {
                    write_timeout(&mut m, t, "TimeoutSeconds", cx)?;
                }
                if let Some(t) = &task.heartbeat {
                    write_timeout(&mut m, t, "HeartbeatSeconds", cx)?;
                }
                if let Some(c) = &task.credentials {
                    m.serialize_entry("Credentials", &cx.view(c))?;
                }
            }
            StateKind::Wait(time) => write_wait(&mut m, time, cx)?,
            StateKind::Fail(fail) => {
                for (field, path_field, value) in
                    [("Error", "ErrorPath", &fail.error), ("Cause", "CausePath", &fail.cause)]
                {
                    match value {
                        Some(v) if !jsonata && v.is_json_path() => m.serialize_entry(path_field, &cx.view(v))?,
                        Some(v) => m.serialize_entry(field, &cx.view(v))?,
                        None => {}
                    }
                }
            }
            StateKind::Map(map) => {
                if let Some(p) = &map.items_path {
                    m.serialize_entry("ItemsPath", p)?;
                }
                if let Some(items) = &map.items {
                    m.serialize_entry("Items", &cx.view(items))?;
                }
                if let Some(sel) = &map.item_selector {
                    let field = if map.legacy_parameters {
                        "Parameters"
                    } else {
                        "ItemSelector"
                    };
                    m.serialize_entry(field, &cx.view(sel))?;
                }
                if let Some(n) = map.max_concurrency {
                    m.serialize_entry("MaxConcurrency", &n)?;
                }
                if let Some(e) = &map.max_concurrency_expr {
                    m.serialize_entry("MaxConcurrency", &cx.view(e))?;
                }
                if let Some(p) = &map.max_concurrency_path {
                    m.serialize_entry("MaxConcurrencyPath", p)?;
                }
                let distributed = map.distributed.as_deref();
                match &map.processor {
                    Some(g) if map.legacy_iterator && distributed.is_none() => {
                        m.serialize_entry("Iterator", &cx.view(g))?
                    }
                    Some(g) => m.serialize_entry("ItemProcessor", &Processor(g, distributed, cx))?,
                    None => {}
                }
                if let Some(d) = distributed {
                    if let Some(r) = &d.reader {
                        m.serialize_entry("ItemReader", &Reader(r, cx))?;
                    }
                    if let Some(b) = &d.batcher {
                        m.serialize_entry("ItemBatcher", &Batcher(b, cx))?;
                    }
                    if let Some(w) = &d.writer {
                        m.serialize_entry("ResultWriter", &Writer(w, cx))?;
                    }
                    if let Some(n) = &d.tolerated_failure_count {
                        write_amount(&mut m, "ToleratedFailureCount", n, cx)?;
                    }
                    if let Some(n) = &d.tolerated_failure_percentage {
                        write_amount(&mut m, "ToleratedFailurePercentage", n, cx)?;
                    }
                    if let Some(l) = &d.label {
                        m.serialize_entry("Label", l)?;
                    }
                }
            }
            StateKind::Parallel { branches } => m.serialize_entry("Branches", &cx.view(branches))?,
            StateKind::Choice { rules, default } => {
                m.serialize_entry("Choices", &Rules(rules, cx))?;
                if let Some(d) = default {
                    m.serialize_entry("Default", d)?;
                }
            }
            StateKind::Pass { .. } | StateKind::Succeed | StateKind::Custom(_) => {}
        }
        let io = &self.io;
        if let Some(p) = &io.input_path {
            m.serialize_entry("InputPath", &cx.view(p))?;
        }
        // A task's input and a Pass's or Parallel's parameters: the JSONPath `Parameters`, the
        // JSONata `Arguments`.
        let parameters = match &self.kind {
            StateKind::Task(task) => task.input.as_ref(),
            _ => io.parameters.as_ref(),
        };
        if let Some(p) = parameters {
            m.serialize_entry(if jsonata { "Arguments" } else { "Parameters" }, &cx.view(p))?;
        }
        if let StateKind::Pass { result: Some(r) } = &self.kind {
            m.serialize_entry("Result", &cx.view(r))?;
        }
        if let Some(p) = &io.result_selector {
            m.serialize_entry("ResultSelector", &cx.view(p))?;
        }
        if let Some(p) = &io.result_path {
            m.serialize_entry("ResultPath", &cx.view(p))?;
        }
        if let Some(p) = &io.output_path {
            m.serialize_entry("OutputPath", &cx.view(p))?;
        }
        write_output_assign(&mut m, &io.output, &io.assign, cx)?;
        if !self.retry.is_empty() {
            m.serialize_entry("Retry", &cx.view(&self.retry))?;
        }
        if !self.catch.is_empty() {
            m.serialize_entry("Catch", &cx.view(&self.catch))?;
        }
        for (k, v) in self.extra.iter() {
            m.serialize_entry(k, v)?;
        }
        if self.is_nextable() {
            write_next(&mut m, &self.next)?;
        }
        cx.language.set(outer);
        m.end()
    }
}

/// `Output` and `Assign`, where set.
fn write_output_assign<M: SerializeMap>(
    m: &mut M,
    output: &Option<Payload>,
    assign: &crate::model::Variables,
    cx: &RenderContext,
) -> Result<(), M::Error> {
    if let Some(o) = output {
        m.serialize_entry("Output", &cx.view(o))?;
    }
    if !assign.is_empty() {
        m.serialize_entry("Assign", &Object(assign.iter(), cx))?;
    }
    Ok(())
}

/// An object of payload values: a key takes `.$` where its value is a path or an intrinsic
/// function, in JSONPath.
struct Object<'a>(indexmap::map::Iter<'a, String, Payload>, &'a RenderContext);

impl Serialize for Object<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Object(entries, cx) = self;
        let mut m = s.serialize_map(Some(entries.len()))?;
        let jsonata = cx.jsonata();
        let mut key = String::new();
        for (k, v) in entries.clone() {
            if !jsonata && v.is_json_path() {
                key.clear();
                key.push_str(k);
                key.push_str(".$");
                m.serialize_entry(&key, &cx.view(v))?;
            } else {
                m.serialize_entry(k, &cx.view(v))?;
            }
        }
        m.end()
    }
}

fn write_next<M: SerializeMap>(m: &mut M, next: &Option<String>) -> Result<(), M::Error> {
    match next {
        Some(n) => m.serialize_entry("Next", n),
        None => m.serialize_entry("End", &true),
    }
}

/// A custom state's own `Retry` or `Catch` entries, then the typed ones.
struct Combined<'a, T>(&'a [serde_json::Value], &'a [T], &'a RenderContext);

impl<T: Render> Serialize for Combined<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len() + self.1.len()))?;
        for v in self.0 {
            seq.serialize_element(v)?;
        }
        for v in self.1 {
            seq.serialize_element(&self.2.view(v))?;
        }
        seq.end()
    }
}

/// A Choice state's `Choices`.
struct Rules<'a>(&'a [crate::model::ChoiceRule], &'a RenderContext);

impl Serialize for Rules<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Rule<'a>(&'a crate::model::ChoiceRule, &'a RenderContext);
        impl Serialize for Rule<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(None)?;
                write_condition(&mut m, &self.0.condition, self.1)?;
                m.serialize_entry("Next", &self.0.next)?;
                if let Some(c) = &self.0.comment {
                    m.serialize_entry("Comment", c)?;
                }
                write_output_assign(&mut m, &self.0.output, &self.0.assign, self.1)?;
                m.end()
            }
        }
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for rule in self.0 {
            seq.serialize_element(&Rule(rule, self.1))?;
        }
        seq.end()
    }
}

impl Render for Expr {
    fn render<S: Serializer>(&self, cx: &RenderContext, s: S) -> Result<S::Ok, S::Error> {
        cx.string(self, s)
    }
}

impl Render for NullablePath {
    fn render<S: Serializer>(&self, _cx: &RenderContext, s: S) -> Result<S::Ok, S::Error> {
        match self {
            NullablePath::Path(p) => s.serialize_str(p),
            NullablePath::Null => s.serialize_unit(),
        }
    }
}

impl Render for Payload {
    fn render<S: Serializer>(&self, cx: &RenderContext, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Payload::Null => s.serialize_unit(),
            Payload::Bool(b) => s.serialize_bool(*b),
            Payload::Number(n) => n.serialize(s),
            // A literal that reads as an expression stays a literal: a JSONata string.
            Payload::String(Expr::Literal(text)) if cx.jsonata() && strip_delimiters(text).is_some() => {
                cx.expression(&Jsonata::string(text), s)
            }
            Payload::String(e) => cx.string(e, s),
            // A path names a node in JSONata too: its equivalent expression (validation
            // rejects one that has none).
            Payload::Path(p) if cx.jsonata() => match Jsonata::from_path(p) {
                Some(e) => cx.expression(&e, s),
                None => s.serialize_str(p),
            },
            Payload::Path(p) => s.serialize_str(p),
            // So does an intrinsic function that has a JSONata equivalent.
            Payload::Intrinsic(i) if cx.jsonata() => match Jsonata::from_intrinsic(i) {
                Some(e) => cx.expression(&e, s),
                None => Render::render(i, cx, s),
            },
            Payload::Intrinsic(i) => Render::render(i, cx, s),
            Payload::List(list) => cx.split_list(list, s),
            Payload::Array(items) => items.render(cx, s),
            Payload::Object(map) => Object(map.iter(), cx).serialize(s),
            Payload::Jsonata(e) => cx.expression(e, s),
        }
    }
}

impl Render for Intrinsic {
    fn render<S: Serializer>(&self, _cx: &RenderContext, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.render())
    }
}

impl Render for Condition {
    fn render<S: Serializer>(&self, cx: &RenderContext, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        write_condition(&mut m, self, cx)?;
        m.end()
    }
}

/// Writes a condition's fields into a map (a Choice rule adds `Next`).
fn write_condition<M: SerializeMap>(m: &mut M, c: &Condition, cx: &RenderContext) -> Result<(), M::Error> {
    match c {
        Condition::Compare(Comparison {
            variable,
            operator,
            operand,
        }) => {
            m.serialize_entry("Variable", variable)?;
            let op = operator.as_str();
            match operand {
                Operand::String(v) | Operand::Timestamp(v) => m.serialize_entry(op, v),
                Operand::Path(v) => m.serialize_entry(op, v.as_str()),
                Operand::Number(v) => m.serialize_entry(op, v),
                Operand::Bool(v) => m.serialize_entry(op, v),
            }
        }
        Condition::And(cs) => m.serialize_entry("And", &cx.view(cs)),
        Condition::Or(cs) => m.serialize_entry("Or", &cx.view(cs)),
        Condition::Not(c) => m.serialize_entry("Not", &cx.view(c.as_ref())),
        Condition::Jsonata(e) => m.serialize_entry("Condition", &cx.view(e)),
    }
}

impl Render for Retry {
    fn render<S: Serializer>(&self, _cx: &RenderContext, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("ErrorEquals", &self.errors)?;
        if let Some(i) = self.interval {
            m.serialize_entry("IntervalSeconds", &i.as_secs())?;
        }
        if let Some(n) = self.max_attempts {
            m.serialize_entry("MaxAttempts", &n)?;
        }
        if let Some(rate) = self.backoff_rate {
            if rate.fract() == 0.0 && rate < 1e15 {
                m.serialize_entry("BackoffRate", &(rate as u64))?;
            } else {
                m.serialize_entry("BackoffRate", &rate)?;
            }
        }
        if let Some(d) = self.max_delay {
            m.serialize_entry("MaxDelaySeconds", &d.as_secs())?;
        }
        if let Some(j) = self.jitter {
            m.serialize_entry("JitterStrategy", &j)?;
        }
        m.end()
    }
}

impl Render for Catcher {
    fn render<S: Serializer>(&self, cx: &RenderContext, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("ErrorEquals", &self.errors)?;
        if let Some(rp) = &self.result_path {
            m.serialize_entry("ResultPath", &cx.view(rp))?;
        }
        write_output_assign(&mut m, &self.output, &self.assign, cx)?;
        m.serialize_entry("Next", &self.next)?;
        m.end()
    }
}

impl Render for Credentials {
    fn render<S: Serializer>(&self, cx: &RenderContext, s: S) -> Result<S::Ok, S::Error> {
        let role = self.role_arn();
        let mut m = s.serialize_map(Some(1))?;
        if !cx.jsonata() && role.is_json_path() {
            m.serialize_entry("RoleArn.$", &cx.view(role))?;
        } else {
            m.serialize_entry("RoleArn", &cx.view(role))?;
        }
        m.end()
    }
}

impl Render for WaitTime {
    fn render<S: Serializer>(&self, _cx: &RenderContext, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(1))?;
        write_wait(&mut m, self, _cx)?;
        m.end()
    }
}

fn write_wait<M: SerializeMap>(m: &mut M, time: &WaitTime, cx: &RenderContext) -> Result<(), M::Error> {
    use crate::model::WaitField;
    match time.field() {
        WaitField::Seconds(s) => m.serialize_entry("Seconds", &s),
        WaitField::SecondsPath(p) => m.serialize_entry("SecondsPath", p),
        WaitField::Timestamp(t) => m.serialize_entry("Timestamp", t),
        WaitField::TimestampPath(p) => m.serialize_entry("TimestampPath", p),
        WaitField::SecondsExpr(e) => m.serialize_entry("Seconds", &cx.view(e)),
        WaitField::TimestampExpr(e) => m.serialize_entry("Timestamp", &cx.view(e)),
    }
}

fn write_timeout<M: SerializeMap>(
    m: &mut M,
    timeout: &Timeout,
    field: &str,
    cx: &RenderContext,
) -> Result<(), M::Error> {
    if let Some(e) = timeout.expression() {
        return m.serialize_entry(field, &cx.view(e));
    }
    match timeout.path() {
        Some(p) => m.serialize_entry(&format!("{field}Path"), p),
        None => m.serialize_entry(
            field,
            &timeout.fixed().and_then(|s| s.as_ref().ok()).copied().unwrap_or(0),
        ),
    }
}
