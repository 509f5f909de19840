"""活动: the events of the period by type, and the materials handed out at them."""

from django.db.models import Count, Sum

from xiangzhi.events.models import Event, EventKind
from xiangzhi.reports.selectors.environment import in_order
from xiangzhi.reports.statement import Figures


def events_figures(scope) -> dict[str, Figures]:
    return {
        "events": Figures(
            scope.records(Event).filter(held_on__range=scope.in_period),
            {"count": Count("pk"), "participants": Sum("participants"), "materials": Sum("materials")},
            keys=("kind",),
        )
    }


def events_section(rows) -> dict:
    by_type = {row.pop("kind"): row for row in rows["events"]}
    return {
        "by_type": in_order(by_type, EventKind.values),
        "materials_distributed": sum(figures["materials"] for figures in by_type.values()),
    }


def review_meetings(events: dict) -> int:
    """讲评会 of the period: the events section already counted them."""
    return events["by_type"].get(EventKind.REVIEW_MEETING, {}).get("count", 0)
