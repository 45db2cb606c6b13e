"""Provides what every bench script measures with: CPU seconds of a child process, a private
work folder removed afterwards, medians side by side.

CPU time (user + system, from `os.wait4`'s resource usage) is what a process costs whatever
else the machine is doing; wall time under load is not, so every figure held against a goal is
CPU, with wall printed beside it. Each script measures its own floor in the same run.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path


class Failed(SystemExit):
    pass


def run(cmd: Sequence[str], env: Mapping[str, str] | None = None, stdin: bytes | None = None) -> tuple[float, float]:
    """Run `cmd` to its end; return (CPU seconds, wall seconds). A failure stops the bench."""
    start = time.perf_counter()
    process = subprocess.Popen(
        list(cmd),
        env=dict(env) if env is not None else None,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
    )
    if stdin is not None:
        assert process.stdin is not None
        process.stdin.write(stdin)
        process.stdin.close()
    assert process.stderr is not None
    err = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise Failed(f"{' '.join(cmd)} failed ({process.returncode}): {err.decode(errors='replace')}")
    return usage.ru_utime + usage.ru_stime, wall


INTERPRETER = (sys.executable, "-c", "pass")
"""The floor of a whole-process figure: a fresh interpreter doing nothing (what no cramplog change
can remove); `run(INTERPRETER)` beside the commands measured."""


def timed(function: Callable[[], object]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) this process spends in `function()`."""
    cpu, wall = time.process_time(), time.perf_counter()
    function()
    return time.process_time() - cpu, time.perf_counter() - wall


def cpu_of(function: object) -> float:
    """CPU seconds this process spends in `function()` (`time.process_time`)."""
    start = time.process_time()
    function()  # type: ignore[operator]
    return time.process_time() - start


@contextmanager
def workdir(prefix: str = "cramplog-bench-") -> Iterator[Path]:
    """A private folder for one run, removed afterwards whatever happens."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def median(samples: Sequence[float]) -> float:
    return statistics.median(samples)


def spread(samples: Sequence[float]) -> str:
    """`median (min-max)` in ms."""
    return f"{median(samples) * 1000:7.1f} ({min(samples) * 1000:.0f}-{max(samples) * 1000:.0f})"
