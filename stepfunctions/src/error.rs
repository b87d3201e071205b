//! Errors and warnings of this crate.

use std::fmt;

/// What makes a state machine invalid. Every variant names the offending state where there is
/// one.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Two different states share a name.
    #[error(
        "state name `{name}` is used by two different states (to place a fragment more than once, give each \
         copy a prefix with Chain::prefix_states)"
    )]
    DuplicateStateName {
        /// The name.
        name: String,
    },
    /// A transition (`Next`, `Default`, a Choice rule or a Catch) names a state that is not in the
    /// same graph (the top level, a Parallel branch or a Map processor).
    #[error("state `{state}` transitions to `{target}`, which is not a state of the same graph")]
    MissingTransitionTarget {
        /// The state with the transition.
        state: String,
        /// The missing target.
        target: String,
    },
    /// A state cannot be reached from the graph's start.
    #[error("state `{state}` cannot be reached from the start state `{start}`")]
    UnreachableState {
        /// The unreachable state.
        state: String,
        /// The start of its graph.
        start: String,
    },
    /// A state name is empty or longer than 80 characters.
    #[error("state name `{name}` must be 1 to 80 characters long (it has {length})")]
    InvalidStateName {
        /// The name.
        name: String,
        /// Its length in characters.
        length: usize,
    },
    /// A state name holds a control character.
    #[error("state name `{}` holds the control character {character}", name.escape_debug())]
    StateNameCharacter {
        /// The name.
        name: String,
        /// The character (`U+0009`).
        character: String,
    },
    /// `next` was called after a state that cannot continue (Choice, Succeed, Fail).
    #[error("cannot continue after state `{state}` ({kind} state has no Next); for a Choice use `afterwards()`")]
    CannotChain {
        /// The state.
        state: String,
        /// Its type.
        kind: &'static str,
    },
    /// A Choice state has no rule.
    #[error("choice state `{state}` has no rule")]
    EmptyChoice {
        /// The state.
        state: String,
    },
    /// A Parallel state has no branch.
    #[error("parallel state `{state}` has no branch")]
    EmptyParallel {
        /// The state.
        state: String,
    },
    /// A Map state has no item processor.
    #[error("map state `{state}` has no item processor")]
    MissingItemProcessor {
        /// The state.
        state: String,
    },
    /// A JsonPath is malformed, or is not the kind of path a field accepts.
    #[error("state `{state}`: {field} `{path}` is not a valid {expected}: {reason}")]
    InvalidPath {
        /// The state.
        state: String,
        /// The field, e.g. `ResultPath`.
        field: String,
        /// The path as given.
        path: String,
        /// `JsonPath`, `reference path` or `intrinsic function`.
        expected: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// A key ending in `.$` in a payload built in Rust, or one whose value is not a path or an
    /// intrinsic function's text in JSON: Step Functions would read the value as a path.
    #[error(
        "state `{state}`: {field} ends in `.$` with the value {value}: name the key without `.$` and give a \
         path or an intrinsic function (JsonPath::string_at, JsonPath::format, ...), the `.$` is written for you"
    )]
    DollarKey {
        /// The state.
        state: String,
        /// Where the key is, e.g. `Parameters.id.$`.
        field: String,
        /// The value, as JSON.
        value: String,
    },
    /// A field reads a workflow variable (`$name`) that no state of its scope assigns (a
    /// Parallel branch or Map iteration sees the variables of the states around it, not the
    /// reverse).
    #[error("state `{state}`: {field} reads the variable `${variable}`, which no state in its scope assigns")]
    UnassignedVariable {
        /// The state.
        state: String,
        /// The field, e.g. `Parameters.total`.
        field: String,
        /// The variable's name, without the `$`.
        variable: String,
    },
    /// A field, or a value in one, that the state's query language does not have: a JSONPath
    /// field (`InputPath`, `ResultPath`, a `...Path` form, an intrinsic function) in a JSONata
    /// state, or a JSONata one (`Output`, an expression) in a JSONPath state.
    #[error("state `{state}`: {field} is not {language}: {reason}")]
    QueryLanguageMismatch {
        /// The state.
        state: String,
        /// The field, e.g. `ResultPath` or `Arguments.Payload.id`.
        field: String,
        /// The state's language.
        language: crate::model::QueryLanguage,
        /// What to write instead.
        reason: String,
    },
    /// A JSONata expression is malformed, or reads a `$states` member the field does not have.
    #[error("state `{state}`: {field} `{{% {expression} %}}` is not a valid JSONata expression here: {reason}")]
    InvalidJsonata {
        /// The state.
        state: String,
        /// The field, e.g. `Output.total`.
        field: String,
        /// The expression, without its delimiters.
        expression: String,
        /// What is wrong.
        reason: String,
    },
    /// A workflow variable's name is not one the service accepts, or an assignment breaks a
    /// scope rule.
    #[error("state `{state}`: {field} assigns the variable `{variable}`: {reason}")]
    InvalidVariable {
        /// The state.
        state: String,
        /// The field, e.g. `Assign` or `Catch[0].Assign`.
        field: String,
        /// The name as given.
        variable: String,
        /// What is wrong.
        reason: String,
    },
    /// A retrier's value is out of range, or `States.ALL` is not alone and last.
    #[error("state `{state}`: retrier {index}: {reason}")]
    InvalidRetry {
        /// The state.
        state: String,
        /// Index of the retrier in `Retry`.
        index: usize,
        /// What is wrong.
        reason: String,
    },
    /// A catcher is malformed (`States.ALL` not alone and last, or no error to catch).
    #[error("state `{state}`: catcher {index}: {reason}")]
    InvalidCatch {
        /// The state.
        state: String,
        /// Index of the catcher in `Catch`.
        index: usize,
        /// What is wrong.
        reason: String,
    },
    /// A timeout or heartbeat is out of range, or the heartbeat is not below the timeout.
    #[error("state `{state}`: {reason}")]
    InvalidTimeout {
        /// The state.
        state: String,
        /// What is wrong.
        reason: String,
    },
    /// A value of a state is out of its allowed range (a Wait's seconds, a Map's max
    /// concurrency, ...).
    #[error("state `{state}`: {field}: {reason}")]
    InvalidValue {
        /// The state.
        state: String,
        /// The field.
        field: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// A setting of a resource the program defines is invalid: the state machine's own
    /// (its timeout, its substitutions, its role), or a function's, a topic's, an API's, ...
    #[error("`{construct}`: {field}: {reason}")]
    InvalidResource {
        /// The construct id the program gave the resource.
        construct: String,
        /// The setting.
        field: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// An Express state machine holds a state Express workflows do not run (a `.sync` or
    /// `.waitForTaskToken` integration: Express supports Request Response only).
    #[error("state `{state}`: an Express state machine does not run {what}; make the machine Standard")]
    NotInExpress {
        /// The state.
        state: String,
        /// What Express does not run.
        what: &'static str,
    },
    /// A Distributed Map running Express child executions holds a state those do not run.
    #[error(
        "state `{state}` in Distributed Map `{map}`: Express child executions do not run {what}; make the map's \
         execution type Standard"
    )]
    NotInExpressChild {
        /// The Distributed Map.
        map: String,
        /// The state in its processor.
        state: String,
        /// What Express does not run.
        what: &'static str,
    },
    /// A task's integration rejected its configuration.
    #[error("task `{state}`: {}{reason}", field.as_ref().map(|f| format!("{f}: ")).unwrap_or_default())]
    InvalidTask {
        /// The state.
        state: String,
        /// The field at fault, as the service's API names it, where one is.
        field: Option<String>,
        /// What is wrong.
        reason: String,
    },
    /// The rendered definition is over the 1 MiB service limit (1,048,576 bytes).
    #[error("the definition of state machine `{state_machine}` is {size} bytes, over the {limit}-byte service limit")]
    DefinitionTooLarge {
        /// The state machine's construct id.
        state_machine: String,
        /// Size of the compact definition.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// Literal `${` text where this library cannot route it through a substitution (a state
    /// name, a comment, a path, a condition value, custom-state JSON), in a definition that has
    /// `DefinitionSubstitutions`: CloudFormation would read it as a placeholder.
    #[error(
        "the definition has literal `${{` text in a state name, comment, path, condition or custom state; \
         with DefinitionSubstitutions CloudFormation would read it as a placeholder: remove it, or \
         map it with StateMachine::definition_substitution"
    )]
    LiteralPlaceholder,
    /// A custom state's JSON is not a valid state object.
    #[error("custom state `{state}`: {reason}")]
    InvalidCustomState {
        /// The state.
        state: String,
        /// What is wrong.
        reason: String,
    },
    /// A state is kept under another name than its own in its graph's `States` (a definition
    /// built or edited by hand).
    #[error("state `{name}` is listed under the name `{key}`")]
    MisnamedState {
        /// The key in `States`.
        key: String,
        /// The state's own name.
        name: String,
    },
    /// Several errors, in a stable order: those the builders found, in the order of the
    /// program, then the definition's names and transitions, then each state's fields in the
    /// order of the states. [`Error::errors`] lists them whatever their number.
    #[error("{} errors: {}", errors.len(), Joined(errors))]
    Multiple {
        /// The errors (two or more).
        errors: Vec<Error>,
    },
    /// The template could not be built.
    #[error(transparent)]
    Template(#[from] cfn_model::CfnError),
}

impl Error {
    /// One error for a list of them: the error itself when there is one, [`Error::Multiple`]
    /// when there are more, `None` when there is none.
    ///
    /// ```
    /// use stepfunctions::Error;
    /// let e = Error::EmptyChoice { state: "C".into() };
    /// assert_eq!(Error::from_all(vec![e.clone()]), Some(e));
    /// assert_eq!(Error::from_all(Vec::new()), None);
    /// ```
    pub fn from_all(mut errors: Vec<Error>) -> Option<Error> {
        match errors.len() {
            0 => None,
            1 => errors.pop(),
            _ => Some(Error::Multiple { errors }),
        }
    }

    /// The state the error is about, where it is about one.
    ///
    /// ```
    /// use stepfunctions::Error;
    /// assert_eq!(Error::EmptyChoice { state: "C".into() }.state(), Some("C"));
    /// assert_eq!(Error::LiteralPlaceholder.state(), None);
    /// ```
    pub fn state(&self) -> Option<&str> {
        match self {
            Error::DuplicateStateName { name }
            | Error::InvalidStateName { name, .. }
            | Error::StateNameCharacter { name, .. }
            | Error::MisnamedState { name, .. } => Some(name),
            Error::MissingTransitionTarget { state, .. }
            | Error::UnreachableState { state, .. }
            | Error::CannotChain { state, .. }
            | Error::EmptyChoice { state }
            | Error::EmptyParallel { state }
            | Error::MissingItemProcessor { state }
            | Error::InvalidPath { state, .. }
            | Error::UnassignedVariable { state, .. }
            | Error::QueryLanguageMismatch { state, .. }
            | Error::InvalidJsonata { state, .. }
            | Error::InvalidVariable { state, .. }
            | Error::DollarKey { state, .. }
            | Error::InvalidRetry { state, .. }
            | Error::InvalidCatch { state, .. }
            | Error::InvalidTimeout { state, .. }
            | Error::InvalidValue { state, .. }
            | Error::InvalidTask { state, .. }
            | Error::InvalidCustomState { state, .. }
            | Error::NotInExpress { state, .. }
            | Error::NotInExpressChild { state, .. } => Some(state),
            Error::DefinitionTooLarge { .. }
            | Error::LiteralPlaceholder
            | Error::Multiple { .. }
            | Error::InvalidResource { .. }
            | Error::Template(_) => None,
        }
    }

    /// Every error this one stands for: the list of [`Error::Multiple`], else itself alone.
    ///
    /// ```
    /// use stepfunctions::Error;
    /// let e = Error::EmptyChoice { state: "C".into() };
    /// assert_eq!(e.errors(), [e.clone()]);
    /// ```
    pub fn errors(&self) -> &[Error] {
        match self {
            Error::Multiple { errors } => errors,
            other => std::slice::from_ref(other),
        }
    }
}

/// Errors joined as `1) ...; 2) ...`.
struct Joined<'a>(&'a [Error]);

impl fmt::Display for Joined<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{}) {e}", i + 1)?;
        }
        Ok(())
    }
}

/// What deploys but will not behave as written. Returned with the output, never dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Warning {
    /// An inline Map's `MaxConcurrency` is above what the service runs at once (40).
    MapConcurrencyAboveInlineLimit {
        /// The state.
        state: String,
        /// The configured value.
        max_concurrency: u32,
    },
    /// A Choice has no `Default`: an input no rule matches fails the execution with
    /// `States.NoChoiceMatched`.
    ChoiceWithoutDefault {
        /// The state.
        state: String,
    },
    /// The state machine runs as an immutable existing role, and the statements its states need
    /// were not attached to it.
    PermissionsNotGranted {
        /// The state machine's logical id.
        state_machine: String,
        /// How many statements were left out.
        statements: usize,
    },
    /// An Express state machine's timeout is above the five minutes an Express execution may
    /// run.
    ExpressTimeoutAboveLimit {
        /// The state machine's logical id.
        state_machine: String,
        /// The configured timeout.
        timeout_seconds: u64,
    },
    /// A field reads a variable that some state of its scope assigns, but none that can run
    /// before it: the read fails when the state runs (or, in JSONata, finds nothing).
    VariableNotAssignedBefore {
        /// The state.
        state: String,
        /// The field, e.g. `Output.tier`.
        field: String,
        /// The variable's name, without the `$`.
        variable: String,
    },
    /// An `Assign` sets a variable (or all its variables together) to more than the service
    /// stores for one (256 KiB): the execution fails when the state completes.
    VariableTooLarge {
        /// The state.
        state: String,
        /// The `Assign` or the variable, e.g. `Assign.big`.
        field: String,
        /// The size of the value as written, in bytes.
        size: usize,
        /// The limit, in bytes.
        limit: usize,
    },
    /// The template is over 51,200 bytes, the most `aws cloudformation deploy` sends inline.
    TemplateOverInlineLimit {
        /// Size in bytes.
        size: usize,
    },
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::MapConcurrencyAboveInlineLimit { state, max_concurrency } => write!(
                f,
                "map state `{state}`: MaxConcurrency {max_concurrency} is above 40; an inline Map runs at most 40 iterations at once"
            ),
            Warning::ChoiceWithoutDefault { state } => write!(
                f,
                "choice state `{state}` has no default: an input that matches no rule fails the execution with States.NoChoiceMatched"
            ),
            Warning::PermissionsNotGranted { state_machine, statements } => write!(
                f,
                "state machine `{state_machine}` runs as an immutable role: {statements} policy statement(s) its states need were not attached; grant them to the role yourself"
            ),
            Warning::ExpressTimeoutAboveLimit { state_machine, timeout_seconds } => write!(
                f,
                "express state machine `{state_machine}` has a timeout of {timeout_seconds} s; an Express execution stops after 300 s"
            ),
            Warning::VariableNotAssignedBefore { state, field, variable } => write!(
                f,
                "state `{state}`: {field} reads the variable `${variable}`, which no state that can run before it \
                 assigns: the read fails when the state runs"
            ),
            Warning::VariableTooLarge {
                state,
                field,
                size,
                limit,
            } => write!(
                f,
                "state `{state}`: {field} is {size} bytes, over the {limit} bytes a workflow variable may hold"
            ),
            Warning::TemplateOverInlineLimit { size } => write!(
                f,
                "the template is {size} bytes, over the 51,200 bytes `aws cloudformation deploy` accepts inline: \
                 deploy with `--s3-bucket <bucket>`, or render it compact"
            ),
        }
    }
}
