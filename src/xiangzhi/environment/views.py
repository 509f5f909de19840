"""人居环境 pages beyond the generic ledger pages: the module home with a year's figures."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from xiangzhi.core.current import current_org
from xiangzhi.core.ledgers import all_ledgers
from xiangzhi.core.views.helpers import year_param
from xiangzhi.environment.models import CleanupKind, CourtyardRating
from xiangzhi.environment.selectors import default_year, environment_overview

ENVIRONMENT_LEDGERS = ("courtyards", "cleanups")


@login_required
def environment_home(request):
    org = current_org(request)
    year = year_param(request, lambda: default_year(request.user, org))
    context = {
        "ledgers": [ledger for ledger in all_ledgers() if ledger.name in ENVIRONMENT_LEDGERS],
        "overview": environment_overview(request.user, org, year),
        "ratings": CourtyardRating.values,
        "kinds": CleanupKind.values,
        "org": org,
    }
    return render(request, "environment/home.html", context)
