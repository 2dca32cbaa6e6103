from datetime import UTC, datetime, timedelta

import pytest

from hemorehab.clinical.bleeds import (
    BleedEvent,
    BleedInputError,
    BleedRules,
    Cause,
    SiteKind,
    count_bleeds,
    group_episodes,
)

T0 = datetime(2025, 1, 1, 8, 0, tzinfo=UTC)


def bleed(days=0.0, site="left_knee", kind="joint", cause="spontaneous", treated_h=None):
    onset = T0 + timedelta(days=days)
    end = None if treated_h is None else onset + timedelta(hours=treated_h)
    return BleedEvent(onset=onset, site_kind=kind, site=site, cause=cause, treatment_end=end)


def test_rebleed_within_72h_of_stopping_treatment_is_the_same_episode():
    first = bleed(0, treated_h=48)
    rebleed = bleed(2 + 72 / 24)  # exactly 72 h after treatment ended
    episodes = group_episodes([rebleed, first])
    assert len(episodes) == 1
    assert episodes[0].bleeds == (first, rebleed)
    assert episodes[0].onset == first.onset


def test_bleed_more_than_72h_after_treatment_is_a_new_episode():
    first = bleed(0, treated_h=48)
    assert len(group_episodes([first, bleed(2 + 73 / 24)])) == 2


def test_untreated_bleed_anchors_the_window_at_its_onset():
    assert len(group_episodes([bleed(0), bleed(2.9)])) == 1
    assert len(group_episodes([bleed(0), bleed(3.1)])) == 2


def test_rebleed_extends_the_window_with_its_own_treatment():
    chain = [bleed(0, treated_h=24), bleed(3, treated_h=24), bleed(6.5)]
    assert len(group_episodes(chain)) == 1


def test_bleed_at_another_site_is_always_a_new_episode():
    episodes = group_episodes(
        [bleed(0), bleed(0.5, site="right_knee"), bleed(1, "left_quadriceps", "muscle")]
    )
    assert len(episodes) == 3


def test_counts_and_annualised_rates_over_a_half_open_window():
    bleeds = [
        bleed(-10),  # before the window
        bleed(0),
        bleed(1),  # re-bleed of the one at day 0: not counted again
        bleed(20, site="right_ankle", cause="traumatic"),
        bleed(30, site="left_iliopsoas", kind="muscle"),
        bleed(40, site="nose", kind="other", cause="traumatic"),
        bleed(91),  # exactly at the end: outside
    ]
    counts = count_bleeds(bleeds, T0, T0 + timedelta(days=91))
    assert counts.observation_days == 91
    assert (counts.total, counts.joint, counts.muscle, counts.other) == (4, 2, 1, 1)
    assert (counts.spontaneous, counts.spontaneous_joint) == (2, 1)
    assert counts.abr == pytest.approx(4 / 91 * 365.25)
    assert counts.ajbr == pytest.approx(2 / 91 * 365.25)
    assert counts.spontaneous_abr == pytest.approx(2 / 91 * 365.25)
    assert (counts.start, counts.end) == (T0, T0 + timedelta(days=91))


def test_one_bleed_in_a_year_is_an_abr_of_one():
    counts = count_bleeds([bleed(10)], T0, T0 + timedelta(days=365.25))
    assert counts.abr == pytest.approx(1.0)


def test_rebleed_of_an_episode_begun_before_the_window_is_not_counted():
    counts = count_bleeds([bleed(-1, treated_h=24), bleed(1)], T0, T0 + timedelta(days=30))
    assert counts.total == 0


def test_configurable_rebleed_window():
    rules = BleedRules(rebleed_window=timedelta(hours=24))
    assert len(group_episodes([bleed(0), bleed(2)], rules)) == 2


def test_site_kinds_and_causes_are_coerced_from_strings():
    b = bleed(0, site="right_shoulder")
    assert b.site_kind is SiteKind.JOINT
    assert b.cause is Cause.SPONTANEOUS
    assert bleed(0, site="left_hip").site == "left_hip"


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"onset": datetime(2025, 1, 1)}, "onset"),
        ({"site": "left_toe"}, "site"),
        ({"site": ""}, "site"),
        ({"site_kind": "muscle", "site": "iliopsoas"}, "site"),
        ({"site_kind": "muscle", "site": "left_knee"}, "site"),
        ({"site_kind": "organ"}, "site_kind"),
        ({"cause": "unknown"}, "cause"),
        ({"treatment_end": T0 - timedelta(hours=1)}, "treatment_end"),
    ],
)
def test_invalid_bleed_is_a_named_error(kwargs, path):
    fields = {"onset": T0, "site_kind": "joint", "site": "left_knee", "cause": "spontaneous"}
    with pytest.raises(BleedInputError) as caught:
        BleedEvent(**(fields | kwargs))
    assert caught.value.path == path


def test_window_must_be_aware_and_not_empty():
    with pytest.raises(BleedInputError, match=r"^end: must be after start"):
        count_bleeds([], T0, T0)
    with pytest.raises(BleedInputError, match="timezone-aware"):
        count_bleeds([], datetime(2025, 1, 1), T0)


def test_every_site_list_comes_from_the_one_list_of_sites():
    from hemorehab.clinical import sites
    from hemorehab.clinical.bleeds import JOINT_SITES, MUSCLE_SITES
    from hemorehab.clinical.exercises.vocabulary import JOINTS
    from hemorehab.clinical.hjhs import JOINTS as HJHS_JOINTS

    assert JOINT_SITES == set(sites.JOINT_SITES) == set(JOINTS)
    assert set(sites.MUSCLE_SITES) == MUSCLE_SITES
    assert set(HJHS_JOINTS) <= JOINT_SITES
    assert {"left_hip", "right_shoulder", "left_wrist"} <= JOINT_SITES
    assert {"left_calf", "right_iliopsoas", "left_quadriceps", "right_forearm"} <= MUSCLE_SITES
    for code in sites.SITES:
        place = sites.site(code)
        assert place.label_en and "\u4e00" <= place.label_zh[0] <= "\u9fff"
        assert place.limb in ("upper", "lower")
    assert sites.limb_sites("left", "lower") == (
        "left_knee",
        "left_ankle",
        "left_hip",
        "left_iliopsoas",
        "left_quadriceps",
        "left_hamstrings",
        "left_calf",
        "left_gluteal",
        "left_adductors",
    )
