"""The analysis dataset pairs CHO-KLAT before and after from one form (parent proxy under 12,
self report from 12: seed s2.5) and flags HJHS totals that leave out not-evaluable items."""

import datetime

from hemorehab.assessments.models import ChoKlatAssessment, HjhsAssessment
from hemorehab.patients.models import Enrollment
from hemorehab.research.extract import analysis_frame
from hemorehab.stats.report.dataset import validate_dataset
from tests.assessments.helpers import hjhs_answers
from tests.research.cohort import START, build


def _klat(child, user, timepoint, form, response):
    day = START + datetime.timedelta(days=84 if timepoint == "week_12" else -1)
    record = ChoKlatAssessment(
        patient=child,
        recorded_by=user,
        assessed_on=day,
        timepoint=timepoint,
        form=form,
        answers={str(n): response for n in range(1, 36)},
    )
    record.calculate()
    record.save()


def _row(frame, child):
    return frame[frame["study_id"] == child.study_id].iloc[0]


def test_cho_klat_pairs_use_one_form_and_a_change_of_form_is_flagged(personas):
    children = build(personas, n=4)
    user = personas.nurse_a
    ChoKlatAssessment.objects.filter(patient__in=children[2:]).delete()
    # the child answered after the program where the parent answered before: no pair
    _klat(children[2], user, "baseline", "parent", 3)
    _klat(children[2], user, "week_12", "child", 2)
    # both forms before, only the child's after: the child's form pairs
    for form in ("parent", "child"):
        _klat(children[3], user, "baseline", form, 3)
    _klat(children[3], user, "week_12", "child", 2)
    frame = validate_dataset(analysis_frame(Enrollment.objects.all()))
    changed = _row(frame, children[2])
    assert changed["cho_klat_form_changed"] and changed["cho_klat_form"] == "none"
    assert changed[["cho_klat_before", "cho_klat_after"]].isna().all()
    paired = _row(frame, children[3])
    assert (paired["cho_klat_form"], paired["cho_klat_form_changed"]) == ("child", False)
    child_form = ChoKlatAssessment.objects.filter(patient=children[3], form="child")
    scores = {r.timepoint: float(r.score) for r in child_form}
    assert (paired["cho_klat_before"], paired["cho_klat_after"]) == (
        scores["baseline"],
        scores["week_12"],
    )
    usual = _row(frame, children[0])
    assert (usual["cho_klat_form"], usual["cho_klat_form_changed"]) == ("parent", False)


def test_hjhs_totals_with_not_evaluable_items_are_flagged(personas):
    children = build(personas, n=3)
    after = HjhsAssessment.objects.get(patient=children[1], timepoint="week_12")
    after.answers = hjhs_answers({"left_ankle.strength": "NE"}, gait=1)
    after.ne_reasons = {"left_ankle.strength": "cast on the ankle"}
    after.calculate()
    after.save()
    frame = validate_dataset(analysis_frame(Enrollment.objects.all()))
    flagged = _row(frame, children[1])
    assert (flagged["hjhs_incomplete_before"], flagged["hjhs_incomplete_after"]) == (False, True)
    assert not _row(frame, children[0])["hjhs_incomplete_after"]
