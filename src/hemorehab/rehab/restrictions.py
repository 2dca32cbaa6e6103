"""Reviewing a restricted joint or muscle: the therapist records what they observe, the engine
decides whether the site moves to the next phase (criteria, not days). An iliopsoas bleed
first waits for a physician's clearance; the clearance starts the graded return of the muscle
and its hip at phase 2 (instruments.md s6a: re-bleeds are common)."""

from __future__ import annotations

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from hemorehab.clinical import plan as engine
from hemorehab.clinical.plan.i18n import render
from hemorehab.clinical.plan.return_phases import PhaseObservation
from hemorehab.rehab.models import JointRestriction
from hemorehab.rehab.plans import plain

TRISTATE = [("", _("Not observed")), ("true", _("Yes")), ("false", _("No"))]


def _tristate(label):
    return forms.NullBooleanField(
        label=label, required=False, widget=forms.Select(choices=TRISTATE)
    )


class ReviewForm(forms.Form):
    pain_at_rest = forms.NullBooleanField(
        label=_("Pain at rest"), widget=forms.Select(choices=TRISTATE[1:])
    )
    pain_on_motion = _tristate(_("Pain on motion"))
    swelling = forms.IntegerField(
        label=_("Swelling now (0-3, HJHS grades; for a muscle, its girth)"),
        min_value=0,
        max_value=3,
        required=False,
    )
    baseline_swelling = forms.IntegerField(
        label=_("Swelling before the bleed (0-3)"), min_value=0, max_value=3, initial=0
    )
    rom_deg = forms.DecimalField(
        label=_("Arc of motion now (degrees)"), min_value=0, max_value=200, required=False
    )
    baseline_rom_deg = forms.DecimalField(
        label=_("Arc of motion before the bleed (degrees)"),
        min_value=0,
        max_value=200,
        required=False,
    )
    strength_at_baseline = _tristate(_("Strength back to baseline"))
    function_normal = _tristate(_("Normal gait or use of the limb"))
    physician_clears = forms.BooleanField(
        label=_("A physician clears the leg for a graded return (iliopsoas bleed)"),
        required=False,
    )

    def __init__(self, *args, restriction: JointRestriction, **kwargs):
        super().__init__(*args, **kwargs)
        self.restriction = restriction
        if not restriction.needs_physician_clearance:
            del self.fields["physician_clears"]

    def clean(self):
        data = super().clean()
        if data.get("pain_at_rest") is None and "pain_at_rest" not in self.errors:
            self.add_error("pain_at_rest", _("Say whether the child has pain at rest."))
        return data


def review(restriction: JointRestriction, data: dict, user) -> str:
    """Apply one review; return the decision in words."""
    with transaction.atomic():
        if restriction.needs_physician_clearance:
            if data.get("physician_clears"):
                restriction.needs_physician_clearance = False
                restriction.phase = 2
                restriction.last_decision = {}
                restriction.save()
                return str(
                    _(
                        "Cleared by %(user)s: the muscle and its hip start their graded return "
                        "at phase 2 (pain-free isometrics)."
                    )
                    % {"user": user.username}
                )
            return str(_("All loading of that leg stays blocked until a physician clears it."))
        observation = PhaseObservation(
            pain_at_rest=data["pain_at_rest"],
            pain_on_motion=data.get("pain_on_motion"),
            swelling=data.get("swelling"),
            baseline_swelling=data.get("baseline_swelling") or 0,
            rom_deg=float(data["rom_deg"]) if data.get("rom_deg") is not None else None,
            baseline_rom_deg=float(data["baseline_rom_deg"])
            if data.get("baseline_rom_deg") is not None
            else None,
            strength_at_baseline=data.get("strength_at_baseline"),
            function_normal=data.get("function_normal"),
        )
        decision = engine.next_phase(restriction.phase, observation)
        restriction.phase = decision.phase
        restriction.last_decision = plain(decision.explanation)
        if decision.cleared:
            restriction.cleared_at = timezone.now()
            restriction.cleared_by = user
        restriction.save()
    return render(decision.explanation, get_language())
