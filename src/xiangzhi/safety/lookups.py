"""What a safety import needs to know beyond ``ctx.reference``: each table loaded once per import.

``ImportContext.reference`` answers (pk, org) of a record by its key. A hazard row also needs its
inspection's date (no completion before it), and updates must not strand inspections or hazards
in another unit than their premises or inspection. These tables are one query each per import,
kept on the context so that 50,000 rows cost the same handful of queries as 50.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, Min

from xiangzhi.core.ledgers.context import ImportContext, Ref, RowProblems
from xiangzhi.core.models import OrgUnit
from xiangzhi.safety.models import Hazard, Inspection, Premises

_STORE = "_safety_tables"


@dataclass(frozen=True)
class InspectionRef:
    pk: int
    org_id: int
    inspected_on: dt.date


@dataclass(frozen=True)
class HazardFacts:
    """What the hazards of one inspection constrain: their unit and their earliest dates."""

    org_id: int
    first_rectified: dt.date | None
    first_deadline: dt.date | None


def _table(ctx: ImportContext, name: str, load: Callable[[], dict]) -> dict:
    # The context is per import; a plain attribute keeps the tables exactly that long.
    store: dict[str, dict] = ctx.__dict__.setdefault(_STORE, {})
    if name not in store:
        store[name] = load()
    return store[name]


def unit(ctx: ImportContext, org_id: int) -> OrgUnit | None:
    """An org unit of the town by id."""
    units = _table(
        ctx, "units", lambda: {u.pk: u for u in OrgUnit.objects.filter(path__startswith=ctx.town.path)}
    )
    return units.get(org_id)


def check_scope(ctx: ImportContext, org_id: int, field_name: str) -> None:
    """A referenced record lends the row its unit; the importing user must be allowed there."""
    found = unit(ctx, org_id)
    if found is None:
        raise RowProblems([(field_name, "无权导入该单位的数据")])
    ctx.check_may_import(found, field_name)


def premises_ref(ctx: ImportContext, value: str, field_name: str = "premises_no") -> Ref:
    ref = ctx.reference(Premises, "premises_no", value, field_name)
    check_scope(ctx, ref.org_id, field_name)
    return ref


def inspection_ref(ctx: ImportContext, value: str, field_name: str = "inspection_no") -> InspectionRef:
    def load() -> dict[Any, InspectionRef]:
        rows = Inspection.objects.filter(town=ctx.town).values_list(
            "inspection_no", "pk", "org_id", "inspected_on"
        )
        return {no: InspectionRef(pk, org, day) for no, pk, org, day in rows.iterator(chunk_size=5000)}

    ref = _table(ctx, "inspections", load).get(value)
    if ref is None:
        raise RowProblems([(field_name, f"{ctx.town.name}没有这条排查记录")])
    check_scope(ctx, ref.org_id, field_name)
    return ref


def inspections_org_of_premises(ctx: ImportContext, premises_no: str) -> int | None:
    """The unit of a premises' inspection rounds, None when it has none (deleted ones count:
    restoring them must not strand them in another unit)."""

    def load() -> dict[str, int]:
        rows = (
            Inspection.all_objects.filter(town=ctx.town)
            .order_by()
            .values_list("premises__premises_no")
            .annotate(org=Max("org_id"))
        )
        return dict(rows)

    return _table(ctx, "inspection_orgs", load).get(premises_no)


def hazard_facts(ctx: ImportContext, inspection_no: str) -> HazardFacts | None:
    def load() -> dict[str, HazardFacts]:
        rows = (
            Hazard.all_objects.filter(town=ctx.town)
            .order_by()
            .values_list("inspection__inspection_no")
            .annotate(org=Max("org_id"), rectified=Min("rectified_on"), deadline=Min("deadline"))
        )
        return {no: HazardFacts(org, rectified, deadline) for no, org, rectified, deadline in rows}

    return _table(ctx, "hazard_facts", load).get(inspection_no)
