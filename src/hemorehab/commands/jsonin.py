"""Reading JSON input for the pure commands (score, plan): strict JSON, one named error.

The file (or stdin for "-") must be UTF-8 JSON: NaN and Infinity are refused, a key given twice
in an object is refused, and every problem is a ScoreInputError naming the source and place.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from hemorehab.clinical.errors import ScoreInputError


def read_json(file: str | Path, source: str) -> object:
    try:
        text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ScoreInputError(source, "cannot read: not UTF-8 text") from exc
    except OSError as exc:
        raise ScoreInputError(source, f"cannot read: {exc.strerror or exc}") from exc
    try:
        return json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        raise ScoreInputError(source, f"invalid JSON at {where}: {exc.msg}") from None
    except RecursionError:
        raise ScoreInputError(source, "JSON is nested too deeply") from None
    except ScoreInputError as exc:
        raise exc.with_prefix(source) from None


def _reject_constant(name: str) -> object:
    raise ScoreInputError("", f"{name} is not allowed in JSON input")


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ScoreInputError("", f'duplicate key "{key}" in an object')
            seen.add(key)
    return result
