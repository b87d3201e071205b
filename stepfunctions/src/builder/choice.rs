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
pub struct Choice<L = JsonPath> {
    parts: Parts,
    /// Open ends of the branches: `(index of the carried chain, end in it)`.
    branch_ends: Vec<(usize, usize)>,
    language: PhantomData<L>,
}

constructors!(Choice, "Choice state with no rule yet", "", |name| Node::new(
    name,
    Kind::Choice {
        rules: Vec::new(),
        default: None,
    },
));

impl<L: Language> Choice<L> {
    fn from_node(node: Node) -> Self {
        Choice {
            parts: Parts::new(node),
            branch_ends: Vec::new(),
            language: PhantomData,
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
                output: options.output,
                assign: options.assign,
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

builder!(Choice: [Assign] [InputOutput] [JsonataOutput]);

impl<L: Language> From<Choice<L>> for Chain {
    fn from(c: Choice<L>) -> Chain {
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
    output: Option<Payload>,
    assign: crate::model::Variables,
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

    /// The Choice state's output when the rule is taken (`Output`, JSONata). Default: the
    /// state's `Output`, else its input.
    ///
    /// ```
    /// use stepfunctions::model::Jsonata;
    /// let o = stepfunctions::RuleOptions::default().output(Jsonata::variable("score").into());
    /// ```
    #[must_use]
    pub fn output(mut self, output: Payload) -> Self {
        self.output = Some(output);
        self
    }

    /// Sets the variable `name` when the rule is taken (`Assign`); the state's own `Assign`
    /// is not applied then.
    ///
    /// ```
    /// let o = stepfunctions::RuleOptions::default().assign("tier", "gold");
    /// ```
    #[must_use]
    pub fn assign(mut self, name: impl Into<String>, value: impl Into<Payload>) -> Self {
        self.assign.insert(name.into(), value.into());
        self
    }
}
