from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UiConfig(AppConfig):
    """The shared web kit: base templates, form bases, saving, charts, template tags."""

    name = "hemorehab.ui"
    verbose_name = _("Web kit")
