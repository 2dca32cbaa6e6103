"""Bleed episodes, counts and annualised bleeding rates by the ISTH definitions.

Source: Blanchette VS et al. Definitions in hemophilia: communication from the SSC of the
ISTH. J Thromb Haemost 2014;12:1935-1939 (paraphrased in shared/domain/instruments.md
section 4); ABR counts bleeds, not infusions (PhenX protocol 910101).

Same bleed or new bleed: a bleed at the same site (same kind and same site name) whose onset
is within 72 h after the episode's anchor belongs to that episode (a re-bleed). The anchor is
the latest treatment end recorded for the episode's bleeds; a bleed with no treatment end
recorded contributes its onset instead. So an untreated bleed followed by another at the same
site within 72 h of its onset is one episode (our choice; the ISTH wording assumes treatment).
A bleed at another site is always a new episode.

ABR = episodes / observation days x 365.25; AJBR counts joint episodes only. An episode is
counted in the window [start, end) in which its first bleed began; re-bleeds are never
counted again. The window is returned with every rate: short windows inflate the variance.
Target joints are in hemorehab.clinical.target_joints.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from hemorehab.clinical import sites
from hemorehab.clinical.errors import ClinicalInputError, show

DAYS_PER_YEAR = 365.25
JOINT_SITES: frozenset[str] = frozenset(sites.JOINT_SITES)
"""Every ISTH major joint, left and right (clinical.sites owns the list)."""
MUSCLE_SITES: frozenset[str] = frozenset(sites.MUSCLE_SITES)
"""The fixed list of muscle sites (clinical.sites)."""


class BleedInputError(ClinicalInputError):
    """A bleed record or a counting window is invalid."""


class SiteKind(StrEnum):
    JOINT = "joint"
    MUSCLE = "muscle"
    OTHER = "other"


class Cause(StrEnum):
    SPONTANEOUS = "spontaneous"
    TRAUMATIC = "traumatic"


@dataclass(frozen=True)
class BleedRules:
    """Configurable thresholds (defaults: ISTH 2014)."""

    rebleed_window: timedelta = timedelta(hours=72)
    target_min_bleeds: int = 3
    target_window_months: int = 6
    resolve_max_bleeds: int = 2
    resolve_window_months: int = 12


DEFAULT_RULES = BleedRules()


@dataclass(frozen=True)
class BleedEvent:
    """One reported bleed. Joint and muscle sites are codes of clinical.sites ("left_knee",
    "right_calf"); an "other" site (skin, mouth, ...) is free text."""

    onset: datetime
    site_kind: SiteKind
    site: str
    cause: Cause
    treatment_end: datetime | None = None

    def __post_init__(self) -> None:
        _check_aware(self.onset, "onset")
        object.__setattr__(self, "site_kind", _enum(SiteKind, self.site_kind, "site_kind"))
        object.__setattr__(self, "cause", _enum(Cause, self.cause, "cause"))
        _check_site(self.site_kind, self.site)
        if self.treatment_end is not None:
            _check_aware(self.treatment_end, "treatment_end")
            if self.treatment_end < self.onset:
                raise BleedInputError("treatment_end", "is before onset")

    @property
    def anchor(self) -> datetime:
        """When the 72 h re-bleed window starts: treatment end, or onset if untreated."""
        return self.treatment_end or self.onset


@dataclass(frozen=True)
class BleedEpisode:
    """A bleed and its re-bleeds at the same site: counted once."""

    bleeds: tuple[BleedEvent, ...]
    anchor: datetime = field(compare=False)

    @property
    def first(self) -> BleedEvent:
        return self.bleeds[0]

    @property
    def onset(self) -> datetime:
        return self.first.onset

    @property
    def site_kind(self) -> SiteKind:
        return self.first.site_kind

    @property
    def site(self) -> str:
        return self.first.site

    @property
    def cause(self) -> Cause:
        """The cause of the first bleed of the episode."""
        return self.first.cause


@dataclass(frozen=True)
class BleedCounts:
    """Episode counts and annualised rates over the window [start, end)."""

    start: datetime
    end: datetime
    observation_days: float
    total: int
    joint: int
    muscle: int
    other: int
    spontaneous: int
    spontaneous_joint: int
    abr: float
    ajbr: float
    spontaneous_abr: float


def group_episodes(
    bleeds: Iterable[BleedEvent], rules: BleedRules = DEFAULT_RULES
) -> tuple[BleedEpisode, ...]:
    """Group bleeds into episodes by the re-bleed rule, in order of first onset."""
    open_by_site: dict[tuple[SiteKind, str], list[BleedEvent]] = {}
    anchors: dict[tuple[SiteKind, str], datetime] = {}
    episodes: list[list[BleedEvent]] = []
    for bleed in sorted(bleeds, key=lambda b: b.onset):
        key = (bleed.site_kind, bleed.site)
        current = open_by_site.get(key)
        if current is not None and bleed.onset <= anchors[key] + rules.rebleed_window:
            current.append(bleed)
            anchors[key] = max(anchors[key], bleed.anchor)
            continue
        current = [bleed]
        episodes.append(current)
        open_by_site[key] = current
        anchors[key] = bleed.anchor
    return tuple(BleedEpisode(tuple(e), max(b.anchor for b in e)) for e in episodes)


def count_bleeds(
    bleeds: Iterable[BleedEvent],
    start: datetime,
    end: datetime,
    rules: BleedRules = DEFAULT_RULES,
) -> BleedCounts:
    """Count episodes that began in [start, end) and annualise them (x 365.25 / days)."""
    _check_aware(start, "start")
    _check_aware(end, "end")
    if end <= start:
        raise BleedInputError("end", "must be after start")
    days = (end - start).total_seconds() / 86400
    inside = [e for e in group_episodes(bleeds, rules) if start <= e.onset < end]
    joint = [e for e in inside if e.site_kind is SiteKind.JOINT]
    spontaneous = [e for e in inside if e.cause is Cause.SPONTANEOUS]
    spontaneous_joint = [e for e in joint if e.cause is Cause.SPONTANEOUS]
    return BleedCounts(
        start=start,
        end=end,
        observation_days=days,
        total=len(inside),
        joint=len(joint),
        muscle=sum(e.site_kind is SiteKind.MUSCLE for e in inside),
        other=sum(e.site_kind is SiteKind.OTHER for e in inside),
        spontaneous=len(spontaneous),
        spontaneous_joint=len(spontaneous_joint),
        abr=annualised_rate(len(inside), days),
        ajbr=annualised_rate(len(joint), days),
        spontaneous_abr=annualised_rate(len(spontaneous), days),
    )


def annualised_rate(count: int, observation_days: float) -> float:
    """count / observation_days x 365.25."""
    if observation_days <= 0:
        raise BleedInputError("observation_days", "must be greater than 0")
    return count / observation_days * DAYS_PER_YEAR


def _check_aware(moment: object, path: str) -> None:
    if not isinstance(moment, datetime):
        raise BleedInputError(path, f"{show(str(moment))} is not a datetime")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise BleedInputError(path, "must be timezone-aware")


def _enum[E: StrEnum](kind: type[E], value: object, path: str) -> E:
    values = [member.value for member in kind]
    if not isinstance(value, str) or value not in values:
        raise BleedInputError(path, f"{show(value)} is not one of: {', '.join(values)}")
    return kind(value)


def _check_site(kind: SiteKind, site: object) -> None:
    if not isinstance(site, str) or not site.strip():
        raise BleedInputError("site", f"{show(site)} is not a site name")
    if kind is SiteKind.JOINT and site not in JOINT_SITES:
        allowed = ", ".join(sites.JOINT_SITES)
        raise BleedInputError("site", f"{show(site)} is not a joint; allowed: {allowed}")
    if kind is SiteKind.MUSCLE and site not in MUSCLE_SITES:
        allowed = ", ".join(sites.MUSCLE_SITES)
        raise BleedInputError("site", f"{show(site)} is not a muscle site; allowed: {allowed}")
