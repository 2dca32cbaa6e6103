"""Who may do what, as tables: each action, kind of free text and notification names its
roles one by one. Nothing is granted by subtraction or by a role's family: a role added to
clinical.roles gets nothing until it is written here.

Every action, text and event missing from its table is allowed to nobody.
"""

from __future__ import annotations

from hemorehab.clinical.roles import (
    CENTER_ADMIN,
    GUARDIAN,
    HEMATOLOGIST,
    NURSE,
    PATIENT,
    REHAB_PHYSICIAN,
    RESEARCHER,
    THERAPIST,
    ULTRASOUND_PHYSICIAN,
)


def roles(*names: str) -> frozenset[str]:
    return frozenset(names)


CARE_TEAM = roles(HEMATOLOGIST, REHAB_PHYSICIAN, THERAPIST, ULTRASOUND_PHYSICIAN, NURSE)
"""The care team: the clinical roles (policy.clinician). A table below names them one by one."""

# action -> the roles that may perform it.
PERMISSIONS: dict[str, frozenset[str]] = {
    # Researchers see a child in lists, the API and the report, pseudonymous and with shifted
    # dates; the record's own pages (free text, exact dates) are the care team's and family's.
    "patient.view": roles(
        HEMATOLOGIST,
        REHAB_PHYSICIAN,
        THERAPIST,
        ULTRASOUND_PHYSICIAN,
        NURSE,
        GUARDIAN,
        PATIENT,
        RESEARCHER,
    ),
    "patient.record": roles(
        HEMATOLOGIST, REHAB_PHYSICIAN, THERAPIST, ULTRASOUND_PHYSICIAN, NURSE, GUARDIAN, PATIENT
    ),
    "patient.identifiers": roles(
        HEMATOLOGIST, REHAB_PHYSICIAN, THERAPIST, ULTRASOUND_PHYSICIAN, NURSE, GUARDIAN, PATIENT
    ),
    "patient.create": roles(HEMATOLOGIST, REHAB_PHYSICIAN, NURSE),
    "patient.edit": roles(HEMATOLOGIST, REHAB_PHYSICIAN, NURSE),
    "patient.weight": roles(HEMATOLOGIST, REHAB_PHYSICIAN, THERAPIST, NURSE),
    "patient.inhibitor": roles(HEMATOLOGIST, NURSE),
    "patient.joints": roles(HEMATOLOGIST, REHAB_PHYSICIAN, THERAPIST),
    "screening.record": roles(HEMATOLOGIST, REHAB_PHYSICIAN),
    "enrollment.record": roles(HEMATOLOGIST, REHAB_PHYSICIAN),
    "screening.log": roles(
        HEMATOLOGIST, REHAB_PHYSICIAN, THERAPIST, ULTRASOUND_PHYSICIAN, NURSE, RESEARCHER
    ),
    # The trail holds every version of every record, drafts included: the care team only.
    "audit.view": roles(HEMATOLOGIST, REHAB_PHYSICIAN, THERAPIST, ULTRASOUND_PHYSICIAN, NURSE),
    "users.manage": roles(CENTER_ADMIN),
    # Linking a family account to a child gives it the child's identifiers: a clinical act.
    "family.link": roles(HEMATOLOGIST, REHAB_PHYSICIAN, THERAPIST, ULTRASOUND_PHYSICIAN, NURSE),
    "center.settings": roles(CENTER_ADMIN, HEMATOLOGIST, REHAB_PHYSICIAN),
    # Assessments by who records them (an instrument names its kind in its declaration,
    # assessments.instruments): the physical examination (HJHS, physical measures), imaging
    # (HEAD-US, HEAD-US-C), questionnaires a nurse or the family fill in (CHO-KLAT).
    "assessment.examination": roles(THERAPIST, REHAB_PHYSICIAN),
    "assessment.imaging": roles(ULTRASOUND_PHYSICIAN),
    "assessment.questionnaire": roles(NURSE, GUARDIAN, PATIENT),
    "bleed.record": roles(HEMATOLOGIST, REHAB_PHYSICIAN, THERAPIST, NURSE, GUARDIAN, PATIENT),
    # Prophylaxis: every version and the PK estimates are the care team's; the family sees
    # the regimen in force, its chart and the infusion log.
    "prophylaxis.versions": roles(
        HEMATOLOGIST, REHAB_PHYSICIAN, THERAPIST, ULTRASOUND_PHYSICIAN, NURSE
    ),
    "prophylaxis.prescribe": roles(HEMATOLOGIST),
    "products.manage": roles(HEMATOLOGIST),
    "infusion.record": roles(HEMATOLOGIST, NURSE, GUARDIAN, PATIENT),
    # Plans: a draft reaches nobody but those who draft and approve; every version and the
    # rules behind the week's intensity are the care team's; the family follows the approved
    # version in plain words.
    "plan.draft": roles(THERAPIST, REHAB_PHYSICIAN),
    "plan.approve": roles(THERAPIST, REHAB_PHYSICIAN),
    "plan.versions": roles(HEMATOLOGIST, REHAB_PHYSICIAN, THERAPIST, ULTRASOUND_PHYSICIAN, NURSE),
    "plan.rules": roles(HEMATOLOGIST, REHAB_PHYSICIAN, THERAPIST, ULTRASOUND_PHYSICIAN, NURSE),
    "session.note": roles(THERAPIST, REHAB_PHYSICIAN),
    "home_session.record": roles(THERAPIST, GUARDIAN, PATIENT),
    "adverse_event.record": roles(HEMATOLOGIST, REHAB_PHYSICIAN, THERAPIST, NURSE),
    "restriction.review": roles(THERAPIST, REHAB_PHYSICIAN, HEMATOLOGIST),
    "restriction.clear_psoas": roles(REHAB_PHYSICIAN, HEMATOLOGIST),
    "research.report": roles(
        HEMATOLOGIST, REHAB_PHYSICIAN, THERAPIST, ULTRASOUND_PHYSICIAN, NURSE, RESEARCHER
    ),
    "research.export": roles(RESEARCHER, HEMATOLOGIST, REHAB_PHYSICIAN),
    "research.export_identified": roles(HEMATOLOGIST, REHAB_PHYSICIAN),
}

# kind of free text -> the roles that may read it (policy.privacy).
TEXT_READERS: dict[str, frozenset[str]] = {
    # what was done in the hospital session, the adjustments
    "session_note": roles(HEMATOLOGIST, REHAB_PHYSICIAN, THERAPIST, ULTRASOUND_PHYSICIAN, NURSE),
    # description and outcome of an adverse event
    "adverse_event": roles(HEMATOLOGIST, REHAB_PHYSICIAN, THERAPIST, ULTRASOUND_PHYSICIAN, NURSE),
    # notes and not-evaluable reasons of HJHS, ultrasound, ...
    "assessment_note": roles(HEMATOLOGIST, REHAB_PHYSICIAN, THERAPIST, ULTRASOUND_PHYSICIAN, NURSE),
    # the therapist's note on a plan version
    "plan_note": roles(HEMATOLOGIST, REHAB_PHYSICIAN, THERAPIST, ULTRASOUND_PHYSICIAN, NURSE),
    # the family's own diary of home sessions
    "home_diary": roles(
        HEMATOLOGIST, REHAB_PHYSICIAN, THERAPIST, ULTRASOUND_PHYSICIAN, NURSE, GUARDIAN, PATIENT
    ),
    # notes and treatment text of a bleed report
    "bleed_note": roles(
        HEMATOLOGIST, REHAB_PHYSICIAN, THERAPIST, ULTRASOUND_PHYSICIAN, NURSE, GUARDIAN, PATIENT
    ),
    # notes the family wrote on their questionnaire
    "family_report_note": roles(
        HEMATOLOGIST, REHAB_PHYSICIAN, THERAPIST, ULTRASOUND_PHYSICIAN, NURSE, GUARDIAN, PATIENT
    ),
    # batch and reason of an infusion
    "infusion_note": roles(
        HEMATOLOGIST, REHAB_PHYSICIAN, THERAPIST, ULTRASOUND_PHYSICIAN, NURSE, GUARDIAN, PATIENT
    ),
}

REAL_DATES = roles(
    HEMATOLOGIST, REHAB_PHYSICIAN, THERAPIST, ULTRASOUND_PHYSICIAN, NURSE, GUARDIAN, PATIENT
)
"""Who sees a child's exact dates; everyone else who may see the child gets shifted ones."""

# event -> the roles of the child's center told about it (rehab.notifications).
NOTIFY: dict[str, frozenset[str]] = {
    "joint_bleed": roles(HEMATOLOGIST, THERAPIST),
    "muscle_bleed": roles(HEMATOLOGIST, THERAPIST),
    "psoas_bleed": roles(HEMATOLOGIST, THERAPIST),
    "joint_blood": roles(HEMATOLOGIST, THERAPIST),
    "plan_to_approve": roles(THERAPIST, REHAB_PHYSICIAN),
    "adverse_event": roles(HEMATOLOGIST, THERAPIST, REHAB_PHYSICIAN),
}
