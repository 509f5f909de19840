"""Logged access to full SENSITIVE values (DOMAIN §12.2 rules 2 and 4).

Lists, exports and reports show masks (``pii.masking``). Showing a full value is a deliberate act:
a view calls ``reveal_field`` (or, for a value it already holds, ``log_full_view``), which writes an
``AuditEvent`` of kind ``pii.revealed`` with who, which record, which field and why — never the
value. Scope is the caller's job: ``obj`` must come from ``Model.objects.visible_to(user)``.
"""

from django.core.exceptions import PermissionDenied
from django.db import models

from xiangzhi.core.models import AuditEvent

PII_REVEALED = "pii.revealed"
PURPOSE_MAX_LENGTH = 200


def log_full_view(*, user, obj: models.Model, field: str, purpose: str = "") -> AuditEvent:
    """Record that ``user`` saw the full value of ``obj.<field>``; ``user=None`` for system jobs."""
    model_field = obj._meta.get_field(field)  # a typo fails here, before anything is written
    return AuditEvent.objects.create(
        kind=PII_REVEALED,
        actor=user if user is not None and user.is_authenticated else None,
        org_id=_org_id(obj),
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        detail={
            "field": field,
            "field_label": str(model_field.verbose_name),
            "purpose": (purpose or "").strip()[:PURPOSE_MAX_LENGTH],
        },
    )


def reveal_field(*, user, obj: models.Model, field: str, purpose: str = "") -> str:
    """The full value of ``obj.<field>`` for a signed-in user, logged first."""
    if user is None or not user.is_authenticated:
        raise PermissionDenied
    log_full_view(user=user, obj=obj, field=field, purpose=purpose)
    return getattr(obj, field)


def _org_id(obj: models.Model) -> int | None:
    """The org unit an event belongs to, read from the model's ``scope_field`` without a query
    when it is a direct FK (``org``), following the path when it spans relations."""
    if obj._meta.label == "core.OrgUnit":
        return obj.pk
    scope_field = getattr(type(obj), "scope_field", None)
    if not scope_field:
        return None
    *path, last = scope_field.split("__")
    target = obj
    for name in path:
        target = getattr(target, name, None)
        if target is None:
            return None
    return getattr(target, f"{last}_id", None)
