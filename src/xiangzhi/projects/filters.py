import django_filters

from xiangzhi.core.ledgers.filters import LedgerFilterSet, hidden_date, year_filter
from xiangzhi.core.models import OrgLevel
from xiangzhi.projects.models import Project, ProjectStatus, ProjectType
from xiangzhi.projects.selectors import building_on, completed_within


def _type_choices():
    # Retired types stay in the filter: old projects still carry them.
    return [(name, name) for name in ProjectType.objects.values_list("name", flat=True)]


class ProjectFilterSet(LedgerFilterSet):
    search_fields = ("project_no__icontains", "name__icontains")
    kind = django_filters.ChoiceFilter(label="项目类型", choices=_type_choices)
    status = django_filters.ChoiceFilter(label="项目状态", choices=ProjectStatus.choices)
    level = django_filters.ChoiceFilter(
        label="级别",
        choices=[(OrgLevel.TOWN, "镇级项目"), (OrgLevel.VILLAGE, "村级项目")],
        field_name="org__level",
        empty_label="全部",
    )
    completed_year = year_filter("完工年度", field_name="completed_on", lookup_expr="year")
    completed_after = hidden_date("完工日期从", "completed_on", "gte")
    completed_before = hidden_date("完工日期至", "completed_on", "lte")
    # The report's figures: 在建 at a day (started by then), and what a period's lengths and
    # investments add up (completed in it, or under construction at its end).
    building_on = hidden_date("在建日期", "started_on", "lte", method="filter_building_on")
    counted_after = hidden_date("统计期间从", "completed_on", "gte", method="filter_counted")
    counted_before = hidden_date("统计期间至", "completed_on", "lte", method="filter_counted")

    class Meta:
        model = Project
        fields = [
            "village",
            "kind",
            "status",
            "level",
            "completed_year",
            "completed_after",
            "completed_before",
            "building_on",
            "counted_after",
            "counted_before",
            "q",
        ]

    def filter_building_on(self, queryset, name, value):
        return queryset.filter(building_on(value))

    def filter_counted(self, queryset, name, value):
        """Both bounds at once (the same filter again for the second one changes nothing)."""
        start, end = (self.form.cleaned_data.get(bound) for bound in ("counted_after", "counted_before"))
        return queryset.filter(completed_within(start, end) | building_on(end))
