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
    Arg, Condition, FieldPath, Graph, Intrinsic, NullablePath, Path, PathRoot, Payload, QueryLanguage, State as Node,
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

/// Whether a state may read a variable: the walk of [`for_each_read`], whose field names are
/// only spelled out by a caller that wants them, so this allocates nothing.
fn may_read(node: &Node) -> bool {
    let mut reads = false;
    for_each_read(node, &mut |_, _| reads = true);
    reads
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
/// arguments, conditions, and JSONata expressions, of every field. The field is spelled out only
/// when `f` displays it.
fn for_each_read(node: &Node, f: &mut dyn FnMut(&FieldPath<'_>, &str)) {
    use FieldPath::{Index, Key, Root};
    let io = &node.io;
    for (field, p) in [("InputPath", &io.input_path), ("OutputPath", &io.output_path)] {
        if let Some(NullablePath::Path(p)) = p {
            path_read(&Root(field), p, f);
        }
    }
    let payload = |field: &FieldPath<'_>, p: &Option<Payload>, f: &mut dyn FnMut(&FieldPath<'_>, &str)| {
        if let Some(p) = p {
            payload_reads(field, p, f);
        }
    };
    let assign = |field: &FieldPath<'_>, vars: &crate::model::Variables, f: &mut dyn FnMut(&FieldPath<'_>, &str)| {
        for (k, v) in vars {
            payload_reads(&Key(field, k), v, f);
        }
    };
    payload(&Root("Parameters"), &io.parameters, f);
    payload(&Root("ResultSelector"), &io.result_selector, f);
    payload(&Root("Output"), &io.output, f);
    assign(&Root("Assign"), &io.assign, f);
    for (i, c) in node.catch.iter().enumerate() {
        let at = Index(&Root("Catch"), i);
        payload(&Key(&at, "Output"), &c.output, f);
        assign(&Key(&at, "Assign"), &c.assign, f);
    }
    match &node.kind {
        Kind::Task(task) => {
            payload(&Root("Parameters"), &task.input, f);
            for (field, t) in [("TimeoutSeconds", &task.timeout), ("HeartbeatSeconds", &task.heartbeat)] {
                let Some(t) = t else { continue };
                if let Some(p) = t.path() {
                    path_read(&Root(field), p, f);
                }
                if let Some(e) = t.expression() {
                    expression_reads(&Root(field), e, f);
                }
            }
            if let Some(c) = &task.credentials {
                payload_reads(&Root("Credentials"), c.role_arn(), f);
            }
        }
        Kind::Choice { rules, .. } => {
            for (i, r) in rules.iter().enumerate() {
                let at = Index(&Root("Choices"), i);
                condition_reads(&at, &r.condition, f);
                payload(&Key(&at, "Output"), &r.output, f);
                assign(&Key(&at, "Assign"), &r.assign, f);
            }
        }
        Kind::Wait(time) => match time.field() {
            WaitField::SecondsPath(p) | WaitField::TimestampPath(p) => path_read(&Root("Wait"), p, f),
            WaitField::SecondsExpr(e) | WaitField::TimestampExpr(e) => expression_reads(&Root("Wait"), e, f),
            WaitField::Seconds(_) | WaitField::Timestamp(_) => {}
        },
        Kind::Map(map) => {
            if let Some(p) = &map.items_path {
                path_read(&Root("ItemsPath"), p, f);
            }
            if let Some(p) = &map.max_concurrency_path {
                path_read(&Root("MaxConcurrencyPath"), p, f);
            }
            if let Some(e) = &map.max_concurrency_expr {
                expression_reads(&Root("MaxConcurrency"), e, f);
            }
            payload(&Root("Items"), &map.items, f);
            payload(&Root("ItemSelector"), &map.item_selector, f);
            if let Some(d) = map.distributed.as_deref() {
                distributed_reads(d, f);
            }
        }
        Kind::Fail(fail) => {
            payload(&Root("Error"), &fail.error, f);
            payload(&Root("Cause"), &fail.cause, f);
        }
        Kind::Pass { .. } | Kind::Parallel { .. } | Kind::Succeed | Kind::Custom(_) => {}
    }
}

/// The variables a Distributed Map's own fields read.
fn distributed_reads(d: &crate::model::Distributed, f: &mut dyn FnMut(&FieldPath<'_>, &str)) {
    use FieldPath::{Key, Root};
    let amount =
        |field: &FieldPath<'_>, a: &Option<crate::model::Amount>, f: &mut dyn FnMut(&FieldPath<'_>, &str)| match a {
            Some(crate::model::Amount::Path(p)) => path_read(field, p, f),
            Some(crate::model::Amount::Expr(e)) => expression_reads(field, e, f),
            _ => {}
        };
    if let Some(r) = &d.reader {
        for (k, v) in &r.arguments {
            payload_reads(&Key(&Root("ItemReader"), k), v, f);
        }
        amount(&Key(&Root("ItemReader"), "MaxItems"), &r.config.max_items, f);
    }
    if let Some(b) = &d.batcher {
        amount(
            &Key(&Root("ItemBatcher"), "MaxItemsPerBatch"),
            &b.max_items_per_batch,
            f,
        );
        amount(
            &Key(&Root("ItemBatcher"), "MaxInputBytesPerBatch"),
            &b.max_input_bytes_per_batch,
            f,
        );
        if let Some(i) = &b.batch_input {
            payload_reads(&Key(&Root("ItemBatcher"), "BatchInput"), i, f);
        }
    }
    if let Some(w) = &d.writer {
        for (k, v) in &w.arguments {
            payload_reads(&Key(&Root("ResultWriter"), k), v, f);
        }
    }
    amount(&Root("ToleratedFailureCount"), &d.tolerated_failure_count, f);
    amount(&Root("ToleratedFailurePercentage"), &d.tolerated_failure_percentage, f);
}

fn path_read(field: &FieldPath<'_>, path: &Path, f: &mut dyn FnMut(&FieldPath<'_>, &str)) {
    if let Some(PathRoot::Variable(name)) = path.root() {
        f(field, name);
    }
}

/// The variables an expression reads; it is scanned again only if its first scan saw one.
fn expression_reads(field: &FieldPath<'_>, e: &crate::model::Jsonata, f: &mut dyn FnMut(&FieldPath<'_>, &str)) {
    if e.may_read_variables() {
        e.variables().into_iter().for_each(|v| f(field, v));
    }
}

fn payload_reads(field: &FieldPath<'_>, p: &Payload, f: &mut dyn FnMut(&FieldPath<'_>, &str)) {
    match p {
        Payload::Path(path) => path_read(field, path, f),
        Payload::Intrinsic(i) => intrinsic_reads(field, i, f),
        Payload::Jsonata(e) => expression_reads(field, e, f),
        Payload::Array(items) => items.iter().for_each(|i| payload_reads(field, i, f)),
        Payload::Object(map) => map
            .iter()
            .for_each(|(k, v)| payload_reads(&FieldPath::Key(field, k), v, f)),
        Payload::Null | Payload::Bool(_) | Payload::Number(_) | Payload::String(_) | Payload::List(_) => {}
    }
}

fn intrinsic_reads(field: &FieldPath<'_>, i: &Intrinsic, f: &mut dyn FnMut(&FieldPath<'_>, &str)) {
    for arg in i.args() {
        match arg {
            Arg::Path(p) => path_read(field, p, f),
            Arg::Intrinsic(inner) => intrinsic_reads(field, inner, f),
            _ => {}
        }
    }
}

fn condition_reads(field: &FieldPath<'_>, c: &Condition, f: &mut dyn FnMut(&FieldPath<'_>, &str)) {
    match c {
        Condition::Compare(cmp) => {
            path_read(field, &cmp.variable, f);
            if let crate::model::Operand::Path(p) = &cmp.operand {
                path_read(field, p, f);
            }
        }
        Condition::And(cs) | Condition::Or(cs) => cs.iter().for_each(|c| condition_reads(field, c, f)),
        Condition::Not(c) => condition_reads(field, c, f),
        Condition::Jsonata(e) => expression_reads(field, e, f),
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
                    field: field.to_string(),
                    variable: name.to_owned(),
                });
            } else {
                errors.push(Error::UnassignedVariable {
                    state: node.name.clone(),
                    field: field.to_string(),
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
            if node.distributed().is_some() {
                // A Distributed Map's children are executions of their own: they see no
                // variable of the scopes around them, and may use the same names.
                check_scope(g, &HashSet::new(), &HashSet::new(), errors, warnings);
                continue;
            }
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
