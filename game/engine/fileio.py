"""Writing files so that a crash or a full disk never leaves a half-written file behind."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def check_writable_target(path: Path) -> None:
    """Raise OSError (with a plain ``strerror``) if ``path`` could never take a file:
    it is a folder or a device, pipe or socket, or a part of its folder is a file.
    Nothing is written; commands call this before long work, to fail early."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    except NotADirectoryError:
        mode = None  # (a part of the path is a file: found below)
    if mode is not None:
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "it is a folder", str(path))
        if not stat.S_ISREG(mode):
            raise OSError(errno.EINVAL, "it is not a regular file (a device or a pipe)", str(path))
    for parent in Path(path).parents:
        if parent.exists():
            if not parent.is_dir():
                raise NotADirectoryError(
                    errno.ENOTDIR, f"{parent} is a file, not a folder", str(path)
                )
            break


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename.

    Either the old file or the complete new one exists afterwards, never a mix.
    Raises OSError (the target is untouched) when the folder cannot be written, when
    a part of the path is a file, or when the target exists and is not a regular file
    (a device such as ``/dev/null``, a pipe, a folder): a rename would replace it. A
    symbolic link is written through: the file it points to gets the new contents.
    """
    path = Path(os.path.realpath(path))
    check_writable_target(path)
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        # mkstemp makes the file private (0600); give it the usual permissions, or keep
        # those of the file it replaces.
        try:
            mode = os.stat(path).st_mode & 0o777
        except OSError:
            mode = 0o666 & ~_umask()
        os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
