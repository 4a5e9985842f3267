"""The store file's bytes and the ledger: decoding (sealed or validated) and encoding.

The file is a TinyDB database: one JSON object with a key per table, each table
an object from document id to document::

    {
      "meta":           {"1": {"seal": "...", "schema": 2, "profile": {...}}},
      "certifications": {"1": {...}, "2": {...}},
      "exams":          {"1": {...}},
      "claims":         {"1": {...}, "2": {...}, "3": {...}},
      "catalog":        {}
    }

Records keep their ledger order through their document ids (1, 2, 3...).

A file this store wrote carries a *seal* (the first field of its meta
document): a BLAKE2b digest of the file's bytes keyed to the store schema, the
version of the validation code and the rules the records were checked against,
taken after every record and every whole-ledger rule was checked. Its records
are decoded without being validated again and without importing pydantic. Any
other file (written by hand, by another tool or version, under other rules,
changed since, or holding a control character anywhere) is validated whole,
exactly as an import is, and refused with every problem listed.
"""

from __future__ import annotations

import dataclasses
import json
import operator
import re
from collections.abc import Mapping
from hashlib import blake2b
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ce_tui.domain.jsondoc import DuplicateKey, unique_keys
from ce_tui.domain.models import Ledger, Profile, Record, submission_problems
from ce_tui.domain.rules import Rules
from ce_tui.domain.schema import adapter, decoder, dump
from ce_tui.domain.validation import (
    KINDS,
    UNKNOWN_FIELD_ERRORS,
    InvalidInput,
    check_ledger,
    check_rules,
    clean_message,
    describe_errors,
    label,
    short,
)
from ce_tui.store.base import StoreCorrupt
from ce_tui.store.migrations import META, SCHEMA, TABLES, Document, upgrade

if TYPE_CHECKING:
    from pydantic import ValidationError

MAX_LISTED = 10
"""Most problems named in one error message."""

VALIDATOR = 2
"""Version of the validation code a seal vouches for: raise it whenever a rule changes."""

SEAL_START = b'{"meta": {"1": {"seal": "'
"""How a sealed store file begins; the digest follows."""

SEAL_SIZE = 16
"""Bytes of the digest (written as twice as many hex digits)."""

_UNSEALED = "0" * (2 * SEAL_SIZE)
"""The digest's place while the digest is taken."""


def seal_key(rules: Rules) -> bytes:
    """What a seal vouches for besides the bytes: the schema, the validator and the rules.

    A file sealed under other rules (``--rules``), by another version of the
    validation code or of another schema does not pass as sealed: it is
    validated again.
    """
    vouched = f"schema {SCHEMA}; validator {VALIDATOR}; rules {rules!r}"
    return blake2b(vouched.encode("utf-8"), digest_size=32).digest()


_ESCAPED_CONTROL = re.compile(
    rb"\\(?:[bfnrt]|u00[01][0-9a-fA-F]|u007[fF]|u00[89][0-9a-fA-F]|u202[a-eA-E]|u206[6-9])"
    rb"|\x7f|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]"
)
"""A control character or bidirectional override in a file's JSON, raw or escaped.

No field of a valid record holds one, so a file holding one is validated
whatever its seal says (a seal can be recomputed by anyone; this keeps raw
escapes out of every screen and export even then). A backslash written
before such letters matches too: that file is merely validated.
"""


def _holds_control(data: bytes) -> bool:
    """True when `data` may hold a control character or a bidirectional override.

    Most files hold none of the bytes such a character starts with (a
    backslash, DEL, the lead bytes of C1 and of U+2000-U+206F); those are
    cleared without running the pattern.
    """
    if not (b"\\" in data or b"\x7f" in data or b"\xc2" in data or b"\xe2" in data):
        return False
    return _ESCAPED_CONTROL.search(data) is not None


def _digest(data: bytes, key: bytes) -> str:
    """The seal of a file's bytes: keyed BLAKE2b of them with the seal's own place blanked."""
    start = len(SEAL_START)
    view = memoryview(data)
    digest = blake2b(digest_size=SEAL_SIZE, key=key, person=b"ce-tui-store")
    digest.update(view[:start])
    digest.update(_UNSEALED.encode("ascii"))
    digest.update(view[start + len(_UNSEALED) :])
    return digest.hexdigest()


def is_sealed(data: bytes, key: bytes) -> bool:
    """True when `data` is a file this store wrote (validated under `key`), unchanged since."""
    if not data.startswith(SEAL_START) or _holds_control(data):
        return False
    start = len(SEAL_START)
    return data[start : start + len(_UNSEALED)] == _digest(data, key).encode("ascii")


def _seal(data: bytes, key: bytes) -> bytes:
    """The bytes of a file of validated records (its seal's place blank) with the seal in it."""
    start = len(SEAL_START)
    assert data.startswith(SEAL_START), "the meta document, seal first, must be written first"
    return data[:start] + _digest(data, key).encode("ascii") + data[start + len(_UNSEALED) :]


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
        loc = [short(part) for part in item["loc"]]
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


def _to_ledger(doc: Mapping[str, Any], rules: Rules) -> Ledger:
    """Validate a current-schema document as an import is validated, the whole-ledger
    rules under `rules` included; raise InvalidInput listing every problem."""
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
    ledger = Ledger(**parts, profile=profile)
    problems = check_ledger(ledger, rules)
    if problems:
        raise InvalidInput(problems)
    return ledger


def _sealed_ledger(doc: Mapping[str, Any], rules: Rules) -> Ledger:
    """The records of a sealed document, decoded without pydantic.

    Anyone can recompute a seal, so every value is checked as it is decoded
    (type, bounds, length) and the record and whole-ledger rules are checked
    after. Raises KeyError, TypeError, ValueError or ArithmeticError if the
    document is not what this store writes (the caller then validates it
    instead, listing every problem).
    """
    meta = next(iter(doc[META].values()))
    profile = decoder(Profile)(meta["profile"]) if "profile" in meta else Profile()
    parts: dict[str, Any] = {}
    for key in TABLES:
        decode = decoder(KINDS[key][1])
        parts[key] = tuple(map(decode, _ordered(doc.get(key, {}))))
    ledger = Ledger(**parts, profile=profile)
    if _record_problems(ledger) or check_rules(ledger, rules):
        raise ValueError("a sealed file breaks a rule of its records")
    return ledger


def _record_problems(ledger: Ledger) -> list[str]:
    """The rules that decoding does not check, found fast (the validation names them):
    dates in order and ids unique within each kind."""
    problems = [
        cert.id for cert in ledger.certifications if cert.expires and cert.expires < cert.earned
    ]
    for key in TABLES:
        records = getattr(ledger, key)
        if len({record.id.strip() for record in records}) != len(records):
            problems.append(key)
    for claim in ledger.claims:
        problems.extend(submission_problems(claim.status, claim.completed, claim.submitted))
        if claim.evidence is not None and not claim.evidence.path.startswith("/"):
            problems.append(claim.id)
    return problems


def parse_bytes(data: bytes, path: Path, unique: bool = True) -> Document:
    """The file's JSON object; StoreCorrupt (naming the file) if it is not one.

    With `unique`, an object naming one key twice is refused: parsed, the last
    one would win and the next save would drop the other (a table, a record)
    for good. A file with a valid seal skips that check (ce-tui writes no key
    twice, and its values are checked as they are decoded).
    """
    if not data.strip():
        raise StoreCorrupt(f"{path}: the file is empty ({len(data)} bytes); expected a JSON object")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise StoreCorrupt(
            f"{path}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None
    try:
        doc = json.loads(text, object_pairs_hook=unique_keys if unique else None)
    except DuplicateKey as exc:
        raise StoreCorrupt(f"{path}: not a valid ce-tui store: it {exc}") from None
    except json.JSONDecodeError as exc:
        raise StoreCorrupt(
            f"{path}: not valid JSON ({exc.msg}: line {exc.lineno}, column {exc.colno}); "
            "the file may be truncated or edited by hand"
        ) from None
    except RecursionError:
        raise StoreCorrupt(f"{path}: not valid JSON (nested too deeply)") from None
    except ValueError:
        raise StoreCorrupt(f"{path}: not valid JSON (a number with too many digits)") from None
    if not isinstance(doc, dict):
        raise StoreCorrupt(f"{path}: not a ce-tui store (the JSON is not an object)")
    return doc


def decode_store(data: bytes, path: Path, rules: Rules) -> tuple[Ledger, int]:
    """The ledger in a store file's bytes and the schema the file was written with.

    A file sealed under `rules` by this version is decoded; any other is
    validated whole under `rules`. Raises StoreCorrupt (StoreNewer for a newer
    schema) naming `path` and every problem (the first MAX_LISTED of them).
    """
    sealed = is_sealed(data, seal_key(rules))
    doc, original = upgrade(parse_bytes(data, path, unique=not sealed), path)
    if original == SCHEMA and sealed:
        try:
            return _sealed_ledger(doc, rules), original
        except (KeyError, TypeError, ValueError, AttributeError, ArithmeticError):
            pass  # not what this store writes after all: validate it
    try:
        return _to_ledger(doc, rules), original
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


def store_problems(data: bytes, path: Path, rules: Rules) -> list[str]:
    """Every problem of a store file's content under `rules` (empty when it loads)."""
    try:
        doc, _original = upgrade(parse_bytes(data, path), path)
        _to_ledger(doc, rules)
    except StoreCorrupt as exc:
        return [str(exc)]
    except InvalidInput as exc:
        return [f"{path}: {problem}" for problem in exc.problems]
    return []


def encode_ledger(ledger: Ledger, seal: bytes) -> bytes:
    """The bytes of the store file (TinyDB layout) holding `ledger`, validated already,
    sealed with the key `seal` (see :func:`seal_key`)."""
    body = dump(ledger)
    meta = {"seal": _UNSEALED, "schema": SCHEMA, "profile": body["profile"]}
    doc: Document = {META: {"1": meta}}
    for key in TABLES:
        doc[key] = {str(number): record for number, record in enumerate(body[key], start=1)}
    return _seal(encode_document(doc), seal)


def encode_document(doc: Mapping[str, Any]) -> bytes:
    """A document as the bytes of a file: compact UTF-8 JSON.

    Validated records hold no lone surrogates (pydantic refuses them), so the
    text always encodes.
    """
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")
