//! Workflow variables: names, and scope.
//!
//! A variable is set by an `Assign` (of a state, a Choice rule, a catcher) when the state
//! completes, and read as `$name` by a JSONPath path or a JSONata expression. The check follows
//! the AWS variables documentation:
//! - a name is valid (see `name_error`), and `states` is reserved;
//! - the states of a definition's top level share one scope; a Parallel branch and a Map
//!   iteration have their own, which can read the variables of the scopes around them (as they
//!   were when the Parallel or Map state started), and whose own variables are gone when it
//!   ends; a nested scope may not assign a variable of an outer one;
//! - a read of a variable that no state of its scope (or of the scopes around it) assigns is an
//!   error;
//! - a read of a variable that is assigned, but by no state that can run before the reading
//!   one, deploys and fails when the state runs: a warning.
//!
//! The second is a forward "may be assigned" data flow per scope: the variables possibly set
//! on entry to each state are the union over its predecessors, iterated to a fixed point (a
//! loop adds what its body assigns).

use std::collections::HashSet;

use indexmap::IndexSet;

use crate::error::{Error, Warning};
use crate::model::{
    Arg, Condition, Graph, Intrinsic, NullablePath, Path, PathRoot, Payload, QueryLanguage, State as Node,
    StateKind as Kind, WaitField,
};

/// The most a variable's value may be, in bytes (256 KiB; "Variable size limit" in the AWS
/// documentation), and the most one `Assign` may set together.
pub(crate) const MAX_VARIABLE_BYTES: usize = 256 * 1024;

/// Checks every variable name and read of the definition.
pub(crate) fn check_variables(graph: &Graph, top: QueryLanguage, errors: &mut Vec<Error>, warnings: &mut Vec<Warning>) {
    let _ = top;
    // Nothing assigned and nothing read: the common case costs one walk.
    let mut any = false;
    graph.for_each_state(&mut |node| any |= node_has_variables(node));
    if !any {
        return;
    }
    graph.for_each_state(&mut |node| check_names(node, errors, warnings));
    check_scope(graph, &HashSet::new(), &HashSet::new(), errors, warnings);
}

/// Whether a state assigns a variable or may read one (cheap: no expression is rescanned).
fn node_has_variables(node: &Node) -> bool {
    if !node.io.assign.is_empty() || node.catch.iter().any(|c| !c.assign.is_empty()) {
        return true;
    }
    if let Kind::Choice { rules, .. } = &node.kind {
        if rules.iter().any(|r| !r.assign.is_empty()) {
            return true;
        }
    }
    if let Kind::Custom(json) = &node.kind {
        if !custom_assigned(json).is_empty() {
            return true;
        }
    }
    may_read(node)
}

/// Whether a state may read a variable: a walk of its values that builds no field name.
fn may_read(node: &Node) -> bool {
    let path = |p: &Path| matches!(p.root(), Some(PathRoot::Variable(_)));
    let nullable = |p: &Option<NullablePath>| matches!(p, Some(NullablePath::Path(p)) if path(p));
    let payload = |p: &Option<Payload>| p.as_ref().is_some_and(payload_may_read);
    let io = &node.io;
    if nullable(&io.input_path)
        || nullable(&io.output_path)
        || payload(&io.parameters)
        || payload(&io.result_selector)
        || payload(&io.output)
        || node.catch.iter().any(|c| payload(&c.output))
    {
        return true;
    }
    match &node.kind {
        Kind::Task(task) => {
            payload(&task.input)
                || [&task.timeout, &task.heartbeat]
                    .into_iter()
                    .flatten()
                    .any(|t| t.path().is_some_and(path) || t.expression().is_some_and(|e| e.may_read_variables()))
                || task
                    .credentials
                    .as_ref()
                    .is_some_and(|c| payload_may_read(c.role_arn()))
        }
        Kind::Choice { rules, .. } => rules
            .iter()
            .any(|r| condition_may_read(&r.condition) || payload(&r.output)),
        Kind::Wait(time) => match time.field() {
            WaitField::SecondsPath(p) | WaitField::TimestampPath(p) => path(p),
            WaitField::SecondsExpr(e) | WaitField::TimestampExpr(e) => e.may_read_variables(),
            WaitField::Seconds(_) | WaitField::Timestamp(_) => false,
        },
        Kind::Map(map) => {
            map.items_path.as_ref().is_some_and(path)
                || map.max_concurrency_path.as_ref().is_some_and(path)
                || map
                    .max_concurrency_expr
                    .as_ref()
                    .is_some_and(|e| e.may_read_variables())
                || payload(&map.items)
                || payload(&map.item_selector)
        }
        Kind::Fail(fail) => payload(&fail.error) || payload(&fail.cause),
        Kind::Pass { .. } | Kind::Parallel { .. } | Kind::Succeed | Kind::Custom(_) => false,
    }
}

fn payload_may_read(p: &Payload) -> bool {
    match p {
        Payload::Path(path) => matches!(path.root(), Some(PathRoot::Variable(_))),
        Payload::Intrinsic(i) => intrinsic_may_read(i),
        Payload::Jsonata(e) => e.may_read_variables(),
        Payload::Array(items) => items.iter().any(payload_may_read),
        Payload::Object(map) => map.values().any(payload_may_read),
        Payload::Null | Payload::Bool(_) | Payload::Number(_) | Payload::String(_) | Payload::List(_) => false,
    }
}

fn intrinsic_may_read(i: &Intrinsic) -> bool {
    i.args().iter().any(|a| match a {
        Arg::Path(p) => matches!(p.root(), Some(PathRoot::Variable(_))),
        Arg::Intrinsic(inner) => intrinsic_may_read(inner),
        _ => false,
    })
}

fn condition_may_read(c: &Condition) -> bool {
    match c {
        Condition::Compare(cmp) => {
            matches!(cmp.variable.root(), Some(PathRoot::Variable(_)))
                || matches!(&cmp.operand, crate::model::Operand::Path(p) if matches!(p.root(), Some(PathRoot::Variable(_))))
        }
        Condition::And(cs) | Condition::Or(cs) => cs.iter().any(condition_may_read),
        Condition::Not(c) => condition_may_read(c),
        Condition::Jsonata(e) => e.may_read_variables(),
    }
}

/// The names a raw state assigns in its own scope: its `Assign`, its Choice rules' and its
/// catchers' (not those of the branches or processor it holds, which are scopes of their own).
fn custom_assigned(json: &serde_json::Map<String, serde_json::Value>) -> Vec<&str> {
    fn keys<'a>(v: Option<&'a serde_json::Value>, out: &mut Vec<&'a str>) {
        if let Some(m) = v.and_then(|a| a.as_object()) {
            out.extend(m.keys().map(|k| k.strip_suffix(".$").unwrap_or(k)));
        }
    }
    let mut names = Vec::new();
    keys(json.get("Assign"), &mut names);
    for field in ["Choices", "Catch"] {
        for entry in json.get(field).and_then(|l| l.as_array()).into_iter().flatten() {
            keys(entry.get("Assign"), &mut names);
        }
    }
    names
}

/// What is wrong with a variable's name, if anything. The AWS documentation: a name is a
/// Unicode identifier (UAX #31: an XID_Start character, then XID_Continue characters, the
/// closed-under-normalization forms of ID_Start and ID_Continue), at most 80 characters, and not
/// `states`; no `x.y` or `x[2]` (a variable is assigned whole).
fn name_error(name: &str) -> Option<String> {
    let length = name.chars().count();
    if length == 0 || length > 80 {
        return Some(format!("a name is 1 to 80 characters, got {length}"));
    }
    if name == "states" {
        return Some("`states` is reserved ($states holds the state's input, result, error and context)".into());
    }
    if name.ends_with(".$") {
        return Some("name the variable without `.$`: it is written for a path or an intrinsic function".into());
    }
    let mut chars = name.chars();
    let first = chars.next().unwrap_or('_');
    if !unicode_ident::is_xid_start(first) {
        return Some(format!(
            "a name starts with a letter (a Unicode ID_Start character), not {}",
            crate::util::describe_char(first)
        ));
    }
    if let Some(c) = chars.find(|c| !unicode_ident::is_xid_continue(*c)) {
        return Some(format!(
            "a name goes on with letters, digits and `_` (Unicode ID_Continue characters), not {}",
            crate::util::describe_char(c)
        ));
    }
    None
}

fn check_names(node: &Node, errors: &mut Vec<Error>, warnings: &mut Vec<Warning>) {
    let mut check = |field: String, assign: &crate::model::Variables| {
        let mut total = 0;
        for (name, value) in assign {
            if let Some(reason) = name_error(name) {
                errors.push(Error::InvalidVariable {
                    state: node.name.clone(),
                    field: field.clone(),
                    variable: name.clone(),
                    reason,
                });
            }
            let size = literal_size(value);
            total += size;
            if size > MAX_VARIABLE_BYTES {
                warnings.push(Warning::VariableTooLarge {
                    state: node.name.clone(),
                    field: format!("{field}.{name}"),
                    size,
                    limit: MAX_VARIABLE_BYTES,
                });
            }
        }
        if total > MAX_VARIABLE_BYTES && assign.len() > 1 {
            warnings.push(Warning::VariableTooLarge {
                state: node.name.clone(),
                field,
                size: total,
                limit: MAX_VARIABLE_BYTES,
            });
        }
    };
    check("Assign".into(), &node.io.assign);
    if let Kind::Choice { rules, .. } = &node.kind {
        for (i, r) in rules.iter().enumerate() {
            check(format!("Choices[{i}].Assign"), &r.assign);
        }
    }
    for (i, c) in node.catch.iter().enumerate() {
        check(format!("Catch[{i}].Assign"), &c.assign);
    }
}

/// The size of a value's fixed parts, as JSON (paths and expressions count their text: what
/// they give is only known when the state runs).
fn literal_size(value: &Payload) -> usize {
    serde_json::to_vec(value).map_or(0, |v| v.len())
}

/// Calls `f(field, variable)` for every variable a state reads: in paths, intrinsic functions'
/// arguments, conditions, and JSONata expressions, of every field.
fn for_each_read(node: &Node, f: &mut dyn FnMut(&str, &str)) {
    let io = &node.io;
    for (field, p) in [("InputPath", &io.input_path), ("OutputPath", &io.output_path)] {
        if let Some(NullablePath::Path(p)) = p {
            path_read(field, p, f);
        }
    }
    let payload = |field: &str, p: &Option<Payload>, f: &mut dyn FnMut(&str, &str)| {
        if let Some(p) = p {
            payload_reads(field, p, f);
        }
    };
    payload("Parameters", &io.parameters, f);
    payload("ResultSelector", &io.result_selector, f);
    payload("Output", &io.output, f);
    for (k, v) in &io.assign {
        payload_reads(&format!("Assign.{k}"), v, f);
    }
    for (i, c) in node.catch.iter().enumerate() {
        payload(&format!("Catch[{i}].Output"), &c.output, f);
        for (k, v) in &c.assign {
            payload_reads(&format!("Catch[{i}].Assign.{k}"), v, f);
        }
    }
    match &node.kind {
        Kind::Task(task) => {
            payload("Parameters", &task.input, f);
            for (field, t) in [("TimeoutSeconds", &task.timeout), ("HeartbeatSeconds", &task.heartbeat)] {
                let Some(t) = t else { continue };
                if let Some(p) = t.path() {
                    path_read(field, p, f);
                }
                if let Some(e) = t.expression() {
                    e.variables().into_iter().for_each(|v| f(field, v));
                }
            }
            if let Some(c) = &task.credentials {
                payload_reads("Credentials", c.role_arn(), f);
            }
        }
        Kind::Choice { rules, .. } => {
            for (i, r) in rules.iter().enumerate() {
                condition_reads(&format!("Choices[{i}]"), &r.condition, f);
                payload(&format!("Choices[{i}].Output"), &r.output, f);
                for (k, v) in &r.assign {
                    payload_reads(&format!("Choices[{i}].Assign.{k}"), v, f);
                }
            }
        }
        Kind::Wait(time) => match time.field() {
            WaitField::SecondsPath(p) | WaitField::TimestampPath(p) => path_read("Wait", p, f),
            WaitField::SecondsExpr(e) | WaitField::TimestampExpr(e) => {
                e.variables().into_iter().for_each(|v| f("Wait", v));
            }
            WaitField::Seconds(_) | WaitField::Timestamp(_) => {}
        },
        Kind::Map(map) => {
            if let Some(p) = &map.items_path {
                path_read("ItemsPath", p, f);
            }
            if let Some(p) = &map.max_concurrency_path {
                path_read("MaxConcurrencyPath", p, f);
            }
            if let Some(e) = &map.max_concurrency_expr {
                e.variables().into_iter().for_each(|v| f("MaxConcurrency", v));
            }
            payload("Items", &map.items, f);
            payload("ItemSelector", &map.item_selector, f);
        }
        Kind::Fail(fail) => {
            payload("Error", &fail.error, f);
            payload("Cause", &fail.cause, f);
        }
        Kind::Pass { .. } | Kind::Parallel { .. } | Kind::Succeed | Kind::Custom(_) => {}
    }
}

fn path_read(field: &str, path: &Path, f: &mut dyn FnMut(&str, &str)) {
    if let Some(PathRoot::Variable(name)) = path.root() {
        f(field, name);
    }
}

fn payload_reads(field: &str, p: &Payload, f: &mut dyn FnMut(&str, &str)) {
    match p {
        Payload::Path(path) => path_read(field, path, f),
        Payload::Intrinsic(i) => intrinsic_reads(field, i, f),
        Payload::Jsonata(e) => {
            if e.may_read_variables() {
                e.variables().into_iter().for_each(|v| f(field, v));
            }
        }
        Payload::Array(items) => items.iter().for_each(|i| payload_reads(field, i, f)),
        Payload::Object(map) => map
            .iter()
            .for_each(|(k, v)| payload_reads(&format!("{field}.{k}"), v, f)),
        Payload::Null | Payload::Bool(_) | Payload::Number(_) | Payload::String(_) | Payload::List(_) => {}
    }
}

fn intrinsic_reads(field: &str, i: &Intrinsic, f: &mut dyn FnMut(&str, &str)) {
    for arg in i.args() {
        match arg {
            Arg::Path(p) => path_read(field, p, f),
            Arg::Intrinsic(inner) => intrinsic_reads(field, inner, f),
            _ => {}
        }
    }
}

fn condition_reads(field: &str, c: &Condition, f: &mut dyn FnMut(&str, &str)) {
    match c {
        Condition::Compare(cmp) => {
            path_read(field, &cmp.variable, f);
            if let crate::model::Operand::Path(p) = &cmp.operand {
                path_read(field, p, f);
            }
        }
        Condition::And(cs) | Condition::Or(cs) => cs.iter().for_each(|c| condition_reads(field, c, f)),
        Condition::Not(c) => condition_reads(field, c, f),
        Condition::Jsonata(e) => e.variables().into_iter().for_each(|v| f(field, v)),
    }
}

/// The variables a state sets on each of its ways out: `(target, names)`; `None` is `Next` or
/// `End` (and a Choice's `Default`).
fn assigned_on_exits(node: &Node) -> Vec<(Option<&str>, Vec<&str>)> {
    let own: Vec<&str> = match &node.kind {
        Kind::Custom(json) => {
            let mut set = IndexSet::new();
            set.extend(custom_assigned(json));
            // A raw state's Assign may sit on any of its exits: count it on all of them.
            let all: Vec<&str> = set.into_iter().collect();
            return node
                .targets()
                .map(|t| (Some(t), all.clone()))
                .chain([(None, all.clone())])
                .collect();
        }
        _ => node.io.assign.keys().map(String::as_str).collect(),
    };
    let mut exits = Vec::new();
    match &node.next {
        Some(n) => exits.push((Some(n.as_str()), own.clone())),
        // `End`: what the last state of a scope assigns still counts as assigned in it.
        None if node.is_nextable() => exits.push((None, own.clone())),
        None => {}
    }
    if let Kind::Choice { rules, default } = &node.kind {
        // The matching rule's Assign, else (to Default) the state's: never both (the AWS
        // developer guide, Choice state).
        for r in rules {
            exits.push((Some(r.next.as_str()), r.assign.keys().map(String::as_str).collect()));
        }
        if let Some(d) = default {
            exits.push((Some(d.as_str()), own.clone()));
        }
    }
    for c in &node.catch {
        exits.push((Some(c.next.as_str()), c.assign.keys().map(String::as_str).collect()));
    }
    exits
}

/// The data flow of one scope: `outer_all` holds what the scopes around it assign anywhere,
/// `outer_flow` what they may have assigned when this scope starts.
fn check_scope(
    graph: &Graph,
    outer_all: &HashSet<String>,
    outer_flow: &HashSet<String>,
    errors: &mut Vec<Error>,
    warnings: &mut Vec<Warning>,
) {
    let n = graph.states.len();
    let mut entry: Vec<HashSet<&str>> = vec![HashSet::new(); n];
    let mut reached = vec![false; n];
    let Some(start) = graph.states.get_index_of(&graph.start_at) else {
        return;
    };
    let exits: Vec<_> = graph.states.values().map(assigned_on_exits).collect();
    let mut all: HashSet<String> = outer_all.clone();
    for e in &exits {
        for (_, names) in e {
            all.extend(names.iter().map(|n| (*n).to_owned()));
        }
    }
    reached[start] = true;
    let mut work = vec![start];
    while let Some(i) = work.pop() {
        for (target, names) in &exits[i] {
            let Some(t) = target.and_then(|t| graph.states.get_index_of(t)) else {
                continue;
            };
            let mut incoming: Vec<&str> = entry[i].iter().copied().collect();
            incoming.extend(names.iter().copied());
            let before = entry[t].len();
            entry[t].extend(incoming);
            if !reached[t] || entry[t].len() != before {
                reached[t] = true;
                work.push(t);
            }
        }
    }
    for (i, node) in graph.states.values().enumerate() {
        if !reached[i] {
            continue;
        }
        let mut reported: Vec<String> = Vec::new();
        for_each_read(node, &mut |field, name| {
            if entry[i].contains(name) || outer_flow.contains(name) || reported.iter().any(|r| r == name) {
                return;
            }
            reported.push(name.to_owned());
            if all.contains(name) {
                warnings.push(Warning::VariableNotAssignedBefore {
                    state: node.name.clone(),
                    field: field.to_owned(),
                    variable: name.to_owned(),
                });
            } else {
                errors.push(Error::UnassignedVariable {
                    state: node.name.clone(),
                    field: field.to_owned(),
                    variable: name.to_owned(),
                });
            }
        });
        let subgraphs = node.subgraphs();
        if subgraphs.is_empty() {
            continue;
        }
        // A nested scope sees what was assigned when its state started.
        let mut flow = outer_flow.clone();
        flow.extend(entry[i].iter().map(|s| (*s).to_owned()));
        for g in subgraphs {
            check_no_shadowing(g, &all, errors);
            check_scope(g, &all, &flow, errors, warnings);
        }
    }
}

/// A nested scope may not assign a variable of the scopes around it.
fn check_no_shadowing(graph: &Graph, outer: &HashSet<String>, errors: &mut Vec<Error>) {
    for node in graph.states.values() {
        for (_, names) in assigned_on_exits(node) {
            for name in names {
                if outer.contains(name)
                    && !errors.iter().any(
                        |e| matches!(e, Error::InvalidVariable { state, variable, .. } if *state == node.name && variable == name),
                    )
                {
                    errors.push(Error::InvalidVariable {
                        state: node.name.clone(),
                        field: "Assign".into(),
                        variable: name.to_owned(),
                        reason: "a Parallel branch or Map iteration cannot assign a variable of the scope around it; \
                                 pass the value out in the output instead"
                            .into(),
                    });
                }
            }
        }
    }
}
