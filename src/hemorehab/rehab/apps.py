from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RehabConfig(AppConfig):
    name = "hemorehab.rehab"
    verbose_name = _("Rehabilitation program")

    def ready(self) -> None:
        from hemorehab.assessments.signals import bleed_recorded, scan_recorded
        from hemorehab.rehab.bleed_response import bleed_recorded_received, scan_recorded_received

        # A bleed recorded in assessments restricts its site and tells the team, in the same
        # transaction (assessments.signals explains why this is the one signal).
        bleed_recorded.connect(bleed_recorded_received, dispatch_uid="rehab.bleed_response")
        scan_recorded.connect(scan_recorded_received, dispatch_uid="rehab.scan_response")
