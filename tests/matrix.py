"""The permission matrix: every URL name of the project, and what each persona may do with it.

Expectations are derived, not listed by hand: for an object in an org unit, a persona gets 404
if the unit is outside their subtree, 403 if inside but their role lacks the capability there, and
the success status otherwise. The capability is read for the case's ledger (``variants``), so a
ledger's exceptions in core/roles.py (评星结果: the county level only) hold here too; the table
itself is written out by hand in tests/core/test_roles_table.py, and the four-eyes rule on people
in tests/core/test_four_eyes.py. Anonymous users are sent to the log-in page. Cases whose rule is
different (private import jobs) say so with ``expect``.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from xiangzhi.core.models import RoleAssignment
from xiangzhi.core.roles import Capability

LOCATIONS = ("grid", "grid2", "other_grid")


@dataclass(frozen=True)
class Target:
    kwargs: dict
    data: dict
    org: object  # the OrgUnit whose subtree decides visibility


@dataclass(frozen=True)
class Case:
    method: str = "GET"
    capability: str | None = None  # None: any logged-in user
    # Builds the object at a location: (world, location, variant) -> Target. None: a plain page.
    target: Callable | None = None
    # Where the capability is checked: "object" (the target's org), "parent", or "current".
    checked_at: str = "object"
    success: int = 200
    anonymous: int = 302
    # URL kwargs variants, e.g. one per ledger: ({"ledger": "households"}, …).
    variants: tuple = ({},)
    # A rule of its own: (world, persona, target) -> status.
    expect: Callable | None = None
    # The status when the capability is held but the page is asked above town level (an import
    # writes into one town: the page asks to choose one first).
    above_town: int | None = None


# The trash opens to whoever restores something at their unit: a town's administrator (every
# ledger; "outsider" is one, of another town) and the county's reviewer (评星结果 only).
TRASH_OPENS_TO = {"town_admin", "outsider", "county_reviewer"}


def _org(world, location, variant):
    org = world.orgs[location]
    return Target({"pk": org.pk}, {}, org)


def _user_at(world, location, variant):
    return Target({"pk": world.users[f"member_{location}"].pk}, {}, world.orgs[location])


def _assignment_at(world, location, variant):
    user = world.users[f"member_{location}"]
    return Target({"pk": user.role_assignments.get().pk}, {}, world.orgs[location])


def _ended_assignment_at(world, location, variant):
    assignment = world.users[f"member_{location}"].role_assignments.get()
    RoleAssignment.objects.filter(pk=assignment.pk).update(ended_at=timezone.now())
    return Target({"pk": assignment.pk}, {}, world.orgs[location])


def _org_history(world, location, variant):
    org = world.orgs[location]
    return Target({"label": "core.orgunit", "pk": org.pk}, {}, org)


def _switch(world, location, variant):
    org = world.orgs[location]
    return Target({}, {"org": org.pk}, org)


CORE_CASES: dict[str, Case] = {
    "home": Case(),
    "login": Case(success=302, anonymous=200),
    "logout": Case(method="POST", success=302),
    "org-switch": Case(method="POST", target=_switch, success=302),
    "org-list": Case(),
    "org-detail": Case(target=_org),
    "org-create": Case(target=_org, capability=Capability.MANAGE_ORG),
    "org-edit": Case(target=_org, capability=Capability.MANAGE_ORG, checked_at="parent"),
    "org-delete": Case(
        method="POST", target=_org, capability=Capability.MANAGE_ORG, checked_at="parent", success=302
    ),
    "org-restore": Case(method="POST", target=_org, capability=Capability.RESTORE, success=302),
    "user-list": Case(capability=Capability.MANAGE_ORG, checked_at="current"),
    "user-create": Case(capability=Capability.MANAGE_ORG, checked_at="current"),
    "user-detail": Case(target=_user_at, capability=Capability.MANAGE_ORG),
    "user-toggle-active": Case(method="POST", target=_user_at, capability=Capability.MANAGE_ORG, success=302),
    "assignment-remove": Case(
        method="POST", target=_assignment_at, capability=Capability.MANAGE_ORG, success=302
    ),
    "assignment-restore": Case(
        method="POST", target=_ended_assignment_at, capability=Capability.MANAGE_ORG, success=302
    ),
    "record-history": Case(target=_org_history),
    "trash": Case(expect=lambda world, persona, target: 200 if persona in TRASH_OPENS_TO else 403),
}

_EXTRA_CASES: dict[str, Case] = {}


def register_cases(cases: dict[str, Case]) -> None:
    """Test modules of domain apps add the cases of their own views here."""
    _EXTRA_CASES.update(cases)


def all_cases() -> dict[str, Case]:
    from tests import matrix_ledgers  # noqa: F401  (registers the generic ledger cases)

    return {**CORE_CASES, **_EXTRA_CASES}
