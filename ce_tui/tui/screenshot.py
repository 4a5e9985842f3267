"""Save an SVG picture of the screen, where it can be saved, readable by its owner only.

Textual's own screenshot command writes to `~/Downloads`, which most SSH
servers do not have ("Failed to save screenshot"), and leaves the file
readable by everyone. Here the picture goes to the Downloads folder when there
is one, else to the current folder, and is created with owner-only
permissions (it shows your certifications and claims).
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path


def screenshot_folder() -> Path:
    """The user's Downloads folder if it exists, else the current folder."""
    from platformdirs import user_downloads_dir

    downloads = Path(user_downloads_dir())
    return downloads if downloads.is_dir() else Path.cwd()


def save_svg(svg: str, folder: Path, stamp: datetime) -> Path:
    """Write `svg` to a new `ce-tui-<stamp>.svg` in `folder` (mode 0600); its path.

    OSError when it cannot be written; an existing file is never overwritten.
    """
    name = f"ce-tui-{stamp.strftime('%Y-%m-%d_%H-%M-%S')}"
    for suffix in ("", *(f"-{n}" for n in range(2, 100))):
        path = folder / f"{name}{suffix}.svg"
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(svg)
        return path
    raise FileExistsError(f"too many screenshots named {name} in {folder}")
