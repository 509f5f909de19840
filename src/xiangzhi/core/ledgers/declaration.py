"""The ledger declaration: what a domain app writes once per ledger.

A ``Ledger`` subclass names its model, its ``Sheet`` (the CONTRACT headers), how a parsed row
becomes model field values (``resolve``), the cross-field rules shared with the edit form
(``validate``) and how a record becomes a row again (``to_row``). The engine — import, export,
template, list page, filters, CLI — knows nothing of the domain beyond this.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

from django.urls import reverse
from django.utils import timezone

from xiangzhi.core.pii.declared import mask_for

if TYPE_CHECKING:
    from xiangzhi.core.ledgers.context import ImportContext
    from xiangzhi.core.tabular.columns import Sheet
    from xiangzhi.core.workflow import Workflow


class Ledger:
    name: ClassVar[str]  # the CONTRACT ledger code, e.g. "households"
    sheet: ClassVar[Sheet]
    model: ClassVar[type]
    # Model fields that identify a record within its town (the CONTRACT key).
    key_fields: ClassVar[tuple[str, ...]]
    list_columns: ClassVar[tuple[str, ...]] = ()
    search_fields: ClassVar[tuple[str, ...]] = ()
    filterset_class: ClassVar[type | None] = None
    form_class: ClassVar[type | None] = None
    # Model fields on the add/edit form (when no form_class is given); "org" picks the unit.
    form_fields: ClassVar[tuple[str, ...]] = ()
    org_levels: ClassVar[tuple[str, ...]] = ("village", "grid")
    org_label: ClassVar[str] = "所属村/网格"
    # Templates a domain app may override; the generic ones show every field.
    detail_template: ClassVar[str] = "core/ledger_detail.html"
    list_template: ClassVar[str] = "core/ledger_list.html"
    # False for ledgers corrected by a reversing entry instead (积分记录): the delete is refused.
    deletable: ClassVar[bool] = True
    deletion_refused: ClassVar[str] = "该台账的记录不能删除"
    # Date fields the add form fills with today; None: every required date field.
    today_fields: ClassVar[tuple[str, ...] | None] = None
    nav_label: ClassVar[str] = ""
    nav_order: ClassVar[int] = 100
    # Related objects an export or list page follows, fetched with select_related.
    select_related: ClassVar[tuple[str, ...]] = ("org",)

    # The state cycle of the ledger's records: an import row or edit that changes a stored
    # record's state is checked against it (core/workflow.py); ``move_reads`` names the stored
    # values ``move_problems`` needs besides the state.
    workflow: ClassVar[Workflow | None] = None
    move_reads: ClassVar[tuple[str, ...]] = ()

    def move_problems(self, stored: dict[str, Any], fields: dict[str, Any], ctx) -> list[tuple[str, str]]:
        """What else a move the workflow table allows needs, as (field, Chinese reason) pairs;
        ``stored`` holds the record's state and ``move_reads`` as stored."""
        return []

    def resolve(self, values: dict[str, Any], ctx: ImportContext) -> dict[str, Any]:
        """Turn a parsed row into model field values (``org`` included); these are the fields an
        import compares and writes. Raise ``RowProblems`` for bad references."""
        raise NotImplementedError

    def prepare(self, record) -> None:
        """Fill derived fields of a record from the edit form (org from its household, blind
        indexes of personal data) before it is validated and saved."""

    def validate(self, fields: dict[str, Any]) -> list[tuple[str, str]]:
        """Cross-field rules as (field, Chinese reason) pairs; the edit form runs the same rules."""
        return []

    def to_row(self, obj, orgs) -> dict[str, Any]:
        """A record as sheet values (by Column.field), for export; ``orgs`` names its village."""
        raise NotImplementedError

    @cached_property
    def personal_columns(self) -> dict[str, Any]:
        """Sheet columns holding personal data, field -> mask, as the model's fields declare them
        (asked once per exported row, so worked out once)."""
        masks = {column.field: mask_for(self.model, column.field) for column in self.sheet.columns}
        return {field: mask for field, mask in masks.items() if mask is not None}

    @property
    def has_personal_data(self) -> bool:
        return bool(self.personal_columns)

    def to_export_row(self, obj, orgs, *, reveal: bool) -> dict[str, Any]:
        """``to_row`` with personal data masked unless the reader may see it in full."""
        row = self.to_row(obj, orgs)
        if not reveal:
            for field, mask in self.personal_columns.items():
                if row.get(field):
                    row[field] = mask(row[field])
        return row

    # Model fields computed from more than their own column, e.g. {"org": ("village", "grid")}.
    # On update, a model field is written only when all of its columns are in the file.
    sources: ClassVar[dict[str, tuple[str, ...]]] = {}

    def fields_from_absent_columns(self, values: dict[str, Any]) -> frozenset[str]:
        """Model fields an update must keep because a column they come from is not in the file."""
        kept = set()
        for column in self.sheet.columns:
            if column.field not in values:
                kept.add(column.field)
        for model_field, columns in self.sources.items():
            if any(c not in values for c in columns):
                kept.add(model_field)
        return frozenset(kept)

    def detail_context(self, record, request) -> dict[str, Any]:
        """Extra context for the detail page (related records, actions)."""
        return {}

    def initial(self, request) -> dict[str, Any]:
        """Initial values of the add form: form fields named in the query string
        (``?household=12`` from a household's page) and today for date fields."""
        initial: dict[str, Any] = {
            name: request.GET[name] for name in self.form_fields if name in request.GET
        }
        for field in self.model._meta.concrete_fields:
            if field.name in self.form_fields and field.get_internal_type() == "DateField":
                initial.setdefault(field.name, timezone.localdate())
        return initial

    def url(self, action: str, **kwargs) -> str:
        return reverse(f"ledger-{action}", kwargs={"ledger": self.name, **kwargs})

    def key_of(self, fields: dict[str, Any]) -> tuple:
        """The record's key as the database holds it: a referenced record (an OrgUnit under "org")
        by its id. Asked once per imported row, so which key fields are references is decided once."""
        return tuple(
            [by_pk(fields[name]) if by_record else fields[name] for name, by_record in self._key_kinds]
        )

    @cached_property
    def key_attnames(self) -> list[str]:
        """The key's database columns by attname ("org" -> "org_id"), as ``values_list`` names them."""
        return [self.model._meta.get_field(name).attname for name in self.key_fields]

    @cached_property
    def _key_kinds(self) -> tuple[tuple[str, bool], ...]:
        """(key field, whether its value is a record): "org" holds an OrgUnit, "household_id" an id."""
        fields = [self.model._meta.get_field(name) for name in self.key_fields]
        return tuple(
            (name, field.is_relation and field.name == name)
            for name, field in zip(self.key_fields, fields, strict=True)
        )

    def __str__(self) -> str:
        return self.sheet.title


class VillageLedger(Ledger):
    """A ledger whose records sit at a village (never a grid, never the town): 所属村 decides."""

    org_levels: ClassVar[tuple[str, ...]] = ("village",)
    org_label: ClassVar[str] = "所属村"
    sources: ClassVar[dict[str, tuple[str, ...]]] = {"org": ("village",)}


def by_pk(value):
    """A referenced record (an OrgUnit …) by its primary key; any other value as it is."""
    return getattr(value, "pk", value)


_REGISTRY: dict[str, Ledger] = {}


def register_ledger(ledger_class: type[Ledger]) -> type[Ledger]:
    """Class decorator: make a ledger known to the CLI, the import pages and the exports."""
    ledger = ledger_class()
    if ledger.name in _REGISTRY and type(_REGISTRY[ledger.name]) is not ledger_class:
        raise ValueError(f"ledger {ledger.name} registered twice")
    _REGISTRY[ledger.name] = ledger
    return ledger_class


def get_ledger(name: str) -> Ledger:
    return _REGISTRY[name]


def all_ledgers() -> list[Ledger]:
    return sorted(_REGISTRY.values(), key=lambda ledger: (ledger.nav_order, ledger.name))
