import django_filters

from xiangzhi.core.ledgers.filters import LedgerFilterSet, year_filter
from xiangzhi.stars.choices import StarName
from xiangzhi.stars.models import StarPlan, StarResult, StarTarget

_LEVELS = [(n, f"{n}星") for n in range(6)]


class StarTargetFilterSet(LedgerFilterSet):
    year = year_filter()

    class Meta:
        model = StarTarget
        fields = ["year"]


class _StarListFilterSet(LedgerFilterSet):
    year = year_filter()
    # Lists are stored "、"-joined and no star name contains another, so contains is an element match.
    star = django_filters.ChoiceFilter(
        label="星", choices=StarName.choices, field_name="stars", lookup_expr="contains"
    )
    level = django_filters.ChoiceFilter(label="星级", choices=_LEVELS)
    level_at_least = django_filters.NumberFilter(label="星级不低于", field_name="level", lookup_expr="gte")


class StarPlanFilterSet(_StarListFilterSet):
    class Meta:
        model = StarPlan
        fields = ["village", "year", "star", "level", "level_at_least"]


class StarResultFilterSet(_StarListFilterSet):
    class Meta:
        model = StarResult
        fields = ["village", "year", "star", "level", "level_at_least"]
