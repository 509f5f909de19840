"""Reads of the economy ledgers: villages' collective income for a year, indicators by period."""

from dataclasses import dataclass
from decimal import Decimal

from xiangzhi.core.models import OrgLevel, OrgUnit
from xiangzhi.economy.config import income_threshold_wan
from xiangzhi.economy.models import CollectiveIncome
from xiangzhi.economy.periods import period_kind, period_label


@dataclass
class VillageIncome:
    village: OrgUnit
    income: CollectiveIncome | None
    threshold: Decimal

    @property
    def reaches_threshold(self) -> bool:
        return self.income is not None and self.income.income_wan >= self.threshold


def village_incomes(org: OrgUnit, user, year: int) -> list[VillageIncome]:
    """Every village under ``org`` with its income of ``year`` (None when not recorded).

    Two queries: the villages, and the incomes of the year. Villages without a figure are listed
    too, so a missing report is visible rather than silently absent.
    """
    threshold = income_threshold_wan()
    villages = (
        OrgUnit.objects.visible_to(user)
        .active()
        .filter(level=OrgLevel.VILLAGE, path__startswith=org.path)
        .order_by("path")
    )
    incomes = CollectiveIncome.objects.visible_to(user).filter(org__path__startswith=org.path, year=year)
    by_village = {income.org_id: income for income in incomes}
    return [VillageIncome(village, by_village.get(village.pk), threshold) for village in villages]


def villages_at_least(incomes, year: int, threshold: Decimal | None = None):
    """The incomes of ``year`` at or above the threshold (default: the configured one)."""
    limit = income_threshold_wan() if threshold is None else threshold
    return incomes.filter(year=year, income_wan__gte=limit)


def income_years(incomes) -> list[int]:
    return sorted(set(incomes.order_by().values_list("year", flat=True).distinct()), reverse=True)


def indicators_within(indicators, start, end):
    """Indicators whose whole period lies inside [start, end] (CONTRACT §4)."""
    return indicators.filter(starts_on__gte=start, ends_on__lte=end)


@dataclass
class IndicatorTable:
    """Indicators as a grid: one row per 指标名称 (with its unit), one column per period."""

    periods: list[tuple[str, str]]  # (period, label) in time order
    rows: list[tuple[str, str, list[Decimal | None]]]  # (name, unit, value per period)


def indicator_table(indicators, kind: str | None = None) -> IndicatorTable:
    """Lay out ``indicators`` (already filtered to a year, say) as a name × period grid."""
    records = [
        i
        for i in indicators.order_by("starts_on", "ends_on", "name")
        if kind in (None, period_kind(i.period))
    ]
    periods: list[str] = []
    values: dict[tuple[str, str], dict[str, Decimal]] = {}
    for record in records:
        if record.period not in periods:
            periods.append(record.period)
        values.setdefault((record.name, record.unit), {})[record.period] = record.value
    rows = [(name, unit, [cells.get(p) for p in periods]) for (name, unit), cells in sorted(values.items())]
    return IndicatorTable([(p, period_label(p)) for p in periods], rows)


def indicator_years(indicators) -> list[int]:
    return sorted({day.year for day in indicators.dates("starts_on", "year")}, reverse=True)
