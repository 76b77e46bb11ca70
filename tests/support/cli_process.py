"""`cchc-xl` commands each run in a process of their own, under resource limits,
without paying for Python's start and cchc-xl's imports each time.

:class:`CliProcesses` starts one Python process that imports the CLI (and the modules
its commands import when they run: 0.24 s of CPU a command) and then waits;
each command is run in a child forked from it (a fresh process as after
``python -m cchc_xl``: its own memory, limits and exit code), its output written to
files. The hostile-file tests run a dozen merges this way: each import of the CLI
costs about a third of such a merge's CPU time.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from support.paths import ROOT

# The process the commands are forked from: it reads one job per line (JSON) and
# answers each with the command's exit code (negative: killed by that signal); a job
# "in_session" runs in a process group of its own (its workers with it) and is first
# answered with its process number, so that it can be killed.
_SERVE = r"""
import json, os, resource, sys, traceback
from cchc_xl.cli import main
# What the commands import when they run (cchc_xl/cli/ imports it in each command),
# imported here once: each forked command starts with it, as with the CLI itself.
import cchc_xl.consolidated.write, cchc_xl.feedback, cchc_xl.master.check, cchc_xl.merge
import cchc_xl.plan_import, cchc_xl.split

for line in sys.stdin:
    job = json.loads(line)
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            if job["in_session"]:
                os.setsid()
            for name, limit in job["limits"].items():
                resource.setrlimit(getattr(resource, name), (limit, limit))
            os.environ.update(job["env"])
            for fd, target in ((0, os.devnull), (1, job["stdout"]), (2, job["stderr"])):
                # (appended: the two may be one file)
                flags = os.O_RDONLY if fd == 0 else os.O_WRONLY | os.O_CREAT | os.O_APPEND
                os.dup2(os.open(target, flags), fd)
            sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
            sys.stderr = open(2, "w", encoding="utf-8", closefd=False)
            try:
                main(job["argv"], prog_name="cchc-xl")
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
            except BaseException:
                traceback.print_exc()
        finally:
            for stream in (sys.stdout, sys.stderr):
                try:
                    stream.flush()
                except BaseException:
                    pass
            os._exit(code)
    if job["in_session"]:
        print(pid, flush=True)
    _, status = os.waitpid(pid, 0)
    print(os.waitstatus_to_exitcode(status), flush=True)
"""


@dataclass
class Done:
    """What ``subprocess.run(..., capture_output=True, text=True)`` would give."""

    args: list[str]
    returncode: int
    stdout: str
    stderr: str


class CliProcesses:
    def __init__(self, env: dict[str, str] | None = None) -> None:
        """``env``: environment variables of the process every command is forked from
        (TMPDIR, read once by the first command that asks)."""
        self._server = subprocess.Popen(
            [sys.executable, "-c", _SERVE], cwd=ROOT, stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, text=True, start_new_session=True,
            env={**os.environ, **(env or {})})

    def start(self, args: list[str], said: Path) -> int:
        """``cchc-xl ARGS`` started in a process group of its own, its output and errors
        both written to ``said``: its process number (:meth:`ended` waits for it)."""
        said.unlink(missing_ok=True)
        self._send({"argv": [str(a) for a in args], "limits": {}, "env": {},
                    "stdout": str(said), "stderr": str(said), "in_session": True})
        return int(self._server.stdout.readline())

    def ended(self, timeout: float = 120) -> int | None:
        """The exit code of the command :meth:`start` started, once it ends; None when it
        has not ended within ``timeout`` seconds."""
        ready, _, _ = select.select([self._server.stdout], [], [], timeout)
        return int(self._server.stdout.readline()) if ready else None

    def _send(self, job: dict) -> None:
        self._server.stdin.write(json.dumps(job) + "\n")
        self._server.stdin.flush()

    def run(self, args: list[str], folder: Path, *, limits: dict[str, int] | None = None,
            timeout: float = 600, env: dict[str, str] | None = None) -> Done:
        """``cchc-xl ARGS`` in a new process with ``limits`` (resource.setrlimit names:
        {"RLIMIT_AS": bytes}) and the environment variables ``env`` added; its output is
        kept in ``folder``."""
        folder.mkdir(parents=True, exist_ok=True)
        out, err = folder / "cli-stdout.txt", folder / "cli-stderr.txt"
        out.unlink(missing_ok=True)
        err.unlink(missing_ok=True)
        job = {"argv": [str(a) for a in args], "limits": limits or {}, "env": env or {},
               "stdout": str(out), "stderr": str(err), "in_session": False}
        self._send(job)
        ready, _, _ = select.select([self._server.stdout], [], [], timeout)
        if not ready:
            self.close()
            raise TimeoutError(f"cchc-xl {' '.join(job['argv'])}: over {timeout} s")
        answer = self._server.stdout.readline()
        if not answer:
            raise RuntimeError("the process that runs cchc-xl commands has stopped")
        code = int(answer)
        return Done(job["argv"], code, out.read_text(encoding="utf-8"),
                    err.read_text(encoding="utf-8"))

    def close(self) -> None:
        if self._server.poll() is None:
            self._server.stdin.close()
            try:
                self._server.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self._server.pid, 9)
                self._server.wait()
