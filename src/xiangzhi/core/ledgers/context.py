"""What an import knows about the town it writes into: villages, grids and existing records.

Each lookup table is loaded once per import with one query, so resolving 100,000 rows costs a
handful of queries, not one per row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from xiangzhi.core.models import OrgLevel, OrgUnit
from xiangzhi.core.roles import Capability


class RowProblems(Exception):
    """One or more problems with a row, as (sheet field, Chinese reason) pairs."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__(problems)
        self.problems = problems


@dataclass(frozen=True)
class Ref:
    """A referenced record: enough to link to it and to inherit its org."""

    pk: int
    org_id: int


@dataclass
class ImportContext:
    town: OrgUnit
    acting_user: Any = None  # None: the command line, run by the server's operator
    capability: str = Capability.IMPORT  # what importing into a unit needs (the model's import_capability)
    _references: dict[tuple[type, str], dict[Any, Ref]] = field(default_factory=dict)
    _cache: dict[Any, Any] = field(default_factory=dict)
    # Whether the acting user may import into each org unit, asked once per unit, not per row.
    _may_import: dict[int, bool] = field(default_factory=dict)

    @cached_property
    def _units(self) -> list[OrgUnit]:
        return list(
            OrgUnit.objects.active()
            .filter(path__startswith=self.town.path, level__in=[OrgLevel.VILLAGE, OrgLevel.GRID])
            .only("pk", "code", "name", "level", "path", "depth")
        )

    @cached_property
    def _units_by_pk(self) -> dict[int, OrgUnit]:
        return {unit.pk: unit for unit in self._units}

    @cached_property
    def _villages(self) -> dict[str, OrgUnit]:
        found: dict[str, OrgUnit] = {}
        for unit in self._units:
            if unit.level == OrgLevel.VILLAGE:
                found[unit.code] = unit
                found[unit.name] = unit
                # 北官庄 and 北官庄村 are the same village in everyday writing.
                found.setdefault(unit.name.removesuffix("村"), unit)
        return found

    @cached_property
    def _grids(self) -> dict[tuple[str, str], OrgUnit]:
        by_path = {u.path: u for u in self._units if u.level == OrgLevel.VILLAGE}
        found: dict[tuple[str, str], OrgUnit] = {}
        for unit in self._units:
            if unit.level == OrgLevel.GRID:
                village = by_path.get(unit.path[: self.town.steplen * (self.town.depth + 1)])
                if village is not None:
                    found[(village.path, unit.code)] = unit
                    found[(village.path, unit.name)] = unit
        return found

    def village(self, value: str, field_name: str = "village") -> OrgUnit:
        unit = self._villages.get(value)
        if unit is None:
            raise RowProblems([(field_name, f"不是{self.town.name}的村")])
        self.check_may_import(unit, field_name)
        return unit

    def village_or_town(self, value: str | None, field_name: str = "village") -> OrgUnit:
        """Blank means the town itself (town-level matters, projects, events)."""
        if not value or value in (self.town.name, self.town.code):
            self.check_may_import(self.town, field_name)
            return self.town
        return self.village(value, field_name)

    def grid(self, village: OrgUnit, value: str, field_name: str = "grid") -> OrgUnit:
        unit = self._grids.get((village.path, value))
        if unit is None:
            raise RowProblems([(field_name, f"不是{village.name}的网格")])
        self.check_may_import(unit, field_name)
        return unit

    def units_under(self, unit: OrgUnit) -> set[int]:
        """Ids of ``unit`` and every unit below it in this town."""
        return {u.pk for u in self._units if u.path.startswith(unit.path)}

    def village_keeping_grid(self, model, key_field: str, key, village: OrgUnit) -> OrgUnit:
        """``village``, or the grid of it that the record with ``key`` is already in.

        A sheet that names villages only leaves grids to the app (premises and problems are put in
        grids on their forms): re-importing an export must not move a record back up to its village.
        Deleted records count too: re-importing one restores it where it was.
        """
        stored = self.cached(
            ("unit of", model, key_field),
            lambda: dict(model.all_objects.filter(town=self.town).values_list(key_field, "org_id")),
        ).get(key)
        if stored is None or stored == village.pk:
            return village
        grids = self.cached(("under", village.pk), lambda: self.units_under(village))
        return self._units_by_pk[stored] if stored in grids else village

    def unit_ids_where(self, capability: str) -> list[int]:
        """Ids of the town and of its villages and grids over which the acting user holds ``capability``."""
        user = self.acting_user
        return [unit.pk for unit in (self.town, *self._units) if user.can(capability, unit)]

    def check_may_import(self, org: OrgUnit, field_name: str) -> None:
        user = self.acting_user
        if user is None:
            return
        allowed = self._may_import.get(org.pk)
        if allowed is None:
            allowed = self._may_import[org.pk] = user.can(self.capability, org)
        if not allowed:
            raise RowProblems([(field_name, "无权导入该单位的数据")])

    def reference(self, model, key_field: str, value, field_name: str) -> Ref:
        """An existing record of ``model`` in this town by its key, e.g. a household by 户编号."""
        table = self._references.get((model, key_field))
        if table is None:
            rows = model.objects.filter(town=self.town).values_list(key_field, "pk", "org_id")
            table = {key: Ref(pk, org_id) for key, pk, org_id in rows.iterator(chunk_size=5000)}
            self._references[(model, key_field)] = table
        ref = table.get(value)
        if ref is None:
            raise RowProblems([(field_name, f"{self.town.name}没有这条记录")])
        # A row may only point at a record the importing user may write to (a village cadre
        # cannot attach visits to another village's household).
        self.check_may_import(self._units_by_pk.get(ref.org_id, self.town), field_name)
        return ref

    def cached(self, key, loader):
        """A lookup table an app needs for one import (its own reference data), loaded once."""
        if key not in self._cache:
            self._cache[key] = loader()
        return self._cache[key]

    def remember(self, model, key_field: str, key, ref: Ref) -> None:
        """Make a record written earlier in this import referable by later rows."""
        table = self._references.get((model, key_field))
        if table is not None:
            table[key] = ref
