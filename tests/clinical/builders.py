"""Test data builders for the clinical core."""

from __future__ import annotations

from hemorehab.clinical import hjhs


def hjhs_joints(level: int | str = 0) -> dict[str, dict[str, object]]:
    """All six joints with every item at `level`, capped at each item's maximum."""
    return {
        joint: {
            item: level if isinstance(level, str) else min(level, top)
            for item, top in hjhs.ITEMS.items()
        }
        for joint in hjhs.JOINTS
    }


def hjhs_record(level: int | str = 0, gait: object = 0) -> dict[str, object]:
    return {"joints": hjhs_joints(level), "gait": gait}


def cho_klat_answers(codes: dict[int, int | None]) -> dict[str, object]:
    """Responses that recode to the given 0-4 codes (None = missing)."""
    from hemorehab.clinical.cho_klat import FORWARD

    answers: dict[str, object] = {}
    for item, code in codes.items():
        if code is None:
            answers[str(item)] = None
        else:
            answers[str(item)] = code + 1 if item in FORWARD else 5 - code
    return answers
