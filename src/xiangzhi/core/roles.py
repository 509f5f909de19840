"""Who may do what: the one table of roles × capabilities (× ledger), read by every check.

A user holds one or more (role, org unit) assignments. A capability applies to the assignment's
org subtree only; seeing is granted by any assignment. Write paths (services, imports), pages
(which links and buttons show) and the permission matrix all ask ``roles_granting`` — directly,
through ``User.can`` / ``may`` for one unit, or through ``restrict`` for a queryset of units or
records — so a rule is changed here once and holds everywhere.
"""

from django.db import models


class Role(models.TextChoices):
    COUNTY_REVIEWER = "county_reviewer", "县级审核员"
    TOWN_ADMIN = "town_admin", "镇管理员"
    VILLAGE_CADRE = "village_cadre", "村干部"
    GRID_WORKER = "grid_worker", "网格员"
    LEADER = "leader", "只读领导"


class Capability(models.TextChoices):
    VIEW = "view", "查看"
    EDIT = "edit", "录入和修改台账"
    IMPORT = "import", "导入台账"
    MANAGE_ORG = "manage_org", "管理组织和用户"
    RESTORE = "restore", "恢复已删除记录"
    REVEAL_PII = "reveal_pii", "查看完整个人信息"
    REVIEW_TOWN = "review_town", "镇级审核"
    REVIEW_COUNTY = "review_county", "县级审核"
    REPORT = "report", "生成工作报告"


_ALL_EDITING = {Capability.VIEW, Capability.EDIT}

ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.GRID_WORKER: frozenset(_ALL_EDITING),
    Role.VILLAGE_CADRE: frozenset(_ALL_EDITING | {Capability.IMPORT, Capability.REVEAL_PII}),
    Role.TOWN_ADMIN: frozenset(
        _ALL_EDITING
        | {
            Capability.IMPORT,
            Capability.MANAGE_ORG,
            Capability.RESTORE,
            Capability.REVEAL_PII,
            Capability.REVIEW_TOWN,
            Capability.REPORT,
        }
    ),
    Role.COUNTY_REVIEWER: frozenset({Capability.VIEW, Capability.REVIEW_COUNTY, Capability.REPORT}),
    Role.LEADER: frozenset({Capability.VIEW, Capability.REPORT}),
}

# Per-ledger exceptions to ROLE_CAPABILITIES: for these (ledger, capability) pairs the roles listed
# hold the capability instead of the usual ones, on every path (pages, forms, services, imports).
# Only where the domain needs it. 评星结果 (star_results) is the county's verdict on a village:
# written, imported and restored by the county level only, never by the village or town being
# rated; 定星 and 摘星 write a platform year's result as their own workflow step (their own
# capability), and stars/cycle_years.py refuses such a year to a hand-written result.
_COUNTY_ONLY = frozenset({Role.COUNTY_REVIEWER})
COUNTY_WRITES_ONLY: dict[str, frozenset[str]] = {
    Capability.EDIT: _COUNTY_ONLY,
    Capability.IMPORT: _COUNTY_ONLY,
    Capability.RESTORE: _COUNTY_ONLY,
}
LEDGER_OVERRIDES: dict[str, dict[str, frozenset[str]]] = {"star_results": COUNTY_WRITES_ONLY}

# The org level each role is normally assigned at; the UI offers matching units only.
ROLE_LEVELS: dict[str, tuple[str, ...]] = {
    Role.COUNTY_REVIEWER: ("county",),
    Role.TOWN_ADMIN: ("town",),
    Role.VILLAGE_CADRE: ("village",),
    Role.GRID_WORKER: ("grid",),
    Role.LEADER: ("county", "town"),
}

# The order of roles for the four-eyes rule on people (core/services/users.py): an administrator
# creates, grants to and resets the password of users whose roles rank strictly below their own
# only; a peer's or a superior's account is the level above's job (or the system administrator's).
# A leader reads everything at a county or town: their account is not a town administrator's to
# hold the keys of, so it ranks with the town administrator.
ROLE_RANK: dict[str, int] = {
    Role.COUNTY_REVIEWER: 4,
    Role.TOWN_ADMIN: 3,
    Role.LEADER: 3,
    Role.VILLAGE_CADRE: 2,
    Role.GRID_WORKER: 1,
}


def roles_granting(capability: str, ledger: str | None = None) -> frozenset[str]:
    """The roles that hold ``capability`` (over ``ledger``'s records, when one is named)."""
    override = LEDGER_OVERRIDES.get(ledger or "", {}).get(capability)
    if override is not None:
        return override
    return frozenset(role for role, capabilities in ROLE_CAPABILITIES.items() if capability in capabilities)


def ledgers_overriding(capability: str) -> list[str]:
    """The ledgers whose exceptions in the table name ``capability`` (the trash of 评星结果 is the
    county's: its page opens to whoever restores any ledger at the unit)."""
    return [name for name, override in LEDGER_OVERRIDES.items() if capability in override]


def may(user, capability: str, org=None, ledger: str | None = None) -> bool:
    """Whether ``user`` holds ``capability`` over ``org``'s subtree (anywhere, when org is None)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return user.can(capability, org, ledger=ledger)


def grantable_roles(user, org) -> list[str]:
    """The roles ``user`` may grant at ``org`` — and so the accounts holding them there they may
    create, reset or deactivate. Four eyes: an administrator manages only roles ranking below
    the one through which they manage ``org``; their peers and superiors are the level above's
    (the system administrator's, through the system actor or a superuser)."""
    if getattr(user, "is_system", False) or (user.is_active and user.is_superuser):
        return list(Role.values)
    managing = roles_granting(Capability.MANAGE_ORG)
    ranks = [
        ROLE_RANK[a.role] for a in user.assignments if a.role in managing and org.path.startswith(a.org.path)
    ]
    if not ranks or not user.is_active:
        return []
    return [role for role in Role.values if ROLE_RANK[role] < max(ranks)]


def may_grant(user, role: str, org) -> bool:
    return role in grantable_roles(user, org)
