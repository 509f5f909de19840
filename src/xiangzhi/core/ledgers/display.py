"""How ledger values are shown: Chinese labels, dates as 2023年7月14日, personal data masked."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from xiangzhi.core.pii.declared import mask_for


@dataclass
class Cell:
    value: str
    link: str | None = None


# Columns computed from the record's org unit rather than stored on it.
ORG_COLUMNS = {"village": "所属村", "grid": "网格", "unit": "所属单位"}


def _is_field(model, name: str) -> bool:
    return any(f.name == name for f in model._meta.get_fields())


def field_label(model, name: str) -> str:
    # A model field of the same name (Indicator.unit) wins over the org pseudo-column.
    if name in ORG_COLUMNS and not _is_field(model, name):
        return ORG_COLUMNS[name]
    return str(model._meta.get_field(name).verbose_name)


def show(record, name: str, orgs=None) -> str:
    """One attribute of a record as text; a ``display_<name>`` method on the record wins."""
    if name in ORG_COLUMNS and orgs is not None and not _is_field(type(record), name):
        return _org_column(orgs, name, record.org_id)
    custom = getattr(record, f"display_{name}", None)
    if callable(custom):
        return str(custom())
    field = record._meta.get_field(name)
    value = getattr(record, name)
    mask = mask_for(type(record), name)
    if value in (None, "", []):
        return "—"
    if mask is not None:
        return mask(value)
    if field.choices:
        return str(getattr(record, f"get_{name}_display")())
    return format_value(value)


def format_value(value) -> str:
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{value:%Y}年{value.month}月{value.day}日 {value:%H:%M}"
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    return str(value)


def _org_column(orgs, name: str, org_id: int) -> str:
    if name == "village":
        return orgs.village(org_id) or "—"
    if name == "grid":
        return orgs.grid(org_id) or "—"
    return orgs.name(org_id)


def list_table(ledger, records, orgs) -> dict:
    model = ledger.model
    headers = [field_label(model, name) for name in ledger.list_columns]
    rows = []
    for record in records:
        cells = [Cell(show(record, name, orgs)) for name in ledger.list_columns]
        if cells:
            cells[0].link = ledger.url("detail", pk=record.pk)
        rows.append(cells)
    return {"headers": headers, "rows": rows}


def detail_rows(ledger, record, orgs) -> list[tuple[str, str]]:
    hidden = {"id", "version", "deleted_at", "town", "org"}
    village = orgs.village(record.org_id)
    if village:
        rows = [("所属村", village), ("网格", orgs.grid(record.org_id) or "—")]
    else:  # a town-level record (实事, 活动, 项目 of the town itself)
        rows = [("所属单位", orgs.name(record.org_id) or "—")]
    for field in record._meta.concrete_fields:
        if field.name in hidden or field.name.endswith(("_index", "_last4")):
            continue
        rows.append((str(field.verbose_name), show(record, field.name)))
    return rows
