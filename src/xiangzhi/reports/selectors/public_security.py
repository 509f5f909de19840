"""平安建设: cameras and patrol teams standing at the period end, and the disputes of the period."""

from django.db.models import Count, Q, Sum

from xiangzhi.reports.selectors.numbers import plain
from xiangzhi.security.models import Camera, CameraStatus, Dispute, DisputeStatus, PatrolTeam


def public_security_section(scope) -> dict:
    cameras = (
        scope.records(Camera)
        .filter(Q(installed_on__lte=scope.end) | Q(installed_on__isnull=True))
        .exclude(status=CameraStatus.REMOVED)
        .count()
    )
    patrols = (
        scope.records(PatrolTeam)
        .filter(Q(founded_on__lte=scope.end) | Q(founded_on__isnull=True))
        .aggregate(teams=Count("pk"), members=Sum("members_count"))
    )
    disputes = _disputes(scope)
    return {
        "cameras": cameras,
        "patrol_teams": patrols["teams"],
        "patrol_members": plain(patrols["members"]),
        "disputes": disputes["registered"],
        "disputes_resolved": disputes["resolved"],
    }


def _disputes(scope) -> dict:
    registered = Q(registered_on__range=scope.in_period)
    resolved = Q(status=DisputeStatus.RESOLVED, resolved_on__range=scope.in_period)
    return (
        scope.records(Dispute)
        .filter(registered | resolved)
        .aggregate(registered=Count("pk", filter=registered), resolved=Count("pk", filter=resolved))
    )
