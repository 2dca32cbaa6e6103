from hemorehab.audit.context import Actor, acting_as


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def actor_for_request(request, user=None) -> Actor:
    user = user if user is not None else getattr(request, "user", None)
    authenticated = bool(user and user.is_authenticated)
    return Actor(
        user_id=user.pk if authenticated else None,
        label=user.get_username() if authenticated else "anonymous",
        method=request.method,
        path=request.get_full_path()[:500],
        ip=client_ip(request),
    )


class AuditContextMiddleware:
    """Every write during a web request is attributed to its user and request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with acting_as(actor_for_request(request)):
            return self.get_response(request)
