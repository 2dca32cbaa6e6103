"""Your own account: logging in and out, the language, your password and your API tokens."""

from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hemorehab.accounts.forms import LanguageForm
from hemorehab.accounts.login import REFUSED, attempt_login, change_password, revoke_tokens
from hemorehab.accounts.models import ApiToken
from hemorehab.policy.middleware import logged_in, public
from hemorehab.ui.redirects import safe_next


@public
def login_view(request):
    error = None
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if request.method == "POST":
        username = request.POST.get("username", "").strip()
        result = attempt_login(request, username, request.POST.get("password", ""))
        if result.ok:
            login(request, result.user)
            safe = url_has_allowed_host_and_scheme(next_url, {request.get_host()})
            return redirect(next_url if safe and next_url else "patients:list")
        error = REFUSED
    return render(request, "accounts/login.html", {"error": error, "next": next_url})


@require_POST
@logged_in
def logout_view(request):
    logout(request)
    return redirect("accounts:login")


@require_POST
@public
def set_language(request):
    """Switch language: saved on the account when logged in, in a cookie otherwise."""
    language = request.POST.get("language", "")
    response = redirect(safe_next(request))
    if language not in dict(translation.trans_real.get_languages()):
        return response
    if request.user.is_authenticated:
        form = LanguageForm({"language": language}, instance=request.user)
        if form.is_valid():
            form.save()
    response.set_cookie("django_language", language, samesite="Lax")
    return response


@logged_in
def password_change(request):
    """Change one's own password; required after a reset by an administrator."""
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        change_password(request.user, form.cleaned_data["new_password1"])
        update_session_auth_hash(request, request.user)
        messages.success(request, _("Your password is changed."))
        return redirect("patients:list")
    return render(request, "accounts/password.html", {"form": form})


@logged_in
def profile(request):
    form = LanguageForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        translation.activate(form.instance.language)
        messages.success(request, _("Saved."))
        return redirect("accounts:profile")
    tokens = ApiToken.objects.filter(user=request.user).order_by("-created_at")
    return render(request, "accounts/profile.html", {"form": form, "tokens": tokens})


@require_POST
@logged_in
def token_revoke(request, token_id):
    """End one of your own API tokens (a lost phone, a finished script)."""
    if not revoke_tokens(request.user, request.user, token_id):
        raise Http404
    messages.success(request, _("The API token is revoked."))
    return redirect("accounts:profile")
