//! The command line every example shares: build a template, print it (or write it to the path
//! given as the first argument), report warnings on stderr.
//!
//! Flags: `--compact` writes compact JSON (the smallest template) instead of pretty JSON.

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
    // The template is written as it is serialized, never held whole in memory.
    let result = build(&mut template).and_then(|mut warnings| {
        let size_warnings = match path {
            Some(p) => write_file(p, &template, compact)?,
            None => stepfunctions::synth_to(&template, compact, &mut std::io::stdout().lock())?,
        };
        warnings.extend(size_warnings);
        Ok(warnings)
    });
    // The process ends next: leave the model to the operating system rather than free a large
    // one piece by piece (tens of milliseconds for ten thousand states).
    std::mem::forget(template);
    match result {
        Ok(warnings) => {
            for w in &warnings {
                eprintln!("warning: {w}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Writes the template to a file; a regular file left half-written by an error is removed (a
/// device or a pipe is left alone).
fn write_file(path: &str, template: &Template, compact: bool) -> Result<Vec<Warning>, Error> {
    let cannot_write = |e: std::io::Error| Error::Template(cfn_model::CfnError::Write(format!("{path}: {e}")));
    let mut file = std::fs::File::create(path).map_err(cannot_write)?;
    let written = stepfunctions::synth_to(template, compact, &mut file);
    if written.is_err() && file.metadata().is_ok_and(|m| m.is_file()) {
        drop(file);
        let _ = std::fs::remove_file(path);
    }
    written
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

#[cfg(test)]
mod tests {
    use super::*;
    use stepfunctions::prelude::*;

    fn build(t: &mut Template) -> Result<Vec<Warning>, Error> {
        let chain = (0..8_000).fold(Chain::from(Pass::new("P0")), |c, i| {
            c.next(Pass::new(format!("P{}", i + 1)))
        });
        Ok(StateMachine::new("M", chain).add_to(t)?.warnings)
    }

    #[test]
    fn the_file_written_holds_the_rendered_template() {
        let dir = std::env::temp_dir().join(format!("sfn-cdk-cli-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for compact in [false, true] {
            let path = dir.join(format!("t-{compact}.json"));
            let mut args = vec![path.to_string_lossy().into_owned()];
            if compact {
                args.push("--compact".into());
            }
            assert_eq!(run_with_args(build, &args), ExitCode::SUCCESS);
            let (json, warnings) = render(build, compact).unwrap();
            assert!(json.len() > 256 * 1024, "large enough to be written in pieces");
            assert!(matches!(warnings[..], [Warning::TemplateOverInlineLimit { .. }]));
            assert_eq!(std::fs::read_to_string(&path).unwrap(), json);
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_path_that_cannot_be_written_fails() {
        let path = std::env::temp_dir().join("sfn-cdk-no-such-dir").join("t.json");
        let code = run_with_args(build, &[path.to_string_lossy().into_owned()]);
        assert_eq!(code, ExitCode::FAILURE);
        assert!(!path.exists());
    }

    #[test]
    fn a_writer_that_fails_midway_gives_a_write_error() {
        struct FullAfter(usize);
        impl std::io::Write for FullAfter {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                if buf.len() > self.0 {
                    return Err(std::io::Error::new(std::io::ErrorKind::StorageFull, "disk full"));
                }
                self.0 -= buf.len();
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let mut t = Template::new();
        build(&mut t).unwrap();
        let e = stepfunctions::synth_to(&t, false, &mut FullAfter(300_000)).unwrap_err();
        assert!(matches!(e, Error::Template(cfn_model::CfnError::Write(_))), "{e}");
        assert!(e.to_string().contains("disk full"), "{e}");
    }
}
