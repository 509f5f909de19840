"""The peer: django-import-export importing the same file into the same model, in two set-ups.

``recommended`` — what its documentation leads a Django developer to ("Bulk imports" and
"Performance"): ``use_bulk=True``, ``batch_size=1000``, ``skip_diff=True``, ``skip_html_diff=True``,
``CachedInstanceLoader`` (one query for all existing keys, so re-importing updates instead of
duplicating, as the CONTRACT requires) and references looked up like ``ForeignKeyWidget`` does, one
query per row.

``tuned`` — the same plus hand optimisations the documentation does not show: villages, grids and
households from dictionaries loaded once, and ``force_init_instance=True`` (no lookup of existing
records at all, which is only right because the benchmark's database is empty).

Neither calls ``full_clean()`` nor writes history (bulk mode skips the signals django-simple-history
relies on): both do less than ``xiangzhi import``.
"""

from __future__ import annotations

import re

import tablib
from import_export import fields, resources, widgets
from import_export.instance_loaders import CachedInstanceLoader

from xiangzhi.care.models import Household, Visit
from xiangzhi.core.models import OrgLevel, OrgUnit
from xiangzhi.core.pii.fields import fill_companions

_LIST = re.compile(r"[、,，;；/\n]+")


def _meta(model, id_fields, names, *, tuned: bool):
    attrs = dict(
        model=model,
        import_id_fields=id_fields,
        fields=names,
        use_bulk=True,
        batch_size=1000,
        skip_diff=True,
        skip_html_diff=True,
        report_skipped=False,
        use_transactions=True,
    )
    if tuned:
        attrs["force_init_instance"] = True
    elif len(id_fields) == 1:
        attrs["instance_loader_class"] = CachedInstanceLoader
    return type("Meta", (), attrs)


class ListWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        return [item.strip() for item in _LIST.split(str(value or "")) if item.strip()]


class OrgLookup:
    """(village, grid) -> org unit id: a query per row like ForeignKeyWidget, or a dictionary."""

    def __init__(self, town: OrgUnit, *, cached: bool):
        self.town = town
        self.table = self._load() if cached else None

    def _load(self) -> dict[tuple[str, str], int]:
        units = OrgUnit.objects.filter(
            path__startswith=self.town.path, level__in=[OrgLevel.VILLAGE, OrgLevel.GRID]
        )
        found = {}
        for unit in units.select_related(None):
            village = unit if unit.level == OrgLevel.VILLAGE else unit.get_parent()
            found[(village.name, "" if unit.level == OrgLevel.VILLAGE else unit.name)] = unit.pk
        return found

    def __call__(self, village: str, grid: str | None) -> int:
        if self.table is not None:
            return self.table[(village, grid or "")]
        name = grid or village
        return OrgUnit.objects.get(path__startswith=self.town.path, name=name).pk


HOUSEHOLD_FIELDS = (
    "household_no", "head_name", "head_id_number", "phone", "size", "categories", "helper",
    "enrolled_on", "exited_on", "exit_reason",
)  # fmt: skip


class HouseholdResource(resources.ModelResource):
    household_no = fields.Field(attribute="household_no", column_name="户编号")
    head_name = fields.Field(attribute="head_name", column_name="户主姓名")
    head_id_number = fields.Field(attribute="head_id_number", column_name="户主身份证号")
    phone = fields.Field(attribute="phone", column_name="联系电话")
    size = fields.Field(attribute="size", column_name="家庭人口", widget=widgets.IntegerWidget())
    categories = fields.Field(attribute="categories", column_name="类别", widget=ListWidget())
    helper = fields.Field(attribute="helper", column_name="帮扶责任人")
    enrolled_on = fields.Field(attribute="enrolled_on", column_name="纳入日期", widget=widgets.DateWidget())
    exited_on = fields.Field(attribute="exited_on", column_name="退出日期", widget=widgets.DateWidget())
    exit_reason = fields.Field(attribute="exit_reason", column_name="退出原因")

    def __init__(self, town: OrgUnit, tuned: bool):
        super().__init__()
        self.town = town
        self.org = OrgLookup(town, cached=tuned)

    def before_save_instance(self, instance, row, **kwargs):
        instance.org_id = self.org(row["所属村"], row.get("网格"))
        instance.town = self.town
        fill_companions(instance, "head_id_number")


class HouseholdKeyWidget(widgets.Widget):
    """户编号 -> household id: a query per row like ForeignKeyWidget, or a dictionary."""

    def __init__(self, town, *, cached: bool):
        super().__init__()
        self.town = town
        self.ids = (
            dict(Household.objects.filter(town=town).values_list("household_no", "pk")) if cached else None
        )

    def clean(self, value, row=None, **kwargs):
        if self.ids is not None:
            return self.ids[str(value)]
        return Household.objects.get(town=self.town, household_no=str(value)).pk


class VisitResource(resources.ModelResource):
    household_id = fields.Field(attribute="household_id", column_name="户编号")
    visited_on = fields.Field(attribute="visited_on", column_name="走访日期", widget=widgets.DateWidget())
    visitor = fields.Field(attribute="visitor", column_name="走访人", widget=widgets.CharWidget())
    method = fields.Field(attribute="method", column_name="走访方式", widget=widgets.CharWidget())
    notes = fields.Field(attribute="notes", column_name="情况记录", widget=widgets.CharWidget())

    def __init__(self, town: OrgUnit, tuned: bool):
        super().__init__()
        self.town = town
        self.fields["household_id"].widget = HouseholdKeyWidget(town, cached=tuned)
        self.orgs = dict(Household.objects.filter(town=town).values_list("pk", "org_id")) if tuned else None

    def before_save_instance(self, instance, row, **kwargs):
        if self.orgs is not None:
            instance.org_id = self.orgs[instance.household_id]
        else:
            instance.org_id = Household.objects.values_list("org_id", flat=True).get(pk=instance.household_id)
        instance.town = self.town


def _resource(base, model, id_fields, names, tuned: bool):
    return type(base.__name__, (base,), {"Meta": _meta(model, id_fields, names, tuned=tuned)})


VISIT_FIELDS = ("household_id", "visited_on", "visitor", "method", "notes")
_SETUPS = {
    "households": (HouseholdResource, Household, ("household_no",), HOUSEHOLD_FIELDS),
    "visits": (VisitResource, Visit, ("household_id", "visited_on", "visitor"), VISIT_FIELDS),
}


RESOURCES = tuple(_SETUPS)


def peer_import(ledger: str, path: str, town: OrgUnit, *, tuned: bool) -> int:
    """Load the .xlsx with tablib (what import-export's admin and docs use) and import it."""
    with open(path, "rb") as handle:
        dataset = tablib.Dataset().load(handle.read(), format="xlsx")
    resource = _resource(*_SETUPS[ledger], tuned=tuned)(town, tuned)
    result = resource.import_data(dataset, dry_run=False, raise_errors=True)
    if result.has_errors() or result.has_validation_errors():
        raise SystemExit(f"peer import failed: {result.invalid_rows[:3] or result.base_errors[:3]}")
    return len(dataset)
