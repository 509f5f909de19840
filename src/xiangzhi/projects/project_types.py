"""Which project types a project may take: the active ``ProjectType`` rows of its town.

A town's projects take the shared types and the town's own ones. A type that has been retired stays
valid for the projects that already carry it, so that an export of old records re-imports
unchanged; new projects need an active type.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from xiangzhi.core.models import OrgUnit
from xiangzhi.core.roles import Capability
from xiangzhi.projects.models import Project, ProjectType


def types_for(town: OrgUnit | None) -> QuerySet:
    """The types a town's projects may take; with no town (a county's view) every town's."""
    if town is None:
        return ProjectType.objects.all()
    return ProjectType.objects.filter(Q(town__isnull=True) | Q(town=town))


def active_type_names(town: OrgUnit | None) -> list[str]:
    """Names of the active types in their order (a name two towns both added, once)."""
    names = types_for(town).filter(active=True).order_by("order", "name").values_list("name", flat=True)
    return list(dict.fromkeys(names))


def may_manage_type(user, town: OrgUnit | None) -> bool:
    """Shared types are the system administrator's; a town's own, its administrators'."""
    if town is None:
        return user.is_active and user.is_superuser
    return user.can(Capability.MANAGE_ORG, town)


@dataclass
class KindTable:
    """The types an import accepts, loaded once per import (two queries, not one per row)."""

    active: list[str]
    # project_no → its stored kind, for the projects of the town whose kind is no longer active.
    retired_in_use: dict[str, str]

    @classmethod
    def load(cls, town) -> KindTable:
        active = active_type_names(town)
        legacy = Project.all_objects.filter(town=town).exclude(kind__in=active)
        return cls(active, dict(legacy.values_list("project_no", "kind")))

    def problem(self, name: str, project_no: str) -> str | None:
        if name in self.active or self.retired_in_use.get(project_no) == name:
            return None
        return f"「{name}」不是启用的项目类型，应为：{'、'.join(self.active)}"


_CACHE_ATTR = "_project_kinds"


def kinds_for_import(ctx) -> KindTable:
    """The import's KindTable, kept on the import context for the length of one import."""
    table = getattr(ctx, _CACHE_ATTR, None)
    if table is None:
        table = KindTable.load(ctx.town)
        setattr(ctx, _CACHE_ATTR, table)
    return table
