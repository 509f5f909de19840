"""Writes of users and their role assignments, limited to the acting administrator's subtree.

Four eyes for people: an administrator creates, grants to, resets the password of, deactivates
and ends or restores the roles of only users whose roles rank below their own there
(``core.roles.may_grant``); a town administrator cannot mint a second town administrator for
himself or take over a peer's account. Removing a role ends it (``ended_at``) instead of deleting
it: who held what stays known, and it can be restored.
"""

from axes.utils import reset as reset_login_failures
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from xiangzhi.core.audit import record_event
from xiangzhi.core.models import AuditKind, OrgUnit, RoleAssignment, User
from xiangzhi.core.roles import ROLE_LEVELS, Capability, Role, may_grant
from xiangzhi.core.services.access import require, require_actor

ABOVE_YOUR_ROLE = "不能授予与您同级或更高的角色（{role}）：请由上级或系统管理员办理"


def _check_password(password: str, user: User) -> None:
    """The password policy's messages belong to the password field, not the whole form."""
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from None


def _check_role_fits(role: str, org: OrgUnit) -> None:
    if org.level not in ROLE_LEVELS[role]:
        raise ValidationError({"org": "该角色不能分配到这一层级的单位"})


def _check_may_grant(acting_user, role: str, org: OrgUnit) -> None:
    """MANAGE_ORG over the unit (else 403), then the four-eyes rule, said on the role field."""
    require(acting_user, Capability.MANAGE_ORG, org)
    if not may_grant(acting_user, role, org):
        raise ValidationError({"role": ABOVE_YOUR_ROLE.format(role=Role(role).label)})


@transaction.atomic
def user_create(
    *, acting_user, username: str, display_name: str, password: str, role: str, org: OrgUnit
) -> User:
    _check_may_grant(acting_user, role, org)
    _check_role_fits(role, org)
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": "用户名已存在"})
    user = User(username=username, display_name=display_name)
    _check_password(password, user)
    user.set_password(password)
    user._history_user = acting_user
    user.full_clean(exclude=["password"])
    user.save()
    assignment_add(acting_user=acting_user, user=user, role=role, org=org)
    return user


@transaction.atomic
def assignment_add(*, acting_user, user: User, role: str, org: OrgUnit) -> RoleAssignment:
    """Grant ``role`` at ``org``; an ended assignment of the same role and unit comes back."""
    _check_may_grant(acting_user, role, org)
    _check_role_fits(role, org)
    _require_manages(acting_user, user, allow_new=True)
    assignment, _ = RoleAssignment.objects.get_or_create(user=user, role=role, org=org)
    if assignment.ended_at is not None:
        _set_ended(assignment, acting_user, None)
    _audit(acting_user, assignment, AuditKind.USER_ROLE_ADDED)
    return assignment


@transaction.atomic
def assignment_end(*, acting_user, assignment: RoleAssignment) -> RoleAssignment:
    """Remove a role from a user: it grants nothing from now on, and stays on record as ended."""
    assignment = RoleAssignment.objects.select_for_update().get(pk=assignment.pk)
    _require_manages(acting_user, assignment.user, allow_new=True)
    if not may_grant(acting_user, assignment.role, assignment.org):
        raise PermissionDenied
    if assignment.ended_at is None:  # a second click ends nothing more
        _set_ended(assignment, acting_user, timezone.now())
        _audit(acting_user, assignment, AuditKind.USER_ROLE_REMOVED)
    return assignment


@transaction.atomic
def assignment_restore(*, acting_user, assignment: RoleAssignment) -> RoleAssignment:
    """Give an ended role back, by someone allowed to grant it."""
    assignment = RoleAssignment.objects.select_for_update().get(pk=assignment.pk)
    _check_may_grant(acting_user, assignment.role, assignment.org)
    _require_manages(acting_user, assignment.user, allow_new=True)
    if assignment.org.deleted_at is not None:
        raise ValidationError(f"单位「{assignment.org.name}」已删除：请先恢复该单位")
    if assignment.ended_at is not None:
        _set_ended(assignment, acting_user, None)
        _audit(acting_user, assignment, AuditKind.USER_ROLE_RESTORED)
    return assignment


def _set_ended(assignment: RoleAssignment, acting_user, moment) -> None:
    assignment.ended_at = moment
    assignment.ended_by = acting_user if moment else None
    assignment._history_user = acting_user
    assignment.save(update_fields=["ended_at", "ended_by"])
    assignment.user.forget_assignments()


def _audit(acting_user, assignment: RoleAssignment, kind: AuditKind) -> None:
    detail = {"role": assignment.role}
    record_event(kind, actor=acting_user, org=assignment.org, record=assignment.user, detail=detail)


def judged_roles(user: User) -> list[RoleAssignment]:
    """The roles a user is judged by: those held now, or, when every one has ended, those they held
    (a former town administrator's account stays out of a town administrator's reach)."""
    return user.assignments or list(user.role_assignments.select_related("org"))


def may_manage(acting_user, user: User) -> bool:
    """Whether ``acting_user`` may act on ``user``'s account (the page's buttons ask this)."""
    try:
        _require_manages(acting_user, user)
    except PermissionDenied:
        return False
    return True


def _require_manages(acting_user, user: User, *, allow_new: bool = False) -> None:
    """An administrator acts on a user only if they manage every unit the user is assigned to, and
    every role held there ranks below theirs (four eyes); a user of no role yet only when they are
    being given one (``allow_new``)."""
    require_actor(acting_user)
    if user.is_system:
        raise PermissionDenied  # the system actor is nobody's account to administer
    held = judged_roles(user)
    if not held and not (allow_new or acting_user.is_superuser or acting_user.is_system):
        raise PermissionDenied
    for assignment in held:
        require(acting_user, Capability.MANAGE_ORG, assignment.org)
        if not may_grant(acting_user, assignment.role, assignment.org):
            raise PermissionDenied


@transaction.atomic
def user_set_active(*, acting_user, user: User, active: bool) -> User:
    """Deactivate instead of delete: the history of everything the user did stays attributable."""
    _require_manages(acting_user, user)
    user.is_active = active
    user._history_user = acting_user
    user.save(update_fields=["is_active"])
    return user


@transaction.atomic
def user_reset_password(*, acting_user, user: User, password: str) -> User:
    """An administrator sets a new password (the user forgot theirs) and lifts any log-in lock."""
    _require_manages(acting_user, user)
    _check_password(password, user)
    user.set_password(password)
    user._history_user = acting_user
    user.save(update_fields=["password"])
    _audit_password(acting_user, user, AuditKind.USER_PASSWORD_RESET)
    reset_login_failures(username=user.username)
    return user


def record_password_change(user: User) -> None:
    """Called after a user changed their own password (Django's form did the validation)."""
    _audit_password(user, user, AuditKind.USER_PASSWORD_CHANGED)


def _audit_password(acting_user, user: User, kind: AuditKind) -> None:
    org = user.assignments[0].org if user.assignments else None
    record_event(kind, actor=acting_user, org=org, record=user)
