"""The FilterSet base every ledger uses on its list page, its export and (later) the API."""

import django_filters
from django.db.models import Q
from django.forms import HiddenInput

from xiangzhi.core.models import OrgLevel, OrgUnit
from xiangzhi.core.tabular.converters import FIRST_YEAR, LAST_YEAR


def _villages(request):
    if request is None:
        return OrgUnit.objects.none()
    return OrgUnit.objects.visible_to(request.user).active().filter(level=OrgLevel.VILLAGE)


class LedgerFilterSet(django_filters.FilterSet):
    """Adds a village filter and a free-text search over the ledger's ``search_fields``."""

    village = django_filters.ModelChoiceFilter(
        label="所属村", queryset=_villages, method="filter_village", empty_label="全部村"
    )
    q = django_filters.CharFilter(label="搜索", method="filter_search")

    search_fields: tuple[str, ...] = ()

    def filter_village(self, queryset, name, value):
        return queryset.filter(**{f"{queryset.model.scope_field}__path__startswith": value.path})

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{field: value})
        return queryset.filter(condition)


def hidden_date(label: str, field_name: str, lookup_expr: str, **kwargs) -> django_filters.DateFilter:
    """A date bound the report's figure links set; hidden from the filter bar to keep it short."""
    return django_filters.DateFilter(
        label=label, field_name=field_name, lookup_expr=lookup_expr, widget=HiddenInput, **kwargs
    )


def year_filter(label: str = "年度", **kwargs) -> django_filters.NumberFilter:
    """A year typed in the filter bar (or the address): a whole number a ledger date can have, so
    that ``?year=0`` is a message on the filter bar, not a date Python cannot make."""
    return django_filters.NumberFilter(
        label=label, min_value=FIRST_YEAR, max_value=LAST_YEAR, decimal_places=0, **kwargs
    )
