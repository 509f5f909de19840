"""Reads of the events ledger: counts by type for a year, and 讲评会 action items per village."""

from dataclasses import dataclass

from django.db.models import Count, F, Sum

from xiangzhi.core.roles import Capability
from xiangzhi.events.models import ActionItem, Event, EventKind


@dataclass
class KindCount:
    kind: str
    count: int = 0
    participants: int = 0
    materials: int = 0


def counts_by_type(events, year: int) -> list[KindCount]:
    """Events held in ``year`` per type (every type listed, in CONTRACT order), from one query."""
    rows = (
        events.filter(held_on__year=year)
        .order_by()
        .values("kind")
        .annotate(n=Count("pk"), people=Sum("participants"), copies=Sum("materials"))
    )
    found = {row["kind"]: row for row in rows}
    counts = []
    for kind in EventKind.values:
        row = found.get(kind, {})
        counts.append(KindCount(kind, row.get("n", 0), row.get("people") or 0, row.get("copies") or 0))
    return counts


def event_years(events) -> list[int]:
    return sorted({day.year for day in events.dates("held_on", "year")}, reverse=True)


def open_action_items(village, user):
    """The village's action items not yet done, soonest deadline first, as ``user`` may see them.

    Items of a meeting that was deleted are dropped with it. The meeting is fetched along (its
    title and date name where the item comes from) even when it was held at town level, which a
    village cadre otherwise does not see: the item was addressed to their village.
    """
    return (
        ActionItem.objects.visible_to(user)
        .filter(village=village, done_on__isnull=True, event__deleted_at__isnull=True)
        .select_related("event", "village", "org")
        .order_by("deadline", "pk")
    )


def open_action_items_under(org, user):
    """Open action items of every village under ``org`` (the events home of a town)."""
    return (
        ActionItem.objects.visible_to(user)
        .filter(org__path__startswith=org.path, done_on__isnull=True, event__deleted_at__isnull=True)
        .select_related("event", "village", "org")
        .order_by("deadline", "pk")
    )


def with_close_rights(items, user) -> list[tuple[ActionItem, bool]]:
    """(item, whether ``user`` may close it) pairs for ``events/includes/_action_items.html``."""
    return [(item, user.can(Capability.EDIT, item.org)) for item in items]


def event_detail_context(event: Event, request) -> dict:
    user = request.user
    items = ActionItem.objects.visible_to(user).filter(event=event).select_related("village", "org")
    items = items.order_by(F("done_on").asc(nulls_first=True), "deadline", "pk")
    return {
        # Whether the reader may close each item: items belong to villages, not to the meeting.
        "action_items": with_close_rights(items, user),
        "can_add_action_items": event.takes_action_items and user.can(Capability.EDIT, event.org),
    }
