import django_filters

from xiangzhi.core.ledgers.filters import LedgerFilterSet
from xiangzhi.security.models import Camera, CameraStatus, Dispute, DisputeStatus, PatrolTeam


class CameraFilterSet(LedgerFilterSet):
    search_fields = ("camera_no__icontains", "location__icontains")
    status = django_filters.ChoiceFilter(label="状态", choices=CameraStatus.choices)

    class Meta:
        model = Camera
        fields = ["village", "status", "q"]


class PatrolTeamFilterSet(LedgerFilterSet):
    search_fields = ("team_no__icontains", "name__icontains")

    class Meta:
        model = PatrolTeam
        fields = ["village", "q"]


class DisputeFilterSet(LedgerFilterSet):
    search_fields = ("dispute_no__icontains", "summary__icontains", "kind__icontains")
    status = django_filters.ChoiceFilter(label="调处状态", choices=DisputeStatus.choices)
    registered_after = django_filters.DateFilter(
        label="登记日期从", field_name="registered_on", lookup_expr="gte"
    )
    registered_before = django_filters.DateFilter(label="至", field_name="registered_on", lookup_expr="lte")

    class Meta:
        model = Dispute
        fields = ["village", "status", "registered_after", "registered_before", "q"]
