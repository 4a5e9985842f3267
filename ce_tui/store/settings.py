"""The app's own settings (the theme chosen), in a small file beside the store.

`ce-tui.json` keeps its settings in `ce-tui.settings.json`. The file is
untrusted like any other: read in full only when small, it must be a UTF-8
JSON object whose only field is `theme`, a short printable name; anything else
is refused with a one-line reason and the defaults are used. It is written
atomically with owner-only permissions, like the store.
"""

from __future__ import annotations

import json
from pathlib import Path

from ce_tui.store.base import StoreError
from ce_tui.store.files import read_bytes, write_atomic

MAX_BYTES = 4096
"""A settings file larger than this is refused unread."""
MAX_NAME = 64
"""The longest theme name accepted."""


def settings_path(store_path: Path) -> Path:
    """The settings file of the store at `store_path`: same folder, `<name>.settings.json`."""
    return store_path.with_name(f"{store_path.stem}.settings.json")


def read_theme(path: Path) -> str | None:
    """The theme saved in `path`, or None when there is no file.

    StoreError with a one-line reason when the file is not a valid settings file.
    """
    try:
        # As the store is read: a FIFO is refused, not waited on (the app would hang).
        data = read_bytes(path, "a settings file", MAX_BYTES)
    except StoreError as exc:
        raise StoreError(f"{exc}; settings ignored") from None
    if data is None:
        return None
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise StoreError(f"{path}: not a JSON settings file; ignored") from None
    if not isinstance(doc, dict) or set(doc) - {"theme"}:
        raise StoreError(f'{path}: settings must be an object with only "theme"; ignored')
    theme = doc.get("theme")
    if theme is None:
        return None
    if not isinstance(theme, str) or not theme.isprintable() or not 0 < len(theme) <= MAX_NAME:
        raise StoreError(f"{path}: the theme must be a short printable name; ignored")
    return theme


def write_theme(path: Path, theme: str) -> None:
    """Save `theme` in `path` atomically (mode 0600); StoreError when it cannot be saved."""
    write_atomic(path, (json.dumps({"theme": theme}) + "\n").encode("utf-8"))
