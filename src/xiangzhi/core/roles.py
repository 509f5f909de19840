"""Roles and what each may do. A user holds one or more (role, org unit) assignments.

Capabilities apply to the assignment's org subtree only; seeing is granted by any assignment.
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

# The org level each role is normally assigned at; the UI offers matching units only.
ROLE_LEVELS: dict[str, tuple[str, ...]] = {
    Role.COUNTY_REVIEWER: ("county",),
    Role.TOWN_ADMIN: ("town",),
    Role.VILLAGE_CADRE: ("village",),
    Role.GRID_WORKER: ("grid",),
    Role.LEADER: ("county", "town"),
}
