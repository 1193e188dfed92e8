"""Permission matrix rows for the business plan, actions, scorecard, inspections and CDOP/LADO.

Reads are open to every member of the board; set-up is the business manager's; an action
is changed by the business manager or the author of the owning agency (another agency's
author gets 404, as does anyone for another board's records).
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from boards import urls as boards_urls
from boards.tests.factories import (
    ActionFactory,
    BusinessPlanFactory,
    CdopYearFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    InspectionFactory,
    InspectionRecommendationFactory,
    LadoYearFactory,
    PriorityFactory,
)
from lscb.testing import DENIED, HIDDEN, OK, REDIRECT, MatrixRow, everyone_on_board, only, renamed_rows


def board(w):
    return {"board_slug": w.board.slug}


def _kw(**extra):
    return lambda w: {"board_slug": w.board.slug, **{k: v(w) for k, v in extra.items()}}


def plan(w, on=None):
    return BusinessPlanFactory(board=on or w.board).pk


def priority(w, on=None):
    return PriorityFactory(plan__board=on or w.board).pk


def action(w):
    return ActionFactory(priority__plan__board=w.board, owner_agency=w.agency).pk


def foreign_action(w):
    return ActionFactory(priority__plan__board=w.other_board, owner_agency=w.foreign_agency).pk


def indicator(w, on=None):
    return IndicatorFactory(board=on or w.board).pk


def inspection(w, on=None):
    return InspectionFactory(board=on or w.board).pk


def manager_only(status):
    return only(status, "business_manager")


def foreign_for_manager():
    """Another board's record under this board's URL: 404 for the manager, 403 for other roles."""
    return manager_only(HIDDEN)


def action_editors(status):
    """The business manager and the owning agency's author; the sub-group chair may edit actions
    in general but owns none of these, so 404 like another agency's author."""
    expect = everyone_on_board(DENIED, business_manager=status, agency_author=status)
    expect.update(other_agency_author=HIDDEN, subgroup_chair=HIDDEN)
    return expect


def _today():
    return timezone.localdate()


def plan_data(w):
    return {"title": "Plan 2026–2028", "start_date": "2026-04-01", "end_date": "2028-03-31"}


def priority_data(w):
    return {"number": "7", "title": "Neglect", "description": "", "hwb_strategy_priority": ""}


def action_data(w):
    return {
        "title": "Audit neglect cases",
        "owner_agency": str(w.agency.pk),
        "owner_person": "",
        "opened_on": _today().isoformat(),
        "due_date": (_today() + datetime.timedelta(days=90)).isoformat(),
        "rag": "green",
        "little_or_no_progress_cause": "",
    }


def update_data(w):
    return {
        "date": _today().isoformat(),
        "text": "Training delivered to 40 staff.",
        "evidence_of_impact": "",
        "rag": "",
    }


def indicator_data(w):
    return {
        "code": "new-ind",
        "name": "Repeat referrals",
        "definition": "Referrals within 12 months of a previous one.",
        "owner_agency": "",
        "polarity": "lower",
        "frequency": "quarterly",
        "unit": "percent",
        "target": "20",
        "statistical_neighbour_benchmark": "",
        "england_benchmark": "22.4",
    }


def value_data(w):
    return {"period_end": "2025-09-30", "value": "18.5", "commentary": ""}


def upload_data(w):
    IndicatorFactory(board=w.board, code="matrix-ind")
    content = b"reference,period_end,value,commentary\nmatrix-ind,2025-06-30,12,\n"
    return {"file": SimpleUploadedFile("values.csv", content, content_type="text/csv")}


def inspection_data(w):
    return {
        "inspectorate": "ofsted",
        "title": "ILACS",
        "start_date": "2025-06-02",
        "end_date": "2025-06-13",
        "published_on": "",
        "judgement": "good",
        "summary": "",
    }


def recommendation_data(w):
    return {"number": "9", "text": "Strengthen supervision.", "owner_agency": "", "due_date": "", "status": "open"}


def cdop_data(w):
    data = {
        "financial_year": "2024",
        "deaths_notified": "10",
        "expected_deaths": "6",
        "unexpected_deaths": "4",
        "reviews_completed": "5",
        "reviews_with_modifiable_factors": "1",
        "commentary": "",
    }
    data.update({f"category_{n}": "0" for n in range(1, 11)})
    data["category_4"] = "5"
    return data


def lado_data(w):
    from boards.choices import LadoOutcome, LadoSector, LadoTimeliness

    data = {"financial_year": "2024", "consultations": "50", "referrals": "3", "commentary": ""}
    data.update({f"sector_{v}": "0" for v in LadoSector.values})
    data.update({f"outcome_{v}": "0" for v in LadoOutcome.values})
    data.update({f"timeliness_{v}": "0" for v in LadoTimeliness.values})
    data.update(sector_education="3", outcome_unfounded="2", timeliness_1m="2")
    return data


GET_ALL = everyone_on_board(OK)

ROWS = [
    # Business plan
    MatrixRow("boards:plan_list", kwargs=board, expect=GET_ALL),
    MatrixRow("boards:plan_add", kwargs=board, expect=manager_only(OK)),
    MatrixRow("boards:plan_add", kwargs=board, expect=manager_only(REDIRECT), method="post", data=plan_data),
    MatrixRow("boards:plan_detail", kwargs=_kw(plan_id=plan), expect=GET_ALL),
    MatrixRow(
        "boards:plan_detail",
        kwargs=_kw(plan_id=lambda w: plan(w, w.other_board)),
        expect=everyone_on_board(HIDDEN),
        note="another board's plan",
    ),
    MatrixRow("boards:plan_edit", kwargs=_kw(plan_id=plan), expect=manager_only(OK)),
    MatrixRow(
        "boards:plan_edit", kwargs=_kw(plan_id=plan), expect=manager_only(REDIRECT), method="post", data=plan_data
    ),
    MatrixRow(
        "boards:plan_edit",
        kwargs=_kw(plan_id=lambda w: plan(w, w.other_board)),
        expect=foreign_for_manager(),
        note="another board's plan",
    ),
    MatrixRow("boards:priority_add", kwargs=_kw(plan_id=plan), expect=manager_only(OK)),
    MatrixRow(
        "boards:priority_add",
        kwargs=_kw(plan_id=plan),
        expect=manager_only(REDIRECT),
        method="post",
        data=priority_data,
    ),
    MatrixRow(
        "boards:priority_add",
        kwargs=_kw(plan_id=lambda w: plan(w, w.other_board)),
        expect=foreign_for_manager(),
        method="post",
        data=priority_data,
        note="another board's plan",
    ),
    MatrixRow("boards:priority_edit", kwargs=_kw(priority_id=priority), expect=manager_only(OK)),
    MatrixRow(
        "boards:priority_edit",
        kwargs=_kw(priority_id=priority),
        expect=manager_only(REDIRECT),
        method="post",
        data=priority_data,
    ),
    MatrixRow(
        "boards:priority_edit",
        kwargs=_kw(priority_id=lambda w: priority(w, w.other_board)),
        expect=foreign_for_manager(),
        note="another board's priority",
    ),
    # Actions
    MatrixRow("boards:action_add", kwargs=_kw(priority_id=priority), expect=manager_only(OK)),
    MatrixRow(
        "boards:action_add",
        kwargs=_kw(priority_id=priority),
        expect=manager_only(REDIRECT),
        method="post",
        data=action_data,
    ),
    MatrixRow(
        "boards:action_add",
        kwargs=_kw(priority_id=lambda w: priority(w, w.other_board)),
        expect=foreign_for_manager(),
        note="another board's priority",
    ),
    MatrixRow("boards:action_list", kwargs=board, expect=GET_ALL),
    MatrixRow("boards:action_export", kwargs=board, expect=GET_ALL),
    MatrixRow("boards:action_detail", kwargs=_kw(action_id=action), expect=GET_ALL),
    MatrixRow(
        "boards:action_detail",
        kwargs=_kw(action_id=foreign_action),
        expect=everyone_on_board(HIDDEN),
        note="another board's action",
    ),
    MatrixRow("boards:action_edit", kwargs=_kw(action_id=action), expect=action_editors(OK)),
    MatrixRow(
        "boards:action_edit",
        kwargs=_kw(action_id=action),
        expect=action_editors(REDIRECT),
        method="post",
        data=action_data,
    ),
    MatrixRow(
        "boards:action_edit",
        kwargs=_kw(action_id=foreign_action),
        expect=everyone_on_board(HIDDEN, chair=DENIED, member=DENIED),
        note="another board's action",
    ),
    MatrixRow("boards:progress_update_add", kwargs=_kw(action_id=action), expect=action_editors(OK)),
    MatrixRow(
        "boards:progress_update_add",
        kwargs=_kw(action_id=action),
        expect=action_editors(REDIRECT),
        method="post",
        data=update_data,
    ),
    MatrixRow(
        "boards:progress_update_add",
        kwargs=_kw(action_id=foreign_action),
        expect=everyone_on_board(HIDDEN, chair=DENIED, member=DENIED),
        method="post",
        data=update_data,
        note="another board's action",
    ),
    # Performance scorecard
    MatrixRow("boards:indicator_list", kwargs=board, expect=GET_ALL),
    MatrixRow("boards:indicator_export", kwargs=board, expect=GET_ALL),
    MatrixRow("boards:indicator_upload", kwargs=board, expect=manager_only(OK)),
    MatrixRow("boards:indicator_upload", kwargs=board, expect=manager_only(REDIRECT), method="post", data=upload_data),
    MatrixRow("boards:indicator_add", kwargs=board, expect=manager_only(OK)),
    MatrixRow("boards:indicator_add", kwargs=board, expect=manager_only(REDIRECT), method="post", data=indicator_data),
    MatrixRow("boards:indicator_detail", kwargs=_kw(indicator_id=indicator), expect=GET_ALL),
    MatrixRow(
        "boards:indicator_detail",
        kwargs=_kw(indicator_id=lambda w: indicator(w, w.other_board)),
        expect=everyone_on_board(HIDDEN),
        note="another board's indicator",
    ),
    MatrixRow("boards:indicator_edit", kwargs=_kw(indicator_id=indicator), expect=manager_only(OK)),
    MatrixRow(
        "boards:indicator_edit",
        kwargs=_kw(indicator_id=indicator),
        expect=manager_only(REDIRECT),
        method="post",
        data=indicator_data,
    ),
    MatrixRow(
        "boards:indicator_edit",
        kwargs=_kw(indicator_id=lambda w: indicator(w, w.other_board)),
        expect=foreign_for_manager(),
        method="post",
        data=indicator_data,
        note="another board's indicator",
    ),
    MatrixRow("boards:indicator_value_add", kwargs=_kw(indicator_id=indicator), expect=manager_only(OK)),
    MatrixRow(
        "boards:indicator_value_add",
        kwargs=_kw(indicator_id=indicator),
        expect=manager_only(REDIRECT),
        method="post",
        data=value_data,
    ),
    MatrixRow(
        "boards:indicator_value_add",
        kwargs=_kw(indicator_id=lambda w: indicator(w, w.other_board)),
        expect=foreign_for_manager(),
        note="another board's indicator",
    ),
    MatrixRow(
        "boards:indicator_value_edit",
        kwargs=_kw(value_id=lambda w: IndicatorValueFactory(indicator__board=w.board).pk),
        expect=manager_only(OK),
    ),
    MatrixRow(
        "boards:indicator_value_edit",
        kwargs=_kw(value_id=lambda w: IndicatorValueFactory(indicator__board=w.board).pk),
        expect=manager_only(REDIRECT),
        method="post",
        data=value_data,
    ),
    MatrixRow(
        "boards:indicator_value_edit",
        kwargs=_kw(value_id=lambda w: IndicatorValueFactory(indicator__board=w.other_board).pk),
        expect=foreign_for_manager(),
        note="another board's value",
    ),
    # Inspections
    MatrixRow("boards:inspection_list", kwargs=board, expect=GET_ALL),
    MatrixRow("boards:recommendation_export", kwargs=board, expect=GET_ALL),
    MatrixRow("boards:inspection_add", kwargs=board, expect=manager_only(OK)),
    MatrixRow(
        "boards:inspection_add", kwargs=board, expect=manager_only(REDIRECT), method="post", data=inspection_data
    ),
    MatrixRow("boards:inspection_detail", kwargs=_kw(inspection_id=inspection), expect=GET_ALL),
    MatrixRow(
        "boards:inspection_detail",
        kwargs=_kw(inspection_id=lambda w: inspection(w, w.other_board)),
        expect=everyone_on_board(HIDDEN),
        note="another board's inspection",
    ),
    MatrixRow("boards:inspection_edit", kwargs=_kw(inspection_id=inspection), expect=manager_only(OK)),
    MatrixRow(
        "boards:inspection_edit",
        kwargs=_kw(inspection_id=inspection),
        expect=manager_only(REDIRECT),
        method="post",
        data=inspection_data,
    ),
    MatrixRow(
        "boards:inspection_edit",
        kwargs=_kw(inspection_id=lambda w: inspection(w, w.other_board)),
        expect=foreign_for_manager(),
        method="post",
        data=inspection_data,
        note="another board's inspection",
    ),
    MatrixRow("boards:recommendation_add", kwargs=_kw(inspection_id=inspection), expect=manager_only(OK)),
    MatrixRow(
        "boards:recommendation_add",
        kwargs=_kw(inspection_id=inspection),
        expect=manager_only(REDIRECT),
        method="post",
        data=recommendation_data,
    ),
    MatrixRow(
        "boards:recommendation_add",
        kwargs=_kw(inspection_id=lambda w: inspection(w, w.other_board)),
        expect=foreign_for_manager(),
        method="post",
        data=recommendation_data,
        note="another board's inspection",
    ),
    MatrixRow(
        "boards:recommendation_edit",
        kwargs=_kw(recommendation_id=lambda w: InspectionRecommendationFactory(inspection__board=w.board).pk),
        expect=manager_only(OK),
    ),
    MatrixRow(
        "boards:recommendation_edit",
        kwargs=_kw(recommendation_id=lambda w: InspectionRecommendationFactory(inspection__board=w.board).pk),
        expect=manager_only(REDIRECT),
        method="post",
        data=recommendation_data,
    ),
    MatrixRow(
        "boards:recommendation_edit",
        kwargs=_kw(recommendation_id=lambda w: InspectionRecommendationFactory(inspection__board=w.other_board).pk),
        expect=foreign_for_manager(),
        note="another board's recommendation",
    ),
    # CDOP and LADO
    MatrixRow("boards:aggregate_list", kwargs=board, expect=GET_ALL),
    MatrixRow("boards:aggregate_export", kwargs=board, expect=GET_ALL),
    MatrixRow("boards:cdop_add", kwargs=board, expect=manager_only(OK)),
    MatrixRow("boards:cdop_add", kwargs=board, expect=manager_only(REDIRECT), method="post", data=cdop_data),
    MatrixRow("boards:cdop_detail", kwargs=_kw(cdop_id=lambda w: CdopYearFactory(board=w.board).pk), expect=GET_ALL),
    MatrixRow(
        "boards:cdop_detail",
        kwargs=_kw(cdop_id=lambda w: CdopYearFactory(board=w.other_board).pk),
        expect=everyone_on_board(HIDDEN),
        note="another board's figures",
    ),
    MatrixRow(
        "boards:cdop_edit", kwargs=_kw(cdop_id=lambda w: CdopYearFactory(board=w.board).pk), expect=manager_only(OK)
    ),
    MatrixRow(
        "boards:cdop_edit",
        kwargs=_kw(cdop_id=lambda w: CdopYearFactory(board=w.board).pk),
        expect=manager_only(REDIRECT),
        method="post",
        data=cdop_data,
    ),
    MatrixRow(
        "boards:cdop_edit",
        kwargs=_kw(cdop_id=lambda w: CdopYearFactory(board=w.other_board).pk),
        expect=foreign_for_manager(),
        method="post",
        data=cdop_data,
        note="another board's figures",
    ),
    MatrixRow("boards:lado_add", kwargs=board, expect=manager_only(OK)),
    MatrixRow("boards:lado_add", kwargs=board, expect=manager_only(REDIRECT), method="post", data=lado_data),
    MatrixRow("boards:lado_detail", kwargs=_kw(lado_id=lambda w: LadoYearFactory(board=w.board).pk), expect=GET_ALL),
    MatrixRow(
        "boards:lado_detail",
        kwargs=_kw(lado_id=lambda w: LadoYearFactory(board=w.other_board).pk),
        expect=everyone_on_board(HIDDEN),
        note="another board's figures",
    ),
    MatrixRow(
        "boards:lado_edit", kwargs=_kw(lado_id=lambda w: LadoYearFactory(board=w.board).pk), expect=manager_only(OK)
    ),
    MatrixRow(
        "boards:lado_edit",
        kwargs=_kw(lado_id=lambda w: LadoYearFactory(board=w.board).pk),
        expect=manager_only(REDIRECT),
        method="post",
        data=lado_data,
    ),
    MatrixRow(
        "boards:lado_edit",
        kwargs=_kw(lado_id=lambda w: LadoYearFactory(board=w.other_board).pk),
        expect=foreign_for_manager(),
        method="post",
        data=lado_data,
        note="another board's figures",
    ),
]

# The old names kept for one release (lscb/renames.py).
ROWS += renamed_rows(ROWS, "boards", boards_urls.RENAMED)
