"""The shipped catalog of CE activities and the helpers the catalog screen needs.

The sample catalog ships as package data (``catalog.json``, format
``ce-tui-catalog/1``); a test validates it, so it is decoded without
validation and cached. Other catalog files are validated with one pydantic
``TypeAdapter``. The user's own activities (``Ledger.catalog``) are merged on top by id.

Search, filter and sort are plain functions over sequences of
:class:`~ce_tui.domain.models.Activity`, fast enough to run on every key press:
each activity's lowercase search text is computed once and cached.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from ce_tui.domain.models import Activity, Ledger, Record, with_rule
from ce_tui.domain.schema import adapter, decode

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema

T = TypeVar("T")

CATALOG_FORMAT = "ce-tui-catalog/1"
"""The value of the ``format`` field of a catalog file this version reads."""

CATALOG_RESOURCE = "catalog.json"
"""The file name of the shipped catalog inside the ``ce_tui.domain`` package."""


class CatalogError(ValueError):
    """A catalog file that cannot be read or does not validate."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CatalogFile(Record):
    """The shape of a catalog file: a format tag, a note and the activities."""

    format: Literal["ce-tui-catalog/1"]
    note: str = ""
    """Free text on where the values come from."""
    activities: tuple[Activity, ...]

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        """The fields' schema, then the file rule."""
        return with_rule(cls._check_activities, source, handler)

    @staticmethod
    def _check_activities(file: CatalogFile) -> CatalogFile:
        """Refuse an empty catalog and two activities with the same id."""
        if not file.activities:
            raise ValueError("the catalog has no activities")
        seen: set[str] = set()
        repeated: list[str] = []
        for activity in file.activities:
            if activity.id in seen:
                repeated.append(activity.id)
            seen.add(activity.id)
        if repeated:
            raise ValueError(f"duplicate activity ids: {', '.join(sorted(set(repeated)))}")
        return file


def parse_catalog(data: str | bytes, origin: str = "catalog") -> tuple[Activity, ...]:
    """Validate the text of a catalog file and return its activities, in file order.

    Raises :class:`CatalogError` naming ``origin`` and the first problems found.
    """
    from pydantic import ValidationError

    try:
        document: CatalogFile = adapter(CatalogFile).validate_json(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in error['loc']) or '(file)'}: "
            f"{error['msg'].removeprefix('Value error, ')}"
            for error in exc.errors(include_url=False)[:5]
        )
        more = exc.error_count() - 5
        suffix = f" (and {more} more)" if more > 0 else ""
        raise CatalogError(f"{origin} is not a valid catalog: {problems}{suffix}") from exc
    return document.activities


@cache
def shipped_catalog() -> tuple[Activity, ...]:
    """The catalog shipped with the app, read on first use and cached.

    The file ships with the code, generated and checked by
    ``tools/build_catalog.py`` and validated by the tests, so it is decoded
    without validation (and without importing pydantic). Raises
    :class:`CatalogError` if the packaged file is missing or unreadable.
    """
    origin = f"shipped {CATALOG_RESOURCE}"
    try:
        data = resources.files("ce_tui.domain").joinpath(CATALOG_RESOURCE).read_bytes()
        return decode(CatalogFile, json.loads(data)).activities
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise CatalogError(f"{origin} cannot be read: {exc}") from exc


def full_catalog(ledger: Ledger) -> tuple[Activity, ...]:
    """The shipped catalog plus the user's own activities.

    A user activity with the id of a shipped one replaces it in place; the
    others follow the shipped ones in the ledger's order.
    """
    return merge_catalogs(shipped_catalog(), ledger.catalog)


def merge_catalogs(base: Iterable[Activity], overrides: Iterable[Activity]) -> tuple[Activity, ...]:
    """``base`` with every activity of ``overrides`` replacing the one with its id, or added."""
    merged: dict[str, Activity] = {activity.id: activity for activity in base}
    for activity in overrides:
        merged[activity.id] = activity
    return tuple(merged.values())


def find_activity(activities: Iterable[Activity], activity_id: str) -> Activity | None:
    """The activity with id ``activity_id``, or None."""
    return next((activity for activity in activities if activity.id == activity_id), None)


# --- search -------------------------------------------------------------------------------

_HAYSTACK_LIMIT = 50_000
"""How many activities' search texts are kept before the cache starts over."""

_haystacks: dict[int, tuple[Activity, str]] = {}
"""Search text per activity, keyed by ``id()``; the activity is kept to pin the id."""


def haystack(activity: Activity) -> str:
    """The casefolded text that :func:`search` matches: title, provider, technology, code, id.

    Computed once per activity object and cached (activities are immutable).
    """
    key = id(activity)
    entry = _haystacks.get(key)
    if entry is not None and entry[0] is activity:
        return entry[1]
    text = "\n".join(
        (activity.title, activity.provider, activity.technology, activity.code, activity.id)
    ).casefold()
    if len(_haystacks) >= _HAYSTACK_LIMIT:
        _haystacks.clear()
    _haystacks[key] = (activity, text)
    return text


def matching(rows: Sequence[T], haystacks: Sequence[str], text: str) -> list[T]:
    """The rows whose haystack (same position, casefolded) contains every word of `text`.

    Case-insensitive substring matching, words in any order. Blank `text`
    matches every row; the order is kept. The one matcher of every search box.
    """
    words = text.casefold().split()
    if not words:
        return list(rows)
    if len(words) == 1:
        word = words[0]
        return [row for row, hay in zip(rows, haystacks, strict=True) if word in hay]
    return [row for row, hay in zip(rows, haystacks, strict=True) if all(w in hay for w in words)]


def search(activities: Iterable[Activity], text: str) -> list[Activity]:
    """The activities whose title, provider, technology, code or id contain every word of ``text``.

    Matching is case-insensitive and by substring, in any order and any field
    (``"scor nil"`` finds NIL's SCOR classes). Blank ``text`` matches everything.
    The input order is kept.
    """
    rows = list(activities)
    if not text.split():
        return rows
    return matching(rows, [haystack(a) for a in rows], text)


def filter_activities(
    activities: Iterable[Activity],
    type: str | None = None,
    technology: str | None = None,
) -> list[Activity]:
    """The activities of the given ``type`` and ``technology``; None (or "") means any."""
    return [
        activity
        for activity in activities
        if (not type or activity.type == type)
        and (not technology or activity.technology == technology)
    ]


# --- sessions and sorting -----------------------------------------------------------------


def next_session(activity: Activity, today: date) -> date | None:
    """The first scheduled session of ``activity`` starting on or after ``today``, or None."""
    return min((day for day in activity.sessions if day >= today), default=None)


SORT_KEYS: tuple[str, ...] = (
    "title",
    "provider",
    "type",
    "technology",
    "credits",
    "format",
    "hours",
    "price_clc",
    "next_session",
    "code",
    "id",
)
"""The keys :func:`sort_activities` accepts (spaces and dashes may stand for ``_``)."""

_ALIASES = {"price": "price_clc", "session": "next_session", "next": "next_session"}

_TEXT_KEYS: dict[str, Callable[[Activity], str]] = {
    "title": lambda a: a.title.casefold(),
    "provider": lambda a: a.provider.casefold(),
    "type": lambda a: a.type,
    "technology": lambda a: a.technology.casefold(),
    "format": lambda a: a.format.casefold(),
    "code": lambda a: a.code.casefold(),
    "id": lambda a: a.id.casefold(),
}


def _normalise_key(key: str) -> str:
    """``key`` in the spelling of :data:`SORT_KEYS`; raises ValueError if unknown."""
    name = key.strip().casefold().replace(" ", "_").replace("-", "_")
    name = _ALIASES.get(name, name)
    if name not in SORT_KEYS:
        raise ValueError(f"unknown sort key {key!r}; use one of {', '.join(SORT_KEYS)}")
    return name


def sort_activities(
    activities: Iterable[Activity],
    key: str,
    reverse: bool = False,
    *,
    today: date | None = None,
) -> list[Activity]:
    """The activities sorted by the column ``key`` (one of :data:`SORT_KEYS`).

    Text columns sort case-insensitively; ``type`` by its id (``ilt``,
    ``vilt``...). Activities without a value (no ``price_clc``, no session on or
    after ``today``) come last whichever the direction. Ties keep the order of
    title then id, ascending, in both directions. ``today`` is used by
    ``next_session`` only; None counts every scheduled session.
    Raises ValueError for an unknown key.
    """
    name = _normalise_key(key)
    ordered = sorted(activities, key=lambda a: (a.title.casefold(), a.id))
    text_key = _TEXT_KEYS.get(name)
    if text_key is not None:
        ordered.sort(key=text_key, reverse=reverse)
        return ordered
    if name == "credits":
        ordered.sort(key=lambda a: a.credits, reverse=reverse)
        return ordered
    if name == "hours":
        ordered.sort(key=lambda a: a.hours, reverse=reverse)
        return ordered
    start = today if today is not None else date.min
    known: list[tuple[Decimal | date, Activity]] = []
    unknown: list[Activity] = []
    for activity in ordered:
        value: Decimal | date | None = (
            activity.price_clc if name == "price_clc" else next_session(activity, start)
        )
        if value is None:
            unknown.append(activity)
        else:
            known.append((value, activity))
    known.sort(key=lambda pair: pair[0], reverse=reverse)
    return [activity for _, activity in known] + unknown
