"""The recertification rules as data (docs/policy.md section 2) and their loading.

The shipped `rules.json` holds the default options per level; a user can point
the app at another file of the same shape.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from ce_tui.domain.models import (
    EXAM_KINDS,
    LEVELS,
    Bounds,
    ExamKind,
    Level,
    OptionalText,
    Record,
    RecordId,
    with_rule,
)
from ce_tui.domain.schema import decode, validate

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema


@dataclass(frozen=True, slots=True, kw_only=True)
class Option(Record):
    """One way to recertify a level: CE credits, exams, or both."""

    id: RecordId
    label: OptionalText = ""
    ce: Annotated[int, Bounds(0, 1000)] = 0
    """CE credits needed."""
    exams: Annotated[int, Bounds(0, 10)] = 0
    """How many exams are needed."""
    exam_kinds: tuple[ExamKind, ...] = ()
    """Which exam kinds qualify for `exams`."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        """The fields' schema, then the option rule."""
        return with_rule(cls._needs_something, source, handler)

    @staticmethod
    def _needs_something(option: Option) -> Option:
        """An option asks for credits or exams, and exams name their kinds."""
        if option.ce == 0 and option.exams == 0:
            raise ValueError(f"option {option.id!r} requires nothing")
        if option.exams and not option.exam_kinds:
            raise ValueError(f"option {option.id!r} needs exams but names no exam kind")
        return option


@dataclass(frozen=True, slots=True, kw_only=True)
class ExamPreparation(Record):
    """Hours of study to prepare one exam, by kind (for the planner's time model)."""

    hours: dict[ExamKind, Annotated[float, Bounds(0, 10_000)]]
    estimated: bool = True
    """True when the hours are an estimate, not a published figure."""
    note: str = ""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        """The fields' schema, then the rule that every exam kind has hours."""
        return with_rule(cls._every_kind, source, handler)

    @staticmethod
    def _every_kind(preparation: ExamPreparation) -> ExamPreparation:
        """Every exam kind has its preparation hours."""
        missing = [kind for kind in EXAM_KINDS if kind not in preparation.hours]
        if missing:
            raise ValueError(f"exam_preparation has no hours for {', '.join(missing)}")
        return preparation


DEFAULT_PREPARATION = ExamPreparation(
    hours={"associate": 60, "concentration": 40, "core": 80, "expert-lab": 300}
)
"""Preparation estimates used when a rules file names none (the shipped file's values)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Rules(Record):
    """The whole rules file."""

    cycle_years: Annotated[int, Bounds(1, 10)] = 3
    claim_window_days: Annotated[int, Bounds(1, 3650)] = 365
    renew_from: Literal["completion", "expiration"] = "completion"
    levels: dict[Level, tuple[Option, ...]]
    exam_preparation: ExamPreparation = DEFAULT_PREPARATION
    """Estimated hours to prepare one exam of each kind (overridable in a rules file)."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        """The fields' schema, then the rule that every level has options."""
        return with_rule(cls._every_level, source, handler)

    @staticmethod
    def _every_level(rules: Rules) -> Rules:
        """Every level has at least one option and unique option ids."""
        for level in LEVELS:
            options = rules.levels.get(level)
            if not options:
                raise ValueError(f"level {level} has no options")
            ids = [option.id for option in options]
            if len(set(ids)) != len(ids):
                raise ValueError(f"level {level} repeats an option id")
        return rules

    def options(self, level: Level) -> tuple[Option, ...]:
        """The options of `level`, in the file's order."""
        return self.levels[level]

    def option(self, level: Level, option_id: str) -> Option | None:
        """The option `option_id` of `level`, or None."""
        return next((o for o in self.levels[level] if o.id == option_id), None)

    def default_path(self, level: Level) -> str:
        """The option a certification follows when it names none: `ce`, else the first."""
        ids = [o.id for o in self.levels[level]]
        return "ce" if "ce" in ids else ids[0]


def shipped_rules_data() -> Any:
    """The parsed JSON of the shipped `rules.json`."""
    # Beside this module (the package is always installed as files): reading
    # it through importlib.resources would load zipfile, tempfile and more.
    return json.loads(Path(__file__).with_name("rules.json").read_bytes())


@cache
def default_rules() -> Rules:
    """The shipped rules (docs/policy.md section 2), loaded once.

    The file ships with the code and a test validates it, so it is decoded
    without validation (and without importing pydantic).
    """
    return decode(Rules, shipped_rules_data())


def parse_rules(data: bytes, source: str) -> Rules:
    """Rules from the bytes of a user's file, validated as records are (text rules included).

    Raises ValueError with a one-line readable message naming `source` if the
    file is not UTF-8 JSON, is nested too deeply, or breaks a rule.
    """
    from pydantic import ValidationError

    from ce_tui.domain.jsondoc import load_json
    from ce_tui.domain.text import safe

    where = f"rules file {safe(source)}"
    raw = load_json(data, where)
    try:
        return validate(Rules, raw)
    except ValidationError as exc:
        problems = [
            f"{'.'.join(safe(part) for part in item['loc'])}: {safe(item['msg'])}"
            for item in exc.errors(include_url=False)[:5]
        ]
        raise ValueError(f"{where}: " + "; ".join(problems)) from None
    except RecursionError:
        raise ValueError(f"{where}: nested too deeply") from None
