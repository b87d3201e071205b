#!/usr/bin/env bash
# Times the whole process that synthesizes the standard workflow (tests/fixtures/reference/perf/
# cdk_chain.js) with this library and with the AWS CDK, at 10, 1,000 and 10,000 states, on this
# machine, in one run; prints a Markdown table. Needs cargo, node and npm (aws-cdk-lib 2.276.0 is
# installed into a scratch folder on first use).
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="${CDK_SCRATCH:-${TMPDIR:-/tmp}/stepfunctions-cdk-bench}"
mkdir -p "$scratch"
if [ ! -d "$scratch/node_modules/aws-cdk-lib" ]; then
  (cd "$scratch" && npm init -y >/dev/null && npm install --no-audit --no-fund aws-cdk-lib@2.276.0 constructs@10 >/dev/null)
fi
cargo build -q --release --example bench_chain
python3 - "$scratch" <<'PY'
import os, statistics, subprocess, sys, time
scratch = sys.argv[1]
env = dict(os.environ, NODE_PATH=os.path.join(scratch, "node_modules"))

def run(cmd, runs):
    times, peak = [], 0
    for _ in range(runs):
        t = time.perf_counter()
        out = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True, check=True)
        times.append(time.perf_counter() - t)
        peak = max(peak, int(out.stderr.strip().splitlines()[-1]))
    return statistics.median(times), peak / 1024

# This library's runs first, then the CDK's: a Node.js process leaves work behind it (its output
# flushed to disk, its memory returned) that would otherwise land on the next short run.
ours = {n: run(["target/release/examples/bench_chain", str(n)], 21) for n in (10, 1000, 10000)}
cdk = {n: run(["node", "tests/fixtures/reference/perf/cdk_chain.js", str(n), os.path.join(scratch, f"out{n}")],
              3 if n < 10000 else 1) for n in (10, 1000, 10000)}
print("| states | stepfunctions-cdk | per state | peak memory | AWS CDK 2.276.0 | peak memory |")
print("|---:|---:|---:|---:|---:|---:|")
for n in (10, 1000, 10000):
    (t, mem), (c, cmem) = ours[n], cdk[n]
    print(f"| {n:,} | {t*1000:.1f} ms | {t*1e6/n:.1f} µs | {mem:.0f} MB | {c:.2f} s | {cmem:.0f} MB |")
PY
