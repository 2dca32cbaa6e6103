"""Simplified Chinese for every plan-engine explanation (plan/i18n.py and its two YAML files)."""

from __future__ import annotations

import re
import string
from types import MappingProxyType

import pytest

from hemorehab.clinical import hjhs
from hemorehab.clinical.exercises.vocabulary import (
    CATEGORIES,
    DIRECTIONS,
    FLAGS,
    JOINT_PARTS,
    MODES,
    SETTINGS,
    SIDES,
    SITES,
    TARGETS,
)
from hemorehab.clinical.plan import (
    RULES,
    ClinicalJudgements,
    DraftInput,
    Explanation,
    PlanDraft,
    Prophylaxis,
    WeekReport,
    derive_problems,
    draft_plan,
    next_phase,
    progression,
)
from hemorehab.clinical.plan.i18n import chinese_templates, render, term
from hemorehab.clinical.plan.return_phases import PhaseObservation
from hemorehab.clinical.plan.settings import RETURN_PHASES
from hemorehab.clinical.ultrasound import builtin_definition
from tests.clinical.plan.builders import (
    AS_OF,
    archetype_a,
    archetype_b,
    archetype_c,
    findings,
    joint_bleed,
    psoas_bleed,
    us_joint,
)

ZH = "zh-hans"
HAN = re.compile(r"[\u4e00-\u9fff]")
SNAKE_CODE = re.compile(r"[A-Za-z]+_[A-Za-z_]+")
ISO_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d)?(?:[+-]\d\d:\d\d|Z)?")
ACRONYMS = frozenset({"HJHS", "NE", "IU", "dL", "kg", "A", "B"})
# Refined keys (explain(..., key_suffix=...)) and the params the engine passes with them.
REFINED_PARAMS = {
    "plan.goal.short": {"goal", "joint", "where", "item", "value", "target", "weeks"},
    "plan.goal.long": {"goal", "joint", "where", "item", "value", "target", "weeks"},
    "plan.education": {"point"},
}
GOAL_KINDS = ("reduce", "clear", "hold", "synovitis_hold", "synovitis_reduce", "protect", "recover")


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _explanations(draft: PlanDraft) -> list[Explanation]:
    """Every explanation a draft carries."""
    home = draft.home_program
    found = [why for p in draft.problems for why in p.explanations]
    found += [n.explanation for n in draft.not_assessed]
    found += [g.explanation for g in draft.goals]
    found += [draft.hospital_session.explanation, home.session.explanation]
    found += [*home.explanations, *home.hospital_only]
    if home.split is not None:
        found.append(home.split.explanation)
    items = draft.hospital_session.items + home.session.items + draft.deferred
    found += [why for item in items for why in item.reasons]
    found += [why for item in items for why in item.cautions]
    found += [why for e in draft.excluded for why in e.reasons]
    found += [*draft.unmet, *draft.warnings, *(r.explanation for r in draft.restrictions)]
    found += [s.explanation for s in draft.devices + draft.education]
    found += [w for w in (draft.hospital_session.unfilled, home.session.unfilled) if w]
    found += [w for w in (draft.indication_note, draft.week.explanation) if w]
    return found


def _assert_chinese(why: Explanation) -> str:
    text = render(why, ZH)
    assert HAN.search(text), f"{why.message_key}: {text}"
    words = set(re.findall(r"[A-Za-z]+", ISO_TIME.sub("", text)))
    assert words <= ACRONYMS, f"{why.message_key}: English left in {text!r}"
    assert not SNAKE_CODE.search(text), text
    return text


# templates ----------------------------------------------------------------------------------


@pytest.mark.parametrize("rule", sorted(RULES))
def test_every_rule_has_a_chinese_template_with_the_same_placeholders(rule: str) -> None:
    entry = RULES[rule]
    chinese = chinese_templates()[entry.message_key]
    assert _fields(chinese) == _fields(entry.template)


@pytest.mark.parametrize("key", sorted(chinese_templates()))
def test_every_chinese_template_fills_with_the_sample_params(key: str) -> None:
    template = chinese_templates()[key]
    names = _fields(template)
    template.format(**dict.fromkeys(names, 1))  # as test_draft fills the English templates
    rule = next(
        r for r in RULES.values() if key == r.message_key or key.startswith(f"{r.message_key}.")
    )
    why = Explanation(
        rule.id, rule.source, key, MappingProxyType(dict.fromkeys(names, 1)), text="English"
    )
    assert render(why, ZH) == template.format(**dict.fromkeys(names, 1))


def test_refined_keys_use_only_params_the_engine_passes() -> None:
    base_keys = {rule.message_key for rule in RULES.values()}
    for key, template in chinese_templates().items():
        if key in base_keys:
            continue
        base, _, suffix = key.rpartition(".")
        assert base in REFINED_PARAMS, key
        assert _fields(template) <= REFINED_PARAMS[base], key
        if base.startswith("plan.goal."):
            assert suffix in GOAL_KINDS, key
    for horizon in ("short", "long"):
        for kind in GOAL_KINDS:
            assert f"plan.goal.{horizon}.{kind}" in chinese_templates()


def test_chinese_templates_have_no_english_words_but_acronyms() -> None:
    for key, template in chinese_templates().items():
        literal = "".join(text for text, _, _, _ in string.Formatter().parse(template))
        assert set(re.findall(r"[A-Za-z]+", literal)) <= ACRONYMS, key


# rendering drafts ---------------------------------------------------------------------------


def test_archetype_a_renders_its_problems_and_goals_in_chinese() -> None:
    draft = draft_plan(archetype_a())
    texts = [render(why, ZH) for why in draft.problems[0].explanations]
    assert texts == ["左踝关节 HJHS 肿胀评分为 2（阈值 1）：存在肿胀"]
    assert render(draft.goals[0].explanation, ZH) == (
        "左踝关节：4 周内肿胀评分由 2 降至 1 或以下，且无痛"
    )
    synovitis = next(s for s in draft.education if s.kind == "synovitis_activity")
    assert render(synovitis.explanation, ZH) == (
        "滑膜炎活动期间（左踝关节）：禁止跳跃、跑步及对抗性运动"
    )


def _scenarios() -> dict[str, DraftInput]:
    ankle_damage = findings(ultrasound={"right_ankle": us_joint(cartilage=3, bone=1)})
    knees = findings({"left_knee": {"flexion_loss": 1}, "right_knee": {"flexion_loss": 1}}, gait=1)
    return {
        "a: age 6, left-ankle synovitis": archetype_a(),
        "b: age 14, right knee contracture": archetype_b(),
        "c: age 9, both elbows": archetype_c(),
        "a with a left-ankle bleed 12 h ago": archetype_a(
            bleeds=(joint_bleed("left_ankle", 12),), as_of=AS_OF
        ),
        "knees with an iliopsoas bleed": DraftInput(
            derive_problems(knees), 10, "A", bleeds=(psoas_bleed(),), as_of=AS_OF
        ),
        "knees in phase 4 after a cleared iliopsoas bleed": DraftInput(
            derive_problems(
                findings({"left_knee": {"extension_loss": 1}, "right_knee": {"extension_loss": 1}})
            ),
            10,
            "A",
            bleeds=(psoas_bleed(24 * 20),),
            as_of=AS_OF,
            psoas_cleared=True,
            return_phases={"left_iliopsoas": 4},
        ),
        "b with a hard end-feel and a return phase": archetype_b(
            judgements=ClinicalJudgements(end_feel={"right_knee": {"extension": "hard"}}),
            return_phases={"right_knee": 2},
        ),
        "ankle damage, hemophilia B": DraftInput(derive_problems(ankle_damage), 12, "B"),
        "a with clinical synovitis, hemarthrosis and one infusion a week": archetype_a(
            judgements=ClinicalJudgements(
                active_synovitis={"right_knee": 2}, effusion={"left_ankle": "hemarthrosis"}
            ),
            prophylaxis=Prophylaxis(1, (0,), 8.0, 20.0),
        ),
        "no findings": DraftInput(derive_problems(findings()), 9, "A"),
        "weak, painful knee": DraftInput(
            derive_problems(findings({"left_knee": {"strength": 3, "joint_pain": 2}})), 12, "A"
        ),
        "target knee": DraftInput(
            derive_problems(findings({"left_knee": {"swelling": 1}})),
            12,
            "A",
            bleeds=tuple(joint_bleed("left_knee", h) for h in (2000, 1500, 900)),
            as_of=AS_OF,
        ),
        "gait not evaluable": DraftInput(
            derive_problems(findings({"left_knee": {"swelling": "NE"}}, gait="NE")), 8, "A"
        ),
    }


@pytest.mark.parametrize("name", sorted(_scenarios()))
def test_every_explanation_of_a_draft_renders_in_chinese_without_codes(name: str) -> None:
    draft = draft_plan(_scenarios()[name])
    explanations = _explanations(draft)
    assert len(explanations) > 10
    for why in explanations:
        text = _assert_chinese(why)
        assert "left_ankle" not in text and "right_knee" not in text


def test_the_scenarios_reach_the_rules_with_param_texts() -> None:
    rules = {why.rule for d in _scenarios().values() for why in _explanations(draft_plan(d))}
    expected = {
        "PROB-NE",
        "PROB-US",
        "CI-BLEED-PHASE",
        "CI-LIMB-WEIGHT",
        "CI-PSOAS",
        "CI-HARD-END-FEEL",
        "CI-END-FEEL-MISSING",
        "CI-HEMARTHROSIS",
        "CI-SYNOVITIS",
        "CI-STRENGTH",
        "CI-PAIN",
        "CAUTION-PSOAS-PRONE",
        "REST-PHASE",
        "REST-PSOAS-WAIT",
        "SEL-RECOVERY",
        "SEL-GENERAL",
        "NO-INDICATION",
        "PROPH-MISSING",
        "PROPH-FREQUENCY",
        "TARGET-JOINT",
        "DEV-CRUTCHES",
        "DEV-FOOTWEAR",
        "DEV-EXTENSION-SPLINT",
        "HOME-SPLIT",
        "HOME-INFUSION-FIT",
        "GOAL-SHORT",
        "GOAL-LONG",
        "EDU",
    }
    assert expected <= rules


def test_crutches_and_footwear_reasons_are_translated() -> None:
    bled = draft_plan(archetype_a(bleeds=(joint_bleed("left_ankle", 12),), as_of=AS_OF))
    crutches = next(d for d in bled.devices if d.kind == "crutches")
    assert render(crutches.explanation, ZH) == (
        "使用拐杖（患肢不负重），原因：左踝关节出血，恢复第 1/4 阶段"
    )
    damage = draft_plan(
        DraftInput(derive_problems(findings(ultrasound={"right_ankle": us_joint(bone=1)})), 12, "A")
    )
    shoes = next(d for d in damage.devices if d.kind == "supportive_footwear")
    assert render(shoes.explanation, ZH) == "穿支撑性好、减震的鞋：右踝关节骨损伤"


# safety, progression, return phases ---------------------------------------------------------


def _safety_explanations() -> list[Explanation]:
    from hemorehab.clinical.plan import PlanSettings, weekly_schedule

    found = list(weekly_schedule(Prophylaxis(2, (0, 3), 8.0, 10.0), "A", PlanSettings()).warnings)
    clean, bled = WeekReport(False, False, 5, 5), WeekReport(False, True, 5, 5)
    missed = WeekReport(False, False, 2, 5)
    painful = WeekReport(True, False, 5, 5)
    weeks = progression([clean, bled, missed, *([clean] * 6), painful])
    found += [w.explanation for w in weeks]
    found += [w.level_explanation for w in weeks if w.level_explanation]
    observed = PhaseObservation(
        pain_at_rest=False,
        pain_on_motion=False,
        swelling=0,
        rom_deg=128,
        baseline_rom_deg=130,
        strength_at_baseline=True,
        function_normal=True,
    )
    found += [next_phase(phase, observed).explanation for phase in (1, 2, 3, 4)]
    found.append(next_phase(3, PhaseObservation(pain_at_rest=False, swelling=1)).explanation)
    found.append(next_phase(3, PhaseObservation(pain_at_rest=False, new_bleed=True)).explanation)
    return found


def test_safety_progression_and_phase_messages_render_in_chinese() -> None:
    explanations = _safety_explanations()
    assert {
        "SAFE-INFUSION-DAY",
        "SAFE-FACTOR-LEVEL",
        "PROPH-FREQUENCY",
        "PROG-START",
        "PROG-RISE",
        "PROG-AT-MAX",
        "PROG-BACK-BLEED",
        "PROG-HOLD-ADHERENCE",
        "PROG-BACK-PAIN",
        "PROG-LEVEL-UP",
        "PHASE-ADVANCE",
        "PHASE-HOLD",
        "PHASE-RESTART",
        "PHASE-CLEARED",
    } <= {why.rule for why in explanations}
    for why in explanations:
        _assert_chinese(why)


def test_weekdays_and_criteria_are_joined_with_the_chinese_list_mark() -> None:
    from hemorehab.clinical.plan import PlanSettings, weekly_schedule

    schedule = weekly_schedule(Prophylaxis(2, (0, 3), 8.0, 25.0), "B", PlanSettings())
    flag = next(w for w in schedule.warnings if w.rule == "SAFE-INFUSION-DAY")
    assert render(flag, ZH).endswith("不在输注日（输注日：周一、周四）")
    swollen = PhaseObservation(
        pain_at_rest=False, pain_on_motion=False, swelling=1, rom_deg=110, baseline_rom_deg=130
    )
    assert render(next_phase(3, swollen).explanation, ZH) == (
        "维持在第 3 阶段：尚未满足肿胀恢复至出血前水平、关节活动度恢复至出血前基线"
    )


# fallbacks and terms ------------------------------------------------------------------------


def test_an_unknown_key_falls_back_to_the_english_text() -> None:
    why = Explanation("NO-SUCH-RULE", "nowhere", "plan.no_such_key", {"joint": "left_ankle"}, "Hi")
    assert render(why, ZH) == "Hi"


def test_an_unknown_refinement_uses_its_rules_template() -> None:
    why = Explanation("EDU", "s", "plan.education.new_point", {"point": "Drink water"}, "Drink")
    assert render(why, ZH) == "Drink water"


def test_missing_params_or_an_unknown_language_never_raise() -> None:
    why = Explanation("CI-BLEED-PHASE", "s", "plan.contra.bleed_phase", {"site": "left_knee"}, "EN")
    assert render(why, ZH) == "EN"
    assert render(why, "fr") == "EN"
    assert render(why, "en") == "EN"


def test_language_codes_are_read_loosely() -> None:
    why = RULES["PHASE-RESTART"]
    explanation = Explanation(why.id, why.source, why.message_key, {}, why.template)
    for language in ("zh-hans", "zh-Hans", "zh_hans", "zh", "zh-CN"):
        assert render(explanation, language) == "新发出血：回到第 1 阶段"


def test_values_keep_numbers_and_join_lists() -> None:
    rule = RULES["SEL-PROBLEM"]
    why = Explanation(
        rule.id,
        rule.source,
        rule.message_key,
        {"exercise": "knee_quad_set", "category": "isometric", "problems": ("gait", "pain")},
        "English",
    )
    assert render(why, ZH) == f"针对步态异常、疼痛选用{term('knee_quad_set', ZH)}（等长训练）"
    assert term("knee_quad_set", ZH) != "knee_quad_set"


def test_term_names_codes_and_problem_keys() -> None:
    assert term("left_ankle", ZH) == "左踝关节"
    assert term("left_ankle.swelling", ZH) == "左踝关节肿胀"
    assert term("gait", ZH) == "步态异常"
    assert term("warm_up", ZH) == "热身"
    assert term("left_ankle", "en") == "left_ankle"
    assert term("right_calf", ZH) == "右侧小腿三头肌（小腿肚）"
    assert term("no_such_code", ZH) == "no_such_code"


def test_the_vocabulary_names_every_code_of_the_engine() -> None:
    codes = {
        *SITES,
        *TARGETS,
        *CATEGORIES,
        *FLAGS,
        *MODES,
        *DIRECTIONS,
        *SETTINGS,
        *SIDES,
        *JOINT_PARTS,
        *hjhs.ITEMS,
        *RETURN_PHASES.values(),
        *("hematologist", "therapist"),
        *("mon", "tue", "wed", "thu", "fri", "sat", "sun", "hemarthrosis", "mmt"),
        *("warm_up", "main", "cool_down", "short", "long", "global", "clinical", "none"),
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        *("no_pain_at_rest", "no_pain_on_motion", "swelling_resolved", "rom_at_baseline"),
        *("strength_at_baseline", "function_normal"),
        *("crutches", "ankle_orthosis", "compression_sleeve", "extension_splint"),
        *("supportive_footwear", "bleed_signs", "pain_free", "infusion_timing", "first_aid"),
        *("home_safety", "psoas_signs", "supervised_play", "synovitis_activity"),
        *("school_schedule", "target_joint", "recover"),
    }
    for name in ("head-us-c", "head-us"):
        codes |= set(builtin_definition(name).items)
    unnamed = sorted(code for code in codes if not HAN.search(term(code, ZH)))
    assert unnamed == []


def test_english_rendering_has_no_snake_case_codes():
    from hemorehab.clinical.plan.explain import explain
    from hemorehab.clinical.plan.i18n import render

    goal = explain(
        "PROB-HJHS",
        joint="right_knee",
        item="extension_loss",
        value=2,
        threshold=1,
        problem="restricted_extension",
    )
    text = render(goal, "en")
    assert "right_knee" not in text and "extension_loss" not in text
    assert "right knee" in text and "extension loss" in text
