"""The study flow of a set of children: screened, eligible, enrolled, completed, excluded."""

from collections import Counter

from hemorehab.patients.models import Enrollment, Screening
from hemorehab.patients.screening import CRITERIA_TEXT, evaluate


def study_flow(patients) -> dict:
    """Screened, eligible, enrolled, completed, and the reasons children were excluded."""
    latest = {}
    for screening in (
        Screening.objects.filter(patient__in=patients)
        .select_related("patient__identity")
        .order_by("patient_id", "screened_on", "id")
    ):
        latest[screening.patient_id] = screening
    enrolled = Enrollment.objects.filter(patient__in=patients)
    # An enrolled child counts by the screening that enrolled them (CONSORT): a later
    # re-screening (a new inhibitor, say) changes their care, not the study flow.
    for enrollment in enrolled.select_related("screening__patient__identity"):
        latest[enrollment.patient_id] = enrollment.screening
    verdicts = [evaluate(s) for s in latest.values()]
    reasons = Counter(code for v in verdicts if v.status == "not_eligible" for code in v.failing)
    return {
        "screened": len(verdicts),
        "eligible": sum(v.status == "eligible" for v in verdicts),
        "not_eligible": sum(v.status == "not_eligible" for v in verdicts),
        "incomplete": sum(v.status == "incomplete" for v in verdicts),
        "enrolled": enrolled.count(),
        "completed": enrolled.filter(status="completed").count(),
        "withdrawn": enrolled.filter(status="withdrawn").count(),
        "reasons": [(CRITERIA_TEXT.get(code, code), n) for code, n in reasons.most_common()],
        "reason_codes": dict(reasons),
    }
