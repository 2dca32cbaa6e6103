"""Explanations in the reader's language: English (the engine's own text) or Simplified Chinese.

`render(explanation, "zh-hans")` formats the Chinese template of the explanation's message key
(messages_zh_hans.yaml; a key refined by a suffix, e.g. plan.goal.short.reduce, falls back to
its rule's key) with the params translated first: joint and muscle sites through
clinical/sites.py (the one list of sites and their labels), other codes through
vocabulary_zh_hans.yaml (problems, items, categories, modes, phases, roles, weekdays ...),
exercise ids through the
exercise library's Chinese names, lists and comma-joined codes joined with "、", problem keys
("left_ankle.swelling") part by part, and the few English texts the engine builds into a param
through the phrases of messages_zh_hans.yaml. Numbers and unknown values are shown unchanged.
Whatever goes wrong (no template, a placeholder without a param), the English text is
returned: rendering never raises. `term(code, language)` names one code.

Pure: no Django; the YAML files are read once per process.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from hemorehab.clinical import sites
from hemorehab.clinical.datafiles import load_packaged
from hemorehab.clinical.errors import DefinitionError
from hemorehab.clinical.exercises import Library, builtin_library
from hemorehab.clinical.plan.catalogue import RULES
from hemorehab.clinical.plan.explain import Explanation

__all__ = ["LANGUAGES", "LIST_SEPARATOR", "chinese_templates", "render", "term"]

LANGUAGES: tuple[str, ...] = ("en", "zh-hans")
LIST_SEPARATOR = "、"
_ZH_ALIASES = frozenset({"zh-hans", "zh", "zh-cn", "zh-sg", "zh-hans-cn"})
_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")
_MESSAGES = "messages_zh_hans.yaml"
_VOCABULARY = "vocabulary_zh_hans.yaml"


@dataclass(frozen=True)
class _Phrase:
    pattern: re.Pattern[str]
    template: str


@dataclass(frozen=True)
class _Chinese:
    messages: Mapping[str, str]
    phrases: tuple[_Phrase, ...]
    terms: Mapping[str, str]
    by_param: Mapping[str, Mapping[str, str]]


def render(explanation: Explanation, language: str, *, library: Library | None = None) -> str:
    """The explanation in `language` ("en" or "zh-hans"); English when no translation fits.

    `library` names exercises (default: the shipped library); never raises.
    """
    if _language(language) != "zh-hans":
        return readable_english(explanation.text, library)
    try:
        chinese = _chinese()
        template = _template(chinese, explanation)
        if template is None:
            return explanation.text
        params = {
            name: _value(chinese, name, value, library)
            for name, value in explanation.params.items()
        }
        return template.format(**params)
    except Exception:  # any failure shows the engine's English text (module docstring)
        return explanation.text


_CODE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")


def readable_english(text: str, library: Library | None = None) -> str:
    """The engine's English with its codes made readable: exercise ids become their names,
    vocabulary codes lose their underscores ("right_knee" -> "right knee")."""

    def replace(match: re.Match[str]) -> str:
        code = match.group(0)
        name = _exercise_name_en(code, library)
        if name is not None:
            return name
        if code in sites.SITES:
            label = sites.label(code, "en")
            return label[0].lower() + label[1:]
        return code.replace("_", " ") if code in _chinese().terms else code

    try:
        return _CODE.sub(replace, text)
    except Exception:  # never fail on display: keep the engine's text
        return text


def _exercise_name_en(code: str, library: Library | None) -> str | None:
    exercise = (library or builtin_library()).get(code)
    return exercise.name.en if exercise is not None else None


def term(code: str, language: str, *, library: Library | None = None) -> str:
    """The name of one code ("left_ankle" -> 左踝关节) or problem key; the code when unknown."""
    if _language(language) != "zh-hans" or not isinstance(code, str):
        return code
    try:
        found = _lookup(_chinese(), "", code, library)
    except Exception:  # unreadable data: show the code
        return code
    return code if found is None else found


def chinese_templates() -> Mapping[str, str]:
    """Every Chinese template by message key (for tests and the web layer)."""
    return _chinese().messages


def _language(language: object) -> str:
    if not isinstance(language, str):
        return "en"
    return "zh-hans" if language.strip().lower().replace("_", "-") in _ZH_ALIASES else "en"


def _template(chinese: _Chinese, explanation: Explanation) -> str | None:
    template = chinese.messages.get(explanation.message_key)
    if template is None and explanation.rule in RULES:
        template = chinese.messages.get(RULES[explanation.rule].message_key)
    return template


def _value(chinese: _Chinese, name: str, value: Any, library: Library | None) -> Any:
    if isinstance(value, str):
        found = _lookup(chinese, name, value, library)
        return value if found is None else found
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(_value(chinese, name, v, library)) for v in value)
    if isinstance(value, set | frozenset):
        items = sorted(str(v) for v in value)
        return LIST_SEPARATOR.join(str(_value(chinese, name, v, library)) for v in items)
    return value


def _lookup(chinese: _Chinese, name: str, text: str, library: Library | None) -> str | None:
    """The Chinese for `text` as the value of param `name`, or None when it is not known."""
    if text == "" or _NUMBER.fullmatch(text):
        return text
    found = _code(chinese, name, text, library)
    if found is not None:
        return found
    if "," in text:
        parts = [_lookup(chinese, name, part.strip(), library) for part in text.split(",")]
        if all(part is not None for part in parts):
            return LIST_SEPARATOR.join(part or "" for part in parts)
    if "." in text:  # a problem key: joint.problem
        joint, _, problem = text.partition(".")
        where, what = _code(chinese, "joint", joint, library), _code(chinese, "", problem, library)
        if where is not None and what is not None:
            return where + what
    return _phrase(chinese, text, library)


def _code(chinese: _Chinese, name: str, code: str, library: Library | None) -> str | None:
    if name == "exercise":
        return _exercise(code, library) or chinese.terms.get(code)
    found = chinese.by_param.get(name, {}).get(code) or chinese.terms.get(code)
    return found or _exercise(code, library)


def _exercise(code: str, library: Library | None) -> str | None:
    exercise = (library or builtin_library()).get(code)
    return None if exercise is None else exercise.name.zh_hans


def _phrase(chinese: _Chinese, text: str, library: Library | None) -> str | None:
    for phrase in chinese.phrases:
        match = phrase.pattern.fullmatch(text)
        if match is None:
            continue
        parts = {k: _lookup(chinese, k, v, library) for k, v in match.groupdict().items()}
        if all(v is not None for v in parts.values()):
            return phrase.template.format(**parts)
    return None


@cache
def _chinese() -> _Chinese:
    messages = _mapping(load_packaged("plan", _MESSAGES), _MESSAGES)
    vocabulary = _mapping(load_packaged("plan", _VOCABULARY), _VOCABULARY)
    sections = {
        section: _strings(codes, f"{_VOCABULARY}: terms.{section}")
        for section, codes in _mapping(vocabulary.get("terms"), f"{_VOCABULARY}: terms").items()
    }
    terms: dict[str, str] = {code: site.label_zh for code, site in sites.SITES.items()}
    terms |= {part: labels[1] for part, labels in sites.PART_LABELS.items()}
    for codes in sections.values():
        for code, name in codes.items():
            terms.setdefault(code, name)
    by_param: dict[str, dict[str, str]] = {}
    for param, names in _mapping(vocabulary.get("params", {}), f"{_VOCABULARY}: params").items():
        if not isinstance(names, list) or not all(n in sections for n in names):
            raise DefinitionError(_VOCABULARY, f"params.{param}: list known sections of terms")
        merged: dict[str, str] = {}
        for section in names:
            for code, name in sections[section].items():
                merged.setdefault(code, name)
        by_param[param] = merged
    return _Chinese(
        messages=_strings(messages.get("messages"), f"{_MESSAGES}: messages"),
        phrases=tuple(_phrases(messages.get("phrases", []))),
        terms=terms,
        by_param=by_param,
    )


def _phrases(entries: object) -> list[_Phrase]:
    if not isinstance(entries, list):
        raise DefinitionError(_MESSAGES, "phrases: expected a list of {en, zh}")
    phrases = []
    for index, entry in enumerate(entries):
        where = f"phrases[{index}]"
        item = _strings(entry, f"{_MESSAGES}: {where}")
        if set(item) != {"en", "zh"}:
            raise DefinitionError(_MESSAGES, f"{where}: needs exactly en and zh")
        phrases.append(_Phrase(_pattern(item["en"], where), item["zh"]))
    return phrases


def _pattern(english: str, where: str) -> re.Pattern[str]:
    regex = ""
    for literal, field, _, _ in string.Formatter().parse(english):
        regex += re.escape(literal)
        if field is not None:
            if not field.isidentifier():
                raise DefinitionError(_MESSAGES, f"{where}: placeholder {field!r} is not a name")
            regex += f"(?P<{field}>.+?)"
    try:
        return re.compile(regex)
    except re.error as exc:
        raise DefinitionError(_MESSAGES, f"{where}: {exc}") from exc


def _mapping(data: object, name: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise DefinitionError(name, "expected a mapping")
    return data


def _strings(data: object, name: str) -> dict[str, str]:
    mapping = _mapping(data, name)
    for key, value in mapping.items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise DefinitionError(name, f"{key!r}: expected text -> text")
    return mapping
