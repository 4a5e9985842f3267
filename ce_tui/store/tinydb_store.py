"""The ledger in a TinyDB JSON file, written atomically under a lock.

The file is a TinyDB database: one JSON object with a key per table, each table
an object from document id to document::

    {
      "meta":           {"1": {"schema": 1, "profile": {"terms_accepted": null}}},
      "certifications": {"1": {...}, "2": {...}},
      "exams":          {"1": {...}},
      "claims":         {"1": {...}, "2": {...}, "3": {...}},
      "catalog":        {}
    }

Records keep their ledger order through their document ids (1, 2, 3...).

Reading opens the file afresh every time and parses it once. A file this
store wrote itself carries a *seal* (the first field of its meta document: a
BLAKE2b digest of the file's bytes, taken after every record was validated),
so its records are decoded without being validated again and without
importing pydantic. A file without a valid seal (written by hand, by another
tool, or changed since) is validated whole with one pydantic adapter.
Writing happens only in
:meth:`TinyDBStore.update`: under an exclusive ``flock`` on ``<file>.lock``, the
document is re-read, changed, and the whole new document is written once to a
temporary file in the same folder, synced and renamed over the old one, so a
crash at any moment leaves either the old or the new document.
"""

from __future__ import annotations

import dataclasses
import errno
import fcntl
import json
import operator
import os
import threading
import time
from _blake2 import blake2b  # hashlib's BLAKE2b, without loading OpenSSL for it
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tinydb.storages import Storage

from ce_tui.domain.models import Ledger, Profile, Record
from ce_tui.domain.schema import adapter, decoder, dump
from ce_tui.domain.validation import (
    KINDS,
    UNKNOWN_FIELD_ERRORS,
    InvalidInput,
    clean_message,
    describe_errors,
    label,
)
from ce_tui.store.base import StoreCorrupt, StoreError, StoreLocked

if TYPE_CHECKING:
    from pydantic import ValidationError

SCHEMA = 2
"""The store schema this version reads and writes."""

TABLES: tuple[str, ...] = ("certifications", "exams", "claims", "catalog")
"""The table of each kind of record, in the order they are written."""

META = "meta"
"""The table holding the one document ``{"schema": N, "profile": {...}}``."""

LOCK_TIMEOUT = 5.0
"""Seconds a writer waits for another process's lock before giving up."""

FILE_MODE = 0o600
"""Mode of the store, its lock file and its backups."""

FOLDER_MODE = 0o700
"""Mode of a folder the store creates."""

MAX_LISTED = 10
"""Most problems named in one error message."""

Document = dict[str, Any]
"""A parsed store file."""


class StoreNewer(StoreCorrupt):
    """The file was written by a newer ce-tui (a higher schema); it is left untouched."""


# Migrations ------------------------------------------------------------------


def _v0_to_v1(doc: Document) -> Document:
    """Schema 0 (no `meta` table; the profile, if any, alone in a `profile` table) to 1."""
    out = dict(doc)
    profile: Any = {}
    old = out.pop("profile", None)
    if old is not None:
        if not isinstance(old, dict) or len(old) > 1:
            raise ValueError("the profile table must hold at most one document")
        if old:
            profile = next(iter(old.values()))
    if out.get("_default") == {}:
        # TinyDB's default table, left empty by a tool that opened the file.
        del out["_default"]
    out[META] = {"1": {"schema": 1, "profile": profile}}
    return out


def _v1_to_v2(doc: Document) -> Document:
    """Schema 1 to 2: claims may carry `evidence`; a schema-1 claim is valid as it is."""
    out = dict(doc)
    out[META] = {key: {**meta, "schema": 2} for key, meta in doc[META].items()}
    return out


MIGRATIONS: dict[int, Callable[[Document], Document]] = {0: _v0_to_v1, 1: _v1_to_v2}
"""Schema N -> the function turning a schema-N document into a schema-N+1 one."""


# Validation ------------------------------------------------------------------


# Seal --------------------------------------------------------------------------

SEAL_START = b'{"meta": {"1": {"seal": "'
"""How a sealed store file begins; the digest follows."""

SEAL_SIZE = 16
"""Bytes of the digest (written as twice as many hex digits)."""

_UNSEALED = "0" * (2 * SEAL_SIZE)
"""The digest's place while the digest is taken."""


def _digest(data: bytes) -> str:
    """The seal of a file's bytes: BLAKE2b of them with the seal's own place blanked."""
    start = len(SEAL_START)
    view = memoryview(data)
    digest = blake2b(digest_size=SEAL_SIZE, person=b"ce-tui-store")
    digest.update(view[:start])
    digest.update(_UNSEALED.encode("ascii"))
    digest.update(view[start + len(_UNSEALED) :])
    return digest.hexdigest()


def is_sealed(data: bytes) -> bool:
    """True when `data` is a file this store wrote (validated) and nobody changed since."""
    if not data.startswith(SEAL_START):
        return False
    start = len(SEAL_START)
    return data[start : start + len(_UNSEALED)] == _digest(data).encode("ascii")


def _seal(data: bytes) -> bytes:
    """The bytes of a file of validated records (its seal's place blank) with the seal in it."""
    start = len(SEAL_START)
    assert data.startswith(SEAL_START), "the meta document, seal first, must be written first"
    return data[:start] + _digest(data).encode("ascii") + data[start + len(_UNSEALED) :]


def _reason(exc: OSError) -> str:
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


def _summary(problems: list[str]) -> str:
    """Problems as lines of one message, at most MAX_LISTED of them."""
    shown = problems[:MAX_LISTED]
    if len(problems) > MAX_LISTED:
        shown.append(f"... and {len(problems) - MAX_LISTED} more problems")
    return "\n  ".join(shown)


def _describe(error: ValidationError, raw: Mapping[str, Any]) -> list[str]:
    """Sentences naming the record (by its name and document id) and the field."""
    problems = []
    for item in error.errors(include_url=False):
        loc = [str(part) for part in item["loc"]]
        msg = clean_message(item["msg"])
        if item["type"] in UNKNOWN_FIELD_ERRORS:
            msg = "is not a known table" if len(loc) == 1 else "is not a known field"
        elif item["type"] == "missing":
            msg = "is required"
        elif item["type"] == "string_pattern_mismatch" and loc[-1] == "[key]":
            msg = "is not a document id (a positive whole number)"
            loc = loc[:-1]
        if len(loc) >= 2 and loc[0] in KINDS:
            word, _model, name_field = KINDS[loc[0]]
            table = raw.get(loc[0])
            record = table.get(loc[1]) if isinstance(table, dict) else None
            who = f"{label(word, record, name_field)} ({loc[0]} #{loc[1]})"
            fields = loc[2:]
        elif len(loc) >= 2 and loc[0] == META:
            who, fields = META, loc[2:]
        else:
            who, fields = ".".join(loc[:1]), loc[1:]
        if fields and msg.startswith(f"{fields[-1]} "):
            fields = fields[:-1]  # the message names the field already
        where = ".".join(fields)
        if who and where:
            problems.append(f"{who}: {where} {msg}")
        elif who:
            problems.append(f"{who}: {msg}")
        else:
            problems.append(msg)
    return problems


def _ordered(table: Mapping[str, Any]) -> tuple[Any, ...]:
    """A table's documents in document-id order."""
    numbers = list(map(int, table))
    if all(map(operator.lt, numbers, islice(numbers, 1, None))):
        return tuple(table.values())  # as this store writes them: 1, 2, 3...
    return tuple(doc for _key, doc in sorted(table.items(), key=lambda kv: int(kv[0])))


def _to_ledger(doc: Mapping[str, Any]) -> Ledger:
    """Validate a current-schema document; raise InvalidInput listing every problem."""
    from pydantic import ValidationError

    from ce_tui.store import file_schema

    try:
        valid = file_schema.FILE_ADAPTER.validate_python(doc)
    except ValidationError as exc:
        raise InvalidInput(_describe(exc, doc)) from None
    metas = valid["meta"]
    if len(metas) != 1:
        raise InvalidInput([f"meta: must hold exactly one document, not {len(metas)}"])
    profile = next(iter(metas.values())).get("profile", Profile())
    tables: Mapping[str, Any] = valid
    parts: dict[str, Any] = {key: _ordered(tables.get(key, {})) for key in TABLES}
    return Ledger(**parts, profile=profile)


def _sealed_ledger(doc: Mapping[str, Any]) -> Ledger:
    """The records of a sealed document, decoded without validation.

    Raises KeyError, TypeError or ValueError if the document is not what this
    store writes (the caller then validates it instead).
    """
    meta = next(iter(doc[META].values()))
    profile = decoder(Profile)(meta["profile"]) if "profile" in meta else Profile()
    parts: dict[str, Any] = {}
    for key in TABLES:
        decode = decoder(KINDS[key][1])
        parts[key] = tuple(map(decode, _ordered(doc.get(key, {}))))
    return Ledger(**parts, profile=profile)


def parse_bytes(data: bytes, path: Path) -> Document:
    """The file's JSON object; StoreCorrupt (naming the file) if it is not one."""
    if not data.strip():
        raise StoreCorrupt(f"{path}: the file is empty ({len(data)} bytes); expected a JSON object")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise StoreCorrupt(
            f"{path}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StoreCorrupt(
            f"{path}: not valid JSON ({exc.msg}: line {exc.lineno}, column {exc.colno}); "
            "the file may be truncated or edited by hand"
        ) from None
    except RecursionError:
        raise StoreCorrupt(f"{path}: not valid JSON (nested too deeply)") from None
    if not isinstance(doc, dict):
        raise StoreCorrupt(f"{path}: not a ce-tui store (the JSON is not an object)")
    return doc


def schema_of(doc: Mapping[str, Any], path: Path) -> int:
    """The schema version a parsed file says it has (0 when it has no meta table)."""
    if META not in doc:
        if "format" in doc:
            raise StoreCorrupt(
                f"{path}: not a ce-tui store: it looks like an exported document "
                f"(format {str(doc['format'])[:40]!r}); import it instead of using it as the store"
            )
        return 0
    metas = doc[META]
    if not isinstance(metas, dict) or len(metas) != 1:
        raise StoreCorrupt(f"{path}: not a ce-tui store: the meta table must hold one document")
    meta = next(iter(metas.values()))
    version = meta.get("schema") if isinstance(meta, dict) else None
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        raise StoreCorrupt(
            f"{path}: not a ce-tui store: meta schema is {str(version)[:40]!r}, not a whole number"
        )
    if version > SCHEMA:
        raise StoreNewer(
            f"{path} has store schema {version}, written by a newer ce-tui; this version "
            f"knows schema {SCHEMA} and leaves the file untouched (upgrade ce-tui to use it)"
        )
    return version


def upgrade(doc: Document, path: Path) -> tuple[Document, int]:
    """Migrate a parsed file to the current schema; returns it and its original schema."""
    original = version = schema_of(doc, path)
    while version < SCHEMA:
        step = MIGRATIONS.get(version)
        if step is None:
            raise StoreCorrupt(f"{path}: store schema {version} cannot be migrated to {SCHEMA}")
        try:
            doc = step(doc)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise StoreCorrupt(
                f"{path}: cannot migrate store schema {version} to {version + 1}: {exc}"
            ) from None
        version += 1
    return doc, original


def decode_store(data: bytes, path: Path) -> tuple[Ledger, int]:
    """The ledger in a store file's bytes and the schema the file was written with.

    Raises StoreCorrupt (StoreNewer for a newer schema) naming `path` and every
    problem (the first MAX_LISTED of them).
    """
    doc, original = upgrade(parse_bytes(data, path), path)
    if original == SCHEMA and is_sealed(data):
        try:
            return _sealed_ledger(doc), original
        except (KeyError, TypeError, ValueError, AttributeError):
            pass  # not what this store writes after all: validate it
    try:
        return _to_ledger(doc), original
    except InvalidInput as exc:
        raise StoreCorrupt(
            f"{path}: not a valid ce-tui store:\n  {_summary(exc.problems)}"
        ) from None


def _revalidated(new: Ledger, current: Ledger) -> Ledger:
    r"""`new` with every record not taken unchanged from `current` validated from its JSON form.

    Records built without validation (constructed or ``dataclasses.replace``\ d)
    would otherwise be written and then refused on the next read. Records `current`
    already holds in the same table were validated when it was read, so they
    are not redone. Raises InvalidInput listing every problem.
    """
    known = {key: {id(record) for record in getattr(current, key)} for key in TABLES}
    problems: list[str] = []

    from pydantic import ValidationError

    def fresh(model: type[Record], record: object, who: str) -> Any:
        raw = dump(record) if isinstance(record, Record) else record
        try:
            return adapter(model).validate_python(raw)
        except ValidationError as exc:
            problems.extend(describe_errors(exc, who))
            return record

    parts: dict[str, Any] = {}
    for key in TABLES:
        word, model, name_field = KINDS[key]
        parts[key] = tuple(
            record
            if id(record) in known[key]
            else fresh(model, record, label(word, _raw(record), name_field, index))
            for index, record in enumerate(getattr(new, key))
        )
    profile = new.profile
    if profile is not current.profile:
        profile = fresh(Profile, profile, "profile")
    if problems:
        raise InvalidInput(problems)
    # Every record is a validated one, kept or made afresh above.
    return Ledger(**parts, profile=profile)


def _raw(record: object) -> object:
    """A record's fields, for naming it in a message."""
    if isinstance(record, Record):
        return {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}  # type: ignore[arg-type]
    return record


def store_problems(data: bytes, path: Path) -> list[str]:
    """Every problem of a store file's content (empty when it loads)."""
    try:
        doc, _original = upgrade(parse_bytes(data, path), path)
        _to_ledger(doc)
    except StoreCorrupt as exc:
        return [str(exc)]
    except InvalidInput as exc:
        return [f"{path}: {problem}" for problem in exc.problems]
    return []


def encode_ledger(ledger: Ledger) -> bytes:
    """The bytes of the sealed store file (TinyDB layout) holding `ledger`, validated already."""
    body = dump(ledger)
    meta = {"seal": _UNSEALED, "schema": SCHEMA, "profile": body["profile"]}
    doc: Document = {META: {"1": meta}}
    for key in TABLES:
        doc[key] = {str(number): record for number, record in enumerate(body[key], start=1)}
    return _seal(encode_document(doc))


def encode_document(doc: Mapping[str, Any]) -> bytes:
    """A document as the bytes of a file: compact UTF-8 JSON.

    Validated records hold no lone surrogates (pydantic refuses them), so the
    text always encodes.
    """
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


# Files -----------------------------------------------------------------------


def read_bytes(path: Path) -> bytes | None:
    """The file's bytes, opened afresh; None when it does not exist."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise StoreError(f"{path} is a folder, not a ce-tui store file") from None
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {_reason(exc)}") from exc


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
        raise StoreError(f"cannot create the folder {folder}: {_reason(exc)}") from exc


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
                f"({_reason(exc)}); the change may not survive a power cut"
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
            f"could not save {path}: {_reason(exc)}; the file was left as it was"
        ) from exc
    _sync_folder(folder, path)


def remove_stale_temps(path: Path) -> None:
    """Delete temp files a killed writer left beside `path` (call only under the lock)."""
    with suppress(OSError):
        for entry in os.scandir(path.parent):
            if entry.name.startswith(temp_prefix(path)):
                with suppress(OSError):
                    os.unlink(entry.path)


_held = threading.local()
"""The store files each thread holds the lock of (to refuse a nested update)."""


def lock_path_of(path: Path) -> Path:
    """The lock file beside a store file."""
    return path.with_name(path.name + ".lock")


@contextmanager
def hold_lock(path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the exclusive lock of the store at `path`, waiting up to `timeout` seconds.

    The lock is an ``flock`` on ``<file>.lock`` (mode 0600), which the kernel
    releases when its holder exits or is killed, so a crashed process never
    leaves the store locked. The lock file itself is never deleted.
    """
    held: set[Path] = _held.__dict__.setdefault("paths", set())
    if path in held:
        raise StoreError(
            f"{path} is already locked by this thread: a change must return the new "
            "ledger, not update the store itself"
        )
    lock = lock_path_of(path)
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, FILE_MODE)
    except OSError as exc:
        raise StoreError(f"cannot open the lock file {lock}: {_reason(exc)}") from exc
    try:
        deadline = time.monotonic() + timeout
        pause = 0.002
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise StoreLocked(
                        f"{path} is being changed by another ce-tui process (waited "
                        f"{timeout:g} s for {lock}); try again once it has finished"
                    ) from None
                time.sleep(min(pause, left))
                pause = min(pause * 2, 0.025)
            except OSError as exc:
                raise StoreError(f"cannot lock {lock}: {_reason(exc)}") from exc
        held.add(path)
        try:
            yield
        finally:
            held.discard(path)
    finally:
        os.close(fd)


class AtomicJSONStorage(Storage):
    """A TinyDB storage that re-reads the file on every read and writes atomically.

    Unlike TinyDB's ``JSONStorage`` it keeps no file open between calls, refuses
    a file that is not UTF-8 JSON (StoreCorrupt) and replaces the file with a
    synced temporary file on every write. It takes no lock: writes to a store go
    through :meth:`TinyDBStore.update`.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        """Use the file at `path` (created on the first write, not before)."""
        super().__init__()
        self.path = Path(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        """The whole file as TinyDB tables; None when it does not exist."""
        data = read_bytes(self.path)
        return None if data is None else parse_bytes(data, self.path)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Replace the whole file with `data`, atomically."""
        write_atomic(self.path, encode_document(data))


class TinyDBStore:
    """The ledger kept in one TinyDB JSON file (see the module documentation)."""

    def __init__(self, path: Path, *, lock_timeout: float = LOCK_TIMEOUT) -> None:
        """A store at `path`; nothing is read or created until it is used."""
        self._path = Path(path)
        self.lock_timeout = lock_timeout
        self._cache: tuple[bytes, Ledger] | None = None

    @property
    def path(self) -> Path:
        """The file the ledger is kept in."""
        return self._path

    def _target(self) -> Path:
        """The real file (a symbolic link is followed, so it is kept, not replaced)."""
        return Path(os.path.realpath(self._path))

    @property
    def lock_path(self) -> Path:
        """The lock file writers hold."""
        return lock_path_of(self._target())

    def _decode(self, data: bytes, target: Path) -> tuple[Ledger, int]:
        """Decode a file's bytes, reusing the last ledger when the bytes are the same."""
        cached = self._cache
        if cached is not None and cached[0] == data:
            return cached[1], SCHEMA
        ledger, original = decode_store(data, target)
        if original == SCHEMA:
            self._cache = (data, ledger)
        return ledger, original

    def load(self) -> Ledger:
        """Read the whole ledger (an empty one if the file does not exist; nothing is created)."""
        target = self._target()
        data = read_bytes(target)
        if data is None:
            return Ledger()
        return self._decode(data, target)[0]

    def update(self, change: Callable[[Ledger], Ledger]) -> Ledger:
        """Apply `change` to the freshly read ledger under the lock; save and return the result.

        If `change` raises, nothing is written and the exception propagates. A
        ledger that would not read back (a record built without validation)
        raises InvalidInput and nothing is written. Before the first write to a
        file of an older schema, a backup of it is made.
        """
        target = self._target()
        ensure_folder(target.parent)
        with hold_lock(target, self.lock_timeout):
            remove_stale_temps(target)
            data = read_bytes(target)
            if data is None:
                current, original = Ledger(), SCHEMA
            else:
                current, original = self._decode(data, target)
            new = change(current)
            if not isinstance(new, Ledger):
                raise TypeError(f"change returned {type(new).__name__}, not a Ledger")
            saved = _revalidated(new, current)
            encoded = encode_ledger(saved)
            if data is not None and original < SCHEMA:
                # Imported here: the backups module builds on this one.
                from ce_tui.store.backups import make_backup

                make_backup(target)
            write_atomic(target, encoded)
            self._cache = (encoded, saved)
            return saved
