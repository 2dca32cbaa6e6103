from django.urls import path

from hemorehab.patients.records import record_view
from hemorehab.rehab import records, views

app_name = "rehab"

urlpatterns = [
    path("patients/<int:patient_id>/program/", views.program, name="program"),
    path("patients/<int:patient_id>/program/draft/", views.plan_draft, name="plan_draft"),
    path("patients/<int:patient_id>/program/plans/<int:plan_id>/", views.plan_detail, name="plan"),
    path(
        "patients/<int:patient_id>/program/plans/<int:plan_id>/edit/",
        views.plan_edit,
        name="plan_edit",
    ),
    path(
        "patients/<int:patient_id>/program/plans/<int:plan_id>/approve/",
        views.plan_approve,
        name="plan_approve",
    ),
    path(
        "patients/<int:patient_id>/program/<str:kind>/new/",
        record_view(records.KINDS),
        name="record_new",
    ),
    path(
        "patients/<int:patient_id>/program/restrictions/<int:restriction_id>/",
        views.restriction_review,
        name="restriction_review",
    ),
    path(
        "notifications/<int:notification_id>/read/",
        views.notification_read,
        name="notification_read",
    ),
]
