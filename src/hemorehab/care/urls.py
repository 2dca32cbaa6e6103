from django.urls import path

from hemorehab.care import records, views
from hemorehab.patients.records import record_view

app_name = "care"
record = record_view(records.KINDS)

urlpatterns = [
    path("patients/<int:patient_id>/prophylaxis/", views.prophylaxis, name="prophylaxis"),
    path("patients/<int:patient_id>/prophylaxis/new/", views.regimen_new, name="regimen_new"),
    path(
        "patients/<int:patient_id>/prophylaxis/infusion/",
        record,
        {"kind": "infusion"},
        name="infusion_new",
    ),
    path("patients/<int:patient_id>/prophylaxis/pk/", record, {"kind": "pk"}, name="pk_new"),
    path("centers/<int:center_id>/products/", views.products, name="products"),
    path("centers/<int:center_id>/products/new/", views.product_edit, name="product_new"),
    path(
        "centers/<int:center_id>/products/<int:product_id>/",
        views.product_edit,
        name="product_edit",
    ),
]
