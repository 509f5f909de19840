"""活动: the events of the period by type, and the materials handed out at them."""

from django.db.models import Count, Sum

from xiangzhi.events.models import Event, EventKind
from xiangzhi.reports.selectors.numbers import plain


def events_section(scope) -> dict:
    rows = (
        scope.records(Event)
        .filter(held_on__range=scope.in_period)
        .order_by()
        .values("kind")
        .annotate(count=Count("pk"), participants=Sum("participants"), materials=Sum("materials"))
    )
    by_type = {row.pop("kind"): {name: plain(value) for name, value in row.items()} for row in rows}
    order = [kind for kind in EventKind.values if kind in by_type]
    order += sorted(set(by_type) - set(order))
    return {
        "by_type": {kind: by_type[kind] for kind in order},
        "materials_distributed": sum(figures["materials"] for figures in by_type.values()),
    }


def review_meetings(events: dict) -> int:
    """讲评会 of the period: the events section already counted them."""
    return events["by_type"].get(EventKind.REVIEW_MEETING, {}).get("count", 0)
