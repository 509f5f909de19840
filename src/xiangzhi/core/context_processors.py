from dataclasses import dataclass

from django.urls import reverse

from xiangzhi.core.current import current_org
from xiangzhi.core.models import OrgLevel, OrgUnit
from xiangzhi.core.registry import nav_entries

# Users may switch to units down to village level; grids are reached from their village.
_SWITCHABLE_LEVELS = [OrgLevel.PROVINCE, OrgLevel.CITY, OrgLevel.COUNTY, OrgLevel.TOWN, OrgLevel.VILLAGE]


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
    units = OrgUnit.objects.visible_to(user).active().filter(level__in=_SWITCHABLE_LEVELS)
    units = list(units.only("pk", "name", "depth")[:500])
    top = min((u.depth for u in units), default=0)
    return [OrgChoice(u.pk, u.name, u.depth - top, org is not None and u.pk == org.pk) for u in units]


def _is_demo(org) -> bool:
    from xiangzhi.core.demo_marker import is_demo_org

    return org is not None and is_demo_org(org)
