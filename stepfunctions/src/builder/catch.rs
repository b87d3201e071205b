//! Catchers as the builders write them: the errors, and the chain that handles them.

use crate::builder::chain::Chain;

use crate::model::{Errors, NullablePath, Path, Payload};

/// A catcher: on the named errors, go to a handler state.
///
/// ```
/// use stepfunctions::{Catch, Fail};
/// let c = Catch::all(Fail::new("Failed")).result_path("$.error");
/// ```
#[derive(Debug, Clone)]
pub struct Catch {
    pub(crate) errors: Vec<String>,
    pub(crate) result_path: Option<NullablePath>,
    pub(crate) output: Option<Payload>,
    pub(crate) assign: crate::model::Variables,
    pub(crate) handler: Chain,
}

impl Catch {
    /// Catches the named errors.
    ///
    /// ```
    /// use stepfunctions::{Catch, Pass};
    /// let c = Catch::on(["java.lang.Exception"], Pass::new("RecoveryState"));
    /// ```
    pub fn on<S: Into<String>>(errors: impl IntoIterator<Item = S>, handler: impl Into<Chain>) -> Self {
        Catch {
            errors: errors.into_iter().map(Into::into).collect(),
            result_path: None,
            output: None,
            assign: Default::default(),
            handler: handler.into(),
        }
    }

    /// Catches every error (`States.ALL`).
    ///
    /// ```
    /// let c = stepfunctions::Catch::all(stepfunctions::Fail::new("Failed"));
    /// ```
    pub fn all(handler: impl Into<Chain>) -> Self {
        Self::on([Errors::ALL], handler)
    }

    /// Where the error output goes in the state input. Default: `$` (the error replaces it).
    ///
    /// ```
    /// let c = stepfunctions::Catch::all(stepfunctions::Fail::new("F")).result_path("$.error-info");
    /// ```
    #[must_use]
    pub fn result_path(mut self, path: impl Into<Path>) -> Self {
        self.result_path = Some(NullablePath::Path(path.into()));
        self
    }

    /// Discards the error output: the handler gets the state input. Default: not discarded.
    ///
    /// ```
    /// let c = stepfunctions::Catch::all(stepfunctions::Fail::new("F")).discard_result();
    /// ```
    #[must_use]
    pub fn discard_result(mut self) -> Self {
        self.result_path = Some(NullablePath::Null);
        self
    }

    /// The state's output when this catcher is taken (JSONata; `$states.errorOutput` is the
    /// error). Default: the error output.
    ///
    /// ```
    /// use stepfunctions::model::Jsonata;
    /// use stepfunctions::{Catch, Fail, Payload};
    /// let c = Catch::all(Fail::jsonata("F")).output(Payload::from_object([("err", Jsonata::states_error_output().into())]));
    /// ```
    #[must_use]
    pub fn output(mut self, output: Payload) -> Self {
        self.output = Some(output);
        self
    }

    /// Sets the variable `name` when this catcher is taken (the state's own `Assign` is not
    /// applied then). In JSONPath, a path reads the error output.
    ///
    /// ```
    /// use stepfunctions::{Catch, JsonPath, Pass};
    /// let c = Catch::all(Pass::new("Handle")).assign("errorName", JsonPath::string_at("$.Error"));
    /// ```
    #[must_use]
    pub fn assign(mut self, name: impl Into<String>, value: impl Into<Payload>) -> Self {
        self.assign.insert(name.into(), value.into());
        self
    }
}
