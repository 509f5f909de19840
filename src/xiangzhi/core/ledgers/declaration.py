"""The ledger declaration: what a domain app writes once per ledger.

A ``Ledger`` subclass names its model, its ``Sheet`` (the CONTRACT headers), how a parsed row
becomes model field values (``resolve``), the cross-field rules shared with the edit form
(``validate``) and how a record becomes a row again (``to_row``). The engine — import, export,
template, list page, filters, CLI — knows nothing of the domain beyond this.

A column named after a model field is that field as it is: its kind, whether it is required, its
choices and maximum length come from the field unless the column says otherwise, and the default
``resolve`` / ``to_row`` copy it. A ledger writes code only for the other columns (references to
other records, the village and grid, values derived from more than one cell).
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import reverse
from django.utils import timezone

from xiangzhi.core.fields import ChoiceListField
from xiangzhi.core.pii.declared import mask_for

if TYPE_CHECKING:
    from xiangzhi.core.ledgers.context import ImportContext
    from xiangzhi.core.tabular.columns import Sheet
    from xiangzhi.core.workflow import Workflow


class Ledger:
    sheet: ClassVar[Sheet]
    model: ClassVar[type]
    list_columns: ClassVar[tuple[str, ...]] = ()
    search_fields: ClassVar[tuple[str, ...]] = ()
    filterset_class: ClassVar[type | None] = None
    form_class: ClassVar[type | None] = None
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
    nav_order: ClassVar[int] = 100
    # Related objects an export or list page follows, fetched with select_related.
    select_related: ClassVar[tuple[str, ...]] = ("org",)

    # The state cycle of the ledger's records: an import row or edit that changes a stored
    # record's state is checked against it (core/workflow.py); ``move_reads`` names the stored
    # values ``move_problems`` needs besides the state.
    # Fields a stored record keeps whatever a form or an import says: a mistake in them is
    # corrected by a reversing entry (积分记录), so the edit form disables them and an import row
    # that changes them is refused with ``fixed_refusal``.
    fixed_fields: ClassVar[tuple[str, ...]] = ()
    fixed_refusal: ClassVar[str] = "已入账的记录不能修改该项"
    workflow: ClassVar[Workflow | None] = None
    move_reads: ClassVar[tuple[str, ...]] = ()

    def move_fields(self, before, after, ctx) -> dict[str, Any]:
        """Values an import row's state change records besides its own columns (``before`` is
        None for a new record), e.g. who recorded a hazard's rectification."""
        return {}

    def move_problems(self, stored: dict[str, Any], fields: dict[str, Any], ctx) -> list[tuple[str, str]]:
        """What else a move the workflow table allows needs, as (field, Chinese reason) pairs;
        ``stored`` holds the record's state and ``move_reads`` as stored."""
        return []

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        if "sheet" in cls.__dict__ and hasattr(cls, "model"):
            cls.sheet = cls.sheet.completed(lambda name: column_facts(cls.model, name))

    # What a declaration may state and mostly need not, since its sheet already says it.
    @property
    def name(self) -> str:
        """The CONTRACT ledger code, e.g. "households": the sheet's name."""
        return self.sheet.name

    @property
    def nav_label(self) -> str:
        """The ledger's label in menus and titles: the sheet's title."""
        return self.sheet.title

    @property
    def key_fields(self) -> tuple[str, ...]:
        """Model fields that identify a record within its town (the CONTRACT key): the sheet's key
        columns; a ledger declares them when a key column is not a model field (a village, a 户编号)."""
        return self.sheet.key

    @property
    def form_fields(self) -> tuple[str, ...]:
        """Model fields on the add/edit form: the form class's, or else the sheet's columns in their
        order, the unit picker ("org") where 所属村/网格 are, the linked record where its key is."""
        if self.form_class is not None:
            return tuple(self.form_class._meta.fields)
        fields: list[str] = []
        for column in self.sheet.columns:
            name = self._form_field_of(column.field)
            if name is not None and name not in fields:
                fields.append(name)
        return tuple(fields)

    def _form_field_of(self, column_field: str) -> str | None:
        if _plain_field(self.model, column_field) is not None:
            return column_field
        for target, columns in self.sources.items():
            field = self.model._meta.get_field(target)  # by name or by attname ("household_id")
            # A unit that follows from a linked record (org_id from 户编号) is not picked on the form.
            if column_field in columns and field.is_relation and (field.name != "org" or target == "org"):
                return field.name
        return None

    def resolve(self, values: dict[str, Any], ctx: ImportContext) -> dict[str, Any]:
        """Turn a parsed row into model field values (``org`` included); these are the fields an
        import compares and writes. Raise ``RowProblems`` for bad references.

        This default copies the columns that are model fields, a blank or absent cell as the
        field's default ("" for text); a ledger adds the rest: ``{**super().resolve(...), ...}``."""
        get = values.get
        fields = {name: blank if (value := get(name)) is None else value for name, blank in self._plain}
        for name, make in self._fresh_defaults:  # a list default: each record gets its own
            if get(name) is None:
                fields[name] = make()
        return fields

    def prepare(self, record) -> None:
        """Fill derived fields of a record from the edit form (blind indexes of personal data)
        before it is validated and saved. This default gives a record whose model follows a
        parent (``org_follows``) the parent's unit, as the import does."""
        link = getattr(self.model, "org_follows", None)
        if link is not None and getattr(record, f"{link}_id", None) is not None:
            record.org_id = getattr(record, link).org_id

    def validate(self, fields: dict[str, Any]) -> list[tuple[str, str]]:
        """Cross-field rules as (field, Chinese reason) pairs; the edit form runs the same rules."""
        return []

    def to_row(self, obj, orgs) -> dict[str, Any]:
        """A record as sheet values (by Column.field), for export; ``orgs`` names its village.
        This default gives the columns that are model fields; a ledger adds the rest."""
        return {name: getattr(obj, name) for name, _ in self._plain}

    @cached_property
    def _plain(self) -> tuple[tuple[str, Any], ...]:
        """(field, value of a blank or absent cell) for each column that is a model field as it is,
        decided once: ``resolve`` runs for each of 100,000 rows."""
        plain = []
        for column in self.sheet.columns:
            field = _plain_field(self.model, column.field)
            if field is not None:
                plain.append((column.field, field.get_default()))
        return tuple(plain)

    @cached_property
    def _fresh_defaults(self) -> tuple[tuple[str, Any], ...]:
        """(field, its default's factory) for the plain columns whose default is made per record."""
        fields = [_plain_field(self.model, name) for name, _ in self._plain]
        return tuple((f.name, f.get_default) for f in fields if f.has_default() and callable(f.default))

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

    def resolve(self, values, ctx):
        return {**super().resolve(values, ctx), "org": ctx.village(values["village"])}

    def to_row(self, obj, orgs):
        return {**super().to_row(obj, orgs), "village": orgs.village(obj.org_id)}


def _plain_field(model, name: str) -> models.Field | None:
    """The model field a column of this name stands for as it is (not a link to another record)."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return None if field.is_relation or not field.concrete else field


def column_facts(model, name: str) -> dict[str, Any]:
    """What the model field behind a column says of it: kind, required, choices, maximum length."""
    field = _plain_field(model, name)
    if field is None:
        return {}
    kind = _kind_of(field)
    facts: dict[str, Any] = {"kind": kind, "required": not field.blank}
    if field.choices:
        facts["choices"] = tuple(str(value) for value, _ in field.choices)
    if field.max_length is not None:
        facts["max_length"] = field.max_length
    return facts


def _kind_of(field) -> str:
    if isinstance(field, ChoiceListField):
        return "list"
    if field.choices:
        return "choice"
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        return "date"
    if isinstance(field, models.IntegerField):
        return "int"
    if isinstance(field, models.DecimalField):
        return "decimal"
    return "text"


def by_pk(value):
    """A referenced record (an OrgUnit …) by its primary key; any other value as it is."""
    return getattr(value, "pk", value)


_REGISTRY: dict[str, Ledger] = {}
# Model -> the names of the ledgers that hold its records, kept as ledgers register: asked on
# every record write (the roles table's per-ledger exceptions), so never a walk of the registry.
_NAMES_BY_MODEL: dict[type, set[str]] = {}


def register_ledger(ledger_class: type[Ledger]) -> type[Ledger]:
    """Class decorator: make a ledger known to the CLI, the import pages and the exports."""
    ledger = ledger_class()
    if ledger.name in _REGISTRY and type(_REGISTRY[ledger.name]) is not ledger_class:
        raise ValueError(f"ledger {ledger.name} registered twice")
    _REGISTRY[ledger.name] = ledger
    _NAMES_BY_MODEL.setdefault(ledger.model, set()).add(ledger.name)
    return ledger_class


def ledger_name_of(model) -> str | None:
    """The ledger whose records ``model`` holds (None: none, or several share the model)."""
    names = _NAMES_BY_MODEL.get(model, ())
    return next(iter(names)) if len(names) == 1 else None


def get_ledger(name: str) -> Ledger:
    return _REGISTRY[name]


def all_ledgers() -> list[Ledger]:
    return sorted(_REGISTRY.values(), key=lambda ledger: (ledger.nav_order, ledger.name))
