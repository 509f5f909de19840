import django_filters

from xiangzhi.care.models import Household, HouseholdCategory, Matter, Member, Problem, ProblemStatus, Visit
from xiangzhi.core.ledgers.filters import LedgerFilterSet


class HouseholdFilterSet(LedgerFilterSet):
    search_fields = ("head_name__icontains", "household_no__icontains", "head_id_number_last4")
    category = django_filters.ChoiceFilter(
        label="类别", choices=HouseholdCategory.choices, field_name="categories", lookup_expr="contains"
    )
    helper = django_filters.CharFilter(label="帮扶责任人", lookup_expr="icontains")
    in_register = django_filters.ChoiceFilter(
        label="状态",
        choices=[("yes", "在册"), ("no", "已退出")],
        method="filter_in_register",
        empty_label="全部",
    )
    grid = django_filters.CharFilter(label="网格", field_name="org__name", lookup_expr="icontains")

    class Meta:
        model = Household
        fields = ["village", "grid", "category", "helper", "in_register", "q"]

    def filter_in_register(self, queryset, name, value):
        return queryset.filter(exited_on__isnull=(value == "yes"))


class MemberFilterSet(LedgerFilterSet):
    search_fields = ("name__icontains", "household__household_no__icontains", "id_number_last4")

    class Meta:
        model = Member
        fields = ["village", "q"]


class VisitFilterSet(LedgerFilterSet):
    search_fields = (
        "household__head_name__icontains",
        "household__household_no__icontains",
        "visitor__icontains",
    )
    visited_after = django_filters.DateFilter(label="走访日期从", field_name="visited_on", lookup_expr="gte")
    visited_before = django_filters.DateFilter(label="至", field_name="visited_on", lookup_expr="lte")

    class Meta:
        model = Visit
        fields = ["village", "method", "visited_after", "visited_before", "q"]


class ProblemFilterSet(LedgerFilterSet):
    search_fields = ("problem_no__icontains", "description__icontains", "household__head_name__icontains")
    status = django_filters.ChoiceFilter(label="办理状态", choices=ProblemStatus.choices)

    class Meta:
        model = Problem
        fields = ["village", "status", "q"]


class MatterFilterSet(LedgerFilterSet):
    search_fields = ("matter_no__icontains", "name__icontains")

    class Meta:
        model = Matter
        fields = ["village", "q"]
