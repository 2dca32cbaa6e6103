"""The study report in the browser (with PDF and JSON downloads) and the dataset exports.

The analysis (pandas, scipy, statsmodels, matplotlib) is imported when a report or an export is
first asked for, not when the server starts: importing hemorehab.urls stays fast."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from hemorehab import policy
from hemorehab.policy.middleware import logged_in


class CohortForm(forms.Form):
    center = forms.ModelChoiceField(
        label=_("Center"), queryset=None, required=False, empty_label=_("All my centers")
    )
    started_from = forms.DateField(
        label=_("Enrolled from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    started_to = forms.DateField(
        label=_("Enrolled until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, centers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["center"].queryset = centers

    def clean(self):
        data = super().clean()
        if (
            data.get("started_from")
            and data.get("started_to")
            and (data["started_from"] > data["started_to"])
        ):
            self.add_error("started_to", _("The end of the period is before its start."))
        return data


def _cohort(request, action: str, params=None):
    centers = policy.centers_for(request.user, action)
    if not centers.exists():
        raise Http404
    params = request.GET if params is None else params
    form = CohortForm(params or None, centers=centers)
    chosen = centers
    period = (None, None)
    if form.is_valid():
        if form.cleaned_data["center"]:
            chosen = centers.filter(pk=form.cleaned_data["center"].pk)
        period = (form.cleaned_data["started_from"], form.cleaned_data["started_to"])
    return form, chosen, period


def _language() -> str:
    return "zh-hans" if translation.get_language() == "zh-hans" else "en"


def _filename(stem: str, extension: str) -> str:
    return f"hemorehab-{stem}-{timezone.localdate():%Y%m%d}.{extension}"


def _may_export_identified(user, centers) -> bool:
    allowed = set(
        policy.centers_for(user, "research.export_identified").values_list("pk", flat=True)
    )
    return bool(allowed) and set(centers.values_list("pk", flat=True)) <= allowed


@logged_in
def report_page(request):
    form, centers, period = _cohort(request, "research.report")
    if form.errors:
        return render(request, "research/report.html", {"form": form})
    from hemorehab.research import cohort as cohorts
    from hemorehab.research import reports

    cohort = cohorts.load(centers, *period)
    fmt = request.GET.get("format", "html")
    if fmt not in ("html", "pdf", "json"):
        raise Http404
    if not len(cohort.frame):
        return render(request, "research/report.html", {"form": form, "empty": True})
    body = reports.render(cohort, fmt, _language())
    if fmt != "html":
        response = HttpResponse(body, content_type=reports.CONTENT_TYPES[fmt])
        response["Content-Disposition"] = f'attachment; filename="{_filename("report", fmt)}"'
        return response
    return render(
        request,
        "research/report.html",
        {
            "form": form,
            "report_html": mark_safe(body.decode()),  # noqa: S308 (escaped by render_html)
            "query": request.GET.urlencode(),
            "can_export": policy.centers_for(request.user, "research.export").exists(),
            "can_export_identified": _may_export_identified(request.user, centers),
            "cohort_form": form,
        },
    )


@require_http_methods(["GET", "POST"])
@logged_in
def export_file(request):
    """GET: the de-identified dataset. POST (with its CSRF token): the identified one, which is
    recorded in the audit trail, so that no link on another site can make one in your name."""
    identified = request.method == "POST"
    if request.GET.get("identified"):
        return HttpResponseNotAllowed(
            ["POST"], _("An identified export is asked for with the form on the report page.")
        )
    params = request.POST if identified else request.GET
    form, centers, period = _cohort(request, "research.export", params)
    fmt = params.get("format", "csv")
    if fmt not in ("csv", "xlsx", "sav", "dictionary") or form.errors:
        raise Http404
    if identified:
        allowed = policy.centers_for(request.user, "research.export_identified")
        if set(centers.values_list("pk", flat=True)) - set(allowed.values_list("pk", flat=True)):
            raise PermissionDenied
    from hemorehab.research import cohort as cohorts
    from hemorehab.research import reports

    cohort = cohorts.load(centers, *period)
    data = reports.export(
        cohort,
        fmt,
        identified=identified,
        user_label=request.user.get_username(),
        language=_language(),
    )
    extension = "csv" if fmt == "dictionary" else fmt
    stem = (
        "dictionary" if fmt == "dictionary" else "identified-dataset" if identified else "dataset"
    )
    response = HttpResponse(data, content_type=reports.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{_filename(stem, extension)}"'
    return response
