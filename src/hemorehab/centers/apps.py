from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CentersConfig(AppConfig):
    """A center's administration: its accounts and links to children, its settings. No models."""

    name = "hemorehab.centers"
    verbose_name = _("Center administration")
