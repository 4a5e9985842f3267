"""The operations the TUI and the command line share.

Each operation validates with the domain, then writes through
:meth:`Store.update` (lock, re-read, apply, atomic write) and returns a
:class:`Change`: the new ledger, the ids it created, and the patch that
reverses it (:meth:`Services.apply` applies that patch, as every other
operation writes, stale-write check included). On invalid input it raises
:class:`~ce_tui.domain.validation.InvalidInput` and nothing is written;
storage failures raise :class:`~ce_tui.store.base.StoreError`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ce_tui.domain.models import Activity, Certification, Claim, ClaimStatus, Exam, Ledger
from ce_tui.domain.rules import Rules
from ce_tui.domain.schema import dump, validate
from ce_tui.domain.validation import (
    KINDS,
    InvalidInput,
    check_ledger,
    describe_errors,
    merge,
    new_approvals_before_done,
    parse_document,
    same_certification,
    to_document,
)
from ce_tui.store.base import Store

if TYPE_CHECKING:
    from ce_tui.domain.changes import Change, ImportCounts, Patch
    from ce_tui.domain.csv_import import CsvSheet
    from ce_tui.store.settings import Settings

R = TypeVar("R", Certification, Exam, Claim, Activity)

PREFIX = {"certifications": "cert", "exams": "exam", "claims": "c", "catalog": "my"}
"""Prefix of generated ids for each kind of record."""


def next_id(prefix: str, records: Sequence[Any]) -> str:
    """The first `prefix<N>` after every id of that shape in `records`."""
    pattern = re.compile(rf"{re.escape(prefix)}(\d+)$")
    numbers = [int(m.group(1)) for r in records if (m := pattern.match(r.id))]
    return f"{prefix}{max(numbers, default=0) + 1}"


def _upsert(records: tuple[R, ...], record: R) -> tuple[R, ...]:
    """Replace the record with the same id in place, or append it."""
    if any(r.id == record.id for r in records):
        return tuple(record if r.id == record.id else r for r in records)
    extended: list[R] = list(records)
    extended.append(record)
    return tuple(extended)


def _find(records: Sequence[R], record_id: str, word: str) -> R:
    """The record with `record_id`, or InvalidInput naming what is missing."""
    for record in records:
        if record.id == record_id:
            return record
    raise InvalidInput([f"{word} {record_id!r} does not exist (it may have been deleted)"])


ANY: Any = object()
"""`expected` value meaning: do not check what the store holds now."""


def _check_expected(records: Sequence[Any], record_id: str, expected: Any, word: str) -> None:
    """Refuse a change made from a stale copy: the stored record must be `expected`.

    `expected` is the record as the caller last saw it (None: it must not
    exist), or :data:`ANY` to skip the check. This is what keeps two copies of
    the app from silently overwriting each other's edits.
    """
    if expected is ANY:
        return
    from ce_tui.domain.changes import stale_problem

    current = next((r for r in records if r.id == record_id), None)
    problem = stale_problem(current, expected, record_id, word)
    if problem is not None:
        raise InvalidInput([problem])


@dataclass
class Services:
    """Validated writes and reads of one store under one rules file."""

    store: Store
    rules: Rules
    today: date | None = None
    """The day writes are judged on: a claim completed after it cannot be approved (None: no
    such check)."""
    waiting: Callable[[], None] | None = None
    """Called (from the writing thread) when a write waits for another writer's lock."""

    def load(self) -> Ledger:
        """The current ledger."""
        return self.store.load()

    def saved_settings(self) -> Settings:
        """The settings saved beside the store (defaults when none); StoreError if unreadable."""
        from ce_tui.store.settings import read_settings, settings_path

        return read_settings(settings_path(self.store.path))

    def save_settings(self, settings: Settings) -> None:
        """Save the settings beside the store; StoreError when they cannot be saved."""
        from ce_tui.store.settings import settings_path, write_settings

        write_settings(settings_path(self.store.path), settings)

    def read(self) -> tuple[tuple[int, int, int, int] | None, Ledger]:
        """The store file's stamp and its ledger, the stamp taken first.

        A save between the two leaves an older stamp beside the newer ledger,
        so whoever follows the file reads it once more rather than miss it.
        """
        stamp = self.stamp()
        return stamp, self.load()

    def stamp(self) -> tuple[int, int, int, int] | None:
        """A cheap identity of the store file: device, inode, size and modification time.

        Every save replaces the file, so a save by anyone changes it; None while
        there is no file (or it cannot be looked at).
        """
        try:
            info = os.stat(self.store.path)
        except OSError:
            return None
        return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)

    def _write(
        self,
        change: Callable[[Ledger], Ledger],
        backup: Callable[[Ledger, Ledger], bool] | None = None,
    ) -> Change:
        """Apply `change` under the store's lock, refusing a ledger that breaks a rule.

        `backup(current, new)` true: the file is backed up first, under the
        lock. Returns the :class:`Change`, its inverse drawn against the ledger
        read under that same lock.
        """
        seen: list[Ledger] = []

        def noted(current: Ledger) -> Ledger:
            """The changed ledger, noting the stored one it was made from."""
            seen[:] = [current]
            return change(current)

        from ce_tui.domain.changes import Change, diff

        saved = self.store.update(self._checked(noted), backup, self.waiting)
        done = diff(seen[0], saved)
        return Change(saved, done.created(), done.inverse())

    def apply(self, patch: Patch) -> Change:
        """Apply a patch (an undo, or a redo), refused when a record it expects changed since."""
        from ce_tui.domain.changes import apply_patch

        return self._write(lambda current: apply_patch(current, patch))

    def _checked(self, change: Callable[[Ledger], Ledger]) -> Callable[[Ledger], Ledger]:
        """`change`, refusing (InvalidInput) a ledger that breaks a whole-ledger rule."""

        def checked(current: Ledger) -> Ledger:
            """The changed ledger, checked."""
            new = change(current)
            problems = check_ledger(new, self.rules)
            if self.today is not None:
                problems += new_approvals_before_done(current, new, self.today)
            if problems:
                raise InvalidInput(problems)
            return new

        return checked

    def _put(self, key: str, record: Any, new: bool, expected: Any = ANY) -> Change:
        """Insert under a fresh id (`new`), or replace the record with the same id.

        A replacement checks that the stored record is still `expected`.
        """
        word = KINDS[key][0]

        def change(current: Ledger) -> Ledger:
            records = getattr(current, key)
            item = record
            if new:
                item = replace(item, id=next_id(PREFIX[key], records))
                if key == "certifications" and (same := same_certification(records, item)):
                    raise InvalidInput(same)
            else:
                _find(records, item.id, word)
                _check_expected(records, item.id, expected, word)
            return _with_table(current, key, _upsert(records, item))

        return self._write(change)

    def _remove(self, key: str, record_id: str, expected: Any = ANY) -> Change:
        """Delete one record by id, if the store still holds `expected`."""
        word = KINDS[key][0]

        def change(current: Ledger) -> Ledger:
            records = getattr(current, key)
            _find(records, record_id, word)
            _check_expected(records, record_id, expected, word)
            return _with_table(current, key, tuple(r for r in records if r.id != record_id))

        return self._write(change)

    # Claims -------------------------------------------------------------

    def add_claim(self, claim: Claim) -> Change:
        """File a new claim under a fresh id."""
        return self._put("claims", claim, new=True)

    def add_claims(self, claims: Sequence[Claim]) -> Change:
        """File several new claims in one write (all or none), each under a fresh id."""

        def change(current: Ledger) -> Ledger:
            """The ledger with every claim appended."""
            records = current.claims
            for claim in claims:
                records = _upsert(records, replace(claim, id=next_id(PREFIX["claims"], records)))
            return replace(current, claims=records)

        return self._write(change)

    def delete_claims(self, claim_ids: Sequence[str]) -> Change:
        """Delete several claims in one write; ids no longer there are skipped."""
        gone = set(claim_ids)
        return self._write(
            lambda cur: replace(cur, claims=tuple(c for c in cur.claims if c.id not in gone))
        )

    def edit_claim(self, claim: Claim, expected: Claim | Any = ANY) -> Change:
        """Replace the claim with the same id (if it is still `expected`)."""
        return self._put("claims", claim, new=False, expected=expected)

    def delete_claim(self, claim_id: str, expected: Claim | Any = ANY) -> Change:
        """Delete a claim (if it is still `expected`)."""
        return self._remove("claims", claim_id, expected)

    def set_claim_status(
        self, claim_id: str, status: ClaimStatus, submitted: date | None
    ) -> Change:
        """Move a claim to `status` (a draft loses its submitted date; others need one)."""

        def change(current: Ledger) -> Ledger:
            claim = _find(current.claims, claim_id, "claim")
            when = None if status == "draft" else (claim.submitted or submitted)
            data = dump(claim) | {"status": status, "submitted": when}
            updated = _validated(Claim, data, f'claim "{claim.activity}"')
            return replace(current, claims=_upsert(current.claims, updated))

        return self._write(change)

    # Certifications and exams -----------------------------------------

    def add_certification(self, cert: Certification) -> Change:
        """Record a new certification."""
        return self._put("certifications", cert, new=True)

    def edit_certification(self, cert: Certification, expected: Any = ANY) -> Change:
        """Replace the certification with the same id (if it is still `expected`)."""
        return self._put("certifications", cert, new=False, expected=expected)

    def delete_certification(self, cert_id: str, expected: Any = ANY) -> Change:
        """Delete a certification (if it is still `expected`)."""
        return self._remove("certifications", cert_id, expected)

    def set_path(self, cert_id: str, option_id: str) -> Change:
        """Choose the option a certification plans to recertify by."""
        return self._change_cert(cert_id, path=option_id)

    def set_retired(self, cert_id: str, retired: bool) -> Change:
        """Mark a certification retired (or not)."""
        return self._change_cert(cert_id, retired=retired)

    def _change_cert(self, cert_id: str, **fields: Any) -> Change:
        """Update some fields of one certification."""

        def change(current: Ledger) -> Ledger:
            cert = _find(current.certifications, cert_id, "certification")
            updated = replace(cert, **fields)
            return replace(current, certifications=_upsert(current.certifications, updated))

        return self._write(change)

    def add_exam(self, exam: Exam) -> Change:
        """Record a passed exam."""
        return self._put("exams", exam, new=True)

    def edit_exam(self, exam: Exam, expected: Exam | Any = ANY) -> Change:
        """Replace the exam with the same id (if it is still `expected`)."""
        return self._put("exams", exam, new=False, expected=expected)

    def delete_exam(self, exam_id: str, expected: Exam | Any = ANY) -> Change:
        """Delete an exam (if it is still `expected`)."""
        return self._remove("exams", exam_id, expected)

    # Catalog and profile ----------------------------------------------

    def add_activity(self, activity: Activity) -> Change:
        """Add an activity of the user's own to the catalog."""
        return self._put("catalog", activity, new=True)

    def edit_activity(self, activity: Activity, expected: Activity | Any = ANY) -> Change:
        """Replace the user's own activity with the same id (if it is still `expected`)."""
        return self._put("catalog", activity, new=False, expected=expected)

    def delete_activity(self, activity_id: str, expected: Activity | Any = ANY) -> Change:
        """Remove one of the user's own activities (if it is still `expected`)."""
        return self._remove("catalog", activity_id, expected)

    def accept_terms(self, day: date | None) -> Change:
        """Record when the CE program terms were accepted (None: not accepted)."""
        return self._write(
            lambda cur: replace(cur, profile=replace(cur.profile, terms_accepted=day))
        )

    # Documents ----------------------------------------------------------

    def import_document(self, data: object, replace: bool = False) -> tuple[Change, ImportCounts]:
        """Validate a whole `ce-tui/1` document, then merge it by id (or replace all).

        Nothing happens when the document is refused. When the import changes
        or removes stored records, the store is backed up first, under the same
        lock as the write. Returns the change and what the import did.
        """
        incoming = parse_document(data, self.rules)
        return self._import(lambda _current: incoming, replace=replace)

    def read_sheet(
        self,
        data: bytes,
        kind: str = "claims",
        mapping: Mapping[str, str] | None = None,
        date_format: str | None = None,
        base: Path | None = None,
    ) -> CsvSheet:
        """Parse a CSV file's bytes under these rules; evidence files are read and hashed.

        A relative evidence path is taken from `base`. Raises InvalidInput
        listing every problem, by row and column.
        """
        from ce_tui.domain.csv_import import parse_csv
        from ce_tui.evidence import attach

        return parse_csv(
            data, kind, mapping, date_format, self.rules, lambda cell: dump(attach(cell, base))
        )

    def read_sheet_file(
        self,
        file: Path,
        kind: str = "claims",
        mapping: Mapping[str, str] | None = None,
        date_format: str | None = None,
    ) -> CsvSheet:
        """Read a CSV file (``-``: standard input) and parse it as :meth:`read_sheet` does.

        Only a regular file of at most the CSV size limit is read (never a
        folder, device or FIFO). A relative evidence path is taken from the
        file's folder (from the working folder for standard input). Raises
        InvalidInput listing every problem.
        """
        from ce_tui.domain.csv_import import MAX_BYTES
        from ce_tui.store.base import StoreError
        from ce_tui.store.files import read_input

        try:
            data = read_input(file, "a CSV file", MAX_BYTES)
        except StoreError as exc:
            raise InvalidInput([str(exc)]) from None
        base = Path.cwd() if str(file) == "-" else Path(os.path.abspath(file)).parent
        return self.read_sheet(data, kind, mapping, date_format, base)

    def import_sheet(self, sheet: CsvSheet, dry_run: bool = False) -> tuple[Change, ImportCounts]:
        """Import the records of a CSV sheet as a document is imported: merged by id.

        A claim that keeps the evidence path it has in the store keeps the size
        and hash recorded when it was attached. With `dry_run` nothing is
        written: the same checks run on the stored ledger, and the change and
        the counts say what the import would do.
        """
        incoming = parse_document(sheet.document(), self.rules)
        return self._import(lambda current: _keep_attached(current, incoming), dry_run=dry_run)

    def _import(
        self,
        incoming_for: Callable[[Ledger], Ledger],
        replace: bool = False,
        dry_run: bool = False,
    ) -> tuple[Change, ImportCounts]:
        """Merge (or, `replace`, swap in) validated records: the one way every import writes.

        `incoming_for(current)` gives the records to import against the stored
        ledger. Every whole-ledger rule is checked on the result; the store is
        backed up under the write's lock only when stored records change or go.
        With `dry_run` the stored ledger is read and nothing is written.
        """
        from ce_tui.domain.changes import Change, diff, import_counts

        counts: list[ImportCounts] = []

        def change(current: Ledger) -> Ledger:
            """The stored ledger after the import, counting what it does to it."""
            incoming = incoming_for(current)
            new = incoming if replace else merge(current, incoming)
            counts[:] = [import_counts(current, new, incoming)]
            return new

        if dry_run:
            current = self.load()
            new = self._checked(change)(current)
            would = diff(current, new)
            return Change(new, would.created(), would.inverse()), counts[0]
        done = self._write(change, backup=lambda _old, _new: counts[0].changes_existing)
        return done, counts[0]

    def export_document(self) -> dict[str, Any]:
        """The whole store as a `ce-tui/1` document."""
        return to_document(self.load())


def _keep_attached(current: Ledger, incoming: Ledger) -> Ledger:
    """`incoming` with each claim naming the evidence path it has in `current` keeping its hash."""
    stored = {c.id: c.evidence for c in current.claims if c.evidence is not None}
    claims = tuple(
        replace(c, evidence=stored[c.id])
        if c.evidence is not None and c.id in stored and stored[c.id].path == c.evidence.path
        else c
        for c in incoming.claims
    )
    return replace(incoming, claims=claims)


def _with_table(ledger: Ledger, key: str, records: tuple[Any, ...]) -> Ledger:
    """`ledger` with the table `key` (claims, exams...) holding `records` instead."""
    return replace(ledger, **{key: records})  # type: ignore[arg-type]


def _validated(model: type[R], data: dict[str, Any], who: str) -> R:
    """Build a record, turning pydantic errors into InvalidInput sentences."""
    from pydantic import ValidationError

    try:
        return validate(model, data)
    except ValidationError as exc:
        raise InvalidInput(describe_errors(exc, who)) from exc
