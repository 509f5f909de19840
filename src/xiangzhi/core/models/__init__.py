from xiangzhi.core.models.audit import AuditEvent, AuditKind
from xiangzhi.core.models.base import LedgerModel
from xiangzhi.core.models.jobs import ImportJob, JobStatus
from xiangzhi.core.models.orgs import ALLOWED_PARENTS, OrgLevel, OrgUnit
from xiangzhi.core.models.users import RoleAssignment, User, system_user

__all__ = [
    "ALLOWED_PARENTS",
    "AuditEvent",
    "AuditKind",
    "ImportJob",
    "JobStatus",
    "LedgerModel",
    "OrgLevel",
    "OrgUnit",
    "RoleAssignment",
    "User",
    "system_user",
]
