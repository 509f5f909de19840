import django_filters
from django.db.models import Q
from django.forms import HiddenInput

from xiangzhi.core.ledgers.filters import LedgerFilterSet, hidden_date
from xiangzhi.security.models import Camera, CameraStatus, Dispute, DisputeStatus, PatrolTeam


class CameraFilterSet(LedgerFilterSet):
    search_fields = ("camera_no__icontains", "location__icontains")
    status = django_filters.ChoiceFilter(label="状态", choices=CameraStatus.choices)
    standing_on = django_filters.DateFilter(
        label="截至该日在用", method="filter_standing_on", widget=HiddenInput
    )

    class Meta:
        model = Camera
        fields = ["village", "status", "standing_on", "q"]

    def filter_standing_on(self, queryset, name, value):
        """Cameras counted as of a date (CONTRACT §4): installed by then or undated, not removed."""
        installed = Q(installed_on__lte=value) | Q(installed_on__isnull=True)
        return queryset.filter(installed).exclude(status=CameraStatus.REMOVED)


class PatrolTeamFilterSet(LedgerFilterSet):
    search_fields = ("team_no__icontains", "name__icontains")
    founded_by = django_filters.DateFilter(
        label="截至该日已成立", method="filter_founded_by", widget=HiddenInput
    )

    class Meta:
        model = PatrolTeam
        fields = ["village", "founded_by", "q"]

    def filter_founded_by(self, queryset, name, value):
        return queryset.filter(Q(founded_on__lte=value) | Q(founded_on__isnull=True))


class DisputeFilterSet(LedgerFilterSet):
    search_fields = ("dispute_no__icontains", "summary__icontains", "kind__icontains")
    status = django_filters.ChoiceFilter(label="调处状态", choices=DisputeStatus.choices)
    registered_after = django_filters.DateFilter(
        label="登记日期从", field_name="registered_on", lookup_expr="gte"
    )
    registered_before = django_filters.DateFilter(label="至", field_name="registered_on", lookup_expr="lte")
    resolved_after = hidden_date("化解日期从", "resolved_on", "gte")
    resolved_before = hidden_date("化解日期至", "resolved_on", "lte")

    class Meta:
        model = Dispute
        fields = [
            "village",
            "status",
            "registered_after",
            "registered_before",
            "resolved_after",
            "resolved_before",
            "q",
        ]
