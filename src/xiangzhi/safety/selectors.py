"""Reads of the safety ledgers: detail pages, the overdue and supervision conditions, the figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, Min, Q, Sum
from django.utils import timezone

from xiangzhi.safety.models import (
    DONE_STATUSES,
    OPEN_STATUSES,
    Hazard,
    HazardGrade,
    HazardPhoto,
    HazardStatus,
    Inspection,
    PhotoKind,
)
from xiangzhi.safety.rules import PREMISES_MOVE_REASON, inspection_move_rules


def supervised_q() -> Q:
    """重大 hazards are under 挂牌督办 until they are closed (销号)."""
    return Q(grade=HazardGrade.MAJOR) & ~Q(status=HazardStatus.CLOSED)


def overdue_q(today: dt.date) -> Q:
    """Open hazards (待整改/整改中) whose 整改期限 is before ``today``."""
    return Q(status__in=OPEN_STATUSES, deadline__lt=today)


def rectified_by_q(end: dt.date) -> Q:
    """Rectified as of ``end`` (CONTRACT §4): 已整改/已销号 with its 整改完成日期 by then."""
    return Q(status__in=DONE_STATUSES, rectified_on__lte=end)


def premises_move_problems(premises_id: int, new_org_id: int) -> list[tuple[str, str]]:
    """Inspections live where their premises lives; a move that would strand them is refused."""
    stranded = Inspection.all_objects.filter(premises_id=premises_id).exclude(org_id=new_org_id)
    return [("org", PREMISES_MOVE_REASON)] if stranded.exists() else []


def inspection_move_problems(inspection_id: int, new_org_id: int, new_date) -> list[tuple[str, str]]:
    facts = Hazard.all_objects.filter(inspection_id=inspection_id).aggregate(
        n=Count("pk"), org=Max("org_id"), rectified=Min("rectified_on"), deadline=Min("deadline")
    )
    if not facts["n"]:
        return []
    return inspection_move_rules(
        new_org_id=new_org_id,
        new_date=new_date,
        hazards_org_id=facts["org"],
        first_dates=[facts["rectified"], facts["deadline"]],
    )


def premises_detail_context(premises, request) -> dict:
    inspections = Inspection.objects.visible_to(request.user).filter(premises=premises)
    return {
        "inspections": inspections.annotate(
            hazard_count=Count("hazards", filter=Q(hazards__deleted_at__isnull=True))
        )[:50],
        "inspection_total": inspections.count(),
    }


def inspection_detail_context(inspection, request) -> dict:
    return {"hazards": Hazard.objects.visible_to(request.user).filter(inspection=inspection)}


def hazard_detail_context(hazard, request) -> dict:
    photos = list(
        HazardPhoto.objects.visible_to(request.user).filter(hazard=hazard).select_related("uploaded_by")
    )
    user = request.user
    return {
        "photo_sections": [
            ("整改前照片", [p for p in photos if p.kind == PhotoKind.BEFORE]),
            ("整改后照片", [p for p in photos if p.kind == PhotoKind.AFTER]),
        ],
        "premises": hazard.inspection.premises,
        "may_start": hazard.status == HazardStatus.PENDING,
        "may_rectify": hazard.status in OPEN_STATUSES,
        # The re-check is someone else's job; the rectifier is not offered the button at all.
        "may_recheck": hazard.status == HazardStatus.RECTIFIED and hazard.rectified_by_id != user.pk,
        "may_add_photo": hazard.status != HazardStatus.CLOSED,
    }


@dataclass(frozen=True)
class SafetyFigures:
    """The 安全生产 figures of a period, counted as the work report counts them (CONTRACT §4)."""

    inspections: int
    person_times: int
    hazards_found: int
    hazards_rectified: int
    hazards_overdue: int
    supervised: int

    @property
    def hazards_open(self) -> int:
        return self.hazards_found - self.hazards_rectified

    @property
    def rectification_rate(self) -> float:
        if not self.hazards_found:
            return 1.0
        return round(self.hazards_rectified / self.hazards_found, 4)


def safety_figures(inspections, hazards, start: dt.date, end: dt.date) -> SafetyFigures:
    """Two aggregate queries over already scoped querysets, however many records there are.

    Hazards count in the period of their inspection's date; rectified means 已整改/已销号 with its
    date by ``end``; overdue means the rest of them whose 整改期限 is before ``end``. ``supervised``
    counts every 挂牌督办 hazard in scope, whatever its period: supervision lasts until 销号.
    """
    rounds = inspections.filter(inspected_on__range=(start, end)).aggregate(
        n=Count("pk"), people=Sum("person_times")
    )
    found = Q(inspection__inspected_on__range=(start, end))
    rectified = rectified_by_q(end)
    counts = hazards.aggregate(
        found=Count("pk", filter=found),
        rectified=Count("pk", filter=found & rectified),
        overdue=Count("pk", filter=found & ~rectified & Q(deadline__lt=end)),
        supervised=Count("pk", filter=supervised_q()),
    )
    return SafetyFigures(
        inspections=rounds["n"],
        person_times=rounds["people"] or 0,
        hazards_found=counts["found"],
        hazards_rectified=counts["rectified"],
        hazards_overdue=counts["overdue"],
        supervised=counts["supervised"],
    )


def year_bounds(year: int, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The year so far: 1 January to today (or to 31 December for a past year)."""
    today = today or timezone.localdate()
    return dt.date(year, 1, 1), min(dt.date(year, 12, 31), today)
