import datetime

from ninja import Schema
from pydantic import ConfigDict, Field


class StrictIn(Schema):
    """A request body: a field the API does not know is refused (422 naming it), as the forms
    refuse what they do not know, instead of being silently dropped."""

    model_config = ConfigDict(extra="forbid")


class TokenIn(StrictIn):
    username: str = Field(min_length=1, max_length=150)
    password: str = Field(min_length=1, max_length=1024)


class TokenOut(Schema):
    token: str
    expires_at: datetime.datetime
    token_type: str = "bearer"  # noqa: S105 (the scheme name, not a secret)


class ContactOut(Schema):
    name: str
    relationship: str
    phone: str
    email: str


class IdentityOut(Schema):
    family_name: str
    given_name: str
    hospital_number: str
    date_of_birth: datetime.date
    contacts: list[ContactOut]


class PatientOut(Schema):
    id: int
    study_id: str
    center: str
    sex: str
    hemophilia_type: str
    baseline_factor_activity_iu_dl: float
    severity: str
    prior_regimen: str
    age_months: int | None
    enrolled_on: datetime.date | None
    identity: IdentityOut | None = Field(
        description="Direct identifiers; null for callers who may not see them (researchers)."
    )


class PatientPage(Schema):
    count: int
    limit: int
    offset: int
    results: list[PatientOut]


class ErrorOut(Schema):
    detail: str
    errors: list[dict] = []


class TokenInfo(Schema):
    id: int
    created_at: datetime.datetime
    expires_at: datetime.datetime
    last_used_at: datetime.datetime | None
    current: bool = Field(description="the token this request was sent with")


def answers(ok: dict, *extra: int) -> dict:
    """The responses an operation documents: its success, and every refusal it can give (400
    an unreadable body, 401 no valid token, 403 not allowed, 404 not visible, 422 invalid input
    with the field named), plus `extra` ones such as 409."""
    refusals = dict.fromkeys((400, 401, 403, 404, 422, *extra), ErrorOut)
    return {**refusals, **ok}
