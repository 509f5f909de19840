"""Demo data is labelled: the demo loader marks the towns it creates, and the UI shows a banner."""

from xiangzhi.core.audit import record_event
from xiangzhi.core.models import AuditEvent, AuditKind, OrgUnit

DEMO_EVENT = AuditKind.DEMO_LOADED


def mark_demo_town(town: OrgUnit) -> None:
    record_event(DEMO_EVENT, actor=None, org=town, record=town)


def is_demo_org(org: OrgUnit) -> bool:
    ancestor_paths = [org.path[:i] for i in range(OrgUnit.steplen, len(org.path) + 1, OrgUnit.steplen)]
    return AuditEvent.objects.filter(kind=DEMO_EVENT, org__path__in=ancestor_paths).exists()
