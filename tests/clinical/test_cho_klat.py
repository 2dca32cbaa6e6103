import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hemorehab.clinical.cho_klat import (
    FORWARD,
    OPTION6_BEST,
    OPTION6_MISSING,
    REVERSE,
    load_item_texts,
    recode,
    score_cho_klat,
    score_cho_klat_record,
)
from hemorehab.clinical.errors import DefinitionError, ScoreInputError
from tests.clinical.builders import cho_klat_answers

ALL = range(1, 36)


def test_forward_and_reverse_lists_partition_the_35_items():
    assert set(ALL) == FORWARD | REVERSE
    assert not FORWARD & REVERSE
    assert set(range(22, 36)) == OPTION6_MISSING | OPTION6_BEST


def test_best_answers_score_100():
    result = score_cho_klat("child", cho_klat_answers(dict.fromkeys(ALL, 4)))
    assert (result.score, result.answered, result.missing) == (100.0, 35, 0)
    assert result.version == "2.0"


def test_worst_answers_score_0():
    assert score_cho_klat("parent", cho_klat_answers(dict.fromkeys(ALL, 0))).score == 0.0


def test_middle_answers_score_50():
    assert score_cho_klat("child", {str(i): 3 for i in ALL}).score == 50.0


def test_recoding_follows_the_published_key():
    assert recode(1, 5) == 4  # forward
    assert recode(3, 5) == 0  # reverse
    assert recode(22, 6) is None  # option 6 = missing
    assert recode(23, 6) == 4  # option 6 = best
    assert recode(35, 1) == 0


def test_rounding_is_half_away_from_zero_not_bankers():
    # 32 answered items summing to 40: 25 * 40 / 32 = 31.25 -> 31.3 (Python round gives 31.2)
    codes = {i: None for i in (1, 2, 3)} | {i: (2 if i < 24 else 0) for i in range(4, 36)}
    result = score_cho_klat("child", cho_klat_answers(codes))
    assert (result.answered, result.missing) == (32, 3)
    assert result.score == 31.3


def test_option_6_counts_as_missing_on_items_where_it_means_not_applicable():
    answers = cho_klat_answers(dict.fromkeys(ALL, 4))
    for item in OPTION6_MISSING:
        answers[str(item)] = 6
    result = score_cho_klat("child", answers)
    assert result.missing_items == tuple(sorted(OPTION6_MISSING))
    assert result.score == 100.0


def test_eight_missing_items_still_score_and_nine_do_not():
    codes: dict[int, int | None] = dict.fromkeys(ALL, 1)
    for item in range(1, 9):
        codes[item] = None
    eight = score_cho_klat("child", cho_klat_answers(codes))
    assert (eight.score, eight.answered) == (25.0, 27)
    codes[9] = None
    nine = score_cho_klat("child", cho_klat_answers(codes))
    assert (nine.score, nine.missing) == (None, 9)


def test_absent_and_null_items_are_missing_and_int_keys_are_accepted():
    answers: dict[object, object] = {i: 3 for i in range(1, 30)}
    answers[30] = None
    result = score_cho_klat("parent", answers)
    assert result.missing_items == (30, 31, 32, 33, 34, 35)
    assert result.score == 50.0


@pytest.mark.parametrize(
    ("item", "value", "message"),
    [
        ("5", 6, "6 is outside 1-5"),
        ("22", 7, "7 is outside 1-6"),
        ("22", 0, "0 is outside 1-6"),
        ("1", True, "true is not an integer 1-5"),
        ("1", "3", '"3" is not an integer 1-5'),
        ("1", 3.0, "3.0 is not an integer 1-5"),
    ],
)
def test_bad_response_is_rejected_with_its_item(item, value, message):
    with pytest.raises(ScoreInputError) as caught:
        score_cho_klat("child", {item: value})
    assert str(caught.value) == f"answers.{item}: {message}"


@pytest.mark.parametrize("key", ["36", "0", "x", 36])
def test_unknown_item_is_rejected(key):
    with pytest.raises(ScoreInputError, match=r"unknown item; allowed: 1-35"):
        score_cho_klat("child", {key: 1})


def test_same_item_twice_is_rejected():
    with pytest.raises(ScoreInputError, match="given twice"):
        score_cho_klat("child", {"1": 1, 1: 2})


def test_forms_are_child_or_parent_only():
    with pytest.raises(ScoreInputError, match=r'^form: "both" is not one of: child, parent'):
        score_cho_klat("both", {})


def test_record_shape_is_checked():
    record = {"form": "child", "answers": {"1": 5}}
    assert score_cho_klat_record(record).answered == 1
    with pytest.raises(ScoreInputError, match=r"^answers: missing"):
        score_cho_klat_record({"form": "child"})
    with pytest.raises(ScoreInputError, match=r"^age: unknown key"):
        score_cho_klat_record({**record, "age": 9})


answers = st.dictionaries(
    st.sampled_from(list(ALL)), st.one_of(st.none(), st.integers(1, 5)), max_size=35
)


@given(answers)
def test_score_is_within_0_100_or_none_when_more_than_8_missing(answers):
    result = score_cho_klat("child", answers)
    assert result.answered + result.missing == 35
    if result.missing > 8:
        assert result.score is None
    else:
        assert result.score is not None
        assert 0 <= result.score <= 100


def _texts(forms=("child", "parent")):
    return {
        form: {str(i): {"en": f"item {i}", "zh-hans": f"条目 {i}"} for i in ALL} for form in forms
    }


def test_licensed_item_texts_load_from_json(tmp_path):
    path = tmp_path / "choklat.json"
    path.write_text(json.dumps(_texts(), ensure_ascii=False), encoding="utf-8")
    texts = load_item_texts(path)
    assert texts["parent"][17]["zh-hans"] == "条目 17"
    assert set(texts["child"]) == set(ALL)


def test_licensed_item_texts_must_have_all_35_items(tmp_path):
    data = _texts(("child",))
    del data["child"]["17"]
    path = tmp_path / "choklat.yaml"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DefinitionError) as caught:
        load_item_texts(path)
    assert caught.value.path == str(path)
    assert caught.value.message == "child.17: missing; all 35 items are required"


def test_licensed_item_texts_need_both_languages(tmp_path):
    data = _texts(("child",))
    data["child"]["3"] = {"en": "x", "zh-hans": ""}
    path = tmp_path / "choklat.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DefinitionError, match=r"child\.3\.zh-hans: missing or empty"):
        load_item_texts(path)


def test_unreadable_item_text_file_is_a_named_error(tmp_path):
    with pytest.raises(DefinitionError, match="cannot read"):
        load_item_texts(tmp_path / "absent.json")
