"""The one event of the assessments app that a higher app answers.

`bleed_recorded` is sent inside the transaction that stores a new bleed, or moves a stored
bleed to another site, by the web form and the API alike (`bleed=` the bleed). The
rehabilitation app answers it (rehab.bleed_response: the site starts its graded return, the
care team is told), connected in rehab's AppConfig.ready; assessments never imports rehab.
"""

from __future__ import annotations

from django.dispatch import Signal

bleed_recorded = Signal()


def bleed_saved(bleed, before) -> None:
    """Announce a new bleed, or one corrected to another site (`before`: the bleed as it was)."""
    if before is None or (before.site_kind, before.site) != (bleed.site_kind, bleed.site):
        bleed_recorded.send(sender=type(bleed), bleed=bleed)
