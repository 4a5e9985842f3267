"""Changes to a ledger as values: what each record was, what it becomes, where it sits.

A :class:`Patch` lists, record by record, the version a change expects to find
and the version it puts in its place (None: absent), with the position of
each in its ledger. :func:`diff` draws the patch between two ledgers;
:func:`apply_patch` applies one, refusing it when a record is no longer what
the patch expects (changed or deleted elsewhere). :meth:`Patch.inverse` swaps
the two sides, so the inverse of ``diff(old, new)`` applied to ``new`` gives
``old`` back exactly, records in their places (a patch records which records
come, go or change, not a new order of the records that stay).

A :class:`Change` is what a service operation returns: the ledger it saved,
the ids it created and the patch that reverses it. :class:`ImportCounts` says
what an import did, record by record. Reading and evaluating a store needs
none of this, so the services import this module only when they write.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from ce_tui.domain.models import Ledger, Profile
from ce_tui.domain.validation import KINDS, InvalidInput

TABLES = ("certifications", "exams", "claims", "catalog")
"""The ledger's tables of records with an id, in the order a patch lists them."""

WORDS = {key: word for key, (word, _model, _name) in KINDS.items()}
"""How messages name one record of each kind."""


@dataclass(frozen=True, slots=True)
class Step:
    """One record of one table: the version expected (`old`) and the one put (`new`).

    None on a side means the record is absent there. `old_at` and `new_at` are
    the record's index in its table on each side (where it is put back).
    """

    table: str
    record_id: str
    old: Any
    new: Any
    old_at: int
    new_at: int

    def inverse(self) -> Step:
        """The step that undoes this one."""
        return Step(self.table, self.record_id, self.new, self.old, self.new_at, self.old_at)


@dataclass(frozen=True, slots=True)
class Patch:
    """Record-level edits of a ledger, and the profile before and after (None: unchanged)."""

    steps: tuple[Step, ...] = ()
    profile: tuple[Profile, Profile] | None = None

    def inverse(self) -> Patch:
        """The patch that undoes this one."""
        profile = None if self.profile is None else (self.profile[1], self.profile[0])
        return Patch(tuple(step.inverse() for step in self.steps), profile)

    @property
    def empty(self) -> bool:
        """True when the patch changes nothing."""
        return not self.steps and self.profile is None

    def created(self) -> tuple[str, ...]:
        """The ids of the records the patch adds, in ledger order."""
        return tuple(s.record_id for s in self.steps if s.old is None and s.new is not None)


def diff(old: Ledger, new: Ledger) -> Patch:
    """The patch that turns `old` into `new`, record by record."""
    steps: list[Step] = []
    for table in TABLES:
        before = {r.id: (i, r) for i, r in enumerate(getattr(old, table))}
        after = {r.id: (i, r) for i, r in enumerate(getattr(new, table))}
        for record_id in dict.fromkeys([*before, *after]):
            old_at, was = before.get(record_id, (-1, None))
            new_at, now = after.get(record_id, (-1, None))
            if was != now:
                steps.append(Step(table, record_id, was, now, old_at, new_at))
    profile = None if old.profile == new.profile else (old.profile, new.profile)
    return Patch(tuple(steps), profile)


def apply_patch(ledger: Ledger, patch: Patch) -> Ledger:
    """`ledger` with `patch` applied; InvalidInput when a record is not what it expects.

    Every record the patch touches must be exactly the version it expects
    (absent where it expects none): a record changed, deleted or added
    elsewhere since refuses the whole patch, and nothing is changed.
    """
    problems = [
        problem
        for step in patch.steps
        if (problem := _stale(getattr(ledger, step.table), step)) is not None
    ]
    if patch.profile is not None and ledger.profile != patch.profile[0]:
        problems.append("the profile was changed elsewhere since; nothing was saved")
    if problems:
        raise InvalidInput(problems)
    tables = {
        table: _patched(getattr(ledger, table), [s for s in patch.steps if s.table == table])
        for table in TABLES
    }
    profile = ledger.profile if patch.profile is None else patch.profile[1]
    return replace(ledger, profile=profile, **tables)


def _stale(records: Sequence[Any], step: Step) -> str | None:
    """Why `step` cannot apply to `records` (its record is not the one expected), or None."""
    current = next((r for r in records if r.id == step.record_id), None)
    return stale_problem(current, step.old, step.record_id, WORDS[step.table])


def stale_problem(current: Any, expected: Any, record_id: str, word: str) -> str | None:
    """The sentence refusing a change made from a stale copy, or None when `current` is `expected`.

    `expected` is the record as the change last saw it (None: it must not exist).
    """
    if current == expected:
        return None
    if current is None:
        return f"{word} {record_id!r} was deleted elsewhere; nothing was saved"
    name = getattr(current, "name", None) or getattr(current, "activity", None) or record_id
    if expected is None:
        return f'{word} "{name}" exists again (added elsewhere); nothing was saved'
    return (
        f'{word} "{name}" was changed elsewhere (another window or command) since you '
        "opened it; nothing was saved. The screen now shows the saved version."
    )


def _patched(records: tuple[Any, ...], steps: Sequence[Step]) -> tuple[Any, ...]:
    """`records` with `steps` applied: removed, replaced in place, inserted at their index."""
    if not steps:
        return records
    by_id = {s.record_id: s for s in steps}
    kept = [by_id[r.id].new if r.id in by_id else r for r in records]
    result = [r for r in kept if r is not None]
    inserted = sorted(
        (s for s in steps if s.old is None and s.new is not None), key=lambda s: s.new_at
    )
    for step in inserted:
        result.insert(min(step.new_at, len(result)), step.new)
    return tuple(result)


@dataclass(frozen=True, slots=True)
class Change:
    """What one operation did: the ledger after it, the ids it created, how to reverse it."""

    ledger: Ledger
    """The ledger as saved."""
    created: tuple[str, ...]
    """The ids of the records the operation added, in ledger order."""
    undo: Patch
    """The patch that reverses the operation (:meth:`Services.apply` applies it)."""


@dataclass(frozen=True, slots=True)
class ImportCounts:
    """What an import did to the records, by id, over every kind of record."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    added_ids: tuple[str, ...] = ()
    """Ids of the records added, in the import's order."""
    updated_ids: tuple[str, ...] = ()
    """Ids of the stored records the import replaced with different ones."""

    @property
    def changes_existing(self) -> bool:
        """True when records already stored are changed or removed (a backup is due)."""
        return bool(self.updated or self.removed)

    def text(self) -> str:
        """'2 added, 1 updated, 5 unchanged, 0 removed'."""
        return (
            f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.removed} removed"
        )


def import_counts(before: Ledger, after: Ledger, incoming: Ledger) -> ImportCounts:
    """Count the records of `incoming` added, updated or unchanged, and those removed.

    `before` is the stored ledger and `after` the one the import leaves; a
    record is matched by kind and id. The profile is not counted.
    """
    added: list[str] = []
    updated: list[str] = []
    unchanged = removed = 0
    for key in KINDS:
        old = {r.id: r for r in getattr(before, key)}
        new = {r.id for r in getattr(after, key)}
        for record in getattr(incoming, key):
            if record.id not in old:
                added.append(record.id)
            elif old[record.id] == record:
                unchanged += 1
            else:
                updated.append(record.id)
        removed += sum(1 for record_id in old if record_id not in new)
    return ImportCounts(len(added), len(updated), unchanged, removed, tuple(added), tuple(updated))
