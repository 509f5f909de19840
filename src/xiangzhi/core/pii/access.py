"""Logged access to full SENSITIVE values (DOMAIN §12.2 rules 2 and 4).

Lists, exports and reports show masks (``pii.masking``). Showing a full value is a deliberate act:
a view calls ``reveal_field`` (or, for a value it already holds, ``log_full_view``), which writes an
``AuditEvent`` of kind ``pii.revealed`` with who, which record, which field and why — never the
value. Scope is the caller's job: ``obj`` must come from ``Model.objects.visible_to(user)``.
A file that carries full values out (an export, an import's error workbook) is logged as
``pii.exported`` by ``log_full_export``: who, which ledger, how many rows, which fields.
"""

from django.core.exceptions import PermissionDenied
from django.db import models

from xiangzhi.core.audit import record_event
from xiangzhi.core.models import AuditEvent, AuditKind
from xiangzhi.core.pii.declared import is_revealable

PII_REVEALED = AuditKind.PII_REVEALED
PII_EXPORTED = AuditKind.PII_EXPORTED
PURPOSE_MAX_LENGTH = 200


def log_full_view(*, user, obj: models.Model, field: str, purpose: str = "") -> AuditEvent:
    """Record that ``user`` saw the full value of ``obj.<field>``; ``user=None`` for system jobs."""
    model_field = obj._meta.get_field(field)  # a typo fails here, before anything is written
    return record_event(
        PII_REVEALED,
        actor=user if user is not None and user.is_authenticated else None,
        org=_org_id(obj),
        record=obj,
        detail={
            "field": field,
            "field_label": str(model_field.verbose_name),
            "purpose": (purpose or "").strip()[:PURPOSE_MAX_LENGTH],
        },
    )


def reveal_field(*, user, obj: models.Model, field: str, purpose: str) -> str:
    """The full value of a revealable field of ``obj`` for a signed-in user, logged first with its
    purpose (required: DOMAIN §12.2 rule 4, drill-down "requires a purpose and is logged")."""
    if user is None or not user.is_authenticated:
        raise PermissionDenied
    if not is_revealable(type(obj), field):
        raise PermissionDenied(f"{obj._meta.label}.{field} is not a revealable personal-data field")
    if not (purpose or "").strip():
        raise ValueError("a reveal needs its purpose")
    log_full_view(user=user, obj=obj, field=field, purpose=purpose)
    return getattr(obj, field)


def log_full_export(
    *, user, org, ledger_name: str, model: type[models.Model], rows: int, fields: list[str], channel: str
) -> AuditEvent:
    """Record that a file with full personal values left: ``user=None`` for the command line (the
    server's operator); ``channel`` says which way ("web", "cli", "error_workbook")."""
    return record_event(
        PII_EXPORTED,
        actor=user if user is not None and user.is_authenticated else None,
        org=org,
        object_type=model._meta.label_lower,
        detail={"ledger": ledger_name, "rows": rows, "fields": list(fields), "channel": channel},
    )


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
