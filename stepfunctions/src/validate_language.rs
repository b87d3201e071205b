//! The query-language check: each field of a state is one its language has, and each
//! JSONata-only value (`Output`, expressions) sits in a JSONata state.
//!
//! The JSONPath fields of a JSONata state are those the AWS documentation lists as JSONPath
//! only: `InputPath`, `Parameters` (of a Pass), `Result`, `ResultSelector`, `ResultPath`,
//! `OutputPath`, `ItemsPath`, and the `...Path` forms (`SecondsPath`, `TimestampPath`,
//! `TimeoutSecondsPath`, `HeartbeatSecondsPath`, `MaxConcurrencyPath`, `ErrorPath`,
//! `CausePath`). A task's input and a Parallel's parameters are neutral: they render as
//! `Arguments`.

use crate::error::Error;
use crate::model::{
    check_jsonata, Condition, FieldPath, NullablePath, Payload, QueryLanguage, State as Node, StateKind as Kind,
    WaitField, INPUT_PATHS, STATES_CONTEXT, STATES_ERROR_OUTPUT, STATES_INPUT, STATES_RESULT,
};

/// A field a state of its type does not have, in either language.
fn mismatch_any(state: &str, field: &'static str, language: QueryLanguage, reason: &str) -> Error {
    Error::InvalidValue {
        state: state.to_owned(),
        field,
        reason: format!("{reason} ({language})"),
    }
}

/// Checks that every field of `node` is one of `language`.
pub(crate) fn check_language(node: &Node, language: QueryLanguage) -> Result<(), Error> {
    use FieldPath::{Index, Key, Root};
    let name = node.name.as_str();
    let entry = STATES_INPUT | STATES_CONTEXT;
    // What the state's own Output and Assign read: the result, for the states that have one.
    let after = match node.kind {
        Kind::Task(_) | Kind::Parallel { .. } | Kind::Map(_) => entry | STATES_RESULT,
        _ => entry,
    };
    let mismatch = |field: &str, reason: &str| Error::QueryLanguageMismatch {
        state: name.to_owned(),
        field: field.to_owned(),
        language,
        reason: reason.to_owned(),
    };
    if matches!(node.kind, Kind::Succeed | Kind::Fail(_)) && !node.io.assign.is_empty() {
        return Err(mismatch_any(
            name,
            "Assign",
            language,
            "a Succeed or Fail state assigns no variables",
        ));
    }
    if matches!(node.kind, Kind::Fail(_)) && node.io.output.is_some() {
        return Err(mismatch_any(name, "Output", language, "a Fail state has no output"));
    }
    if language == QueryLanguage::JsonPath {
        if node.io.output.is_some() {
            return Err(mismatch(
                "Output",
                "Output is JSONata; shape a JSONPath state's output with ResultSelector, ResultPath and OutputPath",
            ));
        }
        check_assign(name, &"Assign", &node.io.assign, language, after)?;
        for (i, c) in node.catch.iter().enumerate() {
            if c.output.is_some() {
                return Err(mismatch(
                    &format!("Catch[{i}].Output"),
                    "Output is JSONata; use ResultPath",
                ));
            }
            check_assign(
                name,
                &Key(&Index(&Root("Catch"), i), "Assign"),
                &c.assign,
                language,
                entry,
            )?;
        }
        match &node.kind {
            Kind::Choice { rules, .. } => {
                for (i, r) in rules.iter().enumerate() {
                    if r.output.is_some() {
                        return Err(mismatch(&format!("Choices[{i}].Output"), "Output is JSONata"));
                    }
                    check_assign(
                        name,
                        &Key(&Index(&Root("Choices"), i), "Assign"),
                        &r.assign,
                        language,
                        entry,
                    )?;
                }
            }
            Kind::Wait(time) if matches!(time.field(), WaitField::SecondsExpr(_) | WaitField::TimestampExpr(_)) => {
                return Err(mismatch(
                    "Wait",
                    "an expression is JSONata; use WaitTime::seconds_path or timestamp_path",
                ));
            }
            Kind::Task(task) => {
                for (field, t) in [("TimeoutSeconds", &task.timeout), ("HeartbeatSeconds", &task.heartbeat)] {
                    if t.as_ref().is_some_and(|t| t.expression().is_some()) {
                        return Err(mismatch(field, "an expression is JSONata; use Timeout::at"));
                    }
                }
            }
            Kind::Map(map) => {
                if map.items.is_some() {
                    return Err(mismatch("Items", "Items is JSONata; use items_path"));
                }
                if map.max_concurrency_expr.is_some() {
                    return Err(mismatch(
                        "MaxConcurrency",
                        "an expression is JSONata; use max_concurrency_path",
                    ));
                }
            }
            _ => {}
        }
        return Ok(());
    }

    // JSONata.
    let io = &node.io;
    for (field, value, instead) in [
        ("InputPath", &io.input_path, "read the input as $states.input"),
        ("ResultPath", &io.result_path, "combine input and result in Output"),
        ("OutputPath", &io.output_path, "give Output"),
    ] {
        if value.is_some() {
            return Err(mismatch(field, &format!("it is JSONPath; {instead}")));
        }
    }
    if io.result_selector.is_some() {
        return Err(mismatch("ResultSelector", "it is JSONPath; shape the result in Output"));
    }
    if let Some(o) = &io.output {
        o.validate_in(name, "Output", language, after)?;
    }
    check_assign(name, &"Assign", &io.assign, language, after)?;
    for (i, c) in node.catch.iter().enumerate() {
        if let Some(NullablePath::Path(_) | NullablePath::Null) = &c.result_path {
            return Err(mismatch(
                &format!("Catch[{i}].ResultPath"),
                "it is JSONPath; give the catcher's Output ($states.errorOutput is the error)",
            ));
        }
        let caught = entry | STATES_ERROR_OUTPUT;
        if let Some(o) = &c.output {
            o.validate_in(name, &format!("Catch[{i}].Output"), language, caught)?;
        }
        check_assign(
            name,
            &Key(&Index(&Root("Catch"), i), "Assign"),
            &c.assign,
            language,
            caught,
        )?;
    }
    match &node.kind {
        Kind::Pass { result: Some(_) } => {
            return Err(mismatch(
                "Result",
                "it is JSONPath; a JSONata Pass gives its output with Output",
            ));
        }
        Kind::Pass { result: None } if io.parameters.is_some() => {
            return Err(mismatch(
                "Parameters",
                "it is JSONPath; a JSONata Pass gives its output with Output",
            ));
        }
        Kind::Wait(time) => match time.field() {
            WaitField::SecondsPath(_) => {
                return Err(mismatch("SecondsPath", "it is JSONPath; use WaitTime::seconds_expr"))
            }
            WaitField::TimestampPath(_) => {
                return Err(mismatch(
                    "TimestampPath",
                    "it is JSONPath; use WaitTime::timestamp_expr",
                ))
            }
            WaitField::SecondsExpr(e) | WaitField::TimestampExpr(e) => check_jsonata(name, &"Wait", e, entry)?,
            WaitField::Seconds(_) | WaitField::Timestamp(_) => {}
        },
        Kind::Task(task) => {
            for (field, t) in [("TimeoutSeconds", &task.timeout), ("HeartbeatSeconds", &task.heartbeat)] {
                let Some(t) = t else { continue };
                if t.path().is_some() {
                    return Err(mismatch(&format!("{field}Path"), "it is JSONPath; use Timeout::expr"));
                }
                if let Some(e) = t.expression() {
                    check_jsonata(name, &field, e, entry)?;
                }
            }
        }
        Kind::Map(map) => {
            if map.items_path.is_some() {
                return Err(mismatch("ItemsPath", "it is JSONPath; give Items (Map::items)"));
            }
            if map.max_concurrency_path.is_some() {
                return Err(mismatch(
                    "MaxConcurrencyPath",
                    "it is JSONPath; use Map::max_concurrency_expr",
                ));
            }
            if map.legacy_parameters {
                return Err(mismatch("Parameters", "it is JSONPath; give ItemSelector"));
            }
            if let Some(items) = &map.items {
                items.validate_in(name, "Items", language, entry | INPUT_PATHS)?;
            }
            if let Some(e) = &map.max_concurrency_expr {
                check_jsonata(name, &"MaxConcurrency", e, entry)?;
            }
        }
        Kind::Fail(fail) => {
            for (field, value) in [("ErrorPath", &fail.error), ("CausePath", &fail.cause)] {
                if let Some(Payload::Path(_)) = value {
                    return Err(mismatch(field, "it is JSONPath; use error_expr / cause_expr"));
                }
            }
        }
        Kind::Choice { rules, .. } => {
            for (i, r) in rules.iter().enumerate() {
                let field = Key(&Index(&Root("Choices"), i), "Condition");
                match &r.condition {
                    Condition::Jsonata(e) => check_jsonata(name, &field, e, entry)?,
                    _ => {
                        return Err(mismatch(
                            &format!("Choices[{i}]"),
                            "a JSONata Choice rule takes one expression: Condition::jsonata",
                        ))
                    }
                }
                if let Some(o) = &r.output {
                    o.validate_in(name, &format!("Choices[{i}].Output"), language, entry)?;
                }
                check_assign(
                    name,
                    &Key(&Index(&Root("Choices"), i), "Assign"),
                    &r.assign,
                    language,
                    entry,
                )?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// Checks the values of an `Assign` (the names are the variables check's).
fn check_assign(
    state: &str,
    field: &dyn std::fmt::Display,
    assign: &crate::model::Variables,
    language: QueryLanguage,
    members: u8,
) -> Result<(), Error> {
    for (k, v) in assign {
        v.validate_in(state, &format!("{field}.{k}"), language, members)?;
    }
    Ok(())
}
