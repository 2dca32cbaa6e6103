"""The events of the assessments app that a higher app answers.

`bleed_recorded` is sent inside the transaction that stores a new bleed, or moves a stored
bleed to another site, by the web form and the API alike (`bleed=` the bleed). `scan_recorded`
is sent inside the transaction that stores or corrects an ultrasound examination (`exam=`):
blood or fluid in a joint is treated as a bleed for loading (instruments.md s6a). The
rehabilitation app answers both (rehab.bleed_response: the site starts its graded return, the
care team is told), connected in rehab's AppConfig.ready; assessments never imports rehab.
"""

from __future__ import annotations

from django.dispatch import Signal

bleed_recorded = Signal()
scan_recorded = Signal()


def bleed_saved(bleed, before) -> None:
    """Announce a new bleed, or one corrected to another site (`before`: the bleed as it was)."""
    if before is None or (before.site_kind, before.site) != (bleed.site_kind, bleed.site):
        bleed_recorded.send(sender=type(bleed), bleed=bleed)


def scan_saved(exam, before) -> None:
    """Announce a stored or corrected ultrasound examination (`before` is not needed: the
    answer reads the child's latest scan)."""
    scan_recorded.send(sender=type(exam), exam=exam)
