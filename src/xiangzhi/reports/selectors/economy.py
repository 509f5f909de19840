"""经济发展: the villages' collective income of the year, and the indicators of the period."""

from decimal import Decimal

from django.db.models import Sum

from xiangzhi.economy.models import CollectiveIncome, Indicator
from xiangzhi.reports.statement import Figures

# "收入突破10万元" (DOMAIN §10.1); the report lists the villages at or above it.
INCOME_THRESHOLD_WAN = Decimal(10)
# Rates (同比增长 …) of different towns do not add up; a county report leaves them out.
RATE_UNITS = ("%", "％", "‰")


def economy_figures(scope) -> dict[str, Figures]:
    incomes = scope.records(CollectiveIncome).filter(year=scope.year)
    # starts_on/ends_on are the period's first and last day, kept by the economy ledger.
    indicators = scope.records(Indicator).filter(starts_on__gte=scope.start, ends_on__lte=scope.end)
    if scope.is_county:
        indicators = indicators.exclude(unit__in=RATE_UNITS)
    return {
        # One row per village at or above the threshold (no aggregate: no grouping).
        "economy.villages_above": Figures(
            incomes.filter(income_wan__gte=INCOME_THRESHOLD_WAN), keys=("org__path", "org__name")
        ),
        "economy.income": Figures(incomes, {"total": Sum("income_wan")}),
        "economy.indicators": Figures(indicators, {"total": Sum("value")}, keys=("name", "period", "unit")),
    }


def collective_economy_section(rows) -> dict:
    villages = sorted(rows["economy.villages_above"], key=lambda row: row["org__path"])
    return {
        "villages_at_least_10wan": [row["org__name"] for row in villages],
        "total_wan": rows.one("economy.income")["total"],
    }


def indicators_section(rows) -> list[dict]:
    """Indicators whose 期间 lies inside the period; for a county, summed by name, period and unit."""
    ordered = sorted(rows["economy.indicators"], key=lambda row: (row["name"], row["period"], row["unit"]))
    return [
        {"name": row["name"], "period": row["period"], "value": row["total"], "unit": row["unit"]}
        for row in ordered
    ]
