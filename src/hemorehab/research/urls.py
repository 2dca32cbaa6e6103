from django.urls import path

from hemorehab.research import views

app_name = "research"

urlpatterns = [
    path("research/report/", views.report_page, name="report"),
    path("research/export/", views.export_file, name="export"),
]
