"""The harness's self-test on the samples: hand-written templates, one good and four broken.

Each sample is checked in the three forms a definition can take in a template: as written (a
`DefinitionString` built with `Fn::Sub`, which cfn-lint skips), as a `Definition` object, and
as a plain-string `DefinitionString`. Each stage must reject exactly what it is known to catch
(measured with the same tools by hand), so a stage that silently stopped checking fails here.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import tempfile

import cfn

SAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "samples")

# sample -> (cfn-lint rejects it, asl-validator rejects it). cfn-lint's E3601 has no graph
# checks (a dangling Next) and no JsonPath syntax check; asl-validator has both.
EXPECTED = {
    "hand-flow": (False, False),
    "hand-broken-dangling-next": (False, True),
    "hand-broken-choice-no-choices": (True, True),
    "hand-broken-bad-jsonpath": (False, True),
    "hand-broken-all": (True, True),
}


def _forms(tpl: dict) -> dict[str, dict]:
    """The template as written, with its definitions as objects, and as plain strings."""
    out = {"as written": tpl}
    as_object, as_string = copy.deepcopy(tpl), copy.deepcopy(tpl)
    for machine in cfn.state_machines(tpl):
        if machine.asl is None:
            raise SystemExit(f"self-test: cannot read the sample's definition: {machine.error}")
        for t, value in ((as_object, ("Definition", machine.asl)),
                         (as_string, ("DefinitionString", json.dumps(machine.asl, indent=1)))):
            props = t["Resources"][machine.logical_id]["Properties"]
            props.pop("DefinitionString", None)
            props.pop("Definition", None)
            props[value[0]] = value[1]
    # The resolved definitions no longer read the template's parameters (cfn-lint W2001).
    as_object.pop("Parameters", None)
    as_string.pop("Parameters", None)
    out["Definition object"] = as_object
    out["plain DefinitionString"] = as_string
    return out


def run_samples(lint, validate_asl, target_class) -> int:
    work = tempfile.mkdtemp(prefix="validate-self-test-")
    try:
        targets, expectations = [], {}
        for sample, expected in EXPECTED.items():
            with open(os.path.join(SAMPLES, sample + ".template.json")) as fh:
                tpl = json.load(fh)
            for form, variant in _forms(tpl).items():
                name = f"{sample} ({form})"
                path = os.path.join(work, f"{sample}-{len(targets)}.json")
                with open(path, "w") as fh:
                    json.dump(variant, fh, indent=1)
                t = target_class(name, "sample", path)
                t.template = variant
                t.machines = cfn.state_machines(variant)
                targets.append(t)
                expectations[name] = expected
        lint(targets, work)
        validate_asl(targets, work)
        wrong = 0
        for t in targets:
            lint_rejects, asl_rejects = expectations[t.name]
            got_lint = any(e.startswith("cfn-lint") for e in t.errors)
            got_asl = any(e.startswith("asl") for e in t.errors)
            ok = got_lint == lint_rejects and got_asl == asl_rejects
            wrong += not ok
            verdict = lambda rejects: "rejects" if rejects else "accepts"  # noqa: E731
            print(f"{'ok  ' if ok else 'FAIL'} {t.name}: cfn-lint {verdict(got_lint)}"
                  f" (expected {verdict(lint_rejects)}), asl-validator {verdict(got_asl)}"
                  f" (expected {verdict(asl_rejects)})")
            if not ok:
                for e in t.errors:
                    print(f"       {e}")
        print(f"self-test: {len(targets) - wrong} passed, {wrong} failed")
        return 1 if wrong else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)
