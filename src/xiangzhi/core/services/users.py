"""Writes of users and their role assignments, limited to the acting administrator's subtree."""

from axes.utils import reset as reset_login_failures
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from xiangzhi.core.models import AuditEvent, OrgUnit, RoleAssignment, User
from xiangzhi.core.roles import ROLE_LEVELS, Capability
from xiangzhi.core.services.access import require


def _check_password(password: str, user: User) -> None:
    """The password policy's messages belong to the password field, not the whole form."""
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from None


def _check_role_fits(role: str, org: OrgUnit) -> None:
    if org.level not in ROLE_LEVELS[role]:
        raise ValidationError({"org": "该角色不能分配到这一层级的单位"})


@transaction.atomic
def user_create(
    *, acting_user, username: str, display_name: str, password: str, role: str, org: OrgUnit
) -> User:
    require(acting_user, Capability.MANAGE_ORG, org)
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
    require(acting_user, Capability.MANAGE_ORG, org)
    _check_role_fits(role, org)
    assignment, _ = RoleAssignment.objects.get_or_create(user=user, role=role, org=org)
    AuditEvent.objects.create(
        kind="user.role_added",
        actor=acting_user,
        org=org,
        object_type="core.user",
        object_id=str(user.pk),
        detail={"role": role},
    )
    return assignment


@transaction.atomic
def assignment_remove(*, acting_user, assignment: RoleAssignment) -> None:
    require(acting_user, Capability.MANAGE_ORG, assignment.org)
    AuditEvent.objects.create(
        kind="user.role_removed",
        actor=acting_user,
        org=assignment.org,
        object_type="core.user",
        object_id=str(assignment.user_id),
        detail={"role": assignment.role},
    )
    assignment.delete()


def _require_manages(acting_user, user: User) -> None:
    """An administrator acts on a user only if they manage every unit the user is assigned to."""
    if not user.assignments and not acting_user.is_superuser:
        raise PermissionDenied
    for assignment in user.assignments:
        require(acting_user, Capability.MANAGE_ORG, assignment.org)


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
    _audit_password(acting_user, user, "user.password_reset")
    reset_login_failures(username=user.username)
    return user


def record_password_change(user: User) -> None:
    """Called after a user changed their own password (Django's form did the validation)."""
    _audit_password(user, user, "user.password_changed")


def _audit_password(acting_user, user: User, kind: str) -> None:
    org = user.assignments[0].org if user.assignments else None
    AuditEvent.objects.create(
        kind=kind, actor=acting_user, org=org, object_type="core.user", object_id=str(user.pk)
    )
