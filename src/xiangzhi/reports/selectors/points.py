"""积分制: who took part in the period, how many entries, and the points they earned."""

from django.db.models import Count, Sum, Value
from django.db.models.functions import Concat

from xiangzhi.points.models import PointEntry
from xiangzhi.reports.selectors.numbers import plain


def points_section(scope) -> dict:
    # A person is a name within a village: two 张某 in different villages are two people.
    person = Concat(scope.village_key(), Value("|"), "person_name")
    totals = (
        scope.records(PointEntry)
        .filter(entry_date__range=scope.in_period)
        .aggregate(participants=Count(person, distinct=True), entries=Count("pk"), total=Sum("points"))
    )
    return {
        "participants": totals["participants"],
        "entries": totals["entries"],
        "points_total": plain(totals["total"]),
    }
