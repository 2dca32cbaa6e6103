from ninja.security import HttpBearer

from hemorehab.accounts.login import user_for_token
from hemorehab.audit.context import attribute_request_to
from hemorehab.audit.middleware import actor_for_request


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>` from POST /api/v1/auth/token."""

    def authenticate(self, request, token):
        user = user_for_token(token)
        if user is None:
            return None
        request.user = user
        attribute_request_to(actor_for_request(request, user))
        return user
