"""The economy module home: villages' collective income for a year and the town's indicators."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from xiangzhi.core.current import current_org
from xiangzhi.core.ledgers import get_ledger
from xiangzhi.core.ledgers.access import scoped_records
from xiangzhi.core.views.helpers import latest_or_this_year, year_param
from xiangzhi.economy.periods import KIND_LABELS
from xiangzhi.economy.selectors import income_years, indicator_table, indicator_years, village_incomes


@login_required
def economy_home(request):
    org = current_org(request)
    incomes = scoped_records(get_ledger("collective_income"), request)
    indicators = scoped_records(get_ledger("indicators"), request)
    years = sorted(set(income_years(incomes)) | set(indicator_years(indicators)), reverse=True)
    year = year_param(request, latest_or_this_year(years))
    kind = request.GET.get("kind") if request.GET.get("kind") in KIND_LABELS else None
    rows = village_incomes(org, request.user, year) if org is not None else []
    recorded = [row.income.income_wan for row in rows if row.income is not None]
    context = {
        "year": year,
        "years": sorted(set(years) | {year}, reverse=True),
        "rows": rows,
        "threshold": rows[0].threshold if rows else None,
        "strong": sum(1 for row in rows if row.reaches_threshold),
        "total_wan": sum(recorded),
        "table": indicator_table(indicators.filter(starts_on__year=year), kind),
        "kind": kind,
        "kinds": KIND_LABELS,
    }
    return render(request, "economy/home.html", context)
