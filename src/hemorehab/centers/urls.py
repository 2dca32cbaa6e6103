from django.urls import path

from hemorehab.centers import views

app_name = "centers"

urlpatterns = [
    path("centers/<int:center_id>/users/", views.center_users, name="users"),
    path("centers/<int:center_id>/users/new/", views.user_create, name="user_create"),
    path(
        "centers/<int:center_id>/users/<int:user_id>/reset-password/",
        views.user_reset_password,
        name="user_reset_password",
    ),
    path(
        "centers/<int:center_id>/users/<int:user_id>/revoke-tokens/",
        views.user_revoke_tokens,
        name="user_revoke_tokens",
    ),
    path(
        "centers/<int:center_id>/users/<int:user_id>/unlock/",
        views.user_unlock,
        name="user_unlock",
    ),
    path("centers/<int:center_id>/settings/", views.center_settings, name="settings"),
]
