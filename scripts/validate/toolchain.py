"""The external tools the harness runs, installed on first use at pinned versions.

Every package is pinned, dependencies included, by the files in `scripts/validate/pins/`: a
`pip freeze` per virtualenv, and an npm `package.json` with its `package-lock.json`. To move a
pin, install the new version by hand, freeze, and replace the file.

Everything goes under one cache folder: `$STEPFUNCTIONS_CDK_TOOLS`, or `target/validate-tools/`
of the repository. Each tool set has its own folder, named after a digest of its pin files, and
is complete once its marker file `.installed` exists: the marker is written last, so an install
that was interrupted is redone from scratch on the next run (no lock: two first runs at once
would both install; later runs only read).

- cfn-lint (PyPI) in its own virtualenv;
- moto[server] and awscli (PyPI) in another (awscli pins botocore, which cfn-lint's
  dependencies must not be made to share);
- asl-validator (npm) under its own prefix.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

PINS = os.path.join(REPO, "scripts", "validate", "pins")
# The tools themselves; the pin files fix these versions and every dependency's.
CFN_LINT = os.path.join(PINS, "cfn-lint.txt")
MOTO = os.path.join(PINS, "moto.txt")
ASL_VALIDATOR = os.path.join(PINS, "asl-validator")
TOOLS = {"cfn-lint": CFN_LINT, "moto": MOTO, "awscli": MOTO, "asl-validator": ASL_VALIDATOR}


def cache_root() -> str:
    root = os.environ.get("STEPFUNCTIONS_CDK_TOOLS") or os.path.join(REPO, "target", "validate-tools")
    os.makedirs(root, exist_ok=True)
    return root


def _digest(*files: str) -> str:
    """A short digest of the pin files: a changed pin gets a folder of its own."""
    h = hashlib.sha256()
    for path in files:
        with open(path, "rb") as fh:
            h.update(fh.read())
    return h.hexdigest()[:12]


def pinned_version(tool: str) -> str:
    """The version the pin files fix for `tool` (a name in TOOLS)."""
    source = TOOLS[tool]
    if os.path.isdir(source):
        with open(os.path.join(source, "package-lock.json")) as fh:
            return json.load(fh)["packages"][f"node_modules/{tool}"]["version"]
    with open(source) as fh:
        for line in fh:
            name, _, version = line.strip().partition("==")
            if name.lower() == tool:
                return version
    raise KeyError(tool)


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


def venv(name: str, requirements: str) -> str:
    """The virtualenv holding the pinned `requirements` (installed now if it is not yet);
    returns its folder."""
    spec = _digest(requirements)
    folder = os.path.join(cache_root(), f"{name}-{spec}")
    if _installed(folder, spec):
        return folder
    _log(f"installing {name} ({os.path.relpath(requirements, REPO)}) into {folder} (first use) ...")
    shutil.rmtree(folder, ignore_errors=True)
    python = shutil.which("python3") or sys.executable
    r = subprocess.run([python, "-m", "venv", folder], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if r.returncode != 0:
        sys.stderr.write(r.stdout)
        raise SystemExit("python3 -m venv failed (on Debian: apt-get install python3-venv)")
    pip = os.path.join(folder, "bin", "pip")
    _run([pip, "install", "--quiet", "--disable-pip-version-check", "--no-input", "-r", requirements], name)
    _mark(folder, spec)
    return folder


def npm_package(name: str, pins: str) -> str:
    """The `node_modules` folder holding the npm packages of `pins` (a folder with package.json
    and package-lock.json), installed now with `npm ci` if they are not yet."""
    files = [os.path.join(pins, "package.json"), os.path.join(pins, "package-lock.json")]
    spec = _digest(*files)
    folder = os.path.join(cache_root(), f"{name}-{spec}")
    if _installed(folder, spec):
        return os.path.join(folder, "node_modules")
    npm = shutil.which("npm")
    if not npm or not shutil.which("node"):
        raise SystemExit(f"Node.js and npm are needed for {name} (on Debian: apt-get install nodejs npm)")
    _log(f"installing {name} ({os.path.relpath(pins, REPO)}) into {folder} (first use) ...")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    for f in files:
        shutil.copy(f, folder)
    _run([npm, "ci", "--prefix", folder, "--no-fund", "--no-audit", "--loglevel=error"], name)
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
    return npm_package("asl-validator", ASL_VALIDATOR)


def versions() -> str:
    return ", ".join(f"{tool} {pinned_version(tool)}" for tool in TOOLS)


if __name__ == "__main__":
    # `python3 toolchain.py` installs everything (what the first harness run does anyway).
    started = time.monotonic()
    cfn_lint()
    asl_validator()
    moto()
    _log(f"tools ready in {time.monotonic() - started:.0f} s under {cache_root()}")
