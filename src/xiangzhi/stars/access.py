"""Who may do what in the star campaign, and the scoped look-ups every view starts with.

Out of scope is 404 like a missing unit (``get_visible_or_404``); inside scope but without the
capability is 403 (``require``).
"""

from django.core.exceptions import PermissionDenied

from xiangzhi.core.models import OrgLevel, OrgUnit
from xiangzhi.core.roles import Capability
from xiangzhi.core.services.access import get_visible_or_404


def unit_or_404(user, pk: int, level: str) -> OrgUnit:
    return get_visible_or_404(OrgUnit.objects.active().filter(level=level), user, pk=pk)


def village_or_404(user, pk: int) -> OrgUnit:
    return unit_or_404(user, pk, OrgLevel.VILLAGE)


def town_or_404(user, pk: int) -> OrgUnit:
    return unit_or_404(user, pk, OrgLevel.TOWN)


def town_of(village: OrgUnit) -> OrgUnit:
    """The town a village sits in (its parent in the tree)."""
    return OrgUnit.objects.get(path=village.path[: -OrgUnit.steplen])


def may_manage_standard(user, org: OrgUnit | None) -> bool:
    """A standard issued for ``org`` is kept by that unit's administrators or the county's
    reviewers above it; one that applies everywhere only by the system administrator."""
    if org is None:
        return bool(getattr(user, "is_system", False) or (user.is_active and user.is_superuser))
    return user.can(Capability.MANAGE_ORG, org) or user.can(Capability.REVIEW_COUNTY, org)


def require_standard_manager(user, org: OrgUnit | None) -> None:
    if not may_manage_standard(user, org):
        raise PermissionDenied


def may_see_town_notice(user, town: OrgUnit) -> bool:
    """The 公示 of a town is for everyone who works in it or above it, and nobody else."""
    if not user.is_active:
        return False
    if user.is_superuser or user.can_view(town):
        return True
    return any(path.startswith(town.path) for path in user.scope_paths())
