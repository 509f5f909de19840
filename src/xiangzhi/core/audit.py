"""The one way a service writes a business event (the kind comes from ``AuditKind``)."""

from django.db import models

from xiangzhi.core.models import AuditEvent, AuditKind


def record_event(
    kind: AuditKind,
    *,
    actor,
    org,  # an OrgUnit, or its key when the caller has it without a query
    record: models.Model | None = None,
    object_type: str = "",
    detail: dict | None = None,
) -> AuditEvent:
    """Write one ``AuditEvent``. ``record`` names the object (its label and key); ``object_type``
    alone names a kind of object when no single record is concerned (an export)."""
    if not isinstance(kind, AuditKind):
        # A free string would store a kind no list, report or test knows about.
        raise TypeError(f"audit kind must be an AuditKind, not {kind!r}")
    return AuditEvent.objects.create(
        kind=kind,
        actor=actor,
        **({"org_id": org} if isinstance(org, int) else {"org": org}),
        object_type=record._meta.label_lower if record is not None else object_type,
        object_id=str(record.pk) if record is not None else "",
        detail=detail or {},
    )
