#!/usr/bin/env python3
"""The validation harness: every example and every parity case judged by tools nobody on the
team wrote.

  scripts/validate.sh [--self-test] [--only NAME ...] [--no-parity-deploy] [--jobs N] [--keep]

1. builds the examples (`cargo build --examples`, honouring CARGO_TARGET_DIR) and synthesizes
   every example of `examples/*.rs` and every parity case (`parity --list`);
2. cfn-lint (PyPI) on every template, in one run. cfn-lint checks a `Definition` object or a
   plain-string `DefinitionString`, but skips a string built with `Fn::Sub`/`Fn::Join`, and a
   Resource written as a `${Key}` placeholder: the same run also lints, per template, a shadow
   template whose state machines hold their ASL with every substitution and intrinsic resolved
   (as a plain string), so the definition is always checked with real-looking values;
3. asl-validator (npm) on every state machine's ASL, resolved the same way;
4. deploys every example (and parity case) with the real `aws cloudformation deploy` (awscli)
   to one moto server on 127.0.0.1, started on a free port and stopped at the end;
5. runs the executions of `manifest.py` on moto's ASL interpreter and compares the final status
   and output with the expected ones, and the side effects some leave (an item in a table) with
   the answers of `aws` commands;
6. prints a summary table (also written to target/validate-summary.md) and exits 1 on any
   failure.

`--self-test` checks the harness itself first: its lint and ASL stages must reject each broken
sample of `samples/` and accept the good one, and its template transformations are unit-tested.

Tools are installed on first use (toolchain.py). Only the standard library is used here.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import cfn  # noqa: E402
import manifest  # noqa: E402
import toolchain  # noqa: E402
from moto_server import Moto  # noqa: E402

REPO = toolchain.REPO
FINAL = {"SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"}
INLINE_LIMIT = 51200  # bytes: CloudFormation's limit for a template sent inline


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


class Target:
    """One template under test: an example, or a parity case."""

    def __init__(self, name: str, kind: str, path: str):
        self.name = name
        self.kind = kind  # "example" or "parity"
        self.path = path
        self.template: dict = {}
        self.machines: list[cfn.StateMachine] = []
        self.errors: list[str] = []  # every failure, stage-prefixed
        self.lint_errors = 0
        self.lint_warnings = 0
        self.notes: list[str] = []
        self.lint_excepted = 0
        self.asl_checked = 0
        self.asl_invalid = 0
        self.deploy = "-"
        self.deploy_skip = ""
        self.deployed: dict[str, dict] = {}  # logical id -> describe-state-machine
        self.physical: dict[str, str] = {}  # logical id -> physical id, of the deployed stack
        self.exec_run = 0
        self.exec_passed = 0
        self.exec_skip_reason = ""

    @property
    def label(self) -> str:
        return self.name if self.kind == "example" else f"parity {self.name}"

    @property
    def stack(self) -> str:
        # moto names a state machine `<stack>-<logical id>-<12 characters>`, and a name has at
        # most 80: the parity cases' stacks get a short prefix, and every name is capped.
        base = self.name if self.kind == "example" else "p-" + self.name
        return re.sub(r"[^A-Za-z0-9-]", "-", base)[:52].rstrip("-")

    def fail(self, stage: str, msg: str) -> None:
        self.errors.append(f"{stage}: {msg}")


# --------------------------------------------------------------------------------- synthesis


def build_examples() -> dict[str, str]:
    """`cargo build --examples`; returns example name -> executable."""
    log("== cargo build --examples")
    cmd = ["cargo", "build", "--examples", "--message-format=json-render-diagnostics"]
    r = subprocess.run(cmd, cwd=REPO, stdout=subprocess.PIPE, text=True)
    if r.returncode != 0:
        raise SystemExit("cargo build --examples failed")
    exes = {}
    for line in r.stdout.splitlines():
        try:
            msg = json.loads(line)
        except ValueError:
            continue
        target = msg.get("target") or {}
        if msg.get("reason") == "compiler-artifact" and "example" in target.get("kind", []) and msg.get("executable"):
            exes[target["name"]] = msg["executable"]
    return exes


def synthesize(exes: dict[str, str], out: str, only: set[str]) -> list[Target]:
    examples_dir = os.path.join(REPO, "examples")
    names = sorted(f[:-3] for f in os.listdir(examples_dir) if f.endswith(".rs"))
    missing = [n for n in names if n not in exes]
    if missing or "parity" not in exes:
        raise SystemExit(f"cargo built no executable for {missing or ['parity']}")
    targets = []
    os.makedirs(os.path.join(out, "templates"), exist_ok=True)
    for name in names:
        targets.append(Target(name, "example", os.path.join(out, "templates", name + ".json")))
    cases = subprocess.run([exes["parity"], "--list"], stdout=subprocess.PIPE, text=True, check=True).stdout.split()
    if not cases:
        raise SystemExit("parity --list listed no case")
    for case in cases:
        targets.append(Target(case, "parity", os.path.join(out, "templates", "parity-" + case + ".json")))
    if only:
        targets = [t for t in targets if t.name in only or t.label in only]
        if not targets:
            raise SystemExit(f"--only matched nothing: {sorted(only)}")
    for t in targets:
        if t.kind == "example":
            cmd = [exes[t.name], *manifest.EXAMPLES.get(t.name, {}).get("args", []), t.path]
        else:
            cmd = [exes["parity"], t.name, t.path]
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if r.returncode != 0:
            t.fail("synth", f"exit {r.returncode}: {r.stderr.strip()[-500:]}")
            continue
        with open(t.path) as fh:
            t.template = json.load(fh)
        t.machines = cfn.state_machines(t.template)
    return targets


# ---------------------------------------------------------------------------------- cfn-lint


def shadow_template(t: Target) -> dict | None:
    """The state machines of `t` with their ASL resolved, as plain strings cfn-lint checks."""
    res = {}
    for m in t.machines:
        if m.asl is None:
            continue
        res[m.logical_id] = {
            "Type": "AWS::StepFunctions::StateMachine",
            "Properties": {"RoleArn": f"arn:aws:iam::{cfn.ACCOUNT}:role/Shadow",
                           "DefinitionString": json.dumps(m.asl, indent=1)},
        }
    if not res:
        return None
    return {"AWSTemplateFormatVersion": "2010-09-09", "Resources": res}


def lint(targets: list[Target], work: str) -> None:
    """One cfn-lint run over every template and its shadow; findings mapped back to targets."""
    exe = toolchain.cfn_lint()
    shadow_dir = os.path.join(work, "shadow")
    os.makedirs(shadow_dir, exist_ok=True)
    files: dict[str, tuple[Target, bool]] = {}
    for t in targets:
        if not t.template:
            continue
        files[os.path.realpath(t.path)] = (t, False)
        shadow = shadow_template(t)
        if shadow:
            p = os.path.join(shadow_dir, os.path.basename(t.path))
            with open(p, "w") as fh:
                json.dump(shadow, fh, indent=1)
            files[os.path.realpath(p)] = (t, True)
        for m in t.machines:
            if m.error:
                t.fail("asl", f"{m.logical_id}: {m.error}")
    if not files:
        return
    started = time.monotonic()
    r = subprocess.run([exe, "--format", "json", "--", *files], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True)
    log(f"cfn-lint: {len(files)} files in {time.monotonic() - started:.1f} s")
    # Exit status: a bit mask of 2 (errors), 4 (warnings), 8 (informational); 1 means it failed.
    if r.returncode & 1 or (r.returncode and not r.stdout.strip()):
        raise SystemExit(f"cfn-lint failed (exit {r.returncode}): {r.stderr.strip()[-2000:]}")
    for finding in json.loads(r.stdout or "[]"):
        path = os.path.realpath(finding["Filename"])
        t, is_shadow = files[path]
        rule = finding["Rule"]["Id"]
        where = finding.get("Location", {}).get("Path") or []
        if is_shadow and "DefinitionString" not in where:
            continue  # the shadow's other properties are made up: only its definitions count
        text = f"{rule} {finding['Message']} at {'/'.join(str(p) for p in where)}" + (
            " (resolved definition)" if is_shadow else "")
        exception = manifest.lint_exception(t.kind, t.name, rule, where)
        if exception:
            t.lint_excepted += 1
            t.notes.append(f"excepted {text}: {exception}")
            continue
        level = finding.get("Level", "Error")
        if level == "Error":
            t.lint_errors += 1
            t.fail("cfn-lint", text)
        elif level == "Warning":
            t.lint_warnings += 1
            # A warning is about our output, so it is a bug to fix too: it fails the run.
            t.fail("cfn-lint", text)
        else:
            t.notes.append(f"informational {text}")


# ------------------------------------------------------------------------------ asl-validator


def validate_asl(targets: list[Target], work: str) -> None:
    node_modules = toolchain.asl_validator()
    asl_dir = os.path.join(work, "asl")
    os.makedirs(asl_dir, exist_ok=True)
    items, owners = [], {}
    for t in targets:
        for m in t.machines:
            if m.asl is None:
                continue
            key = f"{t.label}/{m.logical_id}"
            p = os.path.join(asl_dir, re.sub(r"[^A-Za-z0-9_.-]", "_", key) + ".asl.json")
            with open(p, "w") as fh:
                json.dump(m.asl, fh, indent=1)
            items.append({"id": key, "path": p})
            owners[key] = (t, m)
    if not items:
        return
    started = time.monotonic()
    r = subprocess.run(["node", os.path.join(HERE, "asl_validate.js")], input=json.dumps(items),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                       env=dict(os.environ, NODE_PATH=node_modules))
    if r.returncode != 0:
        raise SystemExit(f"asl-validator runner failed (exit {r.returncode}): {r.stderr.strip()[-2000:]}")
    log(f"asl-validator: {len(items)} definitions in {time.monotonic() - started:.1f} s")
    seen = set()
    for line in r.stdout.splitlines():
        res = json.loads(line)
        t, m = owners[res["id"]]
        seen.add(res["id"])
        t.asl_checked += 1
        if not res["valid"]:
            t.asl_invalid += 1
            for e in res["errors"]:
                t.fail("asl-validator", f"{m.logical_id} ({m.form}): {e}")
    for key in set(owners) - seen:
        owners[key][0].fail("asl-validator", f"{key}: no answer from asl-validator")


# ------------------------------------------------------------------------------------ deploy


def deploy(t: Target, moto: Moto, work: str, bucket_ready: list) -> None:
    skip = manifest.deploy_skip(t.kind, t.name)
    if skip:
        t.deploy = "skipped"
        t.deploy_skip = skip
        return
    try:
        folded = cfn.fold_for_moto(t.template)
    except ValueError as e:
        t.deploy = "FAILED"
        t.fail("deploy", str(e))
        return
    path = os.path.join(work, "deploy", os.path.basename(t.path))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as fh:
        json.dump(folded, fh, indent=1)
    params = manifest.parameters(t.kind, t.name)
    cmd = ["cloudformation", "deploy", "--template-file", path, "--stack-name", t.stack,
           "--capabilities", "CAPABILITY_IAM"]
    if os.path.getsize(path) > INLINE_LIMIT:
        if not bucket_ready:
            moto.aws("s3api", "create-bucket", "--bucket", "validate-templates")
            bucket_ready.append(True)
        cmd += ["--s3-bucket", "validate-templates"]
    if params:
        cmd += ["--parameter-overrides", *(f"{k}={v}" for k, v in params.items())]
    started = time.monotonic()
    r = moto.aws(*cmd, check=False)
    desc = moto.aws("cloudformation", "describe-stacks", "--stack-name", t.stack, check=False)
    status = json.loads(desc.stdout)["Stacks"][0]["StackStatus"] if desc.returncode == 0 else None
    if r.returncode != 0 or status != "CREATE_COMPLETE":
        t.deploy = "FAILED"
        events = moto.aws("cloudformation", "describe-stack-events", "--stack-name", t.stack, check=False)
        reasons = []
        if events.returncode == 0:
            reasons = [f"{e.get('LogicalResourceId')} {e.get('ResourceStatus')} {e.get('ResourceStatusReason', '')}"
                       for e in json.loads(events.stdout).get("StackEvents", []) if "FAILED" in e.get("ResourceStatus", "")]
        t.fail("deploy", f"status {status}, exit {r.returncode}: {(r.stderr or r.stdout).strip()[-800:]} "
                         f"{'; '.join(reasons[:5])}\n    moto log:\n{moto.log_tail(8)}")
        return
    created = moto.aws_json("cloudformation", "list-stack-resources", "--stack-name", t.stack)["StackResourceSummaries"]
    lacking = {lid: r["Type"] for lid, r in cfn.resources(t.template).items() if r.get("Type") in manifest.MOTO_LACKS}
    expected = set(cfn.resources(t.template)) - set(lacking)
    got = {x["LogicalResourceId"] for x in created if x["ResourceStatus"] == "CREATE_COMPLETE"}
    if expected - got:
        t.deploy = "FAILED"
        t.fail("deploy", f"resources not created: {sorted(expected - got)}")
        return
    t.physical = {x["LogicalResourceId"]: x["PhysicalResourceId"] for x in created}
    for x in created:
        if x["ResourceType"] == "AWS::StepFunctions::StateMachine":
            lid = x["LogicalResourceId"]
            t.deployed[lid] = moto.aws_json(
                "stepfunctions", "describe-state-machine", "--state-machine-arn", x["PhysicalResourceId"])
            # The definition moto holds must be the one the template means: the fold kept every
            # literal (a `$$` context path, a `${` in a substituted text) as it was.
            pattern = cfn.deployed_pattern(t.template, lid)
            if pattern is not None:
                problems = manifest.mismatches(pattern, json.loads(t.deployed[lid]["definition"]))
                if problems:
                    t.deploy = "FAILED"
                    t.fail("deploy", f"{lid}: the deployed definition differs: " + "; ".join(problems[:5]))
                    return
    t.deploy = "ok"
    if lacking:
        t.deploy = "partial: moto lacks " + ", ".join(sorted(set(lacking.values())))
    log(f"deploy {t.label}: {t.deploy} ({time.monotonic() - started:.1f} s)")


# -------------------------------------------------------------------------------- executions


def run_executions(t: Target, moto: Moto) -> None:
    spec = manifest.spec(t.kind, t.name)
    cases = spec.get("executions") or []
    unreadable = [lid for lid, d in (t.deployed or {}).items()
                  if uses_jsonata_or_variables(json.loads(d["definition"]))]
    if not cases and not unreadable:
        t.exec_skip_reason = t.exec_skip_reason or spec.get("no_executions", "")
        return
    if not t.deployed:
        return
    if spec.get("moto_cannot_run"):
        # The expected executions stay in the manifest, written from the AWS documentation.
        t.exec_skip_reason = f"{spec['moto_cannot_run']}; {len(cases)} written, not run"
        return
    if unreadable:
        # moto 5.2.5 evaluates JSONata, and the variable references of JSONPath states, with
        # an evaluator it never sets (moto/stepfunctions/parser/asl/jsonata/jsonata.py:
        # `_eval_jsonata = None`, "'NoneType' object is not callable"). The expected
        # executions stay in the manifest, written from the AWS documentation, for a judge that
        # reads them.
        written = f"; {len(cases)} written, not run" if cases else ""
        t.exec_skip_reason = f"moto 5.2.5 cannot evaluate JSONata or workflow variables{written}"
        return
    arns = {}
    for lid, d in t.deployed.items():
        props = cfn.resources(t.template)[lid].get("Properties") or {}
        # moto's CloudFormation ignores StateMachineType: the type comes from the template.
        sm_type = props.get("StateMachineType", "STANDARD")
        def_path = os.path.join(tempfile.gettempdir(), f"validate-{uuid.uuid4().hex}.asl.json")
        with open(def_path, "w") as fh:
            fh.write(d["definition"])
        # The interpreter keeps its state machines apart from those moto's CloudFormation made:
        # each is made again there under its deployed name, so its ARN is the deployed one, which
        # another definition of the stack may hold (a parent starting a child).
        try:
            r = moto.aws("stepfunctions", "create-state-machine", "--name", d["name"],
                         "--definition", "file://" + def_path, "--role-arn", d["roleArn"], "--type", sm_type,
                         check=False)
        finally:
            os.unlink(def_path)
        if r.returncode != 0:
            t.fail("execution", f"{lid}: create-state-machine rejected the deployed definition: "
                                f"{(r.stderr or r.stdout).strip()[-800:]}")
            continue
        arns[lid] = json.loads(r.stdout)["stateMachineArn"]
        if arns[lid] != d["stateMachineArn"]:
            t.fail("execution", f"{lid}: made again as {arns[lid]}, not {d['stateMachineArn']}")
    for case in cases:
        t.exec_run += 1
        try:
            problems = run_execution(case, arns, moto, t.physical)
        except RuntimeError as e:
            problems = [str(e)]
        if problems:
            t.fail("execution", f"{case['name']}: " + "; ".join(problems))
        else:
            t.exec_passed += 1
        if "moto" in case:
            on_aws = json.dumps({"status": case.get("status", "SUCCEEDED"),
                                 **{k: case[k] for k in case["moto"] if k in case}}, default=repr)
            t.notes.append(f"execution {case['name']}: expected on AWS {on_aws}, "
                           f"on moto {json.dumps(case['moto'], default=repr)}: {case['moto_why']}")


def uses_jsonata_or_variables(definition) -> bool:
    """Whether a definition has a JSONata state (or is JSONata) or assigns a workflow variable."""
    if isinstance(definition, dict):
        if definition.get("QueryLanguage") == "JSONata" or "Assign" in definition:
            return True
        return any(uses_jsonata_or_variables(v) for v in definition.values())
    if isinstance(definition, list):
        return any(uses_jsonata_or_variables(v) for v in definition)
    return False


def run_execution(case: dict, arns: dict, moto: Moto, physical: dict) -> list[str]:
    lid = case.get("state_machine", "StateMachine")
    if lid not in arns:
        return [f"no state machine {lid}"]
    name = f"{case['name']}-{uuid.uuid4().hex[:8]}"
    if case.get("lambda_results"):
        moto.queue_lambda_results(manifest.materialize(case["lambda_results"], name, ""))
    # What the execution reads that a template cannot hold (an object in a bucket): each step an
    # aws command, with `body` written to a file passed as `--body`.
    for step in case.get("beforehand", []):
        try:
            args = manifest.materialize(step["aws"], name, "", physical)
        except KeyError as e:
            return [f"beforehand: {e}"]
        body_path = None
        if "body" in step:
            body_path = os.path.join(tempfile.gettempdir(), f"validate-{uuid.uuid4().hex}.body")
            with open(body_path, "w") as fh:
                fh.write(step["body"])
            args = [*args, "--body", body_path]
        try:
            r = moto.aws(*args, check=False)
        finally:
            if body_path:
                os.unlink(body_path)
        if r.returncode != 0:
            return [f"beforehand, aws {' '.join(args[:2])} failed: {(r.stderr or r.stdout).strip()[-300:]}"]
    started = time.monotonic()
    # --name is needed: moto names an unnamed execution "None", and the second one collides.
    ex = moto.aws_json("stepfunctions", "start-execution", "--state-machine-arn", arns[lid],
                       "--name", name, "--input", json.dumps(case["input"]))
    timeout = case.get("timeout", 60)
    while True:
        # The history, not describe-execution: moto 5.2.5 cannot describe an execution whose
        # output holds $$.Execution.StartTime (HTTP 500, a datetime it cannot serialize), and
        # returns a string output there without JSON-encoding it.
        events = moto.aws_json("stepfunctions", "get-execution-history", "--execution-arn",
                               ex["executionArn"])["events"]
        end = next((e for e in reversed(events) if e["type"] in END_EVENTS), None)
        if end is not None:
            break
        if time.monotonic() - started > timeout:
            return [f"still running after {timeout} s"]
        time.sleep(0.3)
    details = end.get(END_EVENTS[end["type"]][1]) or {}
    described = {"name": name, "executionArn": ex["executionArn"], "status": END_EVENTS[end["type"]][0],
                 **{k: details[k] for k in ("output", "error", "cause") if k in details}}
    problems = manifest.check_execution(case, described)
    # Side effects: each command's answer (JSON; nothing printed is {}) must be the one given.
    for check in manifest.expected(case).get("afterwards", []):
        try:
            args = manifest.materialize(check["aws"], name, ex["executionArn"], physical)
        except KeyError as e:
            problems.append(f"afterwards: {e}")
            continue
        r = moto.aws(*args, check=False)
        if r.returncode != 0:
            problems.append(f"afterwards, aws {' '.join(args[:2])} failed: {(r.stderr or r.stdout).strip()[-300:]}")
            continue
        answer = json.loads(r.stdout) if r.stdout.strip() else {}
        problems += manifest.mismatches(manifest.materialize(check["output"], name, ex["executionArn"]), answer,
                                        f"afterwards {' '.join(args[:2])}: $")
    return problems


END_EVENTS = {
    "ExecutionSucceeded": ("SUCCEEDED", "executionSucceededEventDetails"),
    "ExecutionFailed": ("FAILED", "executionFailedEventDetails"),
    "ExecutionTimedOut": ("TIMED_OUT", "executionTimedOutEventDetails"),
    "ExecutionAborted": ("ABORTED", "executionAbortedEventDetails"),
}


# ------------------------------------------------------------------------------------ report


def cell_lint(t: Target) -> str:
    if not t.template:
        return "-"
    if t.lint_errors or t.lint_warnings:
        return f"FAIL {t.lint_errors} E, {t.lint_warnings} W"
    return "ok" + (f" ({t.lint_excepted} excepted)" if t.lint_excepted else "")


def cell_asl(t: Target) -> str:
    if not t.machines:
        return "-"
    if t.asl_invalid or any(m.error for m in t.machines):
        return f"FAIL {t.asl_invalid}/{len(t.machines)}"
    return f"ok {t.asl_checked}/{len(t.machines)}"


def cell_exec(t: Target) -> str:
    if t.exec_run:
        return f"{t.exec_passed}/{t.exec_run}"
    return f"- ({t.exec_skip_reason})" if t.exec_skip_reason else "-"


def table(targets: list[Target], elapsed: float, header: str) -> str:
    lines = [header, "", "| example | lint | ASL | deploy | executions passed/run |", "|---|---|---|---|---|"]
    for t in targets:
        deploy_cell = t.deploy + (f" ({t.deploy_skip})" if t.deploy_skip else "")
        lines.append(f"| {t.label} | {cell_lint(t)} | {cell_asl(t)} | {deploy_cell} | {cell_exec(t)} |")
    failed = [t for t in targets if t.errors]
    total_exec = sum(t.exec_run for t in targets)
    passed_exec = sum(t.exec_passed for t in targets)
    deployed = sum(1 for t in targets if t.deploy == "ok")
    partial = sum(1 for t in targets if t.deploy.startswith("partial"))
    skipped = sum(1 for t in targets if t.deploy == "skipped")
    lines += ["", f"{len(targets)} templates, {len(targets) - len(failed)} passed, {len(failed)} failed; "
                  f"{deployed} deployed, {partial} deployed in part, {skipped} skipped; executions {passed_exec}/{total_exec} passed; "
                  f"{elapsed:.0f} s"]
    return "\n".join(lines) + "\n"


# -------------------------------------------------------------------------------------- main


def run(args) -> int:
    started = time.monotonic()
    work = os.path.join(REPO, "target", "validate")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    # Tools first, so a first run's install time is not counted in a stage.
    toolchain.cfn_lint()
    toolchain.asl_validator()
    toolchain.moto()
    exes = build_examples()
    targets = synthesize(exes, work, set(args.only or []))
    log(f"synthesized {len(targets)} templates in {time.monotonic() - started:.0f} s")
    lint(targets, work)
    validate_asl(targets, work)
    to_deploy = [t for t in targets if t.template and (t.kind == "example" or not args.no_parity_deploy)]
    for t in targets:
        if t not in to_deploy:
            t.deploy = "not run"
    with Moto(toolchain.moto(), work) as moto:
        log(f"moto on {moto.url} (pid {moto.proc.pid})")
        moto.configure(execute_state_machines=False)
        manifest.prepare_moto(moto)
        bucket: list = []
        deploy_started = time.monotonic()

        def deploy_one(t: Target) -> None:
            try:
                deploy(t, moto, work, bucket)
            except RuntimeError as e:
                t.deploy = "FAILED"
                t.fail("deploy", str(e))

        if any(os.path.getsize(t.path) > INLINE_LIMIT for t in to_deploy):
            moto.aws("s3api", "create-bucket", "--bucket", "validate-templates")
            bucket.append(True)
        # Stacks are independent: a few deploys at once keep both cores busy (most of the time
        # is the aws command line starting up).
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            list(pool.map(deploy_one, to_deploy))
        log(f"deployed {len(to_deploy)} stacks in {time.monotonic() - deploy_started:.0f} s")
        moto.configure(execute_state_machines=True)
        for t in to_deploy:
            try:
                run_executions(t, moto)
            except RuntimeError as e:
                t.fail("execution", str(e))
            if t.exec_run:
                log(f"executions {t.label}: {t.exec_passed}/{t.exec_run}")
    log(f"moto stopped (pid {moto.proc.pid})")
    elapsed = time.monotonic() - started
    header = f"Validation of {len(targets)} templates ({toolchain.versions()})"
    report = table(targets, elapsed, header)
    failures = [f"{t.label}: {e}" for t in targets for e in t.errors]
    notes = [f"{t.label}: {n}" for t in targets for n in t.notes]
    details = report
    if notes:
        details += "\nNotes:\n" + "\n".join(f"- {n}" for n in notes) + "\n"
    if failures:
        details += "\nFailures:\n" + "\n".join(f"- {f}" for f in failures) + "\n"
    print(details)
    with open(os.path.join(REPO, "target", "validate-summary.md"), "w") as fh:
        fh.write(details)
    if args.keep:
        log(f"templates, shadows, ASL and moto.log kept in {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


def self_test() -> int:
    """The harness must be able to fail: its lint and ASL stages must reject every broken
    sample and accept the good one, in each form a definition can take."""
    import selftest

    log("== self-test: unit tests of the template transformations")
    suite = unittest.defaultTestLoader.loadTestsFromName("test_cfn")
    if not unittest.TextTestRunner(verbosity=1).run(suite).wasSuccessful():
        return 1
    log("== self-test: samples")
    return selftest.run_samples(lint, validate_asl, Target)


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--self-test", action="store_true", help="check that the harness rejects broken samples")
    p.add_argument("--only", nargs="+", metavar="NAME", help="only these examples or parity cases")
    p.add_argument("--no-parity-deploy", action="store_true", help="lint the parity cases but do not deploy them")
    p.add_argument("--jobs", type=int, default=3, help="deploys at once (default 3)")
    p.add_argument("--keep", action="store_true", help="keep target/validate/ (templates, shadows, ASL, moto.log)")
    args = p.parse_args(argv)

    def interrupted(*_):
        raise KeyboardInterrupt()

    # SIGINT too: a process started in the background by a script inherits SIGINT ignored.
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, interrupted)
    try:
        return self_test() if args.self_test else run(args)
    except KeyboardInterrupt:
        log("interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
