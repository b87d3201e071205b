//! The builders: typed states, chains and tasks, which produce the [model](crate::model).

pub(crate) mod catch;
pub(crate) mod chain;
pub(crate) mod states;
pub(crate) mod task;
