//! Helpers for testing states: render one state (and the states it carries) with the IAM
//! statements it needs, as JSON ready for a snapshot.

use cfn_model::Template;
use serde_json::{json, Value};

use crate::error::Error;
use crate::model::IntoDefinition;
use crate::state_machine::StateMachine;

/// Renders a state (or chain) as it appears in a state machine: its `States` entries, the
/// `DefinitionSubstitutions` the placeholders stand for, and the role's policy statements.
///
/// ```
/// use stepfunctions::prelude::*;
/// let rendered = stepfunctions::testing::render_state(Pass::new("P").result_path("$.x")).unwrap();
/// assert_eq!(rendered["States"]["P"], serde_json::json!({"Type": "Pass", "ResultPath": "$.x", "End": true}));
/// assert_eq!(rendered["PolicyStatements"], serde_json::json!([]));
/// ```
pub fn render_state(state: impl IntoDefinition) -> Result<Value, Error> {
    render_machine(StateMachine::new("StateMachine", state))
}

/// Renders a state (or chain) as [`render_state`] does, in a state machine whose query
/// language is `language`: a JSONata task's input shows as `Arguments`.
///
/// ```
/// use stepfunctions::model::{Jsonata, QueryLanguage};
/// use stepfunctions::prelude::*;
/// let p = Pass::jsonata("P").output(Jsonata::states_input().field("x").into());
/// let rendered = stepfunctions::testing::render_state_in(p, QueryLanguage::Jsonata).unwrap();
/// assert_eq!(rendered["States"]["P"]["Output"], "{% $states.input.x %}");
/// ```
pub fn render_state_in(state: impl IntoDefinition, language: crate::model::QueryLanguage) -> Result<Value, Error> {
    render_machine(StateMachine::new("StateMachine", state).query_language(language))
}

fn render_machine(machine: StateMachine) -> Result<Value, Error> {
    let mut template = Template::new();
    machine.add_to(&mut template)?;
    let json = template.to_json_compact()?;
    let template: Value =
        serde_json::from_str(&json).map_err(|e| Error::Template(cfn_model::CfnError::Serialization(e.to_string())))?;
    let machine = &template["Resources"]["StateMachine"]["Properties"];
    let statements = template["Resources"]["StateMachineRoleDefaultPolicy"]["Properties"]["PolicyDocument"]
        ["Statement"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mut out = json!({
        "States": machine["Definition"]["States"],
        "PolicyStatements": statements,
    });
    if let Some(subs) = machine.get("DefinitionSubstitutions") {
        out["DefinitionSubstitutions"] = subs.clone();
    }
    Ok(out)
}
