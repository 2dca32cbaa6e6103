from django.urls import include, path

from hemorehab.api.router import api
from hemorehab.assessments import views as assessments
from hemorehab.care import views as care
from hemorehab.policy.middleware import RULE_ATTRIBUTE
from hemorehab.rehab import views as rehab
from hemorehab.research import views as research
from hemorehab.web.views import auth, patients, screening, users


def _api_urls():
    """The API answers 401 itself; mark its views so the deny-by-default gate lets them through."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        setattr(pattern.callback, RULE_ATTRIBUTE, "api")
    return include((patterns, app_name), namespace=namespace)


urlpatterns = [
    path("", patients.home, name="home"),
    path("login/", auth.login_view, name="login"),
    path("logout/", auth.logout_view, name="logout"),
    path("language/", auth.set_language, name="set_language"),
    path("profile/", auth.profile, name="profile"),
    path("profile/password/", auth.password_change, name="password_change"),
    path("profile/tokens/<int:token_id>/revoke/", auth.token_revoke, name="token_revoke"),
    path("patients/new/", patients.patient_create, name="patient_create"),
    path("patients/<int:patient_id>/", patients.patient_detail, name="patient"),
    path("patients/<int:patient_id>/edit/", patients.patient_edit, name="patient_edit"),
    path("patients/<int:patient_id>/audit/", patients.patient_audit, name="patient_audit"),
    path(
        "patients/<int:patient_id>/family/<int:user_id>/reset-password/",
        patients.family_reset_password,
        name="family_reset_password",
    ),
    path(
        "patients/<int:patient_id>/family-links/<int:link_id>/",
        patients.family_link_decide,
        name="family_link_decide",
    ),
    path(
        "patients/<int:patient_id>/screening/new/",
        screening.screening_create,
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
    path(
        "patients/<int:patient_id>/records/<str:kind>/new/", patients.record_edit, name="record_new"
    ),
    path(
        "patients/<int:patient_id>/records/<str:kind>/<int:record_id>/",
        patients.record_edit,
        name="record_edit",
    ),
    path("patients/<int:patient_id>/assessments/", assessments.overview, name="assessments"),
    path(
        "patients/<int:patient_id>/assessments/<str:kind>/new/",
        assessments.entry,
        name="assessment_new",
    ),
    path(
        "patients/<int:patient_id>/assessments/<str:kind>/<int:record_id>/",
        assessments.entry,
        name="assessment_edit",
    ),
    path(
        "patients/<int:patient_id>/assessments/<str:kind>/<int:record_id>/history/",
        assessments.record_history,
        name="assessment_history",
    ),
    path("patients/<int:patient_id>/prophylaxis/", care.prophylaxis, name="prophylaxis"),
    path("patients/<int:patient_id>/prophylaxis/new/", care.regimen_new, name="regimen_new"),
    path(
        "patients/<int:patient_id>/prophylaxis/infusion/",
        care.infusion_new,
        name="infusion_new",
    ),
    path("patients/<int:patient_id>/prophylaxis/pk/", care.pk_new, name="pk_new"),
    path("centers/<int:center_id>/products/", care.products, name="products"),
    path("centers/<int:center_id>/products/new/", care.product_edit, name="product_new"),
    path(
        "centers/<int:center_id>/products/<int:product_id>/",
        care.product_edit,
        name="product_edit",
    ),
    path("patients/<int:patient_id>/program/", rehab.program, name="program"),
    path("patients/<int:patient_id>/program/draft/", rehab.plan_draft, name="plan_draft"),
    path("patients/<int:patient_id>/program/plans/<int:plan_id>/", rehab.plan_detail, name="plan"),
    path(
        "patients/<int:patient_id>/program/plans/<int:plan_id>/edit/",
        rehab.plan_edit,
        name="plan_edit",
    ),
    path(
        "patients/<int:patient_id>/program/plans/<int:plan_id>/approve/",
        rehab.plan_approve,
        name="plan_approve",
    ),
    path(
        "patients/<int:patient_id>/program/<str:kind>/new/",
        rehab.record_new,
        name="program_record",
    ),
    path(
        "patients/<int:patient_id>/program/restrictions/<int:restriction_id>/",
        rehab.restriction_review,
        name="restriction_review",
    ),
    path(
        "notifications/<int:notification_id>/read/",
        rehab.notification_read,
        name="notification_read",
    ),
    path("research/report/", research.report_page, name="research_report"),
    path("research/export/", research.export_file, name="research_export"),
    path("screening-log/", screening.screening_log, name="screening_log"),
    path("centers/<int:center_id>/users/", users.center_users, name="center_users"),
    path("centers/<int:center_id>/settings/", rehab.center_settings, name="center_settings"),
    path("centers/<int:center_id>/users/new/", users.user_create, name="user_create"),
    path(
        "centers/<int:center_id>/users/<int:user_id>/reset-password/",
        users.user_reset_password,
        name="user_reset_password",
    ),
    path(
        "centers/<int:center_id>/users/<int:user_id>/revoke-tokens/",
        users.user_revoke_tokens,
        name="user_revoke_tokens",
    ),
    path(
        "centers/<int:center_id>/users/<int:user_id>/unlock/",
        users.user_unlock,
        name="user_unlock",
    ),
    path("api/v1/", _api_urls()),
]
