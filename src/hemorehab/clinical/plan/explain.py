"""Explanations: every decision of the plan engine says which rule made it and why.

An Explanation carries the rule id, the source of the rule, the numbers that triggered it (as
params), a message key with those params for the web layer to translate, and an English
default text. Rules and sources are listed in catalogue.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from hemorehab.clinical.plan.catalogue import RULES, Rule

__all__ = ["RULES", "Explanation", "Rule", "explain"]


@dataclass(frozen=True)
class Explanation:
    """Why the engine did something: rule, source, triggering numbers, translatable message."""

    rule: str
    source: str
    message_key: str
    params: Mapping[str, Any] = field(default_factory=dict)
    text: str = ""


def explain(rule_id: str, key_suffix: str = "", **params: Any) -> Explanation:
    """Build an Explanation for `rule_id`; `key_suffix` refines the message key (".swelling")."""
    rule = RULES[rule_id]
    return Explanation(
        rule=rule.id,
        source=rule.source,
        message_key=rule.message_key + key_suffix,
        params=MappingProxyType(dict(params)),
        text=rule.template.format(**params),
    )
