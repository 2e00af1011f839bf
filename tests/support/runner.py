"""Start the `hmpps-workers` command as a subprocess, the way a CronJob does.

A started command writes its output to files, not pipes: nobody reads a pipe while the
command runs, so one that logs more than the pipe holds (64 KiB) would block in its
next log call and look hung; and a test that fails can show what it logged so far.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from support.personal_data import leaks

COMMAND = (sys.executable, "-m", "hmpps_workers.runners")
_INHERITED = ("PATH", "HOME", "LANG", "SYSTEMROOT", "TMPDIR")


def runner_env(extra: Mapping[str, str]) -> dict[str, str]:
    """A clean environment: only what a container would have, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if k in _INHERITED}
    env["LOG_FORMAT"] = "json"
    env.update(extra)
    return env


def _checked(output: str) -> str:
    found = leaks(output)
    if found:
        msg = f"personal data in the runner's output: {', '.join(found)}"
        raise AssertionError(msg)
    return output


def run(
    args: Sequence[str],
    env: Mapping[str, str],
    *,
    timeout: float = 120,
    cwd: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the command to completion and capture its output."""
    result = subprocess.run(
        [*COMMAND, *args],
        env=runner_env(env),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=cwd,
    )
    _checked(result.stdout + result.stderr)
    return result


class Started(subprocess.Popen[str]):
    """A started command whose stdout and stderr go to files in a folder of its own."""

    def __init__(self, args: Sequence[str], env: Mapping[str, str]) -> None:
        """Start `args` with `env`, appending its output to two files."""
        self.folder = Path(tempfile.mkdtemp(prefix="hmpps-workers-run-"))
        with (
            (self.folder / "stdout").open("ab") as stdout,
            (self.folder / "stderr").open("ab") as stderr,
        ):
            super().__init__(args, env=env, stdout=stdout, stderr=stderr, text=True)

    def stdout_text(self) -> str:
        """What the command wrote to stdout so far."""
        return (self.folder / "stdout").read_text(errors="replace")

    def stderr_text(self) -> str:
        """What the command wrote to stderr (its log) so far."""
        return (self.folder / "stderr").read_text(errors="replace")

    def log_tail(self, characters: int = 6000) -> str:
        """The end of its log, for a failure message."""
        return self.stderr_text()[-characters:]

    def collect(self) -> tuple[int, str]:
        """Once ended: the exit code and stderr, checked for personal data."""
        stdout, stderr = self.stdout_text(), self.stderr_text()
        shutil.rmtree(self.folder, ignore_errors=True)
        _checked(stdout + stderr)
        assert self.returncode is not None
        return self.returncode, stderr


def stop(process: Started, sig: int) -> tuple[int, str]:
    """Send `sig`, wait, and return the exit code and stderr."""
    process.send_signal(sig)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        _, stderr = process.collect()
        msg = f"still running 60 s after signal {sig}: killed. Its log ends:\n"
        raise AssertionError(msg + stderr[-6000:]) from None
    return process.collect()


def finish(process: Started, timeout: float = 120) -> tuple[int, str]:
    """Wait for the process to end by itself; return its exit code and stderr."""
    process.wait(timeout=timeout)
    return process.collect()


def start(args: Sequence[str], env: Mapping[str, str]) -> Started:
    """Start the command and return at once."""
    return Started([*COMMAND, *args], runner_env(env))
