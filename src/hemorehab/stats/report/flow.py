"""The study flow (screened -> eligible -> enrolled -> completed / withdrawn), CONSORT style.

Counts that cannot be true together (more enrolled than eligible, more finished than
enrolled) raise FlowError; counts that merely do not add up (reasons that do not sum to the
number not enrolled, a dataset with another number of children) become notes in the report.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from hemorehab.stats.errors import StatsError


class FlowError(StatsError):
    """Study-flow counts that contradict each other."""


@dataclass(frozen=True)
class StudyFlow:
    """Counts of the study flow as recorded by the study team."""

    screened: int
    eligible: int
    not_eligible: int
    enrolled: int
    completed: int
    withdrawn: int
    excluded_by_reason: Mapping[str, int] = field(default_factory=dict)

    @property
    def active(self) -> int:
        """Enrolled children still in the program."""
        return self.enrolled - self.completed - self.withdrawn

    def to_dict(self) -> dict[str, Any]:
        return {
            "screened": self.screened,
            "eligible": self.eligible,
            "not_eligible": self.not_eligible,
            "excluded_by_reason": dict(self.excluded_by_reason),
            "enrolled": self.enrolled,
            "completed": self.completed,
            "withdrawn": self.withdrawn,
            "active": self.active,
        }


def check_flow(flow: StudyFlow, n_rows: int | None = None) -> tuple[str, ...]:
    """FlowError for impossible counts; notes for counts that do not add up."""
    counts = flow.to_dict() | dict(flow.excluded_by_reason)
    for key in ("excluded_by_reason", "active"):
        counts.pop(key)
    for name, value in counts.items():
        if not isinstance(value, int) or value < 0:
            raise FlowError(f"study flow '{name}' must be a whole number >= 0; got {value!r}")
    if flow.eligible > flow.screened:
        raise FlowError(f"eligible ({flow.eligible}) exceeds screened ({flow.screened})")
    if flow.enrolled > flow.eligible:
        raise FlowError(f"enrolled ({flow.enrolled}) exceeds eligible ({flow.eligible})")
    if flow.active < 0:
        raise FlowError(
            f"completed ({flow.completed}) + withdrawn ({flow.withdrawn}) exceeds "
            f"enrolled ({flow.enrolled})"
        )
    return _notes(flow, n_rows)


def _notes(flow: StudyFlow, n_rows: int | None) -> tuple[str, ...]:
    notes = []
    if flow.eligible + flow.not_eligible != flow.screened:
        notes.append(
            f"eligible ({flow.eligible}) + not eligible ({flow.not_eligible}) differs from "
            f"screened ({flow.screened})"
        )
    reasons = sum(flow.excluded_by_reason.values())
    if flow.excluded_by_reason and reasons != flow.screened - flow.enrolled:
        notes.append(
            f"exclusion reasons sum to {reasons}; screened - enrolled = "
            f"{flow.screened - flow.enrolled}"
        )
    if n_rows is not None and n_rows != flow.enrolled:
        notes.append(f"the analysis dataset has {n_rows} children; the flow says {flow.enrolled}")
    return tuple(notes)
