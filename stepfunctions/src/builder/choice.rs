//! The Choice state.

use super::prelude::*;

/// A Choice state: goes to the first rule whose condition holds, else to the default.
///
/// ```
/// use stepfunctions::prelude::*;
/// let c = Choice::new("Job Complete?")
///     .when(Condition::string_equals("$.status", "FAILED"), Fail::new("Job Failed"))
///     .when(Condition::string_equals("$.status", "SUCCEEDED"), Succeed::new("Done"))
///     .otherwise(StateRef::named("Wait X Seconds"));
/// ```
#[derive(Debug, Clone)]
pub struct Choice {
    parts: Parts,
    /// Open ends of the branches: `(index of the carried chain, end in it)`.
    branch_ends: Vec<(usize, usize)>,
}

impl Choice {
    /// A Choice state with no rule yet.
    ///
    /// ```
    /// let c = stepfunctions::Choice::new("Outcome?");
    /// ```
    pub fn new(name: impl Into<String>) -> Self {
        Choice {
            parts: Parts::new(Node::new(
                name,
                Kind::Choice {
                    rules: Vec::new(),
                    default: None,
                },
            )),
            branch_ends: Vec::new(),
        }
    }

    fn add_target(&mut self, target: Chain) -> String {
        let chain = self.parts.attached.len();
        self.branch_ends.extend(target.ends.iter().map(|&end| (chain, end)));
        self.parts.attach(target)
    }

    /// Adds a rule: when `condition` holds, go to `then`.
    ///
    /// ```
    /// use stepfunctions::prelude::*;
    /// let c = Choice::new("C").when(Condition::is_present("$.x"), Pass::new("Has X"));
    /// ```
    #[must_use]
    pub fn when(self, condition: Condition, then: impl Into<Chain>) -> Self {
        self.when_with(condition, then, RuleOptions::default())
    }

    /// Adds a rule with options: a comment on the rule (CDK's `ChoiceTransitionOptions`).
    ///
    /// ```
    /// use stepfunctions::prelude::*;
    /// use stepfunctions::RuleOptions;
    /// let c = Choice::new("C")
    ///     .when_with(Condition::is_present("$.x"), Pass::new("Has X"), RuleOptions::default().comment("x is set"))
    ///     .otherwise(Succeed::new("Done"));
    /// let asl = StateMachine::new("M", c).render_asl().unwrap();
    /// assert!(asl.definition.contains("\"Comment\": \"x is set\""));
    /// ```
    #[must_use]
    pub fn when_with(mut self, condition: Condition, then: impl Into<Chain>, options: RuleOptions) -> Self {
        let next = self.add_target(then.into());
        if let Kind::Choice { rules, .. } = &mut self.parts.node.kind {
            rules.push(ChoiceRule {
                condition,
                next,
                comment: options.comment,
            });
        }
        self
    }

    /// Where to go when no rule holds. Default: none (the execution fails with
    /// `States.NoChoiceMatched`; rendering warns).
    ///
    /// ```
    /// use stepfunctions::prelude::*;
    /// let c = Choice::new("C").when(Condition::is_present("$.x"), Pass::new("A")).otherwise(Pass::new("B"));
    /// ```
    #[must_use]
    pub fn otherwise(mut self, then: impl Into<Chain>) -> Self {
        let next = self.add_target(then.into());
        if let Kind::Choice { default, .. } = &mut self.parts.node.kind {
            *default = Some(next);
        }
        self
    }

    /// The Choice and its branches as a chain whose open ends are the branches' open ends, so
    /// that `next` joins them again.
    ///
    /// ```
    /// use stepfunctions::prelude::*;
    /// let c = Choice::new("C")
    ///     .when(Condition::is_present("$.x"), Pass::new("A"))
    ///     .otherwise(Pass::new("B"))
    ///     .afterwards()
    ///     .next(Succeed::new("Joined"));
    /// assert!(StateMachine::new("M", c).render_asl().is_ok());
    /// ```
    pub fn afterwards(self) -> Chain {
        Chain::from_parts(self.parts, Ends::Branches(self.branch_ends))
    }
}

builder!(Choice: InputOutput);

impl From<Choice> for Chain {
    fn from(c: Choice) -> Chain {
        Chain::from_parts(c.parts, Ends::None)
    }
}

/// The options of a Choice rule ([`Choice::when_with`]).
///
/// ```
/// let o = stepfunctions::RuleOptions::default().comment("large orders");
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RuleOptions {
    comment: Option<String>,
}

impl RuleOptions {
    /// A comment on the rule (`Comment`). Default: none.
    ///
    /// ```
    /// let o = stepfunctions::RuleOptions::default().comment("the usual case");
    /// ```
    #[must_use]
    pub fn comment(mut self, comment: impl Into<String>) -> Self {
        self.comment = Some(comment.into());
        self
    }
}
