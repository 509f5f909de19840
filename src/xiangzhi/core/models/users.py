from django.contrib.auth.models import AbstractUser
from django.db import models
from simple_history.models import HistoricalRecords

from xiangzhi.core.models.orgs import OrgUnit
from xiangzhi.core.roles import ROLE_CAPABILITIES, Capability, Role


class User(AbstractUser):
    display_name = models.CharField("姓名", max_length=50, blank=True)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def assignments(self) -> list["RoleAssignment"]:
        """The user's assignments, loaded once per request (every scoped query needs them)."""
        cached = self.__dict__.get("_assignments")
        if cached is None:
            cached = list(self.role_assignments.select_related("org").filter(org__deleted_at__isnull=True))
            self.__dict__["_assignments"] = cached
        return cached

    def scope_paths(self) -> list[str]:
        return [a.org.path for a in self.assignments]

    def can(self, capability: str, org: OrgUnit | None = None) -> bool:
        """Whether one of the user's assignments grants ``capability`` over ``org``'s subtree."""
        if not self.is_active:
            return False
        if self.is_superuser:
            return True
        return any(
            capability in ROLE_CAPABILITIES[a.role] and (org is None or org.path.startswith(a.org.path))
            for a in self.assignments
        )

    def can_view(self, org: OrgUnit) -> bool:
        return self.can(Capability.VIEW, org)


class RoleAssignment(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField("角色", max_length=32, choices=Role.choices)
    org = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="role_assignments")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "角色分配"
        verbose_name_plural = "角色分配"
        constraints = [models.UniqueConstraint(fields=["user", "role", "org"], name="unique_role_assignment")]

    def __str__(self) -> str:
        return f"{self.org.name} · {self.get_role_display()}"
