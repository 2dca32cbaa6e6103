"""The people every view and endpoint is checked against, built once per test class."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from hemorehab.accounts.models import Center, Membership, User
from hemorehab.care.models import FactorProduct
from hemorehab.patients.models import (
    GuardianContact,
    Guardianship,
    Patient,
    PatientIdentity,
    Screening,
)

PASSWORD = "correct horse battery staple"
TODAY = datetime.date.today()


def make_user(username: str, center: Center | None = None, *roles: str) -> User:
    user = User.objects.create_user(username, password=PASSWORD)
    for role in roles:
        Membership.objects.create(user=user, center=center, role=role)
    return user


def make_child(center: Center, family: str, given: str, born: datetime.date, **fields) -> Patient:
    values = {
        "hemophilia_type": "A",
        "baseline_factor_activity": Decimal("0.5"),
        "prior_regimen": "prophylaxis",
        **fields,
    }
    child = Patient.register(center, **values)
    PatientIdentity.objects.create(
        patient=child,
        family_name=family,
        given_name=given,
        hospital_number=f"H-{family.upper()}-{given.upper()}",
        date_of_birth=born,
    )
    GuardianContact.objects.create(
        patient=child, name=f"{family} parent", relationship="mother", phone="+86 138 0000 0000"
    )
    return child


# Everyone the access tables try, by name: the care team of center A, a researcher and an
# administrator there, a therapist of center B, the families of A1 and B1, and nobody.
PERSONAS = (
    "anonymous",
    "therapist_a",
    "hematologist_a",
    "rehab_a",
    "ultrasound_a",
    "nurse_a",
    "researcher_a",
    "admin_a",
    "therapist_b",
    "guardian_a1",
    "guardian_b1",
    "patient_a1",
)
CLINIC_A = ("therapist_a", "hematologist_a", "rehab_a", "ultrasound_a", "nurse_a")
FAMILY_A1 = ("guardian_a1", "patient_a1")
A1_RECORD = (*CLINIC_A, *FAMILY_A1)
"""Who opens child A1's own pages (free text, exact dates): its care team and its family."""
A1_VISIBLE = (*A1_RECORD, "researcher_a")
"""Who sees child A1 at all: a researcher too, in lists, the API and the report."""


@dataclass
class Personas:
    center_a: Center
    center_b: Center
    a1: Patient
    a2: Patient
    b1: Patient
    users: dict[str, User]

    def __getattr__(self, name):
        users = self.__dict__.get("users", {})
        if name in users:
            return users[name]
        raise AttributeError(name)


def build() -> Personas:
    center_a = Center.objects.create(code="CTRA", name="Center A", time_zone="Asia/Shanghai")
    center_b = Center.objects.create(code="CTRB", name="Center B", time_zone="Europe/London")
    born = (
        TODAY.replace(year=TODAY.year - 8)
        if TODAY.month != 2 or TODAY.day != 29
        else (datetime.date(TODAY.year - 8, 2, 28))
    )
    a1 = make_child(center_a, "Wang", "Xiaoming", born)
    a2 = make_child(center_a, "Li", "Xiaohua", born)
    b1 = make_child(center_b, "Smith", "Tom", born)
    users = {
        "therapist_a": make_user("therapist_a", center_a, "therapist"),
        "hematologist_a": make_user("hematologist_a", center_a, "hematologist"),
        "rehab_a": make_user("rehab_a", center_a, "rehab_physician"),
        "ultrasound_a": make_user("ultrasound_a", center_a, "ultrasound_physician"),
        "nurse_a": make_user("nurse_a", center_a, "nurse"),
        "researcher_a": make_user("researcher_a", center_a, "researcher"),
        "admin_a": make_user("admin_a", center_a, "center_admin"),
        "therapist_b": make_user("therapist_b", center_b, "therapist"),
        "guardian_a1": make_user("guardian_a1"),
        "guardian_b1": make_user("guardian_b1"),
        "patient_a1": make_user("patient_a1"),
    }
    Guardianship.objects.create(user=users["guardian_a1"], patient=a1, relationship="mother")
    Guardianship.objects.create(user=users["guardian_b1"], patient=b1, relationship="father")
    a1.account = users["patient_a1"]
    a1.save()
    return Personas(center_a, center_b, a1, a2, b1, users)


# Direct identifiers of the children: a researcher must never receive any of them.
def identifiers(child: Patient) -> list[str]:
    identity = child.identity
    contact = child.contacts.first()
    return [
        identity.family_name,
        identity.given_name,
        identity.hospital_number,
        identity.date_of_birth.isoformat(),
        contact.name,
        contact.phone,
    ]


def eligible_screening(child: Patient, by: User, day: datetime.date, **answers) -> Screening:
    """A screening meeting every criterion of the protocol (change any with `answers`)."""
    values = {
        "hemophilia_confirmed": True,
        "inhibitor_negative": True,
        "prior_joint_bleed_confirmed": True,
        "confirming_imaging": "ultrasound",
        "joint_pain_or_restricted_motion": True,
        "able_to_follow_program": True,
        "active_bleeding_on_ultrasound": False,
        "last_bleed_on": day - datetime.timedelta(days=60),
        "significant_organ_disease": False,
        "other_serious_condition": False,
        **answers,
    }
    return Screening.objects.create(patient=child, screened_on=day, recorded_by=by, **values)


FVIII = {"factor": "VIII", "recovery": Decimal("2.0"), "half_life_h": Decimal("12")}
FIX = {"factor": "IX", "recovery": Decimal("1.0"), "half_life_h": Decimal("21")}


def factor_product(center: Center, name: str, kind: dict, vials=(250, 500, 1000)) -> FactorProduct:
    """A standard half-life concentrate in stock (FVIII or FIX above)."""
    return FactorProduct.objects.create(
        center=center, name=name, half_life_class="standard", vial_sizes=list(vials), **kind
    )
