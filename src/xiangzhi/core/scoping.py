"""The one org-scoping mechanism: every read of org-owned data goes through ``visible_to(user)``.

A user sees the subtrees of the org units they are assigned to; a superuser (system
administrator) sees everything; anybody else sees nothing. Out of scope is indistinguishable from
missing: views use ``get_object_or_404`` on a scoped queryset.
"""

from functools import reduce
from operator import or_

from django.db.models import Q

NOTHING = Q(pk__in=[])


def scope_filter(user, field: str, *, is_path: bool = False) -> Q:
    """A filter on ``field`` (an FK to OrgUnit, or the path itself) limited to the user's subtrees."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NOTHING
    if user.is_superuser:
        return Q()
    lookup = f"{field}__startswith" if is_path else f"{field}__path__startswith"
    paths = _minimal_paths(user.scope_paths())
    if not paths:
        return NOTHING
    return reduce(or_, (Q(**{lookup: path}) for path in paths))


def _minimal_paths(paths: list[str]) -> list[str]:
    """Drop paths already covered by an ancestor path, so the SQL stays as short as it can."""
    kept: list[str] = []
    for path in sorted(set(paths)):
        if not any(path.startswith(k) for k in kept):
            kept.append(path)
    return kept
