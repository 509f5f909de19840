"""基础设施: per project type, what was completed in the period and what is under construction."""

from django.db.models import Count, Q, Sum

from xiangzhi.projects.models import CONTRACT_PROJECT_TYPES, Project, ProjectStatus
from xiangzhi.reports.selectors.environment import in_order
from xiangzhi.reports.statement import Figures

IN_PROGRESS = Q(status=ProjectStatus.IN_PROGRESS)


def projects_figures(scope) -> dict[str, Figures]:
    done = Q(status=ProjectStatus.COMPLETED, completed_on__range=scope.in_period)
    village = scope.in_a_village()
    key = scope.village_key()
    numbers = {
        "completed": Count("pk", filter=done),
        "in_progress": Count("pk", filter=IN_PROGRESS),
        # Town-level projects (所属村 blank) count as projects but not as villages.
        "villages_completed": Count(key, distinct=True, filter=done & village),
        "villages_in_progress": Count(key, distinct=True, filter=IN_PROGRESS & village),
        "length_m": Sum("length_m"),
        "investment_wan": Sum("investment_wan"),
    }
    return {"projects": Figures(scope.records(Project).filter(done | IN_PROGRESS), numbers, keys=("kind",))}


def projects_section(rows) -> dict:
    by_type = {row.pop("kind"): row for row in rows["projects"]}
    return {"by_type": in_order(by_type, CONTRACT_PROJECT_TYPES)}
