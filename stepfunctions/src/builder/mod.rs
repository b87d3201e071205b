//! The builders: typed states, chains and tasks, which produce the [model](crate::model).
//!
//! One file per state type; the setters they share are traits (`setters.rs`), implemented for
//! each type by the `builder!` macro below with the traits the ASL allows it.

/// What the state builders' files use.
mod prelude {
    pub(super) use super::chain::{Chain, Ends, Parts};
    pub(super) use super::setters::ql::{JsonPath, Jsonata, Language};
    pub(super) use super::setters::sealed::Sealed;
    pub(super) use super::setters::*;
    pub(super) use crate::model::{
        ChoiceRule, Condition, FailState, MapState, Path, Payload, State as Node, StateKind as Kind, WaitTime,
    };
    pub(super) use std::marker::PhantomData;
}

/// Implements the setter traits for a state builder `$ty<L>`: those of both languages, those of
/// JSONPath builders only, those of JSONata builders only.
macro_rules! builder {
    ($ty:ident: [$($both:ident),*] [$($jp:ident),*] [$($ja:ident),*]) => {
        impl<L: Language> Sealed for $ty<L> {
            fn parts_mut(&mut self) -> &mut Parts {
                &mut self.parts
            }
            fn parts(&self) -> &Parts {
                &self.parts
            }
        }
        impl<L: Language> State for $ty<L> {}
        $(impl<L: Language> $both for $ty<L> {})*
        $(impl $jp for $ty<JsonPath> {})*
        $(impl $ja for $ty<Jsonata> {})*
    };
}

/// The three constructors of a builder, `new` (JSONPath fields, the machine's language),
/// `json_path` and `jsonata`, from a function making its node.
macro_rules! constructors {
    ($ty:ident, $what:literal, $example:literal, |$name:ident $(, $arg:ident: $argty:ty)*| $node:expr) => {
        impl $ty<JsonPath> {
            #[doc = concat!("A ", $what, " with a name (1 to 80 characters, unique in the state machine), ")]
            #[doc = "in the state machine's query language, with the JSONPath setters."]
            ///
            /// ```
            /// # use stepfunctions::prelude::*;
            #[doc = concat!("let s = ", stringify!($ty), "::new(\"S\"", $example, ");")]
            /// ```
            pub fn new($name: impl Into<String> $(, $arg: $argty)*) -> Self {
                $ty::from_node($node)
            }

            #[doc = concat!("A JSONPath ", $what, ": `QueryLanguage` is JSONPath whatever the state machine's.")]
            ///
            /// ```
            /// # use stepfunctions::prelude::*;
            #[doc = concat!("let s = ", stringify!($ty), "::json_path(\"S\"", $example, ");")]
            /// ```
            pub fn json_path($name: impl Into<String> $(, $arg: $argty)*) -> Self {
                let mut s = $ty::from_node($node);
                s.parts.node.query_language = Some(crate::model::QueryLanguage::JsonPath);
                s
            }
        }

        impl $ty<Jsonata> {
            #[doc = concat!("A JSONata ", $what, ", with the JSONata setters (`output`, ...): `QueryLanguage` is")]
            /// JSONata, written where the state machine's differs.
            ///
            /// ```
            /// # use stepfunctions::prelude::*;
            #[doc = concat!("let s = ", stringify!($ty), "::jsonata(\"S\"", $example, ");")]
            /// ```
            pub fn jsonata($name: impl Into<String> $(, $arg: $argty)*) -> Self {
                let mut s = $ty::from_node($node);
                s.parts.node.query_language = Some(crate::model::QueryLanguage::Jsonata);
                s
            }
        }
    };
}

macro_rules! simple_chain {
    ($($ty:ident),*) => {$(
        impl<L: Language> From<$ty<L>> for Chain {
            fn from(state: $ty<L>) -> Chain {
                state.parts.into_chain()
            }
        }
    )*};
}

pub(crate) mod catch;
pub(crate) mod chain;
mod choice;
mod custom;
mod distributed_map;
mod fail;
mod map;
mod parallel;
mod pass;
pub(crate) mod setters;
mod succeed;
pub(crate) mod task;
mod wait;

pub use choice::{Choice, RuleOptions};
pub use custom::CustomState;
pub use distributed_map::DistributedMap;
pub use fail::Fail;
pub use map::Map;
pub use parallel::Parallel;
pub use pass::Pass;
pub use setters::{
    ql, Arguments, Assign, ErrorHandling, InputOutput, JsonataOutput, Parameters, ResultPath, ResultSelector, State,
};
pub use succeed::Succeed;
pub use wait::Wait;
