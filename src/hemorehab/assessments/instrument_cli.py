"""What `hemorehab score` prints for each instrument: the calculator's result as JSON.

A scorer builds, from the `--definition` path (None when not given), the function that scores
one JSON record; only the ultrasound scales take a definition. Pure: no Django, so the command
starts fast and touches no database.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from hemorehab.clinical import cho_klat as cho_klat_calculator
from hemorehab.clinical import hjhs as hjhs_calculator
from hemorehab.clinical import ultrasound as ultrasound_calculator

Score = Callable[[object], dict[str, object]]


@dataclass(frozen=True)
class Scorer:
    build: Callable[[str | None], Score]  # from the --definition path (or None)
    takes_definition: bool = False


def fixed(score: Score) -> Scorer:
    """A scorer whose instrument takes no definition file."""
    return Scorer(lambda definition: score)


def result(name: str, score_record: Callable[[object], object]) -> Scorer:
    """A scorer printing the calculator's result (a dataclass) as it is, named `name`: what a
    new instrument uses unless its output needs another shape."""
    return fixed(lambda record: {"instrument": name, **dataclasses.asdict(score_record(record))})


def hjhs(record: object) -> dict[str, object]:
    result = hjhs_calculator.score_hjhs_record(record)
    return {
        "instrument": "hjhs",
        "version": result.version,
        "total": result.total,
        "complete": result.complete,
        "joints": result.joints,
        "gait": result.gait,
        "components": result.components,
        "not_evaluable": list(result.not_evaluable),
    }


def ultrasound(name: str) -> Scorer:
    """HEAD-US or HEAD-US-C, with the built-in definition or a center's own file."""

    def build(definition: str | None) -> Score:
        chosen = (
            ultrasound_calculator.load_definition(definition)
            if definition
            else ultrasound_calculator.builtin_definition(name)
        )

        def score(record: object) -> dict[str, object]:
            result = ultrasound_calculator.score_ultrasound_record(chosen, record)
            return {
                "instrument": name,
                "definition": result.name,
                "version": result.version,
                "total": result.total,
                "joints": result.joints,
                "examined": list(result.examined),
                "domains": result.domains,
            }

        return score

    return Scorer(build, takes_definition=True)


def cho_klat(record: object) -> dict[str, object]:
    result = cho_klat_calculator.score_cho_klat_record(record)
    return {
        "instrument": "cho-klat",
        "version": result.version,
        "form": result.form,
        "score": result.score,
        "answered": result.answered,
        "missing": result.missing,
    }
