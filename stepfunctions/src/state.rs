//! The state model: one node per state, as it appears in the ASL, and the graphs that hold them.

use cfn_model::iam::PolicyStatement;
use cfn_model::Expr;
use indexmap::IndexMap;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::condition::Condition;
use crate::error::Error;
use crate::payload::Payload;
use crate::retry::{CatchRule, Retry};
use crate::subst::AslStr;
use crate::task::{Credentials, Timeout};
use crate::wait::WaitTime;

/// A path field that may be set to `null` (discard).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Nullable {
    Path(String),
    Null,
}

impl Serialize for Nullable {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Path(p) => s.serialize_str(p),
            Nullable::Null => s.serialize_unit(),
        }
    }
}

/// Input and output processing, plus error handling: the fields several state types share.
/// Which of them a state type accepts is decided by the setters it offers.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Io {
    pub comment: Option<String>,
    pub input_path: Option<Nullable>,
    pub parameters: Option<Payload>,
    pub result_selector: Option<Payload>,
    pub result_path: Option<Nullable>,
    pub output_path: Option<Nullable>,
    pub retry: Vec<Retry>,
    pub catch: Vec<CatchRule>,
}

/// A task state once its integration has been rendered.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TaskSpec {
    pub resource: Expr,
    pub timeout: Option<Timeout>,
    pub heartbeat: Option<Timeout>,
    pub credentials: Option<Credentials>,
    pub policy: Vec<PolicyStatement>,
}

/// Map settings.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct MapSpec {
    pub items_path: Option<String>,
    pub item_selector: Option<Payload>,
    pub processor: Option<Graph>,
    pub max_concurrency: Option<u32>,
    pub max_concurrency_path: Option<String>,
}

/// Fail settings: each of error and cause is a literal or a path/intrinsic.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FailSpec {
    pub error: Option<Payload>,
    pub cause: Option<Payload>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    Pass {
        result: Option<Payload>,
    },
    Task(Box<TaskSpec>),
    Choice {
        rules: Vec<(Condition, String)>,
        default: Option<String>,
    },
    Wait(WaitTime),
    Parallel {
        branches: Vec<Graph>,
    },
    Map(Box<MapSpec>),
    Succeed,
    Fail(FailSpec),
    Custom(serde_json::Map<String, serde_json::Value>),
}

impl Kind {
    pub(crate) fn type_name(&self) -> &'static str {
        match self {
            Kind::Pass { .. } => "Pass",
            Kind::Task(_) => "Task",
            Kind::Choice { .. } => "Choice",
            Kind::Wait(_) => "Wait",
            Kind::Parallel { .. } => "Parallel",
            Kind::Map(_) => "Map",
            Kind::Succeed => "Succeed",
            Kind::Fail(_) => "Fail",
            Kind::Custom(json) => match json.get("Type").and_then(|t| t.as_str()) {
                Some("Choice") => "Choice",
                Some("Succeed") => "Succeed",
                Some("Fail") => "Fail",
                _ => "Custom",
            },
        }
    }

    /// Whether the state continues with `Next` (or ends with `End`).
    pub(crate) fn is_nextable(&self) -> bool {
        !matches!(self.type_name(), "Choice" | "Succeed" | "Fail")
    }
}

/// One state.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    pub name: String,
    pub kind: Kind,
    pub io: Io,
    pub next: Option<String>,
}

impl Node {
    pub(crate) fn new(name: impl Into<String>, kind: Kind) -> Self {
        Node {
            name: name.into(),
            kind,
            io: Io::default(),
            next: None,
        }
    }

    /// Every transition target of this state (Next, Default, Choice rules, Catch).
    pub(crate) fn targets(&self) -> impl Iterator<Item = &str> {
        let choice: Vec<&str> = match &self.kind {
            Kind::Choice { rules, default } => rules
                .iter()
                .map(|(_, n)| n.as_str())
                .chain(default.as_deref())
                .collect(),
            _ => Vec::new(),
        };
        self.next
            .as_deref()
            .into_iter()
            .chain(choice)
            .chain(self.io.catch.iter().map(|c| c.next.as_str()))
    }

    /// Renames transition targets.
    pub(crate) fn rename_targets(&mut self, rename: &dyn Fn(&str) -> Option<String>) {
        let apply = |s: &mut String| {
            if let Some(new) = rename(s) {
                *s = new;
            }
        };
        if let Some(n) = &mut self.next {
            apply(n);
        }
        if let Kind::Choice { rules, default } = &mut self.kind {
            rules.iter_mut().for_each(|(_, n)| apply(n));
            if let Some(d) = default {
                apply(d);
            }
        }
        self.io.catch.iter_mut().for_each(|c| apply(&mut c.next));
    }

    /// Nested graphs (Parallel branches, the Map processor).
    pub(crate) fn subgraphs(&self) -> Vec<&Graph> {
        match &self.kind {
            Kind::Parallel { branches } => branches.iter().collect(),
            Kind::Map(spec) => spec.processor.iter().collect(),
            _ => Vec::new(),
        }
    }

    pub(crate) fn subgraphs_mut(&mut self) -> Vec<&mut Graph> {
        match &mut self.kind {
            Kind::Parallel { branches } => branches.iter_mut().collect(),
            Kind::Map(spec) => spec.processor.iter_mut().collect(),
            _ => Vec::new(),
        }
    }
}

impl Serialize for Node {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        let io = &self.io;
        if let Kind::Custom(json) = &self.kind {
            for (k, v) in json {
                if !matches!(k.as_str(), "Next" | "End" | "Retry" | "Catch") {
                    m.serialize_entry(k, v)?;
                }
            }
            let raw_list = |key: &str| json.get(key).and_then(|v| v.as_array()).cloned().unwrap_or_default();
            let retry = raw_list("Retry");
            if !retry.is_empty() || !io.retry.is_empty() {
                m.serialize_entry("Retry", &CombinedList(&retry, &io.retry))?;
            }
            let catch = raw_list("Catch");
            if !catch.is_empty() || !io.catch.is_empty() {
                m.serialize_entry("Catch", &CombinedList(&catch, &io.catch))?;
            }
            if self.kind.is_nextable() {
                write_next(&mut m, &self.next)?;
            }
            return m.end();
        }
        m.serialize_entry("Type", self.kind.type_name())?;
        if let Some(c) = &io.comment {
            m.serialize_entry("Comment", c)?;
        }
        match &self.kind {
            Kind::Task(task) => {
                m.serialize_entry("Resource", &AslStr(&task.resource))?;
                if let Some(t) = &task.timeout {
                    t.write(&mut m, "TimeoutSeconds")?;
                }
                if let Some(t) = &task.heartbeat {
                    t.write(&mut m, "HeartbeatSeconds")?;
                }
                if let Some(c) = &task.credentials {
                    m.serialize_entry("Credentials", c)?;
                }
            }
            Kind::Wait(time) => time.write(&mut m)?,
            Kind::Fail(spec) => {
                for (field, value) in [("Error", &spec.error), ("Cause", &spec.cause)] {
                    match value {
                        Some(v) if v.is_dynamic() => m.serialize_entry(&format!("{field}Path"), v)?,
                        Some(v) => m.serialize_entry(field, v)?,
                        None => {}
                    }
                }
            }
            Kind::Map(spec) => {
                if let Some(p) = &spec.items_path {
                    m.serialize_entry("ItemsPath", p)?;
                }
                if let Some(sel) = &spec.item_selector {
                    m.serialize_entry("ItemSelector", sel)?;
                }
                if let Some(n) = spec.max_concurrency {
                    m.serialize_entry("MaxConcurrency", &n)?;
                }
                if let Some(p) = &spec.max_concurrency_path {
                    m.serialize_entry("MaxConcurrencyPath", p)?;
                }
                if let Some(g) = &spec.processor {
                    m.serialize_entry("ItemProcessor", &Processor(g))?;
                }
            }
            Kind::Parallel { branches } => m.serialize_entry("Branches", branches)?,
            Kind::Choice { rules, default } => {
                m.serialize_entry("Choices", &Rules(rules))?;
                if let Some(d) = default {
                    m.serialize_entry("Default", d)?;
                }
            }
            Kind::Pass { .. } | Kind::Succeed | Kind::Custom(_) => {}
        }
        if let Some(p) = &io.input_path {
            m.serialize_entry("InputPath", p)?;
        }
        if let Some(p) = &io.parameters {
            m.serialize_entry("Parameters", p)?;
        }
        if let Kind::Pass { result: Some(r) } = &self.kind {
            m.serialize_entry("Result", r)?;
        }
        if let Some(p) = &io.result_selector {
            m.serialize_entry("ResultSelector", p)?;
        }
        if let Some(p) = &io.result_path {
            m.serialize_entry("ResultPath", p)?;
        }
        if let Some(p) = &io.output_path {
            m.serialize_entry("OutputPath", p)?;
        }
        if !io.retry.is_empty() {
            m.serialize_entry("Retry", &io.retry)?;
        }
        if !io.catch.is_empty() {
            m.serialize_entry("Catch", &io.catch)?;
        }
        if self.kind.is_nextable() {
            write_next(&mut m, &self.next)?;
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

struct CombinedList<'a, T>(&'a [serde_json::Value], &'a [T]);

impl<T: Serialize> Serialize for CombinedList<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(self.0.len() + self.1.len()))?;
        for v in self.0 {
            seq.serialize_element(v)?;
        }
        for v in self.1 {
            seq.serialize_element(v)?;
        }
        seq.end()
    }
}

struct Rules<'a>(&'a [(Condition, String)]);

impl Serialize for Rules<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        struct Rule<'a>(&'a Condition, &'a str);
        impl Serialize for Rule<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(None)?;
                self.0.write_fields(&mut m)?;
                m.serialize_entry("Next", self.1)?;
                m.end()
            }
        }
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for (c, n) in self.0 {
            seq.serialize_element(&Rule(c, n))?;
        }
        seq.end()
    }
}

struct Processor<'a>(&'a Graph);

impl Serialize for Processor<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("ProcessorConfig", &serde_json::json!({"Mode": "INLINE"}))?;
        m.serialize_entry("StartAt", &self.0.start_at)?;
        m.serialize_entry("States", &self.0.states)?;
        m.end()
    }
}

/// A graph of states: the top level of a definition, a Parallel branch, or a Map processor.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Graph {
    pub start_at: String,
    pub states: IndexMap<String, Node>,
}

impl Serialize for Graph {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("StartAt", &self.start_at)?;
        m.serialize_entry("States", &self.states)?;
        m.end()
    }
}

impl Graph {
    /// Visits every node, nested graphs included, depth first.
    pub(crate) fn for_each_node<'a>(&'a self, f: &mut dyn FnMut(&'a Node)) {
        for node in self.states.values() {
            f(node);
            for g in node.subgraphs() {
                g.for_each_node(f);
            }
        }
    }

    /// Checks transitions and reachability within this graph and every nested one.
    pub(crate) fn check_structure(&self) -> Result<(), Error> {
        if !self.states.contains_key(&self.start_at) {
            return Err(Error::MissingTransitionTarget {
                state: "StartAt".into(),
                target: self.start_at.clone(),
            });
        }
        for node in self.states.values() {
            for target in node.targets() {
                if !self.states.contains_key(target) {
                    return Err(Error::MissingTransitionTarget {
                        state: node.name.clone(),
                        target: target.to_owned(),
                    });
                }
            }
        }
        let mut seen = vec![false; self.states.len()];
        let mut stack = vec![self.start_at.as_str()];
        while let Some(name) = stack.pop() {
            let Some(i) = self.states.get_index_of(name) else {
                continue;
            };
            if std::mem::replace(&mut seen[i], true) {
                continue;
            }
            stack.extend(self.states[i].targets());
        }
        if let Some(i) = seen.iter().position(|s| !s) {
            return Err(Error::UnreachableState {
                state: self.states[i].name.clone(),
                start: self.start_at.clone(),
            });
        }
        for node in self.states.values() {
            for g in node.subgraphs() {
                g.check_structure()?;
            }
        }
        Ok(())
    }
}
