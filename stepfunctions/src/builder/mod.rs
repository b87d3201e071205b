//! The builders: typed states, chains and tasks, which produce the [model](crate::model).
//!
//! One file per state type; the setters they share are traits (`setters.rs`), implemented for
//! each type by the `builder!` macro below with the traits the ASL allows it.

/// What the state builders' files use.
mod prelude {
    pub(super) use super::chain::{Chain, Ends, Parts};
    pub(super) use super::setters::sealed::Sealed;
    pub(super) use super::setters::*;
    pub(super) use crate::model::{
        ChoiceRule, Condition, FailState, MapState, Path, Payload, State as Node, StateKind as Kind, WaitTime,
    };
}

macro_rules! builder {
    ($ty:ident: $($tr:ident),*) => {
        impl Sealed for $ty {
            fn parts_mut(&mut self) -> &mut Parts {
                &mut self.parts
            }
            fn parts(&self) -> &Parts {
                &self.parts
            }
        }
        impl State for $ty {}
        $(impl $tr for $ty {})*
    };
}

macro_rules! simple_chain {
    ($($ty:ident),*) => {$(
        impl From<$ty> for Chain {
            fn from(state: $ty) -> Chain {
                state.parts.into_chain()
            }
        }
    )*};
}

pub(crate) mod catch;
pub(crate) mod chain;
mod choice;
mod custom;
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
pub use fail::Fail;
pub use map::Map;
pub use parallel::Parallel;
pub use pass::Pass;
pub use setters::{ErrorHandling, InputOutput, Parameters, ResultPath, ResultSelector, State};
pub use succeed::Succeed;
pub use wait::Wait;
