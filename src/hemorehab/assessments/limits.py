"""The instruments' domain limits as JSON Schema, for the OpenAPI document only.

Validation stays with the clinical calculators (one rule, one place: the same words for forms,
API and CLI); these schemas are derived from the calculators' own constants so that a request
the schema allows is one the calculators accept (dates aside: "not after today in the child's
center" cannot be written in a static schema)."""

from __future__ import annotations

from hemorehab.clinical import cho_klat, hjhs


def _level(maximum: int) -> dict:
    return {"anyOf": [{"type": "integer", "minimum": 0, "maximum": maximum}, {"const": "NE"}]}


def hjhs_answers() -> dict:
    joint = {
        "type": "object",
        "properties": {item: _level(top) for item, top in hjhs.ITEMS.items()},
        "required": list(hjhs.ITEMS),
        "additionalProperties": False,
    }
    return {
        "type": "object",
        "properties": {
            "joints": {
                "type": "object",
                "properties": dict.fromkeys(hjhs.JOINTS, joint),
                "required": list(hjhs.JOINTS),
                "additionalProperties": False,
            },
            "gait": _level(hjhs.GAIT_MAX),
        },
        "required": ["joints", "gait"],
        "additionalProperties": False,
    }


def cho_klat_answers() -> dict:
    return {
        "type": "object",
        "properties": {
            str(n): {
                "type": ["integer", "null"],
                "minimum": 1,
                "maximum": 5 if n in cho_klat.FIVE_OPTION_ITEMS else 6,
            }
            for n in range(1, 36)
        },
        "additionalProperties": False,
        "minProperties": 1,
        "description": "item number -> answer; an item left out is not answered. "
        f"At most {cho_klat.MAX_MISSING} missing for a score.",
    }
