"""Deny by default: a view that does not declare its access rule is closed to everyone."""

from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseForbidden
from django.shortcuts import redirect

RULE_ATTRIBUTE = "hemorehab_access"


def public(view):
    """Open to anyone, logged in or not (the login page, static health checks)."""
    setattr(view, RULE_ATTRIBUTE, "public")
    return view


def logged_in(view):
    """Open to any logged-in user; the view itself asks the policy about each object."""
    setattr(view, RULE_ATTRIBUTE, "logged_in")
    return view


def api(view):
    """The JSON API authenticates with bearer tokens and answers 401 itself."""
    setattr(view, RULE_ATTRIBUTE, "api")
    return view


PASSWORD_CHANGE_OPEN = ("accounts:password_change", "accounts:logout", "accounts:set_language")


class DenyByDefaultMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        rule = getattr(view_func, RULE_ATTRIBUTE, None)
        if rule in ("public", "api"):
            return None
        if rule is None:
            return HttpResponseForbidden("This page declares no access rule and is closed.")
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if request.user.must_change_password and (
            request.resolver_match.view_name not in PASSWORD_CHANGE_OPEN
        ):
            return redirect("accounts:password_change")
        return None


class NoStoreMiddleware:
    """Pages and API answers carry patient data: no browser or proxy keeps a copy
    (`Cache-Control: no-store`). Static files are answered before this, by WhiteNoise."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response["Cache-Control"] = "no-store"
        response["Pragma"] = "no-cache"
        return response
