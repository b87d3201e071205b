#!/usr/bin/env bash
# The validation harness (scripts/validate/harness.py): every example and parity case through
# cfn-lint, asl-validator, a real `aws cloudformation deploy` to moto, and the executions of
# scripts/validate/manifest.py. `--self-test` checks that the harness rejects broken samples.
#
# Needs python3 (with venv) and Node.js with npm. The pinned tools are installed on first use
# under $STEPFUNCTIONS_CDK_TOOLS (default: target/validate-tools/). Honours CARGO_TARGET_DIR.
# The summary table goes to stdout and target/validate-summary.md; exit 1 on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 scripts/validate/harness.py "$@"
