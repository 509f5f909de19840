import django_filters

from xiangzhi.core.ledgers.filters import LedgerFilterSet, hidden_date, year_filter
from xiangzhi.points.models import Identity, PointEntry


class PointEntryFilterSet(LedgerFilterSet):
    search_fields = ("record_no__icontains", "person_name__icontains", "item__icontains")
    identity = django_filters.ChoiceFilter(label="身份", choices=Identity.choices)
    year = year_filter(field_name="entry_date", lookup_expr="year")
    person = django_filters.CharFilter(label="姓名", field_name="person_name")
    entry_after = hidden_date("日期从", "entry_date", "gte")
    entry_before = hidden_date("日期至", "entry_date", "lte")

    class Meta:
        model = PointEntry
        fields = ["village", "identity", "year", "person", "entry_after", "entry_before", "q"]
