"""人居环境 pages beyond the generic ledger pages: the module home with a year's figures."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from xiangzhi.core.current import current_org
from xiangzhi.core.ledgers import all_ledgers
from xiangzhi.environment.models import CleanupKind, CourtyardRating
from xiangzhi.environment.rules import FIRST_YEAR, LAST_YEAR
from xiangzhi.environment.selectors import default_year, environment_overview

ENVIRONMENT_LEDGERS = ("courtyards", "cleanups")


def _year(request, user, org) -> int:
    raw = request.GET.get("year", "").strip()
    if raw.isdigit() and FIRST_YEAR <= int(raw) <= LAST_YEAR:
        return int(raw)
    # A missing or nonsensical year shows the default rather than an error page.
    return default_year(user, org)


@login_required
def environment_home(request):
    org = current_org(request)
    year = _year(request, request.user, org)
    context = {
        "ledgers": [ledger for ledger in all_ledgers() if ledger.name in ENVIRONMENT_LEDGERS],
        "overview": environment_overview(request.user, org, year),
        "ratings": CourtyardRating.values,
        "kinds": CleanupKind.values,
        "org": org,
    }
    return render(request, "environment/home.html", context)
