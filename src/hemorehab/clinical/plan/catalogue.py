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
        "SEL-RECOVERY",
        f"{S6} and 6a: the work of the site's return phase [V/K]; categories are a setting",
        "plan.select.recovery",
        "{exercise} ({category}) chosen for {site} in phase {phase} of its return",
    ),
    Rule(
        "SEL-GENERAL",
        f"{S6}: swimming, cycling and walking are low-risk activities [V]",
        "plan.select.general",
        "{exercise} ({category}) chosen for the general activity program",
    ),
    Rule(
        "NO-INDICATION",
        f"{SEED} s2.1-2.4: the program treats joint problems found on assessment",
        "plan.no_indication",
        "No joint problem in the latest HJHS and ultrasound and no bleed to recover from: no "
        "indication for individual rehabilitation; a general activity program is suggested",
    ),
    Rule(
        "NOT-ASSESSED",
        f"{SEED} s2.3-2.4: the plan is drawn from the baseline assessment (HJHS 2.1, ultrasound)",
        "plan.not_assessed",
        "No HJHS and no ultrasound were given: the joints are not assessed, so no plan can be "
        "drafted; assess the child first",
    ),
    Rule(
        "SEL-NONE",
        "engine: no safe exercise left for a problem",
        "plan.select.none",
        "No eligible exercise for {problem}: therapist to decide",
    ),
    # contraindications: one rule per (site, mode) guard, guards.py
    Rule(
        "CI-BLEED-PHASE",
        f"{S6} and 6a: return after a joint or muscle bleed by criteria, isometrics and "
        "pain-free range before loading [V/K]; phases are a setting",
        "plan.contra.bleed_phase",
        "{exercise} ({modes}) loads {site}: in phase {phase} of 4 of the return after the "
        "bleed in {bled_site} the allowed modes are: {allowed}",
    ),
    Rule(
        "CI-PSOAS",
        f"{S6}a: iliopsoas bleed, no loading of that leg until a physician clears it [K]",
        "plan.contra.psoas_bleed",
        "{exercise} ({modes}) loads {site}: the {side} leg is not loaded until a physician "
        "clears the bleed in {bled_site}",
    ),
    Rule(
        "CI-LIMB-WEIGHT",
        f"{S6} acute phase and 6a: no weight-bearing on a leg with a joint or muscle bleed, "
        "crutches [V/K]",
        "plan.contra.limb_weight",
        "{exercise} ({modes}) puts weight through {site} while {bled_site} is in phase {phase} "
        "after a bleed: no weight on that leg",
    ),
    Rule(
        "CI-HEMARTHROSIS",
        f"{S6}: do not load a joint that still contains blood [V]; 6a",
        "plan.contra.hemarthrosis",
        "{exercise} ({modes}) loads {site}, which holds blood or effusion on ultrasound "
        "({item} = {value})",
    ),
    Rule(
        "CI-SYNOVITIS",
        f"{S6}: proprioceptive, closed-chain, impact or resisted work may provoke bleeding in "
        "synovitis [V/K]; 6a",
        "plan.contra.active_synovitis",
        "{exercise} ({modes}) loads {site} with active synovitis ({item} = {value} >= {threshold})",
    ),
    Rule(
        "CI-SWELLING",
        f"{S6} engine suggestion: block loading while HJHS swelling >= 1 [K]; 6a",
        "plan.contra.joint_swelling",
        "{exercise} ({modes}) loads {site} with HJHS swelling {value} >= {threshold}",
    ),
    Rule(
        "CI-STRENGTH",
        f"{S6}a: resistance only against a muscle that completes its range against gravity "
        "[K: manual muscle testing]",
        "plan.contra.strength",
        "{exercise} ({modes}) resists {site}, whose muscles do not complete their range "
        "against gravity ({source} strength {value}; needs HJHS strength <= {hjhs_max} or a "
        "manual muscle test >= {mmt_min})",
    ),
    Rule(
        "CI-NOT-ASSESSED",
        "instruments.md s1: NE is never 0 [V]; guarded as if present (our reading)",
        "plan.contra.not_assessed",
        "{exercise} ({modes}) loads {site}, whose HJHS {item} was not evaluable (NE): not "
        "ruled out, so guarded as if present",
    ),
    Rule(
        "CI-PAIN",
        f"{S6}a: HJHS joint pain 2 keeps the joint at pain-free isometrics and range [K]",
        "plan.contra.pain",
        "{exercise} ({modes}) loads {site} with HJHS joint pain {value}: pain-free "
        "isometrics and range only",
    ),
    Rule(
        "CI-HARD-END-FEEL",
        f"{S6}: no passive forcing of joints with a hard end-feel [V/K]",
        "plan.contra.hard_end_feel",
        "{exercise} ({modes}) takes {site} toward a hard end-feel in {direction}",
    ),
    Rule(
        "CI-END-FEEL-MISSING",
        f"{S6}a: forced stretch and traction need a recorded soft or firm end-feel when ROM "
        "loss >= 2, ultrasound bone damage >= 1 or crepitus 2 [K]; a towel, strap, hand or "
        "parent helping toward the end of the range counts as forcing (our reading of s6)",
        "plan.contra.end_feel_missing",
        "{exercise} ({modes}) on {site} needs a recorded soft or firm end-feel in {direction} "
        "({item} = {value})",
    ),
    Rule(
        "CI-TARGET-JOINT",
        f"{S6} red flags: extra care with target joints [V/K]; our reading: no impact work",
        "plan.contra.target_joint",
        "{exercise} ({modes}) on {site}, a target joint: no impact work",
    ),
    Rule(
        "CI-MIN-AGE",
        "exercise library minimum age",
        "plan.contra.min_age",
        "{exercise} needs age >= {min_age}; the child is {age}",
    ),
    Rule(
        "CAUTION-PSOAS-PRONE",
        f"{S6}a: prone lying is an iliopsoas stretch position; re-bleeds are common [K]",
        "plan.caution.psoas_prone",
        "{exercise} stretches {site}, which bled: go gently and stop at any groin pain",
    ),
    # restrictions
    Rule(
        "REST-PHASE",
        f"{S6} and 6a: graded return by criteria, not days [K/U]",
        "plan.restriction.phase",
        "{site}: phase {phase} of 4 of the return after the bleed in {bled_site}",
    ),
    Rule(
        "REST-BLOOD",
        f"{S6}: do not load a joint that still contains blood [V]; 6a: blood in a joint on "
        "ultrasound is treated as a bleed [K]",
        "plan.restriction.blood",
        "{site}: blood or fluid in the joint on ultrasound ({item} = {value}): treated as a "
        "bleed, phase {phase} of 4, until a scan or the clinician says it is gone",
    ),
    Rule(
        "REST-PSOAS-WAIT",
        f"{S6}a: iliopsoas bleed, physician clearance first [K]",
        "plan.restriction.psoas_wait",
        "{site}: the {side} leg is not loaded until a physician clears the bleed in {bled_site}",
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
        "Home intensity {percent}% of the hospital level (start {start}%, maximum {maximum}%): "
        "the repetitions (sets x repetitions) and minutes of activity are that share of the "
        "hospital dose, at least {min_reps} repetitions a set and {min_minutes} minutes; holds, "
        "bands and weights stay as in hospital; rest, cold, posture, warm-up and cool-down "
        "are not scaled",
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
        "SESSION-UNFILLED",
        "engine: no safe exercise fills the time",
        "plan.session.unfilled",
        "{minutes} of the {total} minutes are not filled by a safe exercise: time for review, "
        "guidance and rest",
    ),
    Rule(
        "SEL-COLD-ONCE",
        f"{S6}: cold 10-15 minutes per application, never more [V]; one application a "
        "session (our reading)",
        "plan.select.cold_once",
        "{exercise} not placed: one cold application a session ({first} is planned); cool "
        "{site} during that same application if the team asks",
    ),
    Rule(
        "SEL-CAPACITY-TIME",
        "engine: time-dosed items keep their own dose",
        "plan.select.capacity_time",
        "{exercise} not placed: its {minutes} minutes do not fit in the {left} minutes left",
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
        "DEV-CRUTCHES-PARTIAL",
        f"{S6} progression: progressive weight-bearing and gait re-training [V/K]",
        "plan.device.crutches_partial",
        "Crutches for partial weight-bearing, as the therapist advises, for {reason}",
    ),
    Rule(
        "DEV-WHEELCHAIR",
        f"{S6} acute phase: no weight-bearing on a bled leg [V]; crutches need one leg to stand on",
        "plan.device.wheelchair",
        "Wheelchair: neither leg may bear weight ({reason}); crutches need one leg to stand on",
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
        f"{SEED} s2.4: home intensity starts at 25% of the hospital level",
        "plan.progress.start",
        "Week {week}: home {percent}% of the hospital level; hospital level step {level_step}",
    ),
    Rule(
        "PROG-RISE",
        f"{SEED} s2.4 and shared/DESIGN.md safety rules; step and adherence are settings",
        "plan.progress.rise",
        "Week {week}: home {previous}% -> {percent}% (pain-free, bleed-free, {done}/{planned} "
        "home sessions)",
    ),
    Rule(
        "PROG-AT-MAX",
        f"{SEED} s2.4: at most 75%",
        "plan.progress.at_max",
        "Week {week}: home stays at the maximum {percent}%",
    ),
    Rule(
        "PROG-BACK-BLEED",
        "shared/DESIGN.md and seed s2.4: intensity rises only while bleed-free; a bleed steps back",
        "plan.progress.back_bleed",
        "Week {week}: home {previous}% -> {percent}% and hospital level step {level_step} "
        "after a bleed (never below {start}%)",
    ),
    Rule(
        "PROG-BACK-NOW",
        "shared/DESIGN.md and seed s2.4: intensity rises only while pain-free and bleed-free; "
        "a bleed or pain this week steps the program back at once",
        "plan.progress.back_now",
        "Week {week}: {cause} this week: home {previous}% -> {percent}% and hospital level "
        "step {level_step} now (never below {start}%)",
    ),
    Rule(
        "PROG-HOLD-ADHERENCE",
        "setting: minimum home sessions done to progress",
        "plan.progress.hold_adherence",
        "Week {week}: home held at {percent}%; {done}/{planned} home sessions < {needed}",
    ),
    Rule(
        "PROG-BACK-PAIN",
        f"{SEED} s2.4 pain-free principle; shared/DESIGN.md",
        "plan.progress.back_pain",
        "Week {week}: home {previous}% -> {percent}% and hospital level step {level_step} "
        "after pain during exercise (never below {start}%)",
    ),
    Rule(
        "PROG-LEVEL-UP",
        "exercise library rule: the next level after two pain-free weeks; a setting",
        "plan.progress.level_up",
        "Week {week}: hospital level step {previous_step} -> {level_step} after {weeks} clean "
        "weeks in a row",
    ),
    # safety
    Rule(
        "SAFE-INFUSION-DAY",
        f"{SEED} s2.4.1: rehabilitation on prophylaxis days [V]",
        "plan.safety.infusion_day",
        "{kind} session on {weekday} is not an infusion day ({infusion_days})",
    ),
    Rule(
        "SAFE-FACTOR-LEVEL",
        "instruments.md s5 practical rule [K]; the threshold is a center setting",
        "plan.safety.factor_level",
        "{kind} session on {weekday} at {time}: estimated factor level {level} IU/dL is below "
        "the center threshold {threshold} IU/dL ({dose} IU/kg, half-life {half_life} h, "
        "recovery {recovery})",
    ),
    Rule(
        "PROPH-MISSING",
        f"{SEED} s2.4.1: sessions on prophylaxis days; instruments.md s5",
        "plan.prophylaxis.missing",
        "No prophylaxis regimen was given: sessions cannot be placed on infusion days or "
        "checked against the factor level",
    ),
    Rule(
        "PROPH-NO-DAYS",
        f"{SEED} s2.4.1: sessions on prophylaxis days; instruments.md s5",
        "plan.prophylaxis.no_days",
        "The regimen ({per_week} infusion(s) a week) names no weekdays: sessions cannot be "
        "placed on infusion days or checked against the factor level; add the days",
    ),
    Rule(
        "PROPH-ON-DEMAND",
        f"{SEED} s2.2: prophylaxis during the program; instruments.md s5 and s6 red flags",
        "plan.prophylaxis.on_demand",
        "No prophylaxis (on demand): no session is covered by factor and none can be "
        "level-checked; the hematologist decides the cover before any loading work",
    ),
    Rule(
        "PSOAS-CLEARANCE-DUE",
        f"{S6}a: an iliopsoas bleed stays blocked until a physician clears it [K]",
        "plan.warning.psoas_clearance",
        "The bleed in {site} ({days} days ago) has no physician's clearance: the {side} leg "
        "stays blocked whatever its age; ask the physician to review it",
    ),
    Rule(
        "BLOOD-IN-JOINT",
        f"{S6}: give factor, rest, cold, no weight on a bled leg [V]; 6a [K]; shared/DESIGN.md: "
        "a joint bleed alerts the hematologist and the therapist",
        "plan.warning.blood_in_joint",
        "{site} holds blood or fluid on ultrasound ({item} = {value}): treated as a bleed; "
        "tell the hematologist (factor cover)",
    ),
    Rule(
        "PROPH-FREQUENCY",
        f"{SEED} s2.2: hemophilia A three infusions a week, B two, during the program",
        "plan.prophylaxis.frequency",
        "{per_week} infusion(s) a week; the program protocol gives hemophilia {type} "
        "{protocol} a week",
    ),
    Rule(
        "PROPH-DOSE-ASSUMED",
        f"{SEED} s2.2: 20-25 IU/kg; the lower end is assumed when no dose is given",
        "plan.prophylaxis.dose_assumed",
        "No dose was given: levels are estimated for {dose} IU/kg, the protocol's lowest dose",
    ),
    Rule(
        "TARGET-JOINT",
        "ISTH target joint (instruments.md s4) [V/K]; s6 red flags: extra care [V/K]",
        "plan.warning.target_joint",
        "{site} is a target joint (3 or more spontaneous bleeds in 6 months): no impact work; "
        "review prophylaxis",
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
