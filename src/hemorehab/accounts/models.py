import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hemorehab.accounts.roles import CENTER_ROLES, Role
from hemorehab.audit.trail import AuditedModel
from hemorehab.clinical.plan.settings import DEFAULT_SESSION_LEVEL_THRESHOLD


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("%(value)s is not a time zone; use a name such as Asia/Shanghai."),
            params={"value": value},
        )


class Center(AuditedModel):
    """A hospital (hemophilia treatment center) with its own time zone and study ID prefix."""

    code = models.CharField(
        _("code"),
        max_length=8,
        unique=True,
        validators=[RegexValidator(r"^[A-Z][A-Z0-9]{1,7}$", _("2-8 capital letters or digits."))],
        help_text=_("Prefix of the study IDs of this center's children, e.g. NJCH."),
    )
    name = models.CharField(pgettext_lazy("center", "name"), max_length=200)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Asia/Shanghai", validators=[validate_time_zone]
    )
    plan_settings = models.JSONField(
        _("rehabilitation plan settings"),
        default=dict,
        blank=True,
        help_text=_("The center's choices for the plan engine; empty means the seed protocol."),
    )
    session_level_threshold = models.DecimalField(
        _("lowest estimated factor level for a session (IU/dL)"),
        max_digits=5,
        decimal_places=1,
        default=DEFAULT_SESSION_LEVEL_THRESHOLD,
        help_text=_(
            "A center setting, not a guideline value: sessions planned when the estimated "
            "level is below it are flagged."
        ),
    )

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def today(self):
        return timezone.localdate(timezone=zoneinfo.ZoneInfo(self.time_zone))


class User(AbstractUser):
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    failed_logins = models.PositiveIntegerField(default=0, editable=False)
    must_change_password = models.BooleanField(default=False, editable=False)
    locked_until = models.DateTimeField(null=True, blank=True, editable=False)

    def is_locked(self) -> bool:
        return self.locked_until is not None and self.locked_until > timezone.now()


class Membership(AuditedModel):
    """One role of one user in one center."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="memberships")
    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(
        _("role"), max_length=32, choices=[(r.value, r.label) for r in Role if r in CENTER_ROLES]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "center", "role"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.role} @ {self.center.code}"


class LoginEvent(models.Model):
    """Every login attempt, lock and unlock, kept for security review."""

    class Kind(models.TextChoices):
        SUCCESS = "success", _("logged in")
        FAILURE = "failure", _("wrong password")
        LOCKED = "locked", _("account locked")
        REFUSED_LOCKED = "refused_locked", _("refused: account locked")
        THROTTLED = "throttled", _("refused: too many failures from this address")
        UNLOCKED = "unlocked", _("unlocked")
        TOKEN = "token", _("API token issued")
        TOKEN_REVOKED = "token_revoked", _("API token revoked")
        PASSWORD_RESET = "password_reset", _("password reset")
        PASSWORD_CHANGED = "password_changed", _("password changed")

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    username = models.CharField(max_length=150)
    user = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    ip = models.CharField(max_length=45, blank=True)
    by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.kind}"


class ApiToken(models.Model):
    """A bearer token for the JSON API; only its SHA-256 is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"token of {self.user} until {self.expires_at:%Y-%m-%d %H:%M}"

    def is_valid(self) -> bool:
        return self.expires_at > timezone.now() and self.user.is_active


class IdempotencyKey(models.Model):
    """The first answer to a request sent with an idempotency key, to give again to a retry,
    a double tap or an offline replay (accounts.idempotency). Kept for a day."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=100)
    scope = models.CharField(max_length=520, help_text="method and path of the first request")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    status = models.PositiveSmallIntegerField(null=True, help_text="null while in progress")
    content_type = models.CharField(max_length=100, blank=True)
    location = models.CharField(max_length=500, blank=True)
    body = models.BinaryField(default=b"")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key", "scope"], name="idempotency_key_unique")
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.key} -> {self.status}"
