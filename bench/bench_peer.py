"""The peer: django-import-export importing the same file into the same model, as a Django developer
would set it up for speed.

Given its fastest documented settings (docs "Bulk imports"): ``use_bulk=True``, ``batch_size=1000``,
``skip_diff=True``, ``force_init_instance=True`` (the benchmark file holds only new records, so no
per-row lookup of an existing instance), no ``full_clean()`` and no row reports. Village, grid and
household references are resolved from dictionaries loaded once, not one query per row. It writes
no history (bulk mode skips the signals django-simple-history relies on) — less work than ours.
"""

from __future__ import annotations

import re

import tablib
from import_export import fields, resources, widgets

from xiangzhi.care.models import Household, Visit
from xiangzhi.core.models import OrgLevel, OrgUnit
from xiangzhi.core.pii.fields import fill_companions

_LIST = re.compile(r"[、,，;；/\n]+")


class _Bulk:
    use_bulk = True
    batch_size = 1000
    skip_diff = True
    skip_html_diff = True
    force_init_instance = True
    report_skipped = False
    use_transactions = True


class ListWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        return [item.strip() for item in _LIST.split(str(value or "")) if item.strip()]


def _units(town: OrgUnit) -> dict[tuple[str, str], OrgUnit]:
    """(village name, grid name or "") -> the lowest unit, from one query."""
    units = list(
        OrgUnit.objects.filter(path__startswith=town.path, level__in=[OrgLevel.VILLAGE, OrgLevel.GRID])
    )
    villages = {u.path: u for u in units if u.level == OrgLevel.VILLAGE}
    found = {(u.name, ""): u for u in villages.values()}
    for unit in units:
        if unit.level == OrgLevel.GRID:
            found[(villages[unit.path[: len(unit.path) - unit.steplen]].name, unit.name)] = unit
    return found


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

    class Meta(_Bulk):
        model = Household
        import_id_fields = ("household_no",)
        fields = (
            "household_no", "head_name", "head_id_number", "phone", "size", "categories", "helper",
            "enrolled_on", "exited_on", "exit_reason",
        )  # fmt: skip

    def __init__(self, town: OrgUnit):
        super().__init__()
        self.town = town
        self.units = _units(town)

    def before_save_instance(self, instance, row, **kwargs):
        instance.org = self.units[(row["所属村"], row.get("网格") or "")]
        instance.town = self.town
        fill_companions(instance, "head_id_number")


class HouseholdKeyWidget(widgets.Widget):
    """户编号 -> household id, from one query (ForeignKeyWidget would query once per row)."""

    def __init__(self, town):
        super().__init__()
        self.ids = dict(Household.objects.filter(town=town).values_list("household_no", "pk"))

    def clean(self, value, row=None, **kwargs):
        return self.ids[str(value)]


class VisitResource(resources.ModelResource):
    class Meta(_Bulk):
        model = Visit
        import_id_fields = ("household_id", "visited_on", "visitor")
        fields = ("household_id", "visited_on", "visitor", "method", "notes")

    def __init__(self, town: OrgUnit):
        super().__init__()
        self.town = town
        self.orgs = dict(Household.objects.filter(town=town).values_list("pk", "org_id"))
        self.fields["household_id"] = fields.Field(
            attribute="household_id", column_name="户编号", widget=HouseholdKeyWidget(town)
        )
        self.fields["visited_on"] = fields.Field(
            attribute="visited_on", column_name="走访日期", widget=widgets.DateWidget()
        )
        self.fields["visitor"] = fields.Field(attribute="visitor", column_name="走访人")
        self.fields["method"] = fields.Field(attribute="method", column_name="走访方式")
        self.fields["notes"] = fields.Field(attribute="notes", column_name="情况记录")

    def before_save_instance(self, instance, row, **kwargs):
        instance.org_id = self.orgs[instance.household_id]
        instance.town = self.town


RESOURCES = {"households": HouseholdResource, "visits": VisitResource}


def peer_import(ledger: str, path: str, town: OrgUnit) -> int:
    """Load the .xlsx with tablib (what import-export's admin and docs use) and import it."""
    with open(path, "rb") as handle:
        dataset = tablib.Dataset().load(handle.read(), format="xlsx")
    result = RESOURCES[ledger](town).import_data(dataset, dry_run=False, raise_errors=True)
    if result.has_errors() or result.has_validation_errors():
        raise SystemExit(f"peer import failed: {result.invalid_rows[:3] or result.base_errors[:3]}")
    return len(dataset)
