from django.contrib.auth.models import AbstractUser
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from simple_history.models import HistoricalRecords

from xiangzhi.core.models.orgs import OrgUnit
from xiangzhi.core.roles import Capability, Role, roles_granting

SYSTEM_USERNAME = "system"


class User(AbstractUser):
    display_name = models.CharField("姓名", max_length=50, blank=True)
    # The named actor of work nobody signed in for (command line, background jobs, demo loading):
    # it holds every capability but can never log in (inactive, no usable password).
    is_system = models.BooleanField("系统账号", default=False, editable=False)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"
        constraints = [
            models.UniqueConstraint(fields=["is_system"], condition=Q(is_system=True), name="one_system_user")
        ]

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def assignments(self) -> list["RoleAssignment"]:
        """The user's current assignments, loaded once per request (every scoped query needs them).

        Ended assignments and those of deleted units grant nothing, so they are left out here,
        where every check (``can``, ``scope_paths``, ``restrict``) reads them.
        """
        cached = self.__dict__.get("_assignments")
        if cached is None:
            cached = list(self.role_assignments.current().select_related("org"))
            self.__dict__["_assignments"] = cached
        return cached

    def forget_assignments(self) -> None:
        """Drop the cached assignments after they changed (a role granted, ended or restored)."""
        self.__dict__.pop("_assignments", None)

    def scope_paths(self) -> list[str]:
        return [a.org.path for a in self.assignments]

    def paths_where(self, capability: str, ledger: str | None = None) -> list[str]:
        """The paths of the units under which the user holds ``capability`` (see core/roles.py)."""
        granting = roles_granting(capability, ledger)
        return [a.org.path for a in self.assignments if a.role in granting]

    def can(self, capability: str, org: OrgUnit | None = None, ledger: str | None = None) -> bool:
        """Whether one of the user's assignments grants ``capability`` over ``org``'s subtree."""
        if self.is_system:
            return True
        if not self.is_active:
            return False
        if self.is_superuser:
            return True
        return any(org is None or org.path.startswith(path) for path in self.paths_where(capability, ledger))

    def can_view(self, org: OrgUnit) -> bool:
        return self.can(Capability.VIEW, org)


def system_user() -> User:
    """The system actor, created on first use: history rows and audit events name it."""
    user = User.objects.filter(is_system=True).first()
    if user is None:
        username = SYSTEM_USERNAME
        while User.objects.filter(username__iexact=username).exists():
            username += "_"  # a person already called "system" keeps their name
        user = User(username=username, display_name="系统", is_active=False, is_system=True)
        user.set_unusable_password()
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError:  # created at the same moment by another process: use that one
            user = User.objects.get(is_system=True)
    return user


class RoleAssignmentQuerySet(models.QuerySet):
    def current(self):
        """Assignments that grant something: not ended, at a unit that is not deleted."""
        return self.filter(ended_at__isnull=True, org__deleted_at__isnull=True)


class RoleAssignment(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField("角色", max_length=32, choices=Role.choices)
    org = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="role_assignments")
    # Removing a role ends the assignment instead of deleting it: who held what, when, stays known,
    # and it can be restored (core/services/users.py).
    ended_at = models.DateTimeField("结束时间", null=True, blank=True, editable=False)
    ended_by = models.ForeignKey(
        User,
        verbose_name="结束人",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = "角色分配"
        verbose_name_plural = "角色分配"
        constraints = [models.UniqueConstraint(fields=["user", "role", "org"], name="unique_role_assignment")]

    def __str__(self) -> str:
        return f"{self.org.name} · {self.get_role_display()}"
