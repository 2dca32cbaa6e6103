from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RehabConfig(AppConfig):
    name = "hemorehab.rehab"
    verbose_name = _("Rehabilitation program")
