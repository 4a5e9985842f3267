"""Store schemas: which one a file has, and the steps from each older one to the current.

A file of an older schema is migrated in memory when read and written in the
current schema (after a backup) on the next save; a newer schema is refused
untouched (:class:`~ce_tui.store.base.StoreNewer`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from ce_tui.store.base import StoreCorrupt, StoreNewer

SCHEMA = 2
"""The store schema this version reads and writes."""

TABLES: tuple[str, ...] = ("certifications", "exams", "claims", "catalog")
"""The table of each kind of record, in the order they are written."""

META = "meta"
"""The table holding the one document ``{"schema": N, "profile": {...}}``."""

OLD_TABLES = frozenset({*TABLES, "profile", "_default"})
"""The tables a schema-0 file may hold."""

Document = dict[str, Any]
"""A parsed store file."""


def is_schema_0(doc: Mapping[str, Any]) -> bool:
    """True when a file without a meta table is a ce-tui store of schema 0.

    It holds only ce-tui's tables (and TinyDB's default table, empty), at least
    one of them: another program's TinyDB file is not taken for one.
    """
    return (
        bool(doc)
        and set(doc) <= OLD_TABLES
        and doc.get("_default", {}) == {}
        and any(key in doc for key in (*TABLES, "profile"))
    )


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


def schema_of(doc: Mapping[str, Any], path: Path) -> int:
    """The schema version a parsed file says it has (0 when it has no meta table)."""
    if META not in doc:
        if "format" in doc:
            raise StoreCorrupt(
                f"{path}: not a ce-tui store: it looks like an exported document "
                f"(format {str(doc['format'])[:40]!r}); import it instead of using it as the store"
            )
        if not is_schema_0(doc):
            raise StoreCorrupt(
                f"{path}: not a ce-tui store (it has no meta table; it may belong to another "
                "program); it is left untouched"
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
