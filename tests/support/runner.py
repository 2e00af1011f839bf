"""Start the `hmpps-workers` command as a subprocess, the way a CronJob does."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping, Sequence

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


def stop(process: subprocess.Popen[str], sig: int) -> tuple[int, str]:
    """Send `sig`, wait, and return the exit code and stderr (closing the pipes)."""
    process.send_signal(sig)
    stdout, stderr = process.communicate(timeout=60)
    _checked(stdout + stderr)
    return process.returncode, stderr


def finish(process: subprocess.Popen[str], timeout: float = 120) -> tuple[int, str]:
    """Wait for the process to end by itself; return its exit code and stderr."""
    stdout, stderr = process.communicate(timeout=timeout)
    _checked(stdout + stderr)
    return process.returncode, stderr


def start(args: Sequence[str], env: Mapping[str, str]) -> subprocess.Popen[str]:
    """Start the command and return at once."""
    return subprocess.Popen(
        [*COMMAND, *args],
        env=runner_env(env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
