import django_filters

from xiangzhi.core.ledgers.filters import LedgerFilterSet, year_filter
from xiangzhi.events.models import Event, EventKind


class EventFilterSet(LedgerFilterSet):
    search_fields = ("event_no__icontains", "title__icontains")
    kind = django_filters.ChoiceFilter(label="活动类型", choices=EventKind.choices)
    year = year_filter(field_name="held_on", lookup_expr="year")
    held_after = django_filters.DateFilter(label="活动日期从", field_name="held_on", lookup_expr="gte")
    held_before = django_filters.DateFilter(label="至", field_name="held_on", lookup_expr="lte")

    class Meta:
        model = Event
        fields = ["village", "kind", "year", "held_after", "held_before", "q"]
