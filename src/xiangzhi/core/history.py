"""Turn django-simple-history rows into readable entries: who, when, each field before → after."""

from dataclasses import dataclass, field

from django.db import models

from xiangzhi.core.pii.declared import mask_for

_HIDDEN = {"version", "created_at", "updated_at", "path", "depth", "numchild"}
_TYPES = {"+": "创建", "~": "修改", "-": "删除"}


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class Entry:
    date: object
    user: object
    kind: str
    reason: str
    changes: list[Change] = field(default_factory=list)


def history_entries(obj, limit: int = 100) -> list[Entry]:
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    model = type(obj)
    entries = []
    for index, record in enumerate(records[:limit]):
        older = records[index + 1] if index + 1 < len(records) else None
        entries.append(_entry(model, record, older))
    _resolve_foreign_keys(model, entries)
    return entries


def _entry(model, record, older) -> Entry:
    kind = _TYPES.get(record.history_type, record.history_type)
    if older is not None and record.history_type == "~":
        if getattr(record, "deleted_at", None) and not getattr(older, "deleted_at", None):
            kind = "删除"
        elif (
            older is not None
            and getattr(older, "deleted_at", None)
            and not getattr(record, "deleted_at", None)
        ):
            kind = "恢复"
    entry = Entry(record.history_date, record.history_user, kind, record.history_change_reason or "")
    for name in _changed_fields(model, record, older):
        model_field = model._meta.get_field(name)
        entry.changes.append(
            Change(
                str(model_field.verbose_name),
                _display(model, model_field, getattr(older, name, None) if older else None),
                _display(model, model_field, getattr(record, name)),
            )
        )
    return entry


def _changed_fields(model, record, older) -> list[str]:
    names = []
    for model_field in model._meta.concrete_fields:
        name = model_field.attname if model_field.is_relation else model_field.name
        hidden = model_field.name in _HIDDEN or name.endswith(("_index", "_last4"))
        if hidden or model_field.primary_key or name == "deleted_at":
            continue
        new = getattr(record, name, None)
        old = getattr(older, name, None) if older else None
        if older is None and new in (None, "", []):
            continue
        if older is None or old != new:
            names.append(model_field.name)
    return names


def _display(model, model_field, value) -> str:
    if model_field.is_relation:
        value = getattr(value, "pk", value)
    if value is None or value == "":
        return "—"
    mask = mask_for(model, model_field.name)
    if mask is not None:
        return mask(value)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def _resolve_foreign_keys(model, entries: list[Entry]) -> None:
    """Replace related ids with names, one query per related model (not per change)."""
    relations = {
        str(f.verbose_name): f.related_model
        for f in model._meta.concrete_fields
        if isinstance(f, models.ForeignKey)
    }
    wanted: dict[str, set] = {}
    for entry in entries:
        for change in entry.changes:
            if change.label in relations:
                wanted.setdefault(change.label, set()).update(v for v in (change.old, change.new) if v != "—")
    names = {}
    for label, ids in wanted.items():
        related = relations[label]
        manager = getattr(related, "all_objects", related._base_manager)
        names[label] = {str(o.pk): str(o) for o in manager.filter(pk__in=ids)}
    for entry in entries:
        for change in entry.changes:
            lookup = names.get(change.label)
            if lookup:
                change.old = lookup.get(change.old, change.old)
                change.new = lookup.get(change.new, change.new)
