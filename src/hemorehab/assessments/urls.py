from django.urls import path

from hemorehab.assessments import records, views
from hemorehab.patients.records import record_view

app_name = "assessments"
record = record_view(records.KINDS)

urlpatterns = [
    path("patients/<int:patient_id>/assessments/", views.overview, name="overview"),
    path("patients/<int:patient_id>/assessments/<str:kind>/new/", record, name="new"),
    path("patients/<int:patient_id>/assessments/<str:kind>/<int:record_id>/", record, name="edit"),
    path(
        "patients/<int:patient_id>/assessments/<str:kind>/<int:record_id>/history/",
        views.record_history,
        name="history",
    ),
]
