from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Q
from django.urls import reverse

from xiangzhi.core.current import current_org
from xiangzhi.core.models import OrgLevel, OrgUnit
from xiangzhi.core.registry import nav_entries

# Users may switch to units down to village level; grids are reached from their village.
_SWITCHABLE_LEVELS = [OrgLevel.PROVINCE, OrgLevel.CITY, OrgLevel.COUNTY, OrgLevel.TOWN, OrgLevel.VILLAGE]
# A system administrator switches between the upper levels; a county has too many villages to list.
_ADMIN_LEVELS = [OrgLevel.PROVINCE, OrgLevel.CITY, OrgLevel.COUNTY, OrgLevel.TOWN]


@dataclass
class NavLink:
    label: str
    url: str
    active: bool


@dataclass
class OrgChoice:
    pk: int
    name: str
    depth_indent: int
    selected: bool


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    org = current_org(request)
    return {
        "current_org": org,
        "nav_modules": _nav_links(request, user, org),
        "org_switch_choices": lambda: _switch_choices(user, org),
        "demo_data": lambda: _is_demo(org),
    }


def _nav_links(request, user, org) -> list[NavLink]:
    links = []
    for entry in nav_entries():
        if not user.can(entry.capability, org):
            continue
        url = reverse(entry.url_name)
        active = request.path == url if url == "/" else request.path.startswith(url)
        links.append(NavLink(entry.label, url, active))
    return links


def _switch_choices(user, org) -> list[OrgChoice]:
    """Each assigned unit and the units directly under it: a town user gets the town and its
    villages, a county user the county and its towns. One query, whatever the tree's size."""
    units = OrgUnit.objects.active().filter(level__in=_SWITCHABLE_LEVELS).filter(_switchable(user))
    units = list(units.only("pk", "name", "depth"))
    top = min((u.depth for u in units), default=0)
    return [OrgChoice(u.pk, u.name, u.depth - top, org is not None and u.pk == org.pk) for u in units]


def _switchable(user) -> Q:
    if user.is_superuser:
        return Q(level__in=_ADMIN_LEVELS)
    units = [a.org for a in user.assignments]
    if not units:
        return Q(pk__in=[])
    return reduce(or_, (Q(path=u.path) | Q(path__startswith=u.path, depth=u.depth + 1) for u in units))


def _is_demo(org) -> bool:
    from xiangzhi.core.demo_marker import is_demo_org

    return org is not None and is_demo_org(org)
