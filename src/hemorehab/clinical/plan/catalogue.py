"""The rule catalogue: every rule of the plan engine, its source, message key and English text.

This is the one place where rules are named and their sources cited. Sources point at the seed
paper (shared/seed), shared/domain/instruments.md with its confidence tags ([V] checked, [K]
widely published but the primary not read, [U] uncertain) or shared/DESIGN.md; "setting" marks
a configurable center choice (settings.py). Templates use str.format with the Explanation's
params; tests fill every template.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class Rule:
    id: str
    source: str
    message_key: str
    template: str


SEED = "seed paper (shared/seed/000_bca2cafc0c7e9a2b.txt)"
S6 = "shared/domain/instruments.md section 6"

_RULES: tuple[Rule, ...] = (
    # problem list
    Rule(
        "PROB-HJHS",
        f"HJHS 2.1 items, instruments.md s1 [K]; aims of {SEED} s2.4.2",
        "plan.problem.hjhs",
        "{joint} {item} = {value} (threshold {threshold}): {problem}",
    ),
    Rule(
        "PROB-GAIT",
        f"HJHS 2.1 global gait, instruments.md s1 [K]; {SEED} s2.4.2",
        "plan.problem.gait",
        "Global gait = {value} (threshold {threshold}): gait problem",
    ),
    Rule(
        "PROB-US",
        f"HEAD-US/HEAD-US-C domains, instruments.md s2 [K/U]; {SEED} figs 2-3",
        "plan.problem.ultrasound",
        "Ultrasound {joint} {item} = {value} (threshold {threshold}): {problem}",
    ),
    Rule(
        "PROB-NE",
        "HJHS NE is not 0, instruments.md s1 [V]",
        "plan.problem.not_assessed",
        "{joint} {item} was not evaluable (NE): not assessed, no problem derived",
    ),
    # exercise selection
    Rule(
        "SEL-PROBLEM",
        f"{SEED} s2.4.2 and s2.4.4; category order is a setting",
        "plan.select.problem",
        "{exercise} ({category}) chosen for {problems}",
    ),
    Rule(
        "SEL-GAME",
        f"{SEED} s2.4: game-based training at age <= 7 (setting)",
        "plan.select.game",
        "Game-based variant used: age {age} <= {max_age}",
    ),
    Rule(
        "SEL-WARM-COOL",
        f"{SEED} s4: warm-up before and stretching after each session",
        "plan.select.warm_cool",
        "{exercise} used as {block}",
    ),
    Rule(
        "SEL-CAPACITY",
        "setting: main exercises per session",
        "plan.select.capacity",
        "{exercise} not placed: a session holds at most {max_items} main exercises",
    ),
    Rule(
        "SEL-NONE",
        "engine: no safe exercise left for a problem",
        "plan.select.none",
        "No eligible exercise for {problem}: therapist to decide",
    ),
    # contraindications
    Rule(
        "CI-BLEED",
        f"{S6}: no loading during an active bleed [V/K]; bleed within 72 h blocks [K]",
        "plan.contra.joint_bleed",
        "{exercise} loads {joint}, which bled {hours} h ago (pause window {window_h} h)",
    ),
    Rule(
        "CI-SYNOVITIS",
        f"{S6}: proprioceptive/impact/resisted work may provoke bleeding in synovitis [V/K]",
        "plan.contra.active_synovitis",
        "{exercise} ({flags}) loads {joint} with active synovitis "
        "({item} = {value} >= {threshold})",
    ),
    Rule(
        "CI-SWELLING",
        f"{S6} engine suggestion: block while HJHS swelling >= 1 [K]",
        "plan.contra.joint_swelling",
        "{exercise} ({flags}) loads {joint} with HJHS swelling {value} >= {threshold}",
    ),
    Rule(
        "CI-PSOAS",
        f"{S6} red flags: iliopsoas bleed, no exercise [V/K]",
        "plan.contra.psoas_bleed",
        "{exercise} loads the lower limb during an iliopsoas bleed not cleared by a physician",
    ),
    Rule(
        "CI-HARD-END-FEEL",
        f"{S6}: no passive forcing of joints with a hard end-feel [V/K]",
        "plan.contra.hard_end_feel",
        "{exercise} ({category}) on {joint}, which has a hard end-feel",
    ),
    Rule(
        "CI-MIN-AGE",
        "exercise library minimum age",
        "plan.contra.min_age",
        "{exercise} needs age >= {min_age}; the child is {age}",
    ),
    Rule(
        "CI-RETURN-PHASE",
        f"{S6} progression after a bleed [V/K]; phases are a setting",
        "plan.contra.return_phase",
        "{exercise} ({category}) is not allowed for {joint} in return phase {phase}",
    ),
    # sessions
    Rule(
        "HOSP-SESSION",
        f"{SEED} s2.4: weekly 60-minute hospital session",
        "plan.session.hospital",
        "Hospital session {minutes} min: warm-up {warm_up}, main {main}, cool-down {cool_down}",
    ),
    Rule(
        "HOME-PROGRAM",
        f"{SEED} s2.4: 5 sessions a week, 45 min, at most twice a day",
        "plan.session.home",
        "Home: {sessions} sessions a week, {minutes} min each, at most {per_day} a day",
    ),
    Rule(
        "HOME-INTENSITY",
        f"{SEED} s2.4: home starts at 25% of the hospital level, at most 75%",
        "plan.session.home_intensity",
        "Home intensity {percent}% of the hospital level (start {start}%, maximum {maximum}%)",
    ),
    Rule(
        "HOME-HOSPITAL-ONLY",
        "exercise library settings",
        "plan.session.hospital_only",
        "{exercise} needs hospital equipment: hospital session only",
    ),
    Rule(
        "HOME-SPLIT",
        f"{SEED} s3.6: schoolwork limited full sessions; setting",
        "plan.session.split",
        "Optional for school-age children (age {age} >= {from_age}): "
        "{blocks} blocks of {block_minutes} min",
    ),
    Rule(
        "HOME-INFUSION-FIT",
        f"{SEED} s2.2 regimen and s2.4.1 same-day rule",
        "plan.session.infusion_fit",
        "{sessions} home sessions a week do not all fit on {infusions} infusion days "
        "at {per_day} a day ({fit} fit): the team decides",
    ),
    # goals
    Rule(
        "GOAL-SHORT",
        f"{SEED} s2.4.4 short-term goals; targets are a setting",
        "plan.goal.short",
        "{goal}",
    ),
    Rule(
        "GOAL-LONG",
        f"{SEED} s2.4.4 long-term goals; {SEED} s3: damage is irreversible",
        "plan.goal.long",
        "{goal}",
    ),
    # devices and education
    Rule(
        "DEV-CRUTCHES",
        f"{S6} acute phase: no weight-bearing on the affected leg, crutches [V]",
        "plan.device.crutches",
        "Crutches (non-weight-bearing) for {reason}",
    ),
    Rule(
        "DEV-ANKLE-ORTHOSIS",
        f"{SEED} s2.4 assistive devices [U]; threshold is a setting",
        "plan.device.ankle_orthosis",
        "Ankle brace/orthosis for {joint}: strength {value} >= {threshold}",
    ),
    Rule(
        "DEV-COMPRESSION",
        f"{S6} PRICE compression [V]; {SEED} s4 [U]",
        "plan.device.compression",
        "Compression sleeve for {joint} as shown by the therapist: swelling {value} >= {threshold}",
    ),
    Rule(
        "DEV-EXTENSION-SPLINT",
        f"{SEED} s2.4 assistive devices [U]; team decision",
        "plan.device.extension_splint",
        "Consider a resting extension splint for {joint}: extension loss {value} >= {threshold}",
    ),
    Rule(
        "DEV-FOOTWEAR",
        "supportive footwear for gait and ankle problems [K]",
        "plan.device.footwear",
        "Supportive, shock-absorbing shoes: {reason}",
    ),
    Rule(
        "EDU",
        f"{SEED} s4: home-safety education by the hematology nurse; {S6}",
        "plan.education",
        "{point}",
    ),
    # progression
    Rule(
        "PROG-START",
        f"{SEED} s2.4: home intensity starts at 25%",
        "plan.progress.start",
        "Week {week}: start at {fraction}",
    ),
    Rule(
        "PROG-RISE",
        f"{SEED} s2.4 and shared/DESIGN.md safety rules; step and adherence are settings",
        "plan.progress.rise",
        "Week {week}: {previous} -> {fraction} (pain-free, bleed-free, {done}/{planned} sessions)",
    ),
    Rule(
        "PROG-AT-MAX",
        f"{SEED} s2.4: at most 75%",
        "plan.progress.at_max",
        "Week {week}: stays at the maximum {fraction}",
    ),
    Rule(
        "PROG-HOLD-BLEED",
        "shared/DESIGN.md: rises only while bleed-free",
        "plan.progress.hold_bleed",
        "Week {week}: held at {fraction} after a reported bleed",
    ),
    Rule(
        "PROG-HOLD-ADHERENCE",
        "setting: minimum home sessions done to progress",
        "plan.progress.hold_adherence",
        "Week {week}: held at {fraction}; {done}/{planned} sessions < {needed}",
    ),
    Rule(
        "PROG-BACK-PAIN",
        f"{SEED} s2.4 pain-free principle; shared/DESIGN.md",
        "plan.progress.back_pain",
        "Week {week}: {previous} -> {fraction} after reported pain (never below {start})",
    ),
    # safety
    Rule(
        "SAFE-INFUSION-DAY",
        f"{SEED} s2.4.1: rehabilitation on prophylaxis days [V]",
        "plan.safety.infusion_day",
        "Session on {weekday} is not an infusion day ({infusion_days})",
    ),
    Rule(
        "SAFE-AFTER-INFUSION",
        "WFH 2012: dose to cover the day's activity [V]; instruments.md s5",
        "plan.safety.after_infusion",
        "Session at {session_time} is before the infusion at {infusion_time}",
    ),
    Rule(
        "SAFE-FACTOR-LEVEL",
        "instruments.md s5 practical rule [K]; the threshold is a center setting",
        "plan.safety.factor_level",
        "Estimated factor level {level} IU/dL at the session is below the center threshold "
        "{threshold} IU/dL",
    ),
    Rule(
        "SAFE-BLEED-PAUSE",
        f"shared/DESIGN.md safety rules; {S6}",
        "plan.safety.bleed_pause",
        "Bleed in {joint}: {count} exercises that load it are paused; return starts at phase 1",
    ),
    Rule(
        "SAFE-PSOAS",
        f"{S6} red flags: psoas sign is an emergency [V/K]",
        "plan.safety.psoas",
        "Iliopsoas bleed: {count} lower-limb exercises blocked until a physician clears",
    ),
    Rule(
        "NOTIFY-BLEED",
        "shared/DESIGN.md: alert the hematologist and therapist",
        "plan.notify.bleed",
        "Joint bleed reported in {joint} at {onset}: review prophylaxis and the plan",
    ),
    Rule(
        "NOTIFY-PSOAS",
        f"{S6} red flags",
        "plan.notify.psoas",
        "Iliopsoas bleed reported at {onset}: urgent review, lower-limb exercise blocked",
    ),
    Rule(
        "PHASE-ADVANCE",
        f"{S6} return to activity: criteria, not days [K/U]",
        "plan.phase.advance",
        "Phase {previous} -> {phase}: {criteria} met",
    ),
    Rule(
        "PHASE-HOLD",
        f"{S6} return to activity [K/U]",
        "plan.phase.hold",
        "Stays in phase {phase}: not met: {unmet}",
    ),
    Rule(
        "PHASE-RESTART",
        f"{S6}: a new bleed restarts the return path",
        "plan.phase.restart",
        "New bleed: back to phase 1",
    ),
    Rule(
        "PHASE-CLEARED",
        f"{S6} return to activity [K/U]",
        "plan.phase.cleared",
        "Phase 4 criteria met: the joint returns to the full plan",
    ),
)

RULES: Mapping[str, Rule] = MappingProxyType({rule.id: rule for rule in _RULES})
