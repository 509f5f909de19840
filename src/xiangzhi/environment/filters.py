import django_filters

from xiangzhi.core.ledgers.filters import LedgerFilterSet, year_filter
from xiangzhi.environment.models import Cleanup, CleanupKind, Courtyard, CourtyardRating


class CourtyardFilterSet(LedgerFilterSet):
    search_fields = ("courtyard_no__icontains", "owner_name__icontains")
    year = year_filter("评比年度")
    rating = django_filters.ChoiceFilter(label="评定结果", choices=CourtyardRating.choices)

    class Meta:
        model = Courtyard
        fields = ["village", "year", "rating", "q"]


class CleanupFilterSet(LedgerFilterSet):
    search_fields = ("record_no__icontains",)
    kind = django_filters.ChoiceFilter(label="清理类型", choices=CleanupKind.choices)
    year = year_filter(field_name="cleaned_on", lookup_expr="year")
    cleaned_after = django_filters.DateFilter(label="日期从", field_name="cleaned_on", lookup_expr="gte")
    cleaned_before = django_filters.DateFilter(label="至", field_name="cleaned_on", lookup_expr="lte")

    class Meta:
        model = Cleanup
        fields = ["village", "kind", "year", "cleaned_after", "cleaned_before", "q"]
