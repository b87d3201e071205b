"""The external tools the harness runs, installed on first use at pinned versions.

Everything goes under one cache folder: `$STEPFUNCTIONS_CDK_TOOLS`, or `target/validate-tools/`
of the repository. Each pinned tool set has its own folder, named after its versions, and is
complete once its marker file `.installed` exists: the marker is written last, so an install
that was interrupted is redone from scratch on the next run (no lock: two first runs at once
would both install; later runs only read).

- cfn-lint (PyPI) in its own virtualenv;
- moto[server] and awscli (PyPI) in another (awscli pins botocore, which cfn-lint's
  dependencies must not be made to share);
- asl-validator (npm) under its own prefix.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# The pins. Change a version here and the next run installs it in a folder of its own.
CFN_LINT = ["cfn-lint==1.58.0"]
MOTO = ["moto[server]==5.2.5", "awscli==1.46.3"]
ASL_VALIDATOR = "asl-validator@4.0.0"


def cache_root() -> str:
    root = os.environ.get("STEPFUNCTIONS_CDK_TOOLS") or os.path.join(REPO, "target", "validate-tools")
    os.makedirs(root, exist_ok=True)
    return root


def _slug(specs: list[str] | str) -> str:
    text = "_".join(specs) if isinstance(specs, list) else specs
    return "".join(c if c.isalnum() or c in ".-" else "-" for c in text)


def _log(msg: str) -> None:
    print(f"[tools] {msg}", file=sys.stderr, flush=True)


def _run(cmd: list[str], what: str) -> None:
    started = time.monotonic()
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if r.returncode != 0:
        sys.stderr.write(r.stdout[-4000:])
        raise SystemExit(f"installing {what} failed (exit {r.returncode}): {' '.join(cmd)}")
    _log(f"installed {what} in {time.monotonic() - started:.0f} s")


def _installed(folder: str, spec: str) -> bool:
    marker = os.path.join(folder, ".installed")
    try:
        with open(marker) as fh:
            return fh.read().strip() == spec
    except OSError:
        return False


def _mark(folder: str, spec: str) -> None:
    with open(os.path.join(folder, ".installed"), "w") as fh:
        fh.write(spec + "\n")


def venv(name: str, specs: list[str]) -> str:
    """The virtualenv holding `specs` (installed now if it is not yet); returns its folder."""
    folder = os.path.join(cache_root(), f"{name}-{_slug(specs)}")
    spec = " ".join(specs)
    if _installed(folder, spec):
        return folder
    _log(f"installing {spec} into {folder} (first use) ...")
    shutil.rmtree(folder, ignore_errors=True)
    python = shutil.which("python3") or sys.executable
    r = subprocess.run([python, "-m", "venv", folder], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if r.returncode != 0:
        sys.stderr.write(r.stdout)
        raise SystemExit("python3 -m venv failed (on Debian: apt-get install python3-venv)")
    pip = os.path.join(folder, "bin", "pip")
    _run([pip, "install", "--quiet", "--disable-pip-version-check", "--no-input", *specs], spec)
    _mark(folder, spec)
    return folder


def npm_package(spec: str) -> str:
    """The `node_modules` folder holding npm package `spec` (installed now if it is not yet)."""
    folder = os.path.join(cache_root(), "npm-" + _slug(spec))
    if _installed(folder, spec):
        return os.path.join(folder, "node_modules")
    npm = shutil.which("npm")
    if not npm or not shutil.which("node"):
        raise SystemExit(f"Node.js and npm are needed for {spec} (on Debian: apt-get install nodejs npm)")
    _log(f"installing {spec} into {folder} (first use) ...")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    with open(os.path.join(folder, "package.json"), "w") as fh:
        fh.write('{"name": "stepfunctions-cdk-validate-tools", "private": true}\n')
    _run([npm, "install", "--prefix", folder, "--no-fund", "--no-audit", "--loglevel=error", spec], spec)
    _mark(folder, spec)
    return os.path.join(folder, "node_modules")


def cfn_lint() -> str:
    """The cfn-lint executable."""
    return os.path.join(venv("cfn-lint", CFN_LINT), "bin", "cfn-lint")


def moto() -> str:
    """The virtualenv with moto_server and aws."""
    return venv("moto", MOTO)


def asl_validator() -> str:
    """The node_modules folder with asl-validator."""
    return npm_package(ASL_VALIDATOR)


def versions() -> str:
    return f"{CFN_LINT[0]}, {ASL_VALIDATOR}, {', '.join(MOTO)}"


if __name__ == "__main__":
    # `python3 toolchain.py` installs everything (what the first harness run does anyway).
    started = time.monotonic()
    cfn_lint()
    asl_validator()
    moto()
    _log(f"tools ready in {time.monotonic() - started:.0f} s under {cache_root()}")
