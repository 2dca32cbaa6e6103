"""The roles people hold, as plain names: the one list the accounts app, the policy and the
command line share. A user may hold several; roles are never ordered.

Center roles are held through a membership of a center; `guardian` and `patient` come from a
link to one child (a guardianship, the child's own account).
"""

from __future__ import annotations

HEMATOLOGIST = "hematologist"
REHAB_PHYSICIAN = "rehab_physician"
THERAPIST = "therapist"
ULTRASOUND_PHYSICIAN = "ultrasound_physician"
NURSE = "nurse"
RESEARCHER = "researcher"
CENTER_ADMIN = "center_admin"
GUARDIAN = "guardian"
PATIENT = "patient"

ROLES: tuple[str, ...] = (
    HEMATOLOGIST,
    REHAB_PHYSICIAN,
    THERAPIST,
    ULTRASOUND_PHYSICIAN,
    NURSE,
    RESEARCHER,
    CENTER_ADMIN,
    GUARDIAN,
    PATIENT,
)
CLINICAL: frozenset[str] = frozenset(
    {HEMATOLOGIST, REHAB_PHYSICIAN, THERAPIST, ULTRASOUND_PHYSICIAN, NURSE}
)
"""The care team."""
FAMILY: frozenset[str] = frozenset({GUARDIAN, PATIENT})
CENTER: frozenset[str] = CLINICAL | {RESEARCHER, CENTER_ADMIN}
"""Roles held through a center membership, in the order of ROLES for listing."""
CENTER_ROLE_NAMES: tuple[str, ...] = tuple(role for role in ROLES if role in CENTER)
