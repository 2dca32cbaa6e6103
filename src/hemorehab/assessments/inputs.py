"""The API's request bodies for assessments and bleeds. Field names are the models' own (an
instrument's item answers are `answers`), so that a body becomes a record field by field;
the answers are checked by the instrument's calculator, the same as the forms' and the CLI's.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from pydantic import AwareDatetime, Field, StrictInt, create_model

from hemorehab.assessments import limits
from hemorehab.ui.api import StrictIn

TimepointName = Literal["baseline", "week_12", "follow_up", "other"]


class AssessmentIn(StrictIn):
    """What every instrument's body has: the day, the timepoint, the notes."""

    assessed_on: datetime.date
    timepoint: TimepointName
    notes: str = Field("", max_length=5000)


class HjhsIn(AssessmentIn):
    answers: dict[str, Any] = Field(
        description="{'joints': {...six joints...}, 'gait': 0-4|'NE'}",
        json_schema_extra=limits.hjhs_answers(),
    )
    ne_reasons: dict[str, str] = Field(default_factory=dict)
    synovitis_activity: dict[str, Literal["active", "inactive"]] = Field(
        default_factory=dict, description="{joint: 'active'|'inactive'}: a clinician's judgement"
    )


class UltrasoundIn(AssessmentIn):
    scale: Literal["head-us", "head-us-c"] = "head-us-c"
    answers: dict[str, dict[str, StrictInt]] = Field(
        description="{joint: {item: level}}, examined joints only"
    )
    effusion: dict[str, Literal["none", "effusion", "hemarthrosis"]] = Field(
        default_factory=dict, description="{joint: 'none'|'effusion'|'hemarthrosis'}, examined only"
    )


class ChoKlatIn(AssessmentIn):
    form: Literal["child", "parent"]
    answers: dict[str, StrictInt | None] = Field(json_schema_extra=limits.cho_klat_answers())


class BleedIn(StrictIn):
    onset: AwareDatetime
    site_kind: Literal["joint", "muscle", "other"]
    site: str = Field(min_length=1, max_length=40)
    cause: Literal["spontaneous", "traumatic"]
    treatment: str = Field("", max_length=200)
    treatment_end: AwareDatetime | None = None
    notes: str = Field("", max_length=5000)


def answers_input(instrument) -> type[AssessmentIn]:
    """The API body of an instrument declared with `items`: `answers` holds an answer (one of
    the item's levels) or null (not answered) per item key."""
    schema = {
        "type": "object",
        "properties": {
            item.key: {"type": ["integer", "null"], "enum": [*item.levels, None]}
            for item in instrument.items
        },
        "additionalProperties": False,
        "minProperties": 1,
    }
    name = f"{instrument.model_class.__name__}In"
    return create_model(
        name,
        __base__=AssessmentIn,
        answers=(dict[str, StrictInt | None], Field(json_schema_extra=schema)),
    )
