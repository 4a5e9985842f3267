"""The store's files: read with limits, written atomically, folders made private.

Nothing here knows what a store holds: it reads a regular file of at most
:data:`MAX_BYTES` (refusing folders, devices, FIFOs and sockets before reading),
replaces a file atomically (temporary file, fsync, rename, fsync of the
folder), and turns OS errors into :class:`~ce_tui.store.base.StoreError`
sentences that name the file.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from contextlib import suppress
from pathlib import Path

from ce_tui.store.base import StoreError

FILE_MODE = 0o600
"""Mode of the store, its lock file and its backups."""

FOLDER_MODE = 0o700
"""Mode of a folder the store creates."""

MAX_BYTES = 64 * 1024 * 1024
"""Largest file read (store, backup, import document, rules file): 64 MiB."""


def reason(exc: OSError) -> str:
    """An OSError as a short phrase a person understands."""
    known = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is exceeded",
        errno.EACCES: "permission denied",
        errno.EPERM: "operation not permitted",
        errno.EROFS: "the file system is read-only",
        errno.EIO: "input/output error",
    }
    if exc.errno in known:
        return known[exc.errno]
    return exc.strerror or str(exc)


def _size(limit: int) -> str:
    """A size limit as a person reads it: whole MiB, else bytes."""
    return f"{limit // 2**20} MiB" if limit >= 2**20 else f"{limit} bytes"


def _open_regular(path: Path, what: str, limit: int) -> int | None:
    """A descriptor open on the regular file at `path`; None when it does not exist.

    A folder, FIFO, device or socket is refused before anything is read (a FIFO
    is opened without waiting for a writer), and so is a file larger than
    `limit` bytes: StoreError names the file and the reason.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | os.O_NOCTTY)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {reason(exc)}") from exc
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise StoreError(f"{path} is a folder, not {what}")
        if not stat.S_ISREG(info.st_mode):
            raise StoreError(f"{path} is not a regular file (a device, FIFO or socket)")
        if info.st_size > limit:
            raise StoreError(
                f"{path} is {info.st_size} bytes, more than the {_size(limit)} ce-tui reads"
            )
    except OSError as exc:
        os.close(fd)
        raise StoreError(f"cannot read {path}: {reason(exc)}") from exc
    except StoreError:
        os.close(fd)
        raise
    return fd


def check_readable(path: Path, what: str = "a ce-tui store file") -> None:
    """StoreError when `path` exists but is not a file ce-tui would read (nothing is read).

    Checked before anything is created beside it (a lock file, a folder), so a
    store path that can never be used changes nothing on disk.
    """
    fd = _open_regular(path, what, MAX_BYTES)
    if fd is not None:
        os.close(fd)


def read_bytes(
    path: Path, what: str = "a ce-tui store file", limit: int = MAX_BYTES
) -> bytes | None:
    """The bytes of the regular file at `path`, opened afresh; None when it does not exist.

    A folder, FIFO, device or socket is refused before anything is read (a FIFO
    is opened without waiting for a writer), and so is a file larger than
    `limit` bytes (:data:`MAX_BYTES` unless told): StoreError names the file
    and the reason.
    """
    fd = _open_regular(path, what, limit)
    if fd is None:
        return None
    try:
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {reason(exc)}") from exc
    finally:
        os.close(fd)
    if len(data) > limit:
        raise StoreError(f"{path} grew past the {_size(limit)} ce-tui reads")
    return data


def read_input(path: Path, what: str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of an input file (``-``: standard input) of at most `limit` bytes.

    A file is read as :func:`read_bytes` reads it (never a folder, device or
    FIFO); StoreError says why it cannot be, a missing file included.
    """
    if str(path) == "-":
        try:
            data = sys.stdin.buffer.read(limit + 1)
        except OSError as exc:
            raise StoreError(f"cannot read standard input: {reason(exc)}") from exc
    else:
        found = read_bytes(path, what, limit)
        if found is None:
            raise StoreError(f"{path} does not exist")
        data = found
    if len(data) > limit:
        raise StoreError(f"{path} is more than the {limit // 2**20} MiB ce-tui reads")
    return data


def ensure_folder(folder: Path) -> None:
    """Create `folder` (and missing parents) with mode 0700 when it does not exist."""
    if folder.is_dir():
        return
    missing = []
    here = folder
    while not here.exists() and here != here.parent:
        missing.append(here)
        here = here.parent
    try:
        for created in reversed(missing):
            try:
                os.mkdir(created, FOLDER_MODE)
            except FileExistsError:
                continue
            os.chmod(created, FOLDER_MODE)
    except OSError as exc:
        raise StoreError(f"cannot create the folder {folder}: {reason(exc)}") from exc


def temp_prefix(path: Path) -> str:
    """Start of the names of temporary files written while replacing `path`."""
    return f".{path.name}.tmp-"


def _sync_folder(folder: Path, path: Path) -> None:
    """Make a rename in `folder` durable (file systems that cannot are let be)."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise StoreError(
                f"{path} was replaced but its folder could not be synced to disk "
                f"({reason(exc)}); the change may not survive a power cut"
            ) from exc
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` (mode 0600): temp file, write, fsync, rename, fsync folder.

    On an OSError the old file is left as it was, the temp file is removed and
    StoreError names the file and the cause.
    """
    folder = path.parent
    temp = folder / f"{temp_prefix(path)}{os.urandom(6).hex()}"
    fd = -1
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, FILE_MODE)
        os.fchmod(fd, FILE_MODE)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
        os.close(fd)
        fd = -1
        os.replace(temp, path)
    except OSError as exc:
        if fd >= 0:
            with suppress(OSError):
                os.close(fd)
        with suppress(OSError):
            os.unlink(temp)
        raise StoreError(
            f"could not save {path}: {reason(exc)}; the file was left as it was"
        ) from exc
    _sync_folder(folder, path)


def refuse_read_only(path: Path) -> None:
    """StoreError when the file at `path` is read-only (its mode or the file system)."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise StoreError(f"cannot check {path}: {reason(exc)}") from exc
    if not info.st_mode & stat.S_IWUSR or not os.access(path, os.W_OK):
        raise StoreError(f"{path} is read-only; nothing was saved (make it writable to change it)")


def remove_stale_temps(path: Path) -> None:
    """Delete temp files a killed writer left beside `path` (call only under the lock)."""
    with suppress(OSError):
        for entry in os.scandir(path.parent):
            if entry.name.startswith(temp_prefix(path)):
                with suppress(OSError):
                    os.unlink(entry.path)
