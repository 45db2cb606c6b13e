"""Provides the one way cramplog writes a file the user named: exports, reports, backups, config.

Health data is private, so what cramplog writes is 0600 whatever the umask. A target is
followed through symlinks (a dotfile manager's link stays a link); a FIFO or a character
device (`-o /dev/stdout`, a pipe) is written in place, never replaced; a regular file is
replaced atomically, so a failure leaves the old file, or nothing, and no partial file behind.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from .errors import InvalidInput, JournalError
from .paths import ensure_private_dir
from .sidefiles import main_file

Producer = Callable[[Path], None]
"""Writes the content to the (private, temporary) path it is given."""


def write_output(target: Path, content: bytes | Producer, *, refuse: Iterable[Path] = ()) -> Path:
    """Write `content` to `target`; return the path written (symlinks resolved).

    `refuse` names paths (files or folders) that must never be overwritten: the journal, its
    WAL files and its backups folder.

    Raises:
        InvalidInput: a folder, a missing folder, or a refused target (exit 2).
        JournalError: the file system failed (full, read-only, I/O error) (exit 1).
    """
    resolved = Path(os.path.realpath(target))
    for forbidden in refuse:
        forbidden = Path(os.path.realpath(forbidden))
        if resolved == forbidden or forbidden in resolved.parents:
            raise InvalidInput(f"{target} is the journal or one of its backups; choose another file", "output")
    try:
        mode = resolved.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise _failed(target, exc) from None
    if mode is not None and stat.S_ISDIR(mode):
        raise InvalidInput(f"{target} is a folder; give a file name", "output")
    if not resolved.parent.is_dir():
        raise InvalidInput(f"cannot write {target}: folder {resolved.parent} does not exist", "output")
    if mode is not None and not stat.S_ISREG(mode):
        _write_in_place(resolved, content, target)
    else:
        _replace(resolved, content, target)
    return resolved


def private_text(path: Path, text: str) -> None:
    """Write a small private file (the config) atomically, its folder made 0700 if new."""
    ensure_private_dir(path.parent)
    write_output(path, text.encode("utf-8"))


def staging_name(target: Path) -> str:
    """The prefix of a temporary file that becomes `target`: it names the process writing it,
    so a later run can tell one a killed process left (`clear_leftovers`) from one being written."""
    return f".{target.name}.{os.getpid()}-"


def clear_leftovers(target: Path, *, suffixes: tuple[str, ...] = (".part",), others: bool = False) -> None:
    """Remove temporary files that processes killed while writing `target` left beside it (and
    the side files SQLite left beside those, `sidefiles.SIDE_FILES`); with `others`, those of every
    file whose name starts like `target`'s (an earlier day's automatic copy)."""
    prefix = f".{target.name}." if not others else f".{target.name}"
    try:
        names = [n for n in os.listdir(target.parent) if n.startswith(prefix)]
    except OSError:
        return
    for name in names:
        base = main_file(name)
        if not base.endswith(suffixes):
            continue
        pid = base.removesuffix(next(s for s in suffixes if base.endswith(s))).rsplit(".", 1)[-1].split("-", 1)[0]
        if pid.isdigit() and len(pid) < 12 and not _alive(int(pid)):
            try:
                (target.parent / name).unlink()
            except OSError:
                pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def _replace(resolved: Path, content: bytes | Producer, shown: Path) -> None:
    clear_leftovers(resolved)
    try:
        import tempfile  # with shutil, bz2 and lzma, ~4 ms: not for a command that writes no file

        fd, name = tempfile.mkstemp(dir=resolved.parent, prefix=staging_name(resolved), suffix=".part")
    except OSError as exc:
        raise _failed(shown, exc) from None
    tmp = Path(name)  # mkstemp creates it 0600, whatever the umask
    try:
        if callable(content):
            os.close(fd)
            content(tmp)
            os.chmod(tmp, 0o600)
        else:
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, resolved)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _failed(shown, exc) from None
        raise


def _write_in_place(resolved: Path, content: bytes | Producer, shown: Path) -> None:
    """A FIFO or device: stream into it as it is."""
    try:
        if callable(content):
            import tempfile

            with tempfile.TemporaryDirectory() as folder:
                staged = Path(folder) / "staged"
                content(staged)
                data = staged.read_bytes()
        else:
            data = content
        with open(resolved, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise _failed(shown, exc) from None


def _failed(target: Path, exc: OSError) -> Exception:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return InvalidInput(f"cannot write {target}: permission denied", "output")
    if exc.errno in (errno.ENAMETOOLONG, errno.ENOTDIR, errno.EISDIR, errno.ELOOP, errno.EINVAL):
        return InvalidInput(f"cannot write {target}: {exc.strerror}", "output")
    if exc.errno == errno.ENOSPC:
        return JournalError(f"cannot write {target}: the disk is full; nothing was written")
    return JournalError(f"cannot write {target}: {exc.strerror or exc}")
