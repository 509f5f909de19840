"""Writes of the projects app that are more than CRUD: the cycle 计划 → 在建 → 已完工, and the
project-type list an administrator keeps. Each is atomic, validated, in history and audited."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q

from xiangzhi.core.audit import record_event
from xiangzhi.core.models import AuditKind
from xiangzhi.core.problems import refuse_problems
from xiangzhi.core.services.records import record_update
from xiangzhi.core.services.unchanged import NOT_SHOWN, Shown
from xiangzhi.core.workflow import guard
from xiangzhi.projects.models import PROJECT_WORKFLOW, Project, ProjectStatus, ProjectType
from xiangzhi.projects.project_types import may_manage_type
from xiangzhi.projects.rules import project_rules


def _check_move(project: Project, target: str, action: str) -> None:
    guard(PROJECT_WORKFLOW, project.status, target, action=action)


def _raise_problems(fields: dict) -> None:
    refuse_problems(project_rules(fields))


@transaction.atomic
def project_start(
    *, project: Project, acting_user, expected_version: int, started_on: dt.date | None
) -> Project:
    """计划 → 在建 on ``started_on``."""
    _check_move(project, ProjectStatus.IN_PROGRESS, "开工")
    if started_on is None:
        raise ValidationError({"started_on": "请填写开工日期"})
    _raise_problems({"started_on": started_on, "completed_on": project.completed_on})
    project.status, project.started_on = ProjectStatus.IN_PROGRESS, started_on
    record_update(project, acting_user=acting_user, expected_version=expected_version, reason="开工")
    record_event(
        AuditKind.PROJECT_STARTED,
        actor=acting_user,
        org=project.org,
        record=project,
        detail={"started_on": started_on.isoformat()},
    )
    return project


@transaction.atomic
def project_complete(
    *,
    project: Project,
    acting_user,
    expected_version: int,
    completed_on: dt.date | None,
    length_m: Decimal | None = None,
    investment_wan: Decimal | None = None,
) -> Project:
    """在建 → 已完工 on ``completed_on``; the final length and investment may be given with it."""
    _check_move(project, ProjectStatus.COMPLETED, "完工")
    after = {
        "status": ProjectStatus.COMPLETED,
        "completed_on": completed_on,
        "length_m": project.length_m if length_m is None else length_m,
        "investment_wan": project.investment_wan if investment_wan is None else investment_wan,
    }
    _raise_problems({**after, "started_on": project.started_on})
    for name, value in after.items():
        setattr(project, name, value)
    record_update(project, acting_user=acting_user, expected_version=expected_version, reason="完工")
    record_event(
        AuditKind.PROJECT_COMPLETED,
        actor=acting_user,
        org=project.org,
        record=project,
        detail={"completed_on": completed_on.isoformat()},
    )
    return project


def _save_type(project_type: ProjectType, acting_user, reason: str) -> None:
    project_type._history_user = acting_user
    project_type._change_reason = reason
    project_type.full_clean()
    project_type.save()


def _require_type_manager(acting_user, town) -> None:
    if not may_manage_type(acting_user, town):
        raise PermissionDenied


def _refuse_name_clash(name: str, town, exclude_pk=None) -> None:
    """A type's name is what a project's Excel cell holds, so a town's own type may not repeat a
    shared name, nor a shared type any town's own (two towns may each have their own 冷库)."""
    clash = ProjectType.objects.filter(name=name).exclude(pk=exclude_pk)
    if town is not None:
        clash = clash.filter(Q(town__isnull=True) | Q(town=town))
    if clash.exists():
        raise ValidationError({"name": f"项目类型「{name}」已存在"})


def _projects_carrying(project_type: ProjectType):
    projects = Project.all_objects.filter(kind=project_type.name)
    return projects if project_type.is_shared else projects.filter(town=project_type.town_id)


@transaction.atomic
def project_type_create(*, town, name: str, order: int, active: bool, acting_user) -> ProjectType:
    """A new type for ``town``'s projects, or (``town`` None) for every town's."""
    _require_type_manager(acting_user, town)
    project_type = ProjectType(town=town, name=name.strip(), order=order, active=active)
    _refuse_name_clash(project_type.name, town)
    _save_type(project_type, acting_user, "新增项目类型")
    record_event(
        AuditKind.PROJECT_TYPE_CREATED,
        actor=acting_user,
        org=town,
        record=project_type,
        detail={"name": project_type.name},
    )
    return project_type


@transaction.atomic
def project_type_update(
    *, project_type: ProjectType, name: str, order: int, active: bool, acting_user, shown: Shown = NOT_SHOWN
) -> ProjectType:
    """Reorder, retire or re-enable a type; rename it only while no project carries the old name
    (projects store the name, so a rename would silently orphan them)."""
    stored = ProjectType.objects.select_for_update().get(pk=project_type.pk)
    _require_type_manager(acting_user, stored.town)
    shown.check(stored)
    name = name.strip()
    if name != stored.name:
        if _projects_carrying(stored).exists():
            raise ValidationError({"name": "已有项目使用该类型，不能改名；可停用后新增类型"})
        _refuse_name_clash(name, stored.town, exclude_pk=stored.pk)
    before = {"name": stored.name, "order": stored.order, "active": stored.active}
    project_type.name, project_type.order, project_type.active = name, order, active
    _save_type(project_type, acting_user, "修改项目类型")
    record_event(
        AuditKind.PROJECT_TYPE_UPDATED,
        actor=acting_user,
        org=stored.town,
        record=project_type,
        detail={"before": before, "after": {"name": name, "order": order, "active": active}},
    )
    return project_type
