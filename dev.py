"""Bootstrap for a fresh machine: make a private venv with nox and uv, then run nox.

Only the standard library is used here, so `python3 dev.py ...` works on any machine
with Python 3.11+ and needs no system-wide installs (Debian's Python refuses those).

    python3 dev.py demo        # run the worker on the embedded default and show it
    python3 dev.py test        # lint, typing, unit, integration and e2e tests
    python3 dev.py nox -s bench  # any nox arguments
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
TOOLS = ("nox>=2024.10.9", "uv>=0.5")


def ensure_tools() -> None:
    """Create `.venv` with nox and uv unless it is there already."""
    if sys.version_info < (3, 11):  # noqa: UP036 - must explain itself on old Pythons
        sys.exit(
            f"hmpps-workers needs Python 3.11 or newer, not {sys.version.split()[0]}"
        )
    if not (BIN / "nox").exists() or not (BIN / "uv").exists():
        print(f"Creating {VENV.relative_to(ROOT)} with nox and uv ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=not (BIN / "python").exists()).create(VENV)
        subprocess.run(
            [str(BIN / "python"), "-m", "pip", "install", "--quiet", *TOOLS],
            check=True,
        )


def main(argv: list[str]) -> int:
    """Translate the short commands into nox runs."""
    ensure_tools()
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    match argv:
        case ["demo", *rest]:
            args = ["-s", "demo", "--", *rest]
        case ["test", *rest]:
            args = [*rest]
        case ["nox", *rest]:
            args = rest
        case _:
            print(__doc__)
            return 2
    return subprocess.run(
        [str(BIN / "nox"), *args], cwd=ROOT, env=env, check=False
    ).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
