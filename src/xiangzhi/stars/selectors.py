"""Reads behind the star pages: a village's gap list with its evidence, and the town's 公示."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from xiangzhi.core.models import OrgUnit
from xiangzhi.core.roles import Capability
from xiangzhi.stars.access import town_of
from xiangzhi.stars.choices import ApplicationStatus, canonical_stars
from xiangzhi.stars.models import Objection, StarApplication, StarEvidence, VetoEvent
from xiangzhi.stars.readiness import StarState, TaskState, town_readiness
from xiangzhi.stars.workdays import schedule_known


@dataclass
class TaskRow:
    state: TaskState
    evidence: list = field(default_factory=list)


@dataclass
class StarView:
    state: StarState
    rows: list[TaskRow]


def village_page_context(village: OrgUnit, year: int, user) -> dict:
    town = town_of(village)
    readiness = town_readiness(town, year, user, villages=[village])
    village_state = readiness.villages[0]
    evidence = _evidence_by_task(village, year, user)
    stars = [
        StarView(state, [TaskRow(t, evidence.get(t.task.pk, [])) for t in state.tasks])
        for state in village_state.stars
    ]
    vetoes = VetoEvent.objects.visible_to(user).filter(org=village, year=year).select_related("rule")
    return {
        "village": village,
        "town": town,
        "year": year,
        "standard": readiness.standard,
        "readiness": village_state,
        "stars": stars,
        "veto_events": list(vetoes),
        "can_edit": user.can(Capability.EDIT, village),
        "can_review_town": user.can(Capability.REVIEW_TOWN, village),
        "can_see_town": user.can_view(town),
    }


def _evidence_by_task(village: OrgUnit, year: int, user) -> dict[int, list[StarEvidence]]:
    pieces = list(
        StarEvidence.objects.visible_to(user).filter(org=village, year=year).order_by("-created_at")
    )
    authors = _authors(StarEvidence, [e.pk for e in pieces])
    grouped: dict[int, list[StarEvidence]] = defaultdict(list)
    for piece in pieces:
        piece.author = authors.get(piece.pk, "")
        grouped[piece.task_id].append(piece)
    return grouped


def _authors(model, pks: list[int]) -> dict[int, str]:
    """Who created each record, from its history, in one query."""
    rows = model.history.filter(id__in=pks, history_type="+").select_related("history_user")
    return {row.id: str(row.history_user) if row.history_user else "" for row in rows}


def open_items(village: OrgUnit, user) -> list:
    """Open 讲评会 action items of the village (the events app owns them; imported when needed)."""
    from xiangzhi.events.selectors import open_action_items

    return list(open_action_items(village, user)[:50])


@dataclass
class NoticeRow:
    village: str
    in_notice: list[str] = field(default_factory=list)
    awarded: list[str] = field(default_factory=list)
    period: str = ""

    @property
    def level(self) -> int:
        return len(set(self.in_notice) | set(self.awarded))


def notice_rows(town: OrgUnit, year: int) -> list[NoticeRow]:
    """The town's 公示: village, stars and level only, nothing personal.

    Read across the whole town on purpose: a notice is public to everyone working in the town
    (the view checks that), and only these three columns leave the database.
    """
    shown = (ApplicationStatus.IN_NOTICE, ApplicationStatus.AWARDED)
    rows = (
        StarApplication.objects.filter(town=town, year=year, status__in=shown, org__deleted_at__isnull=True)
        .order_by("org__path", "star")
        .values_list("org__name", "star", "status", "notice_starts_on", "notice_ends_on")
    )
    by_village: dict[str, NoticeRow] = {}
    for name, star, status, starts_on, ends_on in rows:
        row = by_village.setdefault(name, NoticeRow(name))
        if status == ApplicationStatus.IN_NOTICE:
            row.in_notice.append(star)
            row.period = f"{starts_on:%Y年%m月%d日} 至 {ends_on:%Y年%m月%d日}"
        else:
            row.awarded.append(star)
    for row in by_village.values():
        row.in_notice, row.awarded = canonical_stars(row.in_notice), canonical_stars(row.awarded)
    return list(by_village.values())


def application_context(application: StarApplication, user) -> dict:
    objections = (
        Objection.objects.visible_to(user).filter(application=application).order_by("received_on", "pk")
    )
    return {
        "application": application,
        "objections": list(objections),
        "can_edit": user.can(Capability.EDIT, application.org),
        "can_review_town": user.can(Capability.REVIEW_TOWN, application.org),
        "can_review_county": user.can(Capability.REVIEW_COUNTY, application.org),
        "notice_schedule_unknown": _notice_schedule_unknown(application),
    }


def _notice_schedule_unknown(application: StarApplication) -> bool:
    """Whether the notice period was counted without a year's holiday schedule (weekdays only)."""
    days = (application.notice_starts_on, application.notice_ends_on)
    return any(day is not None and not schedule_known(day) for day in days)
