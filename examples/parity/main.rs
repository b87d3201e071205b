//! The Rust twin of every CDK reference case: `cargo run --example parity -- <case>` prints the
//! case's template, `--list` lists the cases.
//!
//! Each twin in `cases/` is a line-by-line translation of the CDK program in
//! `tests/fixtures/reference/cases/<case>.js`; the `parity` test compares every one with what
//! the CDK synthesized.

use std::process::ExitCode;

mod cases;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        None | Some("--list") => {
            for (name, _) in cases::all() {
                println!("{name}");
            }
            ExitCode::SUCCESS
        }
        Some(name) => {
            let Some((_, build)) = cases::all().into_iter().find(|(n, _)| *n == name) else {
                eprintln!("error: no case `{name}`; `--list` lists them");
                return ExitCode::FAILURE;
            };
            stepfunctions_cdk::cli::run_with_args(build, &args[1..])
        }
    }
}
