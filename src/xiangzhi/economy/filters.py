import django_filters

from xiangzhi.core.ledgers.filters import LedgerFilterSet, year_filter
from xiangzhi.economy.models import CollectiveIncome, Indicator


class CollectiveIncomeFilterSet(LedgerFilterSet):
    search_fields = ("org__name__icontains", "main_source__icontains")
    year = year_filter()
    at_least = django_filters.NumberFilter(
        label="收入不少于(万元)", field_name="income_wan", lookup_expr="gte"
    )

    class Meta:
        model = CollectiveIncome
        fields = ["village", "year", "at_least", "q"]


class IndicatorFilterSet(LedgerFilterSet):
    search_fields = ("name__icontains", "period__icontains")
    year = year_filter(field_name="starts_on", lookup_expr="year")
    name = django_filters.CharFilter(label="指标名称", lookup_expr="icontains")
    period = django_filters.CharFilter(label="期间", help_text="如 2023、2023Q1、2023-03、2023H1")

    class Meta:
        model = Indicator
        fields = ["year", "name", "period", "q"]
