"""Reads of the projects ledger: figures by type, and the villages × types matrix.

Both are a fixed number of aggregate queries however many villages and projects there are.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum

from xiangzhi.core.current import town_of
from xiangzhi.core.ledgers.display import format_value
from xiangzhi.core.models import OrgLevel, OrgUnit
from xiangzhi.projects.models import Project, ProjectStatus
from xiangzhi.projects.project_types import active_type_names

_BUILT = Q(status__in=[ProjectStatus.COMPLETED, ProjectStatus.IN_PROGRESS])


def completed_within(start, end) -> Q:
    """Projects completed (已完工) with 完工日期 in [start, end]; ``None`` leaves a side open.

    The bounds may be dates or SQL expressions (the report's compiled slots).
    """
    done = Q(status=ProjectStatus.COMPLETED, completed_on__isnull=False)
    if start is not None:
        done &= Q(completed_on__gte=start)
    if end is not None:
        done &= Q(completed_on__lte=end)
    return done


def building_on(day) -> Q:
    """Projects under construction (在建) that had started by ``day``: one started later was not
    being built then. A blank 开工日期 counts, as a blank 安装日期 does for a camera."""
    building = Q(status=ProjectStatus.IN_PROGRESS)
    if day is None:
        return building
    return building & (Q(started_on__isnull=True) | Q(started_on__lte=day))


def projects_under(user, org: OrgUnit | None):
    if org is None:
        return Project.objects.none()
    return Project.objects.visible_to(user).filter(org__path__startswith=org.path)


def _ordered_kinds(present, org: OrgUnit | None) -> list[str]:
    """The active types of ``org``'s town in their order, then any other type projects carry."""
    kinds = active_type_names(town_of(org))  # above a town: every town's types
    return kinds + sorted(set(present) - set(kinds))


@dataclass
class TypeSummary:
    kind: str
    planned: int
    in_progress: int
    completed: int
    length_m: Decimal | None
    investment_wan: Decimal | None

    def length_display(self) -> str:
        return "—" if self.length_m is None else format_value(self.length_m)

    def investment_display(self) -> str:
        return "—" if self.investment_wan is None else format_value(self.investment_wan)


def summary_by_type(projects, org: OrgUnit | None) -> list[TypeSummary]:
    """Per type: projects by status, and length / investment of those completed or in progress
    (``projects`` lie under ``org``)."""
    rows = {
        row["kind"]: row
        for row in projects.order_by()
        .values("kind")
        .annotate(
            planned=Count("pk", filter=Q(status=ProjectStatus.PLANNED)),
            in_progress=Count("pk", filter=Q(status=ProjectStatus.IN_PROGRESS)),
            completed=Count("pk", filter=Q(status=ProjectStatus.COMPLETED)),
            length_m=Sum("length_m", filter=_BUILT),
            investment_wan=Sum("investment_wan", filter=_BUILT),
        )
    }
    return [TypeSummary(**rows[kind]) for kind in _ordered_kinds(rows, org) if kind in rows]


@dataclass
class Cell:
    completed: int = 0
    in_progress: int = 0
    planned: int = 0
    kind: str = ""

    @property
    def empty(self) -> bool:
        return not (self.completed or self.in_progress or self.planned)


@dataclass
class MatrixRow:
    unit: OrgUnit
    label: str
    cells: list[Cell]

    @property
    def is_village(self) -> bool:
        return self.unit.level == OrgLevel.VILLAGE

    @property
    def list_filter(self) -> str:
        """The projects-list filter showing this row's projects (a town row: its town-level ones)."""
        return f"village={self.unit.pk}" if self.is_village else f"level={OrgLevel.TOWN}"


@dataclass
class ProjectMatrix:
    kinds: list[str]
    rows: list[MatrixRow] = field(default_factory=list)

    def _villages_with(self, attribute: str) -> list[int]:
        return [
            sum(1 for row in self.rows if row.is_village and getattr(row.cells[i], attribute))
            for i in range(len(self.kinds))
        ]

    def villages_completed(self) -> list[int]:
        return self._villages_with("completed")

    def villages_in_progress(self) -> list[int]:
        return self._villages_with("in_progress")

    def villages_without(self) -> list[int]:
        villages = [row for row in self.rows if row.is_village]
        return [sum(1 for row in villages if row.cells[i].empty) for i in range(len(self.kinds))]


_FIELD_BY_STATUS = {
    ProjectStatus.COMPLETED: "completed",
    ProjectStatus.IN_PROGRESS: "in_progress",
    ProjectStatus.PLANNED: "planned",
}


def village_project_matrix(user, org: OrgUnit | None) -> ProjectMatrix:
    """For each village under ``org`` and each type: its projects completed, in progress, planned.

    Town-level projects (所属村 blank) get a row of their town when there are any.
    """
    counts = (
        projects_under(user, org).order_by().values_list("org_id", "kind", "status").annotate(n=Count("pk"))
    )
    by_unit: dict[int, dict[str, Cell]] = {}
    for org_id, kind, status, n in counts:
        cell = by_unit.setdefault(org_id, {}).setdefault(kind, Cell(kind=kind))
        setattr(cell, _FIELD_BY_STATUS[status], n)
    matrix = ProjectMatrix(_ordered_kinds({kind for cells in by_unit.values() for kind in cells}, org))
    if org is None:
        return matrix
    units = (
        OrgUnit.objects.visible_to(user)
        .active()
        .filter(path__startswith=org.path, level__in=[OrgLevel.TOWN, OrgLevel.VILLAGE])
    )
    for unit in units.only("pk", "name", "level", "path"):
        cells = by_unit.get(unit.pk, {})
        if unit.level == OrgLevel.TOWN and not cells:
            continue
        label = f"{unit.name}（镇级项目）" if unit.level == OrgLevel.TOWN else unit.name
        matrix.rows.append(
            MatrixRow(unit, label, [cells.get(kind, Cell(kind=kind)) for kind in matrix.kinds])
        )
    return matrix
