"""The people every view and endpoint is checked against, built once per test class."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from hemorehab.accounts.models import Center, Membership, User
from hemorehab.patients.models import GuardianContact, Guardianship, Patient, PatientIdentity

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
