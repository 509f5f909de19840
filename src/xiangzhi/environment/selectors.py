"""Reads for the 人居环境 home: courtyards by rating and clean-up volume by type for one year."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, Sum
from django.utils import timezone

from xiangzhi.core.ledgers.display import format_value
from xiangzhi.core.models import OrgLevel, OrgUnit
from xiangzhi.environment.models import Cleanup, CleanupKind, Courtyard, CourtyardRating


@dataclass
class VillageRow:
    name: str
    ratings: dict[str, int] = field(default_factory=dict)
    volumes: dict[str, Decimal] = field(default_factory=dict)

    def rating_counts(self) -> list[int]:
        return [self.ratings.get(value, 0) for value in CourtyardRating.values]

    def kind_volumes(self) -> list[str]:
        """Volumes by type as the lists show numbers (15000, not 15000.00)."""
        return [format_value(self.volumes.get(value, Decimal(0))) for value in CleanupKind.values]


@dataclass
class YearOverview:
    year: int
    rows: list[VillageRow]
    total: VillageRow


def default_year(user, org: OrgUnit | None) -> int:
    """The latest year with courtyard ratings (what people open the page for), else this year."""
    latest = None
    if org is not None:
        courtyards = Courtyard.objects.visible_to(user).filter(org__path__startswith=org.path)
        latest = courtyards.aggregate(latest=Max("year"))["latest"]
    return latest or timezone.localdate().year


def _villages(user, org: OrgUnit):
    units = OrgUnit.objects.visible_to(user).active().filter(level=OrgLevel.VILLAGE)
    return units.filter(path__startswith=org.path).only("pk", "name")


def environment_overview(user, org: OrgUnit | None, year: int) -> YearOverview:
    """Per village under ``org``: courtyards by rating of ``year``, clean-up m³ by type in ``year``."""
    total = VillageRow("合计")
    if org is None:
        return YearOverview(year, [], total)
    under = {"org__path__startswith": org.path}
    ratings = (
        Courtyard.objects.visible_to(user)
        .filter(year=year, **under)
        .order_by()
        .values_list("org_id", "rating")
        .annotate(n=Count("pk"))
    )
    volumes = (
        Cleanup.objects.visible_to(user)
        .filter(cleaned_on__year=year, **under)
        .order_by()
        .values_list("org_id", "kind")
        .annotate(m3=Sum("volume_m3"))
    )
    rows = {v.pk: VillageRow(v.name) for v in _villages(user, org)}
    for org_id, rating, n in ratings:
        if org_id in rows:
            rows[org_id].ratings[rating] = n
    for org_id, kind, m3 in volumes:
        if org_id in rows:
            rows[org_id].volumes[kind] = m3
    return YearOverview(year, list(rows.values()), _total(rows.values(), total))


def _total(rows, total: VillageRow) -> VillageRow:
    for row in rows:
        for rating, n in row.ratings.items():
            total.ratings[rating] = total.ratings.get(rating, 0) + n
        for kind, m3 in row.volumes.items():
            total.volumes[kind] = total.volumes.get(kind, Decimal(0)) + m3
    return total
