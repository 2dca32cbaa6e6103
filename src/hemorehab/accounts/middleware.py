import zoneinfo

from django.utils import timezone, translation


def home_time_zone(user) -> str | None:
    """The time zone of the user's center (their first one), or of their child's center."""
    membership = user.memberships.select_related("center").order_by("center__code").first()
    if membership is not None:
        return membership.center.time_zone
    link = user.guardianships.select_related("patient__center").first()
    if link is not None:
        return link.patient.center.time_zone
    own = getattr(user, "patient_record", None)
    return own.center.time_zone if own is not None else None


class UserLanguageMiddleware:
    """A logged-in user sees the site in the language they chose, on every device, and times
    in their center's time zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if user.language:
                translation.activate(user.language)
                request.LANGUAGE_CODE = translation.get_language()
            zone = home_time_zone(user)
            if zone:
                timezone.activate(zoneinfo.ZoneInfo(zone))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
