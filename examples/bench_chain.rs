//! The standard workflow of the performance comparison with the AWS CDK
//! (`tests/fixtures/reference/perf/cdk_chain.js`): N states in blocks of ten — eight
//! `LambdaInvoke` tasks on an imported function (object payload with a path field, a result
//! selector, a result path, a retry, and a catch to one shared Fail state), a Pass with an
//! intrinsic function, and a Choice that loops back to the block's first state or goes on — and a
//! Succeed at the end.
//!
//! [`workflow_jsonata`] is the same workflow in JSONata (`--jsonata`): each JSONPath field
//! becomes its JSONata expression (the result selector and result path one `Output` with
//! `$merge`, the Choice condition an expression).
//!
//! `cargo run --release --example bench_chain -- 10000 > template.json` prints the template, so
//! the whole process can be timed against `node cdk_chain.js 10000`. Past about 1,600 states the
//! definition is over the 1 MiB service limit on purpose (the workflow measures how cost grows):
//! the size check is switched off explicitly here, so such a template renders but does not
//! deploy.

use std::process::ExitCode;
use std::time::Duration;

use stepfunctions_cdk::prelude::*;

/// The state at position `i` of a block: a task (`k` < 8), the Pass (`k` = 8) or the Choice
/// (`k` = 9) looping back to `block_start` or going on to `next`.
struct Step<'a> {
    i: usize,
    k: usize,
    name: String,
    block_start: &'a str,
    n: usize,
}

impl Step<'_> {
    /// The state after this one: the next block's first, or `Done`.
    fn next(&self) -> String {
        if self.i + 1 < self.n {
            format!("Step {}", self.i + 1)
        } else {
            "Done".to_owned()
        }
    }
}

/// Chains `n` states made by `state` in blocks of ten, then `done`, with `failed` placed once
/// (every catcher reaches it by reference).
fn assemble(n: usize, mut state: impl FnMut(Step<'_>) -> Chain, done: Chain, failed: Chain) -> Chain {
    let mut whole: Option<Chain> = None;
    let mut block: Option<Chain> = None;
    let mut block_start = String::new();
    for i in 0..n {
        let k = i % 10;
        let name = format!("Step {i}");
        if k == 0 {
            block_start.clone_from(&name);
        }
        let s = state(Step {
            i,
            k,
            name,
            block_start: &block_start,
            n,
        });
        block = Some(match block {
            None => s,
            Some(b) => b.next(s),
        });
        if k == 9 {
            let b = block.take().expect("a block was started");
            whole = Some(match whole {
                None => b,
                Some(w) => w.add(b),
            });
        }
    }
    let last = match block {
        Some(b) => b.next(done),
        None => Chain::start(done),
    };
    let last = if n > 0 { last.add(failed) } else { last };
    match whole {
        Some(w) => w.add(last),
        None => last,
    }
}

fn worker() -> LambdaFunction {
    LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:Worker")
}

fn retry() -> Retry {
    Retry::on([Errors::TIMEOUT])
        .max_attempts(3)
        .backoff_rate(2.0)
        .interval(Duration::from_secs(1))
}

/// The workflow with `n` states (plus the shared Fail and the final Succeed).
pub fn workflow(n: usize) -> Chain {
    let function = worker();
    let failed = Fail::new("Failed").error("WorkerFailed").cause("a worker failed");
    let failed_ref = failed.reference();
    let state = |step: Step<'_>| -> Chain {
        let (i, k, block_start) = (step.i, step.k, step.block_start);
        if k < 8 {
            let payload = Payload::from_object([("step", i.into()), ("data", JsonPath::string_at("$.data"))]);
            Task::new(step.name, LambdaInvoke::new(function.clone()).payload(payload))
                .result_selector(Payload::from_object([(
                    "value",
                    JsonPath::string_at("$.Payload.value"),
                )]))
                .result_path(format!("$.results.s{i}"))
                .retry(retry())
                .catch(Catch::all(failed_ref.clone()).result_path("$.error"))
                .into()
        } else if k == 8 {
            Pass::new(step.name)
                .parameters(Payload::from_object([
                    ("count", JsonPath::math_add(JsonPath::number_at("$.count"), 1)),
                    ("data", JsonPath::string_at("$.data")),
                ]))
                .into()
        } else {
            // The Choice loops back to its block's first state, or goes on to the next block.
            let next = step.next();
            Choice::new(step.name)
                .when(Condition::number_less_than("$.count", 3), StateRef::named(block_start))
                .otherwise(StateRef::named(next))
                .into()
        }
    };
    assemble(n, state, Succeed::new("Done").into(), failed.into())
}

/// The same workflow in JSONata.
pub fn workflow_jsonata(n: usize) -> Chain {
    let function = worker();
    let failed = Fail::jsonata("Failed").error("WorkerFailed").cause("a worker failed");
    let failed_ref = failed.reference();
    let state = |step: Step<'_>| -> Chain {
        let (i, k, block_start) = (step.i, step.k, step.block_start);
        if k < 8 {
            let payload = Payload::from_object([
                ("step", i.into()),
                ("data", Jsonata::states_input().field("data").into()),
            ]);
            Task::jsonata(step.name, LambdaInvoke::new(function.clone()).payload(payload))
                .output(
                    Jsonata::new(format!(
                        "$merge([$states.input, {{'results': $merge([$states.input.results, \
                         {{'s{i}': $states.result.Payload.value}}])}}])"
                    ))
                    .into(),
                )
                .retry(retry())
                .catch(
                    Catch::all(failed_ref.clone())
                        .output(Jsonata::new("$merge([$states.input, {'error': $states.errorOutput}])").into()),
                )
                .into()
        } else if k == 8 {
            Pass::jsonata(step.name)
                .output(Payload::from_object([
                    ("count", Jsonata::new("$states.input.count + 1").into()),
                    ("data", Jsonata::states_input().field("data").into()),
                ]))
                .into()
        } else {
            let next = step.next();
            Choice::jsonata(step.name)
                .when(
                    Condition::jsonata("$states.input.count < 3"),
                    StateRef::named(block_start),
                )
                .otherwise(StateRef::named(next))
                .into()
        }
    };
    assemble(n, state, Succeed::jsonata("Done").into(), failed.into())
}

/// Adds the state machine of `n` states; the definition-size check is off (see the module doc).
pub fn build_n(n: usize, template: &mut Template) -> Result<Vec<Warning>, Error> {
    StateMachine::new("StateMachine", workflow(n))
        .skip_size_check()
        .add_to(template)
        .map(|r| r.warnings)
}

/// Adds the JSONata state machine of `n` states.
pub fn build_n_jsonata(n: usize, template: &mut Template) -> Result<Vec<Warning>, Error> {
    StateMachine::new("StateMachine", workflow_jsonata(n))
        .query_language(QueryLanguage::Jsonata)
        .skip_size_check()
        .add_to(template)
        .map(|r| r.warnings)
}

/// The workflow of `n` states as the item processor of a Distributed Map over the objects of a
/// bucket (`--distributed`): the processor is a graph of its own, checked and rendered as the top
/// level is, plus the map's reader and child-execution statements.
pub fn build_n_distributed(n: usize, template: &mut Template) -> Result<Vec<Warning>, Error> {
    use stepfunctions_cdk::stepfunctions::model::ItemReader;
    let map = DistributedMap::new("Each Object")
        .item_reader(ItemReader::s3_objects("my-bucket").prefix("in/"))
        .max_concurrency(1000)
        .item_processor(workflow(n));
    StateMachine::new("StateMachine", map)
        .skip_size_check()
        .add_to(template)
        .map(|r| r.warnings)
}

/// The example's snapshot: a block and a half.
#[allow(dead_code)]
pub fn build(template: &mut Template) -> Result<Vec<Warning>, Error> {
    build_n(15, template)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n = match args.first().map(|a| a.parse::<usize>()) {
        Some(Ok(n)) => n,
        _ => {
            eprintln!("usage: bench_chain N [--jsonata | --distributed] [path] [--compact]");
            return ExitCode::FAILURE;
        }
    };
    let flags = ["--jsonata", "--distributed"];
    let rest: Vec<String> = args[1..]
        .iter()
        .filter(|a| !flags.contains(&a.as_str()))
        .cloned()
        .collect();
    if args.iter().any(|a| a == "--jsonata") {
        stepfunctions_cdk::cli::run_with_args(|t| build_n_jsonata(n, t), &rest)
    } else if args.iter().any(|a| a == "--distributed") {
        stepfunctions_cdk::cli::run_with_args(|t| build_n_distributed(n, t), &rest)
    } else {
        stepfunctions_cdk::cli::run_with_args(|t| build_n(n, t), &rest)
    }
}
