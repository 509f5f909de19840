"""Access helpers used at the top of every view and inside every write (Healthchecks/Zulip style).

Out of scope is always Http404, exactly like a missing record, so existence never leaks.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from xiangzhi.core.models import OrgUnit


class MissingActor(TypeError):
    """A write was called without an acting user: a developer error, never the user's.

    ``None`` used to mean "nobody" to the scoping and "everybody" to the command line; now every
    write names who does it, and work nobody signed in for names ``system_user()``.
    """

    def __init__(self):
        super().__init__("acting_user is required: pass the signed-in user, or system_user() for the system")


def require_actor(user) -> None:
    if user is None:
        raise MissingActor


def get_visible_or_404(queryset, user, **lookup):
    """One object from ``queryset`` restricted to the user's subtree, or 404."""
    obj = queryset.visible_to(user).filter(**lookup).first()
    if obj is None:
        raise Http404
    return obj


def require(user, capability: str, org: OrgUnit | None, ledger: str | None = None) -> None:
    """Refuse an action the user's role does not grant over ``org`` (for ``ledger``'s records).

    Callers have already resolved the object through a scoped queryset, so a refusal here means the
    user may see the record but not act on it, which is honest to say (403); a record outside the
    subtree never reaches this point (404).
    """
    require_actor(user)
    if org is None or not user.can(capability, org, ledger=ledger):
        raise PermissionDenied


def recheck_scope(user, capability: str, org: OrgUnit, ledger: str | None = None) -> None:
    """Re-check a write inside its transaction, after the save, against the row as stored.

    Raising here rolls the transaction back, so a write that moved a record out of the user's
    subtree (or into a unit they may not touch) never lands.
    """
    require_actor(user)
    if not OrgUnit.objects.restrict(user, capability, ledger).filter(pk=org.pk).exists():
        raise PermissionDenied
