"""平安建设: cameras and patrol teams standing at the period end, and the disputes of the period."""

from django.db.models import Count, Q, Sum

from xiangzhi.reports.statement import Figures
from xiangzhi.security.models import Camera, CameraStatus, Dispute, DisputeStatus, PatrolTeam


def public_security_figures(scope) -> dict[str, Figures]:
    registered = Q(registered_on__range=scope.in_period)
    resolved = Q(status=DisputeStatus.RESOLVED, resolved_on__range=scope.in_period)
    return {
        "security.cameras": Figures(
            scope.records(Camera)
            .filter(Q(installed_on__lte=scope.end) | Q(installed_on__isnull=True))
            .exclude(status=CameraStatus.REMOVED),
            {"n": Count("pk")},
        ),
        "security.patrols": Figures(
            scope.records(PatrolTeam).filter(Q(founded_on__lte=scope.end) | Q(founded_on__isnull=True)),
            {"teams": Count("pk"), "members": Sum("members_count")},
        ),
        "security.disputes": Figures(
            scope.records(Dispute).filter(registered | resolved),
            {"registered": Count("pk", filter=registered), "resolved": Count("pk", filter=resolved)},
        ),
    }


def public_security_section(rows) -> dict:
    patrols, disputes = rows.one("security.patrols"), rows.one("security.disputes")
    return {
        "cameras": rows.one("security.cameras")["n"],
        "patrol_teams": patrols["teams"],
        "patrol_members": patrols["members"],
        "disputes": disputes["registered"],
        "disputes_resolved": disputes["resolved"],
    }
