"""The domain package imports neither Textual nor TinyDB (nor our outer layers), and no
module that touches the whole process."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import ce_tui.domain

DOMAIN = Path(ce_tui.domain.__file__).parent
FORBIDDEN = ("textual", "tinydb", "ce_tui.store", "ce_tui.tui", "ce_tui.services", "ce_tui.cli")


def _imports(path: Path) -> set[str]:
    """Every module a source file imports, at any depth."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_domain_source_imports_a_forbidden_module() -> None:
    """Read every module of the domain: no import of Textual, TinyDB or outer layers."""
    sources = sorted(DOMAIN.glob("*.py"))
    assert len(sources) >= 5
    for source in sources:
        bad = {m for m in _imports(source) if m.split(".")[0] in ("textual", "tinydb")}
        bad |= {m for m in _imports(source) if m.startswith(FORBIDDEN[2:])}
        assert not bad, f"{source.name} imports {bad}"


def test_importing_the_domain_loads_no_forbidden_module() -> None:
    """In a fresh interpreter, importing every domain module loads neither Textual nor TinyDB."""
    modules = [
        f"ce_tui.domain.{p.stem}" for p in sorted(DOMAIN.glob("*.py")) if p.stem != "__init__"
    ]
    code = (
        "import importlib, json, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = json.loads(out.stdout)
    assert not [m for m in loaded if m.split(".")[0] in ("textual", "tinydb")]
    assert not [m for m in loaded if m.startswith(FORBIDDEN[2:])]


PROCESS_WIDE = ("gc", "os", "sys", "time", "threading", "signal", "ce_tui.clock")
"""Modules that read or change the state of the whole process: the collector, the
environment, the clock, threads and signals."""


def test_no_domain_source_touches_process_wide_state() -> None:
    """No domain module imports the garbage collector, os, sys, the clock, threads or signals:
    evaluating a ledger changes nothing outside its result and depends on nothing else."""
    for source in sorted(DOMAIN.rglob("*.py")):
        bad = {m for m in _imports(source) if m in PROCESS_WIDE}
        assert not bad, f"{source.name} imports {bad}"
