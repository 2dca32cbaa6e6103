"""The JSON API: bearer tokens, validation messages that name the field, the OpenAPI schema."""

from django.test import Client

from tests.personas import PASSWORD


def test_token_then_read(personas):
    client = Client()
    response = client.post(
        "/api/v1/auth/token",
        {"username": "therapist_a", "password": PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 200
    token = response.json()["token"]
    listing = client.get("/api/v1/patients", headers={"Authorization": f"Bearer {token}"})
    assert listing.status_code == 200
    assert listing.json()["results"][0]["identity"]["family_name"] == "Wang"


def test_wrong_password_gives_401_and_no_token(personas):
    response = Client().post(
        "/api/v1/auth/token",
        {"username": "therapist_a", "password": "nope"},
        content_type="application/json",
    )
    assert response.status_code == 401
    assert "token" not in response.json()


def test_bad_input_names_the_field(personas):
    response = Client().post(
        "/api/v1/auth/token", {"username": "therapist_a"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert "password" in response.json()["detail"]
    headers = {"Authorization": "Bearer nothing"}
    assert Client().get("/api/v1/patients?limit=0", headers=headers).status_code == 401


def test_out_of_range_paging_is_refused_with_the_field(personas, django_user_model):
    from hemorehab.accounts.login import issue_token

    token, _ = issue_token(personas.therapist_a)
    response = Client().get(
        "/api/v1/patients?limit=100000", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 422
    assert "limit" in response.json()["detail"]


def test_openapi_schema_lists_the_endpoints(db):
    schema = Client().get("/api/v1/openapi.json").json()
    assert {"/api/v1/auth/token", "/api/v1/patients", "/api/v1/patients/{patient_id}"} <= set(
        schema["paths"]
    )
