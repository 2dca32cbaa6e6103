import pytest

from hemorehab.clinical.errors import ScoreInputError
from hemorehab.clinical.hjhs_rom import method1_score, method2_score, score_rom_loss


@pytest.mark.parametrize(
    ("loss", "score"),
    [(0, 0), (4.9, 0), (5, 1), (10, 1), (10.5, 2), (11, 2), (20, 2), (20.5, 3), (45, 3)],
)
def test_method1_bands_against_contralateral_joint(loss, score):
    assert method1_score(loss) == score


@pytest.mark.parametrize(
    ("outside", "score"),
    [(0, 0), (0.5, 1), (1, 1), (4, 1), (4.9, 1), (5, 2), (10, 2), (10.5, 3), (30, 3)],
)
def test_method2_bands_against_normative_range(outside, score):
    assert method2_score(outside) == score


def test_worse_of_the_two_methods_is_kept_and_both_are_reported():
    # knee flexion 130 deg; other knee 140 (loss 10 -> 1); normative 138-160 (8 outside -> 2)
    result = score_rom_loss(130, contralateral_deg=140, normative_range=(138, 160))
    assert (result.score, result.method1, result.method2) == (2, 1, 2)
    assert result.loss_vs_contralateral_deg == 10
    assert result.deg_outside_normative == 8


def test_single_method_is_enough():
    assert score_rom_loss(100, contralateral_deg=125).score == 3
    only_norm = score_rom_loss(150, normative_range=(138, 160))
    assert (only_norm.score, only_norm.method1) == (0, None)


def test_more_motion_than_the_other_side_is_no_loss():
    assert score_rom_loss(150, contralateral_deg=140).method1 == 0


def test_neither_reference_is_an_error():
    with pytest.raises(ScoreInputError):
        score_rom_loss(120)


@pytest.mark.parametrize("bad", [float("nan"), "120", True, None])
def test_non_numeric_degrees_are_rejected(bad):
    with pytest.raises(ScoreInputError) as caught:
        score_rom_loss(bad, contralateral_deg=140)
    assert caught.value.path == "measured_deg"


def test_inverted_normative_range_is_rejected():
    with pytest.raises(ScoreInputError, match="normative_range"):
        score_rom_loss(120, normative_range=(160, 138))


def test_motion_beyond_the_normative_range_is_no_loss():
    # knee flexion 165 deg against a normative 138-160: more motion, not a flexion loss
    beyond = score_rom_loss(165, normative_range=(138, 160))
    assert (beyond.score, beyond.method2, beyond.deg_outside_normative) == (0, 0, 0)
    # hyperextension +12 deg against a normative -5 to +5: more extension, not a loss
    assert score_rom_loss(12, normative_range=(-5, 5)).score == 0
    # falling short still counts
    assert score_rom_loss(-12, normative_range=(-5, 5)).score == 2
