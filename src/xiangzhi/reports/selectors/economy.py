"""经济发展: the villages' collective income of the year, and the indicators of the period."""

from decimal import Decimal

from django.db.models import Sum

from xiangzhi.economy.models import CollectiveIncome, Indicator
from xiangzhi.reports.selectors.numbers import plain

# "收入突破10万元" (DOMAIN §10.1); the report lists the villages at or above it.
INCOME_THRESHOLD_WAN = Decimal(10)
# Rates (同比增长 …) of different towns do not add up; a county report leaves them out.
RATE_UNITS = ("%", "％", "‰")


def collective_economy_section(scope) -> dict:
    incomes = scope.records(CollectiveIncome).filter(year=scope.period.year)
    above = incomes.filter(income_wan__gte=INCOME_THRESHOLD_WAN).order_by("org__path")
    return {
        "villages_at_least_10wan": list(above.values_list("org__name", flat=True)),
        "total_wan": plain(incomes.aggregate(total=Sum("income_wan"))["total"]),
    }


def indicators_section(scope) -> list[dict]:
    """Indicators whose 期间 lies inside the period; for a county, summed by name, period and unit."""
    # starts_on/ends_on are the period's first and last day, kept by the economy ledger.
    indicators = scope.records(Indicator).filter(starts_on__gte=scope.start, ends_on__lte=scope.end)
    if scope.is_county:
        indicators = indicators.exclude(unit__in=RATE_UNITS)
    rows = (
        indicators.order_by("name", "period", "unit")
        .values("name", "period", "unit")
        .annotate(total=Sum("value"))
    )
    return [
        {"name": row["name"], "period": row["period"], "value": plain(row["total"]), "unit": row["unit"]}
        for row in rows
    ]
