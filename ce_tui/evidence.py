"""Evidence files on disk: attach one to a claim, check it later, pack them for an audit.

A claim's :class:`~ce_tui.domain.models.Evidence` records where its file is,
and its size and SHA-256 when it was attached. Nothing here writes the store:
:mod:`ce_tui.services` decides, and the command line and the app ask.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ce_tui.domain.models import MAX_EVIDENCE_BYTES, Claim, Evidence, Ledger
from ce_tui.domain.text import safe
from ce_tui.store.base import StoreError
from ce_tui.store.files import read_bytes


class EvidenceError(ValueError):
    """An evidence file cannot be attached; the message says why in one line."""


def read_file(path: Path, limit: int = MAX_EVIDENCE_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; EvidenceError otherwise.

    Read as the store reads its own files (never a folder, device or FIFO, and
    nothing past the limit); the message shows the path made safe.
    """
    try:
        data = read_bytes(path, "a file", limit)
    except StoreError as exc:
        raise EvidenceError(safe(exc)) from None
    if data is None:
        raise EvidenceError(f"{safe(path)} does not exist")
    return data


def attach(path: Path | str, base: Path | None = None) -> Evidence:
    """The evidence record of a file as it is now (a relative path is taken from `base`)."""
    where = Path(path).expanduser()
    if not where.is_absolute():
        where = (base or Path.cwd()) / where
    where = Path(os.path.abspath(where))
    data = read_file(where)
    return Evidence(path=str(where), size=len(data), sha256=hashlib.sha256(data).hexdigest())


@dataclass(frozen=True, slots=True)
class EvidenceCheck:
    """One claim's evidence as found on disk."""

    claim: Claim
    evidence: Evidence
    problem: str | None
    """None when the file is there and unchanged; else what is wrong, in one line."""
    data: bytes | None
    """The file's bytes when it could be read."""


def check(claim: Claim, evidence: Evidence) -> EvidenceCheck:
    """Read a claim's evidence file and compare it with what was recorded."""
    try:
        data = read_file(Path(evidence.path))
    except EvidenceError as exc:
        missing = not os.path.lexists(evidence.path)
        problem = f"missing: {safe(evidence.path)}" if missing else str(exc)
        return EvidenceCheck(claim, evidence, problem, None)
    digest = hashlib.sha256(data).hexdigest()
    if len(data) != evidence.size or digest != evidence.sha256:
        return EvidenceCheck(
            claim,
            evidence,
            f"changed since it was attached: {safe(evidence.path)} "
            f"({len(data)} bytes, SHA-256 {digest[:12]}…; recorded {evidence.size} bytes, "
            f"{evidence.sha256[:12]}…)",
            data,
        )
    return EvidenceCheck(claim, evidence, None, data)


def check_all(ledger: Ledger) -> list[EvidenceCheck]:
    """Every claim's evidence, checked, in completion order."""
    return [
        check(claim, claim.evidence)
        for claim in sorted(ledger.claims, key=lambda c: (c.completed, c.id))
        if claim.evidence is not None
    ]


SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
"""Runs of characters left out of an archive member's name (each becomes ``_``)."""


def member_name(claim: Claim, evidence: Evidence, number: int = 1) -> str:
    """The evidence file's name in an audit archive: ``evidence/<claim id>-<file name>``
    (``evidence/<claim id>-<number>-<file name>`` past the first of one name).

    Only letters, digits, ``.``, ``_`` and ``-`` are kept from the data, and
    the last part never starts with a dot: no absolute path, no ``..``, no
    folder of its own.
    """
    name = SAFE_NAME.sub("_", Path(evidence.path).name).strip("._") or "file"
    claim_id = SAFE_NAME.sub("_", claim.id).lstrip(".") or "claim"
    if number > 1:
        claim_id = f"{claim_id}-{number}"
    return f"evidence/{claim_id}-{name}"


def member_names(checks: Sequence[EvidenceCheck]) -> dict[str, str]:
    """Claim id -> its evidence file's name in the archive, for every file that was read.

    Names made the same by :func:`member_name` (ids differing only in left-out
    characters) get ``-2``, ``-3``... before the file name, so none is packed twice.
    """
    names: dict[str, str] = {}
    taken: set[str] = set()
    for found in checks:
        if found.data is None:
            continue
        number = 1
        name = member_name(found.claim, found.evidence)
        while name in taken:
            number += 1
            name = member_name(found.claim, found.evidence, number)
        taken.add(name)
        names[found.claim.id] = name
    return names


def evidence_problems(checks: Sequence[EvidenceCheck]) -> list[str]:
    """One line per evidence file missing or changed: ``claim "X": evidence missing: ...``."""
    return [f'claim "{safe(c.claim.activity)}": evidence {c.problem}' for c in checks if c.problem]


def audit_archive(transcript: str, checks: Sequence[EvidenceCheck]) -> bytes:
    """The audit archive: ``transcript.csv``, every evidence file read, ``problems.txt`` if any.

    Each evidence file is packed from the very bytes that were checked, under
    :func:`member_names`; one that changed is packed as it is now and listed in
    ``problems.txt``.
    """
    problems = evidence_problems(checks)
    names = member_names(checks)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("transcript.csv", transcript)
        for found in checks:
            if found.data is not None:
                archive.writestr(names[found.claim.id], found.data)
        if problems:
            archive.writestr("problems.txt", "".join(p + "\n" for p in problems))
    return out.getvalue()
