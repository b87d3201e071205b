//! Synthesis speed: build the standard workflow (`examples/bench_chain.rs`, the twin of the
//! CDK's `cdk_chain.js`) and render it to a template string, at 10, 1,000 and 10,000 states.
//! Criterion reports the time per render and, through the element throughput, per state.
//! A second group chains `LambdaInvoke` tasks each on its own function (an `Fn::GetAtt` ARN), so
//! that the role's statement and the definition's substitutions grow with the workflow: their
//! cost per state must stay flat too.
//! A third renders the standard workflow written in JSONata (`workflow_jsonata`), a fourth the
//! standard workflow as a Distributed Map's item processor (`build_n_distributed`).
//! Freeing the model and the string is left out of the timing (`iter_with_large_drop`), as the
//! examples' command line leaves it to the operating system.
//!
//! `cargo bench --bench synth`

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use stepfunctions_cdk::prelude::*;

#[path = "../examples/bench_chain.rs"]
#[allow(dead_code)]
mod bench_chain;

fn render(n: usize) -> (Template, String) {
    let mut template = Template::new();
    bench_chain::build_n(n, &mut template).expect("the workflow renders");
    let json = template.to_json_pretty().expect("the template serializes");
    (template, json)
}

fn render_jsonata(n: usize) -> (Template, String) {
    let mut template = Template::new();
    bench_chain::build_n_jsonata(n, &mut template).expect("the workflow renders");
    let json = template.to_json_pretty().expect("the template serializes");
    (template, json)
}

/// The same workflow in JSONata: within 1.2x of the JSONPath one's time.
fn synthesize_jsonata(c: &mut Criterion) {
    let mut group = c.benchmark_group("synthesize_jsonata");
    for n in [1_000usize, 10_000] {
        group.throughput(Throughput::Elements(n as u64));
        group.sample_size(20);
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, &n| {
            b.iter_with_large_drop(|| render_jsonata(n))
        });
    }
    group.finish();
}

fn render_distributed(n: usize) -> (Template, String) {
    let mut template = Template::new();
    bench_chain::build_n_distributed(n, &mut template).expect("the workflow renders");
    let json = template.to_json_pretty().expect("the template serializes");
    (template, json)
}

/// The standard workflow as a Distributed Map's item processor: no more per state than at the
/// top level.
fn synthesize_distributed(c: &mut Criterion) {
    let mut group = c.benchmark_group("synthesize_distributed");
    group.throughput(Throughput::Elements(1_000));
    group.sample_size(20);
    group.bench_with_input(BenchmarkId::from_parameter(1_000), &1_000usize, |b, &n| {
        b.iter_with_large_drop(|| render_distributed(n))
    });
    group.finish();
}

fn synthesize(c: &mut Criterion) {
    let mut group = c.benchmark_group("synthesize");
    for n in [10usize, 1_000, 10_000] {
        group.throughput(Throughput::Elements(n as u64));
        if n >= 1_000 {
            group.sample_size(20);
        }
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, &n| {
            b.iter_with_large_drop(|| render(n))
        });
    }
    group.finish();
}

/// `n` tasks, each invoking its own function of the template.
fn render_distinct(n: usize) -> (Template, String) {
    let chain = (0..n)
        .map(|i| {
            let function = LambdaFunction::from_arn(Expr::get_att(format!("Fn{i}"), "Arn"));
            Chain::from(Task::new(format!("Invoke {i}"), LambdaInvoke::new(function)))
        })
        .reduce(Chain::next)
        .expect("at least one task");
    let mut template = Template::new();
    StateMachine::new("StateMachine", chain)
        .skip_size_check()
        .add_to(&mut template)
        .expect("the workflow renders");
    let json = template.to_json_pretty().expect("the template serializes");
    (template, json)
}

fn distinct_functions(c: &mut Criterion) {
    let mut group = c.benchmark_group("distinct_functions");
    group.sample_size(20);
    for n in [1_000usize, 10_000] {
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, &n| {
            b.iter_with_large_drop(|| render_distinct(n))
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    synthesize,
    synthesize_jsonata,
    synthesize_distributed,
    distinct_functions
);
criterion_main!(benches);
