"""The app's own settings (theme, hours of study a day), in a small file beside the store.

`ce-tui.json` keeps its settings in `ce-tui.settings.json`. The file is
untrusted like any other: read in full only when small, it must be a UTF-8
JSON object whose only fields are `theme` (a short printable name) and
`hours_per_day` (a number above 0 and at most 24); anything else is refused
with a one-line reason and the defaults are used. It is written atomically
with owner-only permissions, like the store, and a field left out is not set.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from pathlib import Path

from ce_tui.store.base import StoreError
from ce_tui.store.files import read_bytes, write_atomic

MAX_BYTES = 4096
"""A settings file larger than this is refused unread."""
MAX_NAME = 64
"""The longest theme name accepted."""
MAX_HOURS = 24.0
"""The most hours a day a plan may assume (the planner's own bound)."""


@dataclass(frozen=True)
class Settings:
    """What the app keeps between sessions (None: not chosen, the default applies)."""

    theme: str | None = None
    """The theme's name."""
    hours_per_day: float | None = None
    """Hours of on-demand study or exam preparation a day the Plan screen assumes."""


FIELDS = frozenset(Settings.__dataclass_fields__)
"""The names a settings file may hold."""


def settings_path(store_path: Path) -> Path:
    """The settings file of the store at `store_path`: same folder, `<name>.settings.json`."""
    return store_path.with_name(f"{store_path.stem}.settings.json")


def read_settings(path: Path) -> Settings:
    """The settings saved in `path` (all defaults when there is no file).

    StoreError with a one-line reason when the file is not a valid settings file.
    """
    try:
        # As the store is read: a FIFO is refused, not waited on (the app would hang).
        data = read_bytes(path, "a settings file", MAX_BYTES)
    except StoreError as exc:
        raise StoreError(f"{exc}; settings ignored") from None
    if data is None:
        return Settings()
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise StoreError(f"{path}: not a JSON settings file; ignored") from None
    if not isinstance(doc, dict) or set(doc) - FIELDS:
        names = " and ".join(f'"{name}"' for name in sorted(FIELDS))
        raise StoreError(f"{path}: settings must be an object with only {names}; ignored")
    theme = doc.get("theme")
    if theme is not None and (
        not isinstance(theme, str) or not theme.isprintable() or not 0 < len(theme) <= MAX_NAME
    ):
        raise StoreError(f"{path}: the theme must be a short printable name; ignored")
    hours = doc.get("hours_per_day")
    if hours is not None and (
        isinstance(hours, bool)
        or not isinstance(hours, int | float)
        or not math.isfinite(hours)
        or not 0 < hours <= MAX_HOURS
    ):
        raise StoreError(f"{path}: hours_per_day must be a number above 0 and up to 24; ignored")
    return Settings(theme=theme, hours_per_day=None if hours is None else float(hours))


def write_settings(path: Path, settings: Settings) -> None:
    """Save `settings` in `path` atomically (mode 0600); StoreError when it cannot be saved."""
    doc = {name: value for name, value in asdict(settings).items() if value is not None}
    write_atomic(path, (json.dumps(doc) + "\n").encode("utf-8"))
