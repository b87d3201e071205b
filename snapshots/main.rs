//! Snapshot tests of every example's template: a change to any rendered state, role or policy
//! shows up in review.

use stepfunctions_cdk::prelude::*;

#[path = "../examples/hello_world.rs"]
mod hello_world;

macro_rules! examples {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                let (json, warnings) = stepfunctions_cdk::cli::render($name::build, false).expect("the example renders");
                let warnings: Vec<String> = warnings.iter().map(ToString::to_string).collect();
                insta::assert_snapshot!(stringify!($name), json);
                insta::assert_debug_snapshot!(concat!(stringify!($name), "_warnings"), warnings);
            }
        )*
    };
}

examples!(hello_world);

/// Rendering is deterministic: the same program gives the same bytes.
#[test]
fn rendering_is_deterministic() {
    let a = stepfunctions_cdk::cli::render(hello_world::build, false).unwrap().0;
    let b = stepfunctions_cdk::cli::render(hello_world::build, false).unwrap().0;
    assert_eq!(a, b);
    let _ = Template::new();
}
