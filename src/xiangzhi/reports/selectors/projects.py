"""基础设施: per project type, what was completed in the period and what was under construction at
its end (started by then)."""

from django.db.models import Count, Sum

from xiangzhi.projects.models import CONTRACT_PROJECT_TYPES, Project
from xiangzhi.projects.selectors import building_on, completed_within
from xiangzhi.reports.selectors.environment import in_order
from xiangzhi.reports.statement import Figures


def projects_figures(scope) -> dict[str, Figures]:
    done = completed_within(scope.start, scope.end)
    building = building_on(scope.end)
    village = scope.in_a_village()
    key = scope.village_key()
    numbers = {
        "completed": Count("pk", filter=done),
        "in_progress": Count("pk", filter=building),
        # Town-level projects (所属村 blank) count as projects but not as villages.
        "villages_completed": Count(key, distinct=True, filter=done & village),
        "villages_in_progress": Count(key, distinct=True, filter=building & village),
        "length_m": Sum("length_m"),
        "investment_wan": Sum("investment_wan"),
    }
    return {"projects": Figures(scope.records(Project).filter(done | building), numbers, keys=("kind",))}


def projects_section(rows) -> dict:
    by_type = {row.pop("kind"): row for row in rows["projects"]}
    return {"by_type": in_order(by_type, CONTRACT_PROJECT_TYPES)}
