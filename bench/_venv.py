"""Provides `use_project_venv()`: bench scripts re-run themselves under the project's .venv.

The scripts start with `#!/usr/bin/env python3`, whose interpreter on a fresh machine has no
pandas or cramplog; the README's set-up puts both in `.venv`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

VENV = Path(__file__).resolve().parents[1] / ".venv"


def use_project_venv() -> None:
    python = VENV / "bin" / "python"
    if python.exists() and Path(sys.prefix).resolve() != VENV.resolve():
        os.execv(str(python), [str(python), *sys.argv])
