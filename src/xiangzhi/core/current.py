"""Which org unit the user is looking at now: town users switch between town and villages."""

from xiangzhi.core.models import OrgLevel, OrgUnit

SESSION_KEY = "current_org_id"
# A unit named in the URL (``?at=<code>``) is looked at for that request only: a link from a
# report to its records must not change the unit every other page (and tab) of the session shows.
URL_PARAMETER = "at"
_CACHE_ATTR = "_xiangzhi_current_org"


def current_org(request) -> OrgUnit | None:
    """The org unit chosen in the session if still visible, else the user's first assignment."""
    if not hasattr(request, _CACHE_ATTR):
        setattr(request, _CACHE_ATTR, _resolve(request))
    return getattr(request, _CACHE_ATTR)


def _resolve(request) -> OrgUnit | None:
    user = request.user
    if not user.is_authenticated:
        return None
    named = request.GET.get(URL_PARAMETER)
    if named:
        org = OrgUnit.objects.visible_to(user).active().filter(code=named).first()
        if org is not None:
            return org
    chosen = request.session.get(SESSION_KEY)
    if chosen is not None:
        org = OrgUnit.objects.visible_to(user).active().filter(pk=chosen).first()
        if org is not None:
            return org
    if user.is_superuser:
        return OrgUnit.objects.active().filter(depth=1).first()
    assignments = user.assignments
    return assignments[0].org if assignments else None


def current_town(request) -> OrgUnit | None:
    """The town of the unit looked at; None above town level (a county, the root)."""
    return town_of(current_org(request))


def town_of(org: OrgUnit | None) -> OrgUnit | None:
    """The town ``org`` lies in (itself for a town); None for no unit or one above town level."""
    return org.unit_at_level(OrgLevel.TOWN) if org is not None else None


def switch_org(request, org: OrgUnit) -> None:
    request.session[SESSION_KEY] = org.pk
    setattr(request, _CACHE_ATTR, org)
