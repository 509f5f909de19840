"""Demo data is labelled: the demo loader marks the towns it creates, and the UI shows a banner."""

from xiangzhi.core.models import AuditEvent, OrgUnit

DEMO_EVENT = "demo.loaded"


def mark_demo_town(town: OrgUnit) -> None:
    AuditEvent.objects.create(kind=DEMO_EVENT, org=town, object_type="core.orgunit", object_id=str(town.pk))


def is_demo_org(org: OrgUnit) -> bool:
    ancestor_paths = [org.path[:i] for i in range(OrgUnit.steplen, len(org.path) + 1, OrgUnit.steplen)]
    return AuditEvent.objects.filter(kind=DEMO_EVENT, org__path__in=ancestor_paths).exists()
