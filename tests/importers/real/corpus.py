"""Provides where the real files are read from: the git snapshots of their public repositories
that the project's `fetch` tool copies under `CRAMPLOG_REAL_FILES` (default /work/.mirror), one
`owner+name/repo` git directory each. The files are read at the commit and blob MANIFEST.json
names, so a test reads exactly the bytes the facts were computed from."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

USER_ZONE = "Europe/Berlin"
"""The journal's zone in the tests (the `cli` fixture's clock): "user" in MANIFEST.json."""
MIRROR = Path(os.environ.get("CRAMPLOG_REAL_FILES", "/work/.mirror"))


def mirror_git(repo: str) -> Path:
    """The git directory of `owner/name`'s snapshot (which may not be there)."""
    root = MIRROR / repo.replace("/", "+") / "repo"
    return root / ".git" if (root / ".git").is_dir() else root


def blob(repo: str, sha: str) -> bytes | None:
    """The file with git blob `sha` from `repo`'s snapshot, or None where it is not fetched."""
    git = mirror_git(repo)
    if not git.is_dir():
        return None
    done = subprocess.run(["git", "--git-dir", str(git), "cat-file", "blob", sha], capture_output=True)
    return done.stdout if done.returncode == 0 else None
