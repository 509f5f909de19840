"""The one org-scoping mechanism: every read of org-owned data goes through ``visible_to(user)``,
and every "where may this user write" through ``restrict(user, capability)``.

A user sees the subtrees of the org units they are assigned to, and holds a capability in the
subtrees of the assignments whose role grants it (core/roles.py); a superuser (system
administrator) and the system actor hold everything; anybody else — and ``None``, which is never an
actor — nothing. Out of scope is indistinguishable from missing: views use ``get_object_or_404``
on a scoped queryset.
"""

from functools import reduce
from operator import or_

from django.db.models import Q

from xiangzhi.core.roles import Capability

NOTHING = Q(pk__in=[])


def restrict_filter(
    user, capability: str, field: str, *, is_path: bool = False, ledger: str | None = None
) -> Q:
    """A filter on ``field`` (an FK to OrgUnit, or the path itself) limited to the subtrees where
    ``user`` holds ``capability`` (over ``ledger``'s records, when one is named)."""
    if user is None or not user.is_authenticated:
        return NOTHING
    if getattr(user, "is_system", False):
        return Q()
    if not user.is_active:
        return NOTHING
    if user.is_superuser:
        return Q()
    lookup = f"{field}__startswith" if is_path else f"{field}__path__startswith"
    paths = _minimal_paths(user.paths_where(capability, ledger))
    if not paths:
        return NOTHING
    return reduce(or_, (Q(**{lookup: path}) for path in paths))


def scope_filter(user, field: str, *, is_path: bool = False) -> Q:
    """What ``user`` may see: every role grants VIEW, so this is every assignment's subtree."""
    return restrict_filter(user, Capability.VIEW, field, is_path=is_path)


def _minimal_paths(paths: list[str]) -> list[str]:
    """Drop paths already covered by an ancestor path, so the SQL stays as short as it can."""
    kept: list[str] = []
    for path in sorted(set(paths)):
        if not any(path.startswith(k) for k in kept):
            kept.append(path)
    return kept
