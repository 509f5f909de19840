"""积分制: who took part in the period, how many entries, and the points they earned."""

from django.db.models import CharField, Count, Sum, Value
from django.db.models.functions import Cast, Concat

from xiangzhi.points.models import PointEntry
from xiangzhi.reports.statement import Figures


def points_figures(scope) -> dict[str, Figures]:
    # A person is a name within a village: two 张某 in different villages are two people. Points
    # are recorded at village level (the ledger's org), so the org id names the village.
    person = Concat(Cast("org_id", CharField()), Value("|"), "person_name")
    return {
        "points": Figures(
            scope.records(PointEntry).filter(entry_date__range=scope.in_period),
            {"participants": Count(person, distinct=True), "entries": Count("pk"), "total": Sum("points")},
        )
    }


def points_section(rows) -> dict:
    totals = rows.one("points")
    return {
        "participants": totals["participants"],
        "entries": totals["entries"],
        "points_total": totals["total"],
    }
