"""基础设施: per project type, what was completed in the period and what is under construction."""

from django.db.models import Count, Q, Sum

from xiangzhi.projects.models import CONTRACT_PROJECT_TYPES, Project, ProjectStatus
from xiangzhi.reports.selectors.numbers import plain


def completed_in(scope) -> Q:
    return Q(status=ProjectStatus.COMPLETED, completed_on__range=scope.in_period)


IN_PROGRESS = Q(status=ProjectStatus.IN_PROGRESS)


def projects_section(scope) -> dict:
    done = completed_in(scope)
    village = scope.in_a_village()
    key = scope.village_key()
    rows = (
        scope.records(Project)
        .filter(done | IN_PROGRESS)
        .order_by()
        .values("kind")
        .annotate(
            completed=Count("pk", filter=done),
            in_progress=Count("pk", filter=IN_PROGRESS),
            # Town-level projects (所属村 blank) count as projects but not as villages.
            villages_completed=Count(key, distinct=True, filter=done & village),
            villages_in_progress=Count(key, distinct=True, filter=IN_PROGRESS & village),
            length_m=Sum("length_m"),
            investment_wan=Sum("investment_wan"),
        )
    )
    by_type = {row.pop("kind"): {name: plain(value) for name, value in row.items()} for row in rows}
    order = [kind for kind in CONTRACT_PROJECT_TYPES if kind in by_type]
    order += sorted(set(by_type) - set(order))
    return {"by_type": {kind: by_type[kind] for kind in order}}
