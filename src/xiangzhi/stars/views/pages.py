"""The star pages: module home, a town's matrix, a village's gap list, and the public notice."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from xiangzhi.core.current import current_org
from xiangzhi.core.models import OrgLevel, OrgUnit
from xiangzhi.core.roles import Capability
from xiangzhi.stars.access import may_see_town_notice, town_or_404, village_or_404
from xiangzhi.stars.choices import StarName
from xiangzhi.stars.forms import PublishForm
from xiangzhi.stars.readiness import town_readiness
from xiangzhi.stars.selectors import notice_rows, open_items, village_page_context
from xiangzhi.stars.views.helpers import year_choices, year_of

STAR_LEDGERS = ("star_targets", "star_plans", "star_results")


@login_required
def stars_home(request):
    org = current_org(request)
    year = year_of(request)
    towns, villages = [], []
    if org is not None:
        units = OrgUnit.objects.visible_to(request.user).active().filter(path__startswith=org.path)
        towns = list(units.filter(level=OrgLevel.TOWN).order_by("path")[:200])
        villages = list(units.filter(level=OrgLevel.VILLAGE).order_by("path")[:200]) if not towns else []
    context = {"org": org, "year": year, "towns": towns, "villages": villages, "ledgers": STAR_LEDGERS}
    return render(request, "stars/home.html", context)


@login_required
def town_matrix(request, pk: int):
    town = town_or_404(request.user, pk)
    year = year_of(request)
    readiness = town_readiness(town, year, request.user)
    context = {
        "town": town,
        "year": year,
        "years": year_choices(year),
        "readiness": readiness,
        "stars": StarName.values,
        "levels": list(range(6)),
        "summary_rows": _summary_rows(readiness),
        "can_review": request.user.can(Capability.REVIEW_TOWN, town),
        "publish_form": PublishForm(initial={"year": year}),
    }
    return render(request, "stars/town_matrix.html", context)


def _summary_rows(readiness) -> list[tuple[str, list[int], str]]:
    """Villages per level (5 down to 0) and the ≥3-star share: planned, projected and held."""
    rows = []
    for label, which, share in (
        ("计划", "planned", readiness.planned_share),
        ("预计", "projected", readiness.projected_share),
        ("已获评", "awarded", readiness.awarded_share),
    ):
        counts = [readiness.count_at_level(level, which) for level in range(5, -1, -1)]
        rows.append((label, counts, "—" if share is None else f"{share:.1%}"))
    return rows


@login_required
def village_page(request, pk: int):
    village = village_or_404(request.user, pk)
    year = year_of(request)
    context = village_page_context(village, year, request.user)
    context.update(years=year_choices(year), action_items=open_items(village, request.user))
    return render(request, "stars/village.html", context)


@login_required
def public_notice(request, pk: int):
    town = OrgUnit.objects.active().filter(pk=pk, level=OrgLevel.TOWN).first()
    if town is None or not may_see_town_notice(request.user, town):
        raise Http404
    year = year_of(request)
    return render(request, "stars/notice.html", {"town": town, "year": year, "rows": notice_rows(town, year)})
