from django.urls import path

from hemorehab.patients import records
from hemorehab.patients.views import children, family, screening

app_name = "patients"
record = records.record_view(records.KINDS)
screen = records.record_view({"screening": records.SCREENING})

urlpatterns = [
    path("", children.patient_list, name="list"),
    path("patients/new/", children.patient_create, name="create"),
    path("patients/<int:patient_id>/", children.patient_detail, name="detail"),
    path("patients/<int:patient_id>/edit/", children.patient_edit, name="edit"),
    path("patients/<int:patient_id>/audit/", children.patient_audit, name="audit"),
    path(
        "patients/<int:patient_id>/family/<int:user_id>/reset-password/",
        family.family_reset_password,
        name="family_reset_password",
    ),
    path(
        "patients/<int:patient_id>/family-links/<int:link_id>/",
        family.family_link_decide,
        name="family_link_decide",
    ),
    path("patients/<int:patient_id>/records/<str:kind>/new/", record, name="record_new"),
    path(
        "patients/<int:patient_id>/records/<str:kind>/<int:record_id>/",
        record,
        name="record_edit",
    ),
    path(
        "patients/<int:patient_id>/screening/new/",
        screen,
        {"kind": "screening"},
        name="screening_new",
    ),
    path(
        "patients/<int:patient_id>/screening/<int:screening_id>/",
        screening.screening_detail,
        name="screening",
    ),
    path(
        "patients/<int:patient_id>/screening/<int:screening_id>/enroll/",
        screening.enrollment_create,
        name="enroll",
    ),
    path("screening-log/", screening.screening_log, name="screening_log"),
]
