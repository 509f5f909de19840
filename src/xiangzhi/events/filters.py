import django_filters
from django.forms import HiddenInput
from django_filters.widgets import BaseCSVWidget

from xiangzhi.core.ledgers.filters import LedgerFilterSet, year_filter
from xiangzhi.events.models import Event, EventKind


class _HiddenCSV(BaseCSVWidget, HiddenInput):
    """Comma-separated values in one hidden field (``kinds=安全演练,安全宣讲``)."""

    surrogate = HiddenInput  # what renders the joined values (django-filter's default: a text box)


class _KindsFilter(django_filters.BaseInFilter, django_filters.ChoiceFilter):
    """Several kinds at once: what a report figure summed over kinds links to."""


class EventFilterSet(LedgerFilterSet):
    search_fields = ("event_no__icontains", "title__icontains")
    kind = django_filters.ChoiceFilter(label="活动类型", choices=EventKind.choices)
    kinds = _KindsFilter(label="活动类型", field_name="kind", choices=EventKind.choices, widget=_HiddenCSV)
    year = year_filter(field_name="held_on", lookup_expr="year")
    held_after = django_filters.DateFilter(label="活动日期从", field_name="held_on", lookup_expr="gte")
    held_before = django_filters.DateFilter(label="至", field_name="held_on", lookup_expr="lte")

    class Meta:
        model = Event
        fields = ["village", "kind", "kinds", "year", "held_after", "held_before", "q"]
