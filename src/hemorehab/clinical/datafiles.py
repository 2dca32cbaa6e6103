"""Reading the core's own data files and center-supplied definition files.

YAML is read with yaml.safe_load (JSON is valid YAML, so JSON files load too). Problems are
reported as DefinitionError naming the file, never as a traceback.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import yaml

from hemorehab.clinical.errors import DefinitionError


def load_packaged(*parts: str) -> object:
    """Load a YAML file shipped inside hemorehab.clinical, e.g. ("instruments", "x.yaml")."""
    resource = resources.files("hemorehab.clinical").joinpath(*parts)
    return _parse(resource.read_text(encoding="utf-8"), "/".join(parts))


def load_file(path: str | Path) -> object:
    """Load a YAML or JSON file given by a center."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DefinitionError(str(path), f"cannot read: {_reason(exc)}") from exc
    return _parse(text, str(path))


def _parse(text: str, name: str) -> object:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1} column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or "invalid YAML/JSON"
        raise DefinitionError(name, f"{where}{problem}") from exc


def _reason(exc: Exception) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc)
