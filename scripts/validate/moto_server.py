"""A moto server on 127.0.0.1 at a free port, and the real `aws` command line pointed at it."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

from cfn import REGION


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Moto:
    """`with Moto(venv, workdir) as moto:` starts moto_server and stops it (by its pid) at the end,
    also on an error or Ctrl-C."""

    def __init__(self, venv: str, workdir: str):
        self.venv = venv
        self.log_path = os.path.join(workdir, "moto.log")
        self.proc: subprocess.Popen | None = None
        self.port = 0
        # Not MOTO_PORT either: moto_server takes it over its -p, and the ASL interpreter's service
        # tasks call moto back on it.
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_") and k != "MOTO_PORT"}
        self.env.update(
            AWS_ACCESS_KEY_ID="testing",
            AWS_SECRET_ACCESS_KEY="testing",
            AWS_SESSION_TOKEN="testing",
            AWS_DEFAULT_REGION=REGION,
            AWS_REGION=REGION,
            AWS_EC2_METADATA_DISABLED="true",
            AWS_CONFIG_FILE=os.devnull,
            AWS_SHARED_CREDENTIALS_FILE=os.devnull,
            AWS_PAGER="",
            AWS_MAX_ATTEMPTS="2",  # a retry on HTTP 500 only repeats the same failure
            NO_PROXY="127.0.0.1,localhost",
            no_proxy="127.0.0.1,localhost",
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> "Moto":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        for _ in range(3):  # a port taken between choosing and binding: try another
            self.port = _free_port()
            with open(self.log_path, "ab") as log:
                self.proc = subprocess.Popen(
                    [os.path.join(self.venv, "bin", "moto_server"), "-H", "127.0.0.1", "-p", str(self.port)],
                    stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=self.env,
                    start_new_session=True)
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and self.proc.poll() is None:
                try:
                    with urllib.request.urlopen(self.url + "/moto-api/config", timeout=2) as r:
                        if 200 <= r.status < 300:  # moto answers this GET with 201
                            return
                except OSError:
                    time.sleep(0.2)
            self.stop()
        raise RuntimeError(f"moto_server did not start; see {self.log_path}")

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            os.kill(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        except ProcessLookupError:
            pass

    def post(self, path: str, body: dict) -> None:
        req = urllib.request.Request(self.url + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as r:
            r.read()

    def configure(self, execute_state_machines: bool) -> None:
        """Lambda without Docker (the "simple" backend: an invoke answers with the next queued
        result, else with its own payload); Step Functions executions fake (what moto's
        CloudFormation creates state machines in) or run by moto's ASL interpreter."""
        self.post("/moto-api/config", {"lambda": {"use_docker": False},
                                       "stepfunctions": {"execute_state_machine": execute_state_machines}})

    def queue_lambda_results(self, results: list) -> None:
        self.post("/moto-api/static/lambda-simple/response",
                  {"results": [json.dumps(r) for r in results], "region": REGION})

    def aws(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        r = subprocess.run([os.path.join(self.venv, "bin", "aws"), "--endpoint-url", self.url, "--output", "json",
                            *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=self.env)
        if check and r.returncode != 0:
            raise RuntimeError(f"aws {' '.join(args[:2])} failed (exit {r.returncode}): "
                               f"{(r.stderr or r.stdout).strip()[-1500:]}")
        return r

    def aws_json(self, *args: str) -> dict:
        out = self.aws(*args).stdout
        return json.loads(out) if out.strip() else {}

    def log_tail(self, lines: int = 20) -> str:
        try:
            with open(self.log_path, errors="replace") as fh:
                text = [ln for ln in fh.read().splitlines() if '" 200 -' not in ln and '" 201 -' not in ln]
        except OSError:
            return ""
        return "\n".join(text[-lines:])
