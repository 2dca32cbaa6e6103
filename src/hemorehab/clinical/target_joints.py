"""Target joints by the ISTH definition.

Source: Blanchette VS et al., J Thromb Haemost 2014;12:1935-1939 (shared/domain/instruments.md
section 4). Thresholds come from BleedRules and can be changed (older definitions use >= 4
bleeds in 6 months).

Rules as implemented, on bleed episodes (the 72 h rule applied first):
- a joint becomes a target joint at the onset of the spontaneous episode that makes
  `target_min_bleeds` (3) spontaneous episodes in that joint within a trailing window of
  `target_window_months` (6) calendar months, i.e. onsets in (t - 6 months, t];
- it stops being a target joint at the first time T, no earlier than 12 months after it became
  one and no later than `as_of`, at which the trailing window (T - 12 months, T] holds at
  most `resolve_max_bleeds` (2) episodes of any cause in that joint;
- after resolving it can become a target joint again by the same rule (only an episode after
  the resolution can complete the new window).
Calendar months: 31 Aug + 6 months = 28/29 Feb (day clamped to the month's end).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from hemorehab.clinical.bleeds import (
    DEFAULT_RULES,
    BleedEpisode,
    BleedEvent,
    BleedRules,
    Cause,
    SiteKind,
    group_episodes,
)


@dataclass(frozen=True)
class TargetJointPeriod:
    """One period during which `joint` was a target joint; `resolved` None = still is."""

    joint: str
    became_target: datetime
    resolved: datetime | None


def add_months(moment: datetime, months: int) -> datetime:
    """Calendar-month arithmetic with the day clamped to the end of the month."""
    index = moment.year * 12 + moment.month - 1 + months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def target_joint_periods(
    bleeds: Iterable[BleedEvent], as_of: datetime, rules: BleedRules = DEFAULT_RULES
) -> tuple[TargetJointPeriod, ...]:
    """Every target-joint period up to `as_of`, ordered by joint then start."""
    by_joint: dict[str, list[BleedEpisode]] = {}
    for episode in group_episodes(bleeds, rules):
        if episode.site_kind is SiteKind.JOINT and episode.onset <= as_of:
            by_joint.setdefault(episode.site, []).append(episode)
    periods: list[TargetJointPeriod] = []
    for joint in sorted(by_joint):
        periods.extend(_periods_of_joint(joint, by_joint[joint], as_of, rules))
    return tuple(periods)


def current_target_joints(
    bleeds: Iterable[BleedEvent], as_of: datetime, rules: BleedRules = DEFAULT_RULES
) -> tuple[str, ...]:
    """Joints that are target joints at `as_of`."""
    periods = target_joint_periods(bleeds, as_of, rules)
    return tuple(p.joint for p in periods if p.resolved is None)


def _periods_of_joint(
    joint: str, episodes: list[BleedEpisode], as_of: datetime, rules: BleedRules
) -> list[TargetJointPeriod]:
    onsets = [e.onset for e in episodes]
    spontaneous = [e.onset for e in episodes if e.cause is Cause.SPONTANEOUS]
    periods = []
    not_before: datetime | None = None
    while (start := _becomes_target(spontaneous, not_before, rules)) is not None:
        end = _resolves(onsets, start, as_of, rules)
        periods.append(TargetJointPeriod(joint, start, end))
        if end is None:
            break
        not_before = end
    return periods


def _becomes_target(
    spontaneous: list[datetime], after: datetime | None, rules: BleedRules
) -> datetime | None:
    need = rules.target_min_bleeds
    for i in range(need - 1, len(spontaneous)):
        onset = spontaneous[i]
        if after is not None and onset <= after:
            continue
        window_start = add_months(onset, -rules.target_window_months)
        if spontaneous[i - need + 1] > window_start:
            return onset
    return None


def _resolves(
    onsets: list[datetime], start: datetime, as_of: datetime, rules: BleedRules
) -> datetime | None:
    months = rules.resolve_window_months
    earliest = add_months(start, months)
    candidates = sorted({earliest, *(add_months(o, months) for o in onsets if o > start)})
    for moment in candidates:
        if moment < earliest:
            continue
        if moment > as_of:
            return None
        window_start = add_months(moment, -months)
        in_window = sum(window_start < o <= moment for o in onsets)
        if in_window <= rules.resolve_max_bleeds:
            return moment
    return None
