//! Whole-graph validation: every state's fields, names, transitions and reachability.

use std::collections::HashSet;

use crate::error::{Error, Warning};
use crate::json_path::syntax::PathKind;
use crate::model::{
    check_error_names, check_path, Catcher, Graph, NullablePath, QueryLanguage, State as Node, StateKind as Kind,
    StateType,
};

/// Checks a definition's graph: every error found (in a stable order: names, then transitions
/// and reachability, then each state's fields in the order of the states), and the warnings of
/// what deploys but may not behave as written.
pub(crate) fn validate(graph: &Graph, top: QueryLanguage) -> (Vec<Warning>, Vec<Error>) {
    let mut errors = Vec::new();
    let mut names = HashSet::new();
    graph.for_each_state(&mut |node| {
        if !names.insert(node.name.as_str())
            && !errors
                .iter()
                .any(|e| matches!(e, Error::DuplicateStateName { name } if *name == node.name))
        {
            errors.push(Error::DuplicateStateName {
                name: node.name.clone(),
            });
        }
    });
    check_structure(graph, &mut errors);
    crate::validate_distributed::check_unique_labels(graph, &mut errors);
    let mut warnings = Vec::new();
    for_each_in_language(graph, top, &mut |node, language| {
        if top == QueryLanguage::Jsonata && language == QueryLanguage::JsonPath {
            // "You cannot revert a top-level JSONata-based state machine to a mix of JSONata
            // and JSONPath states" (AWS developer guide, transforming data).
            errors.push(Error::QueryLanguageMismatch {
                state: node.name.clone(),
                field: "QueryLanguage".into(),
                language: QueryLanguage::Jsonata,
                reason: "a JSONata state machine cannot hold JSONPath states; make the state JSONata, or the state \
                         machine JSONPath (a JSONPath machine may hold JSONata states)"
                    .into(),
            });
            return;
        }
        if let Err(e) = check_node(node, language, &mut warnings) {
            errors.push(e);
        } else if let Err(e) = crate::validate_language::check_language(node, language) {
            errors.push(e);
        }
    });
    crate::variables::check_variables(graph, top, &mut errors, &mut warnings);
    (warnings, errors)
}

/// Visits every state, nested ones included, with the language it is in: its own, else the
/// definition's.
pub(crate) fn for_each_in_language<'a>(
    graph: &'a Graph,
    top: QueryLanguage,
    f: &mut dyn FnMut(&'a Node, QueryLanguage),
) {
    for node in graph.states.values() {
        f(node, node.query_language.unwrap_or(top));
        for g in node.subgraphs() {
            for_each_in_language(g, top, f);
        }
    }
}

/// Checks keys, transitions and reachability within a graph and every nested one.
fn check_structure(graph: &Graph, errors: &mut Vec<Error>) {
    for (key, node) in &graph.states {
        if *key != node.name {
            errors.push(Error::MisnamedState {
                key: key.clone(),
                name: node.name.clone(),
            });
        }
    }
    if !graph.states.contains_key(&graph.start_at) {
        errors.push(Error::MissingTransitionTarget {
            state: "StartAt".into(),
            target: graph.start_at.clone(),
        });
    }
    for node in graph.states.values() {
        for target in node.targets() {
            if !graph.states.contains_key(target) {
                errors.push(Error::MissingTransitionTarget {
                    state: node.name.clone(),
                    target: target.to_owned(),
                });
            }
        }
    }
    let mut seen = vec![false; graph.states.len()];
    let mut stack = vec![graph.start_at.as_str()];
    while let Some(name) = stack.pop() {
        let Some(i) = graph.states.get_index_of(name) else {
            continue;
        };
        if std::mem::replace(&mut seen[i], true) {
            continue;
        }
        stack.extend(graph.states[i].targets());
    }
    // Only the first unreachable state: the ones after it are usually reached from it.
    if graph.states.contains_key(&graph.start_at) {
        if let Some(i) = seen.iter().position(|s| !s) {
            errors.push(Error::UnreachableState {
                state: graph.states[i].name.clone(),
                start: graph.start_at.clone(),
            });
        }
    }
    for node in graph.states.values() {
        for g in node.subgraphs() {
            check_structure(g, errors);
        }
    }
}

fn check_nullable(state: &str, field: &str, value: &Option<NullablePath>, kind: PathKind) -> Result<(), Error> {
    match value {
        Some(NullablePath::Path(p)) => check_path(state, field, p, kind),
        _ => Ok(()),
    }
}

/// `ResultPath` places the result in the state's output: it cannot name a variable (the AWS
/// developer guide: variables are read in every JSONPath field but `ResultPath`).
fn check_not_variable(state: &str, field: &str, value: &Option<NullablePath>) -> Result<(), Error> {
    match value {
        Some(NullablePath::Path(p)) if matches!(p.root(), Some(crate::model::PathRoot::Variable(_))) => {
            Err(Error::InvalidPath {
                state: state.to_owned(),
                field: field.to_owned(),
                path: p.to_string(),
                expected: "reference path",
                reason: "a ResultPath places the result in the state's output and cannot name a variable; set \
                         variables with assign()"
                    .into(),
            })
        }
        _ => Ok(()),
    }
}

fn check_node(node: &Node, language: QueryLanguage, warnings: &mut Vec<Warning>) -> Result<(), Error> {
    use crate::model::{INPUT_PATHS, STATES_CONTEXT, STATES_INPUT};
    let jsonata = language == QueryLanguage::Jsonata;
    let input_field = if jsonata { "Arguments" } else { "Parameters" };
    // These fields read the state's input: a JSONPath `$` path there is `$states.input`.
    let entry = STATES_INPUT | STATES_CONTEXT | INPUT_PATHS;
    let name = node.name.as_str();
    let length = name.chars().count();
    if length == 0 || length > 80 {
        return Err(Error::InvalidStateName {
            name: name.to_owned(),
            length,
        });
    }
    if let Some(c) = name.chars().find(|c| c.is_control()) {
        return Err(Error::StateNameCharacter {
            name: name.to_owned(),
            character: crate::util::describe_char(c),
        });
    }
    let io = &node.io;
    check_nullable(name, "InputPath", &io.input_path, PathKind::Path)?;
    check_nullable(name, "OutputPath", &io.output_path, PathKind::Path)?;
    check_nullable(name, "ResultPath", &io.result_path, PathKind::Reference)?;
    check_not_variable(name, "ResultPath", &io.result_path)?;
    if let Some(p) = &io.parameters {
        p.validate_in(name, input_field, language, entry)?;
    }
    if let Kind::Task(task) = &node.kind {
        if let Some(p) = &task.input {
            p.validate_in(name, input_field, language, entry)?;
        }
    }
    if let Some(p) = &io.result_selector {
        p.validate(name, "ResultSelector")?;
    }
    for (i, r) in node.retry.iter().enumerate() {
        r.validate(name, i, i + 1 == node.retry.len())?;
    }
    for (i, c) in node.catch.iter().enumerate() {
        check_catcher(c, name, i, i + 1 == node.catch.len())?;
    }
    match &node.kind {
        Kind::Pass { result: Some(r) } => {
            if contains_dynamic(r) {
                return Err(Error::InvalidValue {
                    state: name.to_owned(),
                    field: "Result",
                    reason: "a Pass result is a fixed value; use parameters() for paths and intrinsic functions".into(),
                });
            }
        }
        Kind::Task(task) => {
            let mut fixed_timeout = None;
            for (field, value) in [("TimeoutSeconds", &task.timeout), ("HeartbeatSeconds", &task.heartbeat)] {
                let Some(t) = value else { continue };
                if let Some(p) = t.path() {
                    check_path(name, &format!("{field}Path"), p, PathKind::Reference)?;
                }
                if let Some(secs) = t.fixed() {
                    let secs = secs.clone().map_err(|r| Error::InvalidTimeout {
                        state: name.to_owned(),
                        reason: format!("{field} {r}"),
                    })?;
                    if !(1..=99_999_999).contains(&secs) {
                        return Err(Error::InvalidTimeout {
                            state: name.to_owned(),
                            reason: format!("{field} must be 1 to 99999999 seconds, got {secs}"),
                        });
                    }
                    if field == "TimeoutSeconds" {
                        fixed_timeout = Some(secs);
                    } else if let Some(timeout) = fixed_timeout {
                        if secs >= timeout {
                            return Err(Error::InvalidTimeout {
                                state: name.to_owned(),
                                reason: format!("HeartbeatSeconds ({secs}) must be below TimeoutSeconds ({timeout})"),
                            });
                        }
                    }
                }
            }
            if let Some(c) = &task.credentials {
                c.role_arn().validate_in(name, "Credentials.RoleArn", language, entry)?;
            }
        }
        Kind::Choice { rules, default } => {
            if rules.is_empty() {
                return Err(Error::EmptyChoice { state: name.to_owned() });
            }
            if !jsonata {
                for rule in rules {
                    rule.condition.validate(name)?;
                }
            }
            if default.is_none() {
                warnings.push(Warning::ChoiceWithoutDefault { state: name.to_owned() });
            }
        }
        Kind::Wait(time) => time.validate(name)?,
        Kind::Parallel { branches } => {
            if branches.is_empty() {
                return Err(Error::EmptyParallel { state: name.to_owned() });
            }
        }
        Kind::Map(spec) => {
            if spec.processor.is_none() {
                return Err(Error::MissingItemProcessor { state: name.to_owned() });
            }
            if let Some(p) = &spec.items_path {
                check_path(name, "ItemsPath", p, PathKind::Reference)?;
            }
            if let Some(p) = &spec.max_concurrency_path {
                check_path(name, "MaxConcurrencyPath", p, PathKind::Reference)?;
            }
            if [
                spec.max_concurrency.is_some(),
                spec.max_concurrency_path.is_some(),
                spec.max_concurrency_expr.is_some(),
            ]
            .iter()
            .filter(|set| **set)
            .count()
                > 1
            {
                return Err(Error::InvalidValue {
                    state: name.to_owned(),
                    field: "MaxConcurrency",
                    reason: "set one max concurrency: a number, a path, or an expression".into(),
                });
            }
            if let Some(sel) = &spec.item_selector {
                sel.validate_in(
                    name,
                    if spec.legacy_parameters {
                        "Parameters"
                    } else {
                        "ItemSelector"
                    },
                    language,
                    entry,
                )?;
            }
            if let Some(d) = &spec.distributed {
                crate::validate_distributed::check_distributed(name, spec, d, language, entry)?;
            } else if let Some(n) = spec.max_concurrency {
                if n > 40 {
                    warnings.push(Warning::MapConcurrencyAboveInlineLimit {
                        state: name.to_owned(),
                        max_concurrency: n,
                    });
                }
            }
        }
        Kind::Fail(spec) => {
            let fields = if jsonata {
                [("Error", &spec.error), ("Cause", &spec.cause)]
            } else {
                [("ErrorPath", &spec.error), ("CausePath", &spec.cause)]
            };
            for (field, value) in fields {
                if let Some(v) = value {
                    v.validate_in(name, field, language, entry)?;
                }
            }
        }
        Kind::Custom(json) => {
            if node.kind.state_type().is_none() {
                let ty = json.get("Type").and_then(|t| t.as_str()).unwrap_or_default();
                let types: Vec<&str> = StateType::ALL.iter().map(|t| t.as_str()).collect();
                return Err(Error::InvalidCustomState {
                    state: name.to_owned(),
                    reason: format!("`Type` must be one of {}, got `{ty}`", types.join(", ")),
                });
            }
            for (field, kind) in [
                ("InputPath", PathKind::Path),
                ("OutputPath", PathKind::Path),
                ("ResultPath", PathKind::Reference),
            ] {
                if let Some(serde_json::Value::String(p)) = json.get(field) {
                    check_path(name, field, &crate::model::Path::new(p.as_str()), kind)?;
                }
            }
            for pair in EXCLUSIVE_FIELDS {
                let set: Vec<&str> = pair.iter().copied().filter(|f| json.contains_key(*f)).collect();
                if set.len() > 1 {
                    return Err(Error::InvalidCustomState {
                        state: name.to_owned(),
                        reason: format!("`{}` exclude each other: set one", set.join("` and `")),
                    });
                }
            }
            for field in ["Parameters", "ResultSelector", "ItemSelector"] {
                if let Some(v) = json.get(field) {
                    crate::Payload::from_json(v.clone()).validate(name, field)?;
                }
            }
        }
        Kind::Pass { result: None } | Kind::Succeed => {}
    }
    Ok(())
}

/// Fields of which a state may set one at most: a value and the path it is read from (and the
/// four forms of a Wait).
const EXCLUSIVE_FIELDS: &[&[&str]] = &[
    &["TimeoutSeconds", "TimeoutSecondsPath"],
    &["HeartbeatSeconds", "HeartbeatSecondsPath"],
    &["Seconds", "SecondsPath", "Timestamp", "TimestampPath"],
    &["MaxConcurrency", "MaxConcurrencyPath"],
    &["ToleratedFailureCount", "ToleratedFailureCountPath"],
    &["ToleratedFailurePercentage", "ToleratedFailurePercentagePath"],
    &["Error", "ErrorPath"],
    &["Cause", "CausePath"],
    &["Items", "ItemsPath"],
    &["ItemProcessor", "Iterator"],
    &["ItemSelector", "Parameters"],
];

fn contains_dynamic(p: &crate::Payload) -> bool {
    use crate::Payload;
    match p {
        Payload::Path(_) | Payload::Intrinsic(_) | Payload::List(_) | Payload::Jsonata(_) => true,
        Payload::Array(items) => items.iter().any(contains_dynamic),
        Payload::Object(map) => map.values().any(contains_dynamic),
        _ => false,
    }
}

fn check_catcher(c: &Catcher, state: &str, index: usize, last: bool) -> Result<(), Error> {
    check_error_names(&c.errors, last).map_err(|reason| Error::InvalidCatch {
        state: state.to_owned(),
        index,
        reason,
    })?;
    if let Some(NullablePath::Path(p)) = &c.result_path {
        check_path(state, "Catch.ResultPath", p, PathKind::Reference)?;
    }
    check_not_variable(state, "Catch.ResultPath", &c.result_path)?;
    Ok(())
}
