import django_filters
from django.forms import HiddenInput

from xiangzhi.care.models import Household, HouseholdCategory, Matter, Member, Problem, ProblemStatus, Visit
from xiangzhi.core.ledgers.filters import LedgerFilterSet, hidden_date


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
    in_register_on = django_filters.DateFilter(
        label="截至该日在册", method="filter_in_register_on", widget=HiddenInput
    )

    class Meta:
        model = Household
        fields = ["village", "grid", "category", "helper", "in_register", "in_register_on", "q"]

    def filter_in_register(self, queryset, name, value):
        return queryset.filter(exited_on__isnull=(value == "yes"))

    def filter_in_register_on(self, queryset, name, value):
        """In the register on a date (CONTRACT §4): enrolled by then and not exited by then."""
        return queryset.filter(enrolled_on__lte=value).exclude(exited_on__lte=value)


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
    raised_after = hidden_date("提出日期从", "raised_on", "gte")
    raised_before = hidden_date("提出日期至", "raised_on", "lte")
    resolved_after = hidden_date("解决日期从", "resolved_on", "gte")
    resolved_before = hidden_date("解决日期至", "resolved_on", "lte")

    class Meta:
        model = Problem
        fields = [
            "village",
            "status",
            "raised_after",
            "raised_before",
            "resolved_after",
            "resolved_before",
            "q",
        ]


class MatterFilterSet(LedgerFilterSet):
    search_fields = ("matter_no__icontains", "name__icontains")
    completed_after = hidden_date("完成日期从", "completed_on", "gte")
    completed_before = hidden_date("完成日期至", "completed_on", "lte")

    class Meta:
        model = Matter
        fields = ["village", "completed_after", "completed_before", "q"]
