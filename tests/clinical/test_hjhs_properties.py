from hypothesis import given
from hypothesis import strategies as st

from hemorehab.clinical.errors import NE
from hemorehab.clinical.hjhs import GAIT_MAX, ITEMS, JOINTS, score_hjhs


def _consistent(items: dict[str, int]) -> dict[str, int]:
    """Duration of swelling is 0 without swelling (instruments.md s1)."""
    if items["swelling"] == 0:
        return {**items, "swelling_duration": 0}
    return items


complete_joints = st.fixed_dictionaries(
    {
        joint: st.fixed_dictionaries(
            {item: st.integers(0, top) for item, top in ITEMS.items()}
        ).map(_consistent)
        for joint in JOINTS
    }
)
places = st.sets(st.sampled_from([(j, i) for j in JOINTS for i in ITEMS]))


@given(complete_joints, st.integers(0, GAIT_MAX))
def test_total_is_within_0_124_and_components_sum_to_it(joints, gait):
    result = score_hjhs(joints, gait)
    assert 0 <= result.total <= 124
    assert sum(result.components.values()) == result.total
    assert sum(result.joints.values()) + gait == result.total
    assert all(0 <= total <= 20 for total in result.joints.values())


@given(complete_joints, st.integers(0, GAIT_MAX), places)
def test_total_with_ne_is_the_total_over_evaluable_items(joints, gait, ne_places):
    complete = score_hjhs(joints, gait)
    with_ne = {joint: dict(items) for joint, items in joints.items()}
    for joint, item in ne_places:
        with_ne[joint][item] = NE
    result = score_hjhs(with_ne, gait)
    removed = sum(joints[joint][item] for joint, item in ne_places)
    assert result.total == complete.total - removed
    assert result.total <= complete.total
    assert result.complete == (not ne_places)
    assert set(result.not_evaluable) == {f"{j}.{i}" for j, i in ne_places}
    assert result.evaluable_max == 124 - sum(ITEMS[i] for _, i in ne_places)


@given(complete_joints, st.integers(0, GAIT_MAX), st.sampled_from(JOINTS))
def test_swelling_duration_without_swelling_is_refused_with_its_place(joints, gait, joint):
    import pytest

    from hemorehab.clinical.errors import ScoreInputError

    bad = {j: dict(items) for j, items in joints.items()}
    bad[joint] = {**bad[joint], "swelling": 0, "swelling_duration": 1}
    with pytest.raises(ScoreInputError) as error:
        score_hjhs(bad, gait)
    assert error.value.path == f"joints.{joint}.swelling_duration"
    ne_swelling = {**bad, joint: {**bad[joint], "swelling": NE}}
    assert score_hjhs(ne_swelling, gait).not_evaluable == (f"{joint}.swelling",)
