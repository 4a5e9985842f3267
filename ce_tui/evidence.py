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
import stat
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ce_tui.domain.models import MAX_EVIDENCE_BYTES, Claim, Evidence, Ledger

CHUNK = 1024 * 1024
"""Bytes read at a time when hashing."""


class EvidenceError(ValueError):
    """An evidence file cannot be attached; the message says why in one line."""


def _shown(path: Path | str) -> str:
    """A path for a message: control characters as ``?``."""
    return "".join(ch if ch.isprintable() else "?" for ch in str(path))


def read_file(path: Path, limit: int = MAX_EVIDENCE_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; EvidenceError otherwise."""
    try:
        # Non-blocking, so that a named pipe given as evidence is refused, not waited on.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise EvidenceError(f"{_shown(path)} is not a regular file")
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise EvidenceError(f"{_shown(path)} does not exist") from None
    except IsADirectoryError:
        raise EvidenceError(f"{_shown(path)} is a folder, not a file") from None
    except OSError as exc:
        raise EvidenceError(f"cannot read {_shown(path)}: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise EvidenceError(f"{_shown(path)} is larger than {limit // (1024 * 1024)} MiB")
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
        problem = f"missing: {_shown(evidence.path)}" if missing else str(exc)
        return EvidenceCheck(claim, evidence, problem, None)
    digest = hashlib.sha256(data).hexdigest()
    if len(data) != evidence.size or digest != evidence.sha256:
        return EvidenceCheck(
            claim,
            evidence,
            f"changed since it was attached: {_shown(evidence.path)} "
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


def member_name(claim: Claim, evidence: Evidence) -> str:
    """The evidence file's name in an audit archive: ``evidence/<claim id>-<file name>``."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(evidence.path).name).strip("._") or "file"
    claim_id = re.sub(r"[^A-Za-z0-9._-]+", "_", claim.id)
    return f"evidence/{claim_id}-{name}"


def evidence_problems(checks: Sequence[EvidenceCheck]) -> list[str]:
    """One line per evidence file missing or changed: ``claim "X": evidence missing: ...``."""
    return [
        f'claim "{_shown(c.claim.activity)}": evidence {c.problem}' for c in checks if c.problem
    ]


def audit_archive(transcript: str, checks: Sequence[EvidenceCheck]) -> bytes:
    """The audit archive: ``transcript.csv``, every evidence file read, ``problems.txt`` if any.

    Each evidence file is packed from the very bytes that were checked, under
    :func:`member_name`; one that changed is packed as it is now and listed in
    ``problems.txt``.
    """
    problems = evidence_problems(checks)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("transcript.csv", transcript)
        for found in checks:
            if found.data is not None:
                archive.writestr(member_name(found.claim, found.evidence), found.data)
        if problems:
            archive.writestr("problems.txt", "".join(p + "\n" for p in problems))
    return out.getvalue()
