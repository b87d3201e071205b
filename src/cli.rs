//! The command line every example shares: build a template, print it (or write it to the path
//! given as the first argument), report warnings on stderr.
//!
//! Flags: `--compact` writes compact JSON (the smallest template) instead of pretty JSON.

use std::io::Write;
use std::process::ExitCode;

use cfn_model::Template;
use stepfunctions::{Error, Warning};

/// Builds a template with `build` and writes it out; returns the process exit code.
///
/// `build` adds resources to the template and returns the warnings its state machines
/// produced. Errors are printed as `error: ...` and give exit code 1.
///
/// ```no_run
/// use stepfunctions_cdk::prelude::*;
/// fn main() -> std::process::ExitCode {
///     stepfunctions_cdk::cli::run(|template| {
///         let rendered = StateMachine::new("StateMachine", Pass::new("Hello")).add_to(template)?;
///         Ok(rendered.warnings)
///     })
/// }
/// ```
pub fn run(build: impl FnOnce(&mut Template) -> Result<Vec<Warning>, Error>) -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    run_with_args(build, &args)
}

/// [`run`] with the arguments given: an optional output path, and `--compact`.
///
/// ```
/// use stepfunctions_cdk::prelude::*;
/// let path = std::env::temp_dir().join("stepfunctions-cdk-doc.json");
/// let code = stepfunctions_cdk::cli::run_with_args(
///     |t| Ok(StateMachine::new("M", Pass::new("P")).add_to(t)?.warnings),
///     &[path.to_string_lossy().into_owned()],
/// );
/// assert_eq!(code, std::process::ExitCode::SUCCESS);
/// ```
pub fn run_with_args(build: impl FnOnce(&mut Template) -> Result<Vec<Warning>, Error>, args: &[String]) -> ExitCode {
    let compact = args.iter().any(|a| a == "--compact");
    let path = args.iter().find(|a| !a.starts_with("--"));
    let mut template = Template::new();
    let rendered = build(&mut template).and_then(|mut warnings| {
        let (json, size_warnings) = stepfunctions::synth(&template, compact)?;
        warnings.extend(size_warnings);
        Ok((json, warnings))
    });
    // The process ends next: leave the model to the operating system rather than free a large
    // one piece by piece (tens of milliseconds for ten thousand states).
    std::mem::forget(template);
    match rendered {
        Ok((json, warnings)) => {
            for w in &warnings {
                eprintln!("warning: {w}");
            }
            let written = match path {
                Some(p) => std::fs::write(p, json.as_bytes()),
                None => std::io::stdout().write_all(json.as_bytes()),
            };
            std::mem::forget(json);
            match written {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: cannot write the template: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Builds and serializes a template: the JSON and every warning (the state machines' and the
/// template size's).
///
/// ```
/// use stepfunctions_cdk::prelude::*;
/// let (json, warnings) = stepfunctions_cdk::cli::render(|t| {
///     Ok(StateMachine::new("M", Pass::new("P")).add_to(t)?.warnings)
/// }, false).unwrap();
/// assert!(warnings.is_empty());
/// ```
pub fn render(
    build: impl FnOnce(&mut Template) -> Result<Vec<Warning>, Error>,
    compact: bool,
) -> Result<(String, Vec<Warning>), Error> {
    let mut template = Template::new();
    let mut warnings = build(&mut template)?;
    let (json, size_warnings) = stepfunctions::synth(&template, compact)?;
    warnings.extend(size_warnings);
    Ok((json, warnings))
}
