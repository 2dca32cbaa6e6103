"""CHO-KLAT 2.0 calculator.

Instrument: Canadian Hemophilia Outcomes - Kids' Life Assessment Tool, version 2.0
(CHO-KLAT(c), N. L. Young et al.; Young NL et al., Value Health 2013;16:837-841).
Scoring algorithm as in shared/domain/instruments.md section 3, taken from the third-party R
package kusuba78/CHOKLATScorer [V for the package, to be confirmed against the licensed
manual], re-implemented cleanly:

- 35 items; Q1-Q21 answered 1-5, Q22-Q35 answered 1-6;
- recoded to 0-4 (4 = best): forward items response - 1, reverse items 5 - response;
- option 6 is missing for Q22, 25, 30, 31, 32, 33, 35 and best (4) for Q23, 24, 26, 27, 28,
  29, 34;
- score = 25 x mean of the recoded answered items, 0-100, higher = better; rounded to one
  decimal, half away from zero (computed exactly with fractions, so 62.45 -> 62.5);
- no score (None) when more than 8 items are missing (option-6-as-missing counts as missing).

The child self-report and the parent proxy form are scored separately and never averaged.
Item wording is licensed and is not shipped: load it with `load_item_texts` from the
center's licensed file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from math import floor
from pathlib import Path

from hemorehab.clinical.datafiles import load_file
from hemorehab.clinical.errors import DefinitionError, ScoreInputError, check_level, show

VERSION = "2.0"
FORMS: tuple[str, ...] = ("child", "parent")
ITEM_NUMBERS: tuple[int, ...] = tuple(range(1, 36))
FIVE_OPTION_ITEMS = frozenset(range(1, 22))
FORWARD = frozenset({1, 2, 7, 12, 13, 14, 19, 20, 21, 22, 29, 30, 35})
REVERSE = frozenset(
    {3, 4, 5, 6, 8, 9, 10, 11, 15, 16, 17, 18, 23, 24, 25, 26, 27, 28, 31, 32, 33, 34}
)
OPTION6_MISSING = frozenset({22, 25, 30, 31, 32, 33, 35})
OPTION6_BEST = frozenset({23, 24, 26, 27, 28, 29, 34})
MAX_MISSING = 8
BEST = 4
LANGUAGES: tuple[str, ...] = ("en", "zh-hans")

ItemTexts = Mapping[str, Mapping[int, Mapping[str, str]]]
"""form -> item number -> language ("en", "zh-hans") -> licensed item wording."""


@dataclass(frozen=True)
class ChoKlatResult:
    """A CHO-KLAT 2.0 score for one form; `score` is None when too many items are missing."""

    form: str
    score: float | None
    answered: int
    missing: int
    missing_items: tuple[int, ...]
    version: str = VERSION


def recode(item: int, answer: int) -> int | None:
    """Recode one valid answer to 0-4 (4 = best); None when option 6 means missing."""
    if answer == 6:
        return BEST if item in OPTION6_BEST else None
    return answer - 1 if item in FORWARD else 5 - answer


def summary_score(recoded: list[int]) -> float:
    """25 x mean, rounded to one decimal half away from zero (exact arithmetic)."""
    value = Fraction(25 * sum(recoded), len(recoded))
    return floor(value * 10 + Fraction(1, 2)) / 10


def score_cho_klat(form: str, answers: object) -> ChoKlatResult:
    """Score one CHO-KLAT 2.0 form.

    `form` is "child" or "parent"; `answers` maps item numbers ("1".."35" or 1..35) to the
    answer code; None or an absent item is missing. Raises ScoreInputError with a path like
    "answers.12" for unknown items and out-of-range or wrongly typed codes.
    """
    if form not in FORMS:
        raise ScoreInputError("form", f"{show(form)} is not one of: {', '.join(FORMS)}")
    answers = _normalise(answers)
    recoded: list[int] = []
    missing: list[int] = []
    for item in ITEM_NUMBERS:
        value = _answer(item, answers.get(item))
        code = None if value is None else recode(item, value)
        if code is None:
            missing.append(item)
        else:
            recoded.append(code)
    score = summary_score(recoded) if len(missing) <= MAX_MISSING else None
    return ChoKlatResult(form, score, len(recoded), len(missing), tuple(missing))


def score_cho_klat_record(record: object) -> ChoKlatResult:
    """Score a JSON-shaped record {"form": "child"|"parent", "answers": {...}}."""
    if not isinstance(record, Mapping):
        raise ScoreInputError("", f"{show(record)} is not an object with form and answers")
    for key in record:
        if key not in ("form", "answers"):
            raise ScoreInputError(str(key), "unknown key; allowed: form, answers")
    for key in ("form", "answers"):
        if key not in record:
            raise ScoreInputError(key, "missing")
    return score_cho_klat(record["form"], record["answers"])


def _normalise(given: object) -> dict[int, object]:
    if not isinstance(given, Mapping):
        raise ScoreInputError("answers", f"{show(given)} is not an object of items 1-35")
    answers: dict[int, object] = {}
    for key, value in given.items():
        item = _item_number(key)
        if item in answers:
            raise ScoreInputError(f"answers.{key}", f"item {item} is given twice")
        answers[item] = value
    return answers


def _item_number(key: object) -> int:
    number = key if type(key) is int else None
    if isinstance(key, str) and key.isascii() and key.isdigit():
        number = int(key)
    if number is None or not 1 <= number <= len(ITEM_NUMBERS):
        raise ScoreInputError(f"answers.{key}", "unknown item; allowed: 1-35")
    return number


def _answer(item: int, value: object) -> int | None:
    if value is None:
        return None
    high = 5 if item in FIVE_OPTION_ITEMS else 6
    return check_level(value, f"answers.{item}", 1, high, allow_ne=False)


def load_item_texts(path: str | Path) -> ItemTexts:
    """Load the center's licensed item wording from a JSON or YAML file.

    Shape: {"child": {"1": {"en": "...", "zh-hans": "..."}, ... "35": {...}}, "parent": ...}.
    Each form present must have all 35 items, each with non-empty "en" and "zh-hans" text;
    at least one form must be present. Raises DefinitionError naming the bad place, with
    `.path` like "<file>: child.17.zh-hans".
    """
    data = load_file(path)
    try:
        return _texts_by_form(data)
    except DefinitionError as exc:
        raise DefinitionError(str(path), str(exc)) from exc


def _texts_by_form(data: object) -> dict[str, dict[int, dict[str, str]]]:
    if not isinstance(data, Mapping) or not data:
        raise DefinitionError("", f"expected an object with forms: {', '.join(FORMS)}")
    texts = {}
    for form, items in data.items():
        if form not in FORMS:
            raise DefinitionError(str(form), f"unknown form; allowed: {', '.join(FORMS)}")
        texts[form] = _texts_of_form(form, items)
    return texts


def _texts_of_form(form: str, items: object) -> dict[int, dict[str, str]]:
    if not isinstance(items, Mapping):
        raise DefinitionError(form, "expected an object of items 1-35")
    by_number: dict[int, object] = {}
    for key, value in items.items():
        try:
            by_number[_item_number(key)] = value
        except ScoreInputError as exc:
            raise DefinitionError(f"{form}.{key}", exc.message) from exc
    result = {}
    for item in ITEM_NUMBERS:
        if item not in by_number:
            raise DefinitionError(f"{form}.{item}", "missing; all 35 items are required")
        result[item] = _languages(f"{form}.{item}", by_number[item])
    return result


def _languages(path: str, value: object) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise DefinitionError(path, f"expected an object with {', '.join(LANGUAGES)}")
    for language in LANGUAGES:
        text = value.get(language)
        if not isinstance(text, str) or not text.strip():
            raise DefinitionError(f"{path}.{language}", "missing or empty text")
    return {language: value[language] for language in LANGUAGES}
