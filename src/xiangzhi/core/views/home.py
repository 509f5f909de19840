from urllib.parse import urlsplit

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from xiangzhi.core.current import current_org, switch_org
from xiangzhi.core.models import OrgLevel, OrgUnit
from xiangzhi.core.services.access import get_visible_or_404


@login_required
def home(request):
    org = current_org(request)
    if org is None:
        return render(request, "core/no_assignment.html")
    counts = (
        OrgUnit.objects.active()
        .filter(path__startswith=org.path, depth__gt=org.depth)
        .values("level")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_level = {row["level"]: row["n"] for row in counts}
    unit_counts = [(label, by_level[value]) for value, label in OrgLevel.choices if by_level.get(value)]
    children = (
        OrgUnit.objects.get_children(org).filter(deleted_at__isnull=True).only("pk", "name", "level", "code")
    )
    return render(
        request,
        "core/home.html",
        {"org": org, "unit_counts": unit_counts, "children": children[:200]},
    )


@login_required
@require_POST
def org_switch(request):
    try:
        pk = int(request.POST.get("org", ""))
    except ValueError:
        raise Http404 from None
    org = get_visible_or_404(OrgUnit.objects.active(), request.user, pk=pk)
    switch_org(request, org)
    return redirect(local_page(request, request.POST.get("next", "")) or "home")


def local_page(request, target: str) -> str | None:
    """``target`` if it is a page of this site (a path that resolves), else None.

    redirect() would take a bare word such as ``abc`` for a URL pattern name and fail with a
    system error; a date or a foreign host is no page of ours either.
    """
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return None
    try:
        resolve(urlsplit(target).path)
    except Resolver404:
        return None
    return target
