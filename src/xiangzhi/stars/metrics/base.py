"""The metric registry: figures computed from the ledgers, per village and year, by aggregate queries.

A metric answers for every village of one town at once with one grouped query (records belong to
a village or one of its grids; grouping by the village's path prefix folds grids into their
village), so the town matrix costs the same number of queries for 5 villages as for 50.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models.functions import Substr
from django.urls import reverse

from xiangzhi.core.models import OrgUnit


@dataclass(frozen=True)
class Period:
    """A rating year; ``end`` is the last day counted so far (today, for the current year)."""

    year: int
    today: dt.date

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 1, 1)

    @property
    def end(self) -> dt.date:
        return min(dt.date(self.year, 12, 31), self.today)


@dataclass(frozen=True)
class Figure:
    value: Decimal | bool
    text: str
    link: str = ""


class Villages:
    """The villages of one town a computation covers, and how to fold records onto them."""

    def __init__(self, villages: list[OrgUnit]):
        self.units = villages
        self.by_path = {v.path: v.pk for v in villages}
        lengths = {len(v.path) for v in villages}
        if len(lengths) > 1:
            raise ValueError("villages of one computation must sit at the same depth")
        self.path_length = lengths.pop() if lengths else 0
        self.town_path = villages[0].path[: -OrgUnit.steplen] if villages else ""

    @property
    def pks(self) -> list[int]:
        return [v.pk for v in self.units]

    def group(self, queryset, **aggregates) -> dict[int, dict]:
        """``aggregates`` per village pk, from one query; records at town level are left out."""
        return dict(self.group_by(queryset, **aggregates))

    def group_by(self, queryset, keys: dict | None = None, **aggregates) -> list[tuple[int, dict]]:
        """(village pk, row) pairs of ``aggregates`` per village and per ``keys`` (e.g. a month)."""
        if not self.units:
            return []
        keys = keys or {}
        rows = (
            queryset.filter(org__path__startswith=self.town_path)
            .annotate(_village_path=Substr("org__path", 1, self.path_length), **keys)
            .order_by()
            .values("_village_path", *keys)
            .annotate(**aggregates)
        )
        found = []
        for row in rows:
            pk = self.by_path.get(row.pop("_village_path"))
            if pk is not None:
                found.append((pk, row))
        return found


def ledger_link(ledger: str, village_pk: int, **params) -> str:
    """The ledger's list filtered to the village (and the given filters): where a figure comes from."""
    query = urlencode({"village": village_pk, **{k: v for k, v in params.items() if v not in (None, "")}})
    return f"{reverse('ledger-list', args=[ledger])}?{query}"


@dataclass(frozen=True)
class MetricContext:
    """What a metric computes over: the villages, the year so far, and whose eyes (every read of a
    ledger goes through ``visible_to``, so a figure never counts records its reader may not see)."""

    villages: Villages
    period: Period
    user: object

    def records(self, model):
        return model.objects.visible_to(self.user)

    def group(self, queryset, **aggregates) -> dict[int, dict]:
        return self.villages.group(queryset, **aggregates)

    def numbers(self, rows: dict[int, dict], field: str, unit: str, link) -> dict[int, Figure]:
        """A number per village (0 where the ledger has nothing), linked to its records."""
        figures = {}
        for pk in self.villages.pks:
            value = Decimal(rows.get(pk, {}).get(field) or 0)
            figures[pk] = Figure(value, f"{plain(value)}{unit}", link(pk))
        return figures

    def shares(self, rows: dict[int, dict], done: str, total: str, text, link) -> dict[int, Figure]:
        """ "All of them" per village: met when ``done`` equals ``total`` (also when there are none)."""
        figures = {}
        for pk in self.villages.pks:
            row = rows.get(pk, {})
            finished, count = row.get(done) or 0, row.get(total) or 0
            figures[pk] = Figure(finished == count, text(finished, count), link(pk))
        return figures


def plain(value: Decimal) -> str:
    """10.50 → "10.5", 3.00 → "3"."""
    return format(value.normalize(), "f") if value else "0"


@dataclass(frozen=True)
class Metric:
    code: str
    label: str
    kind: str  # "bool" or "number"
    unit: str
    group: str  # the module whose ledgers it reads, for the standard editor's list
    compute: Callable[[MetricContext], dict[int, Figure]]

    def __str__(self) -> str:
        unit = f"（{self.unit}）" if self.unit else ""
        return f"{self.group}：{self.label}{unit}"


_METRICS: dict[str, Metric] = {}


def metric(code: str, label: str, *, kind: str, unit: str = "", group: str):
    """Decorator: register ``compute(ctx) -> {village_pk: Figure}`` under ``code``."""

    def register(compute):
        _METRICS[code] = Metric(code, label, kind, unit, group, compute)
        return compute

    return register


def get_metric(code: str) -> Metric | None:
    return _METRICS.get(code)


def all_metrics() -> list[Metric]:
    return list(_METRICS.values())


def compute_figures(codes, ctx: MetricContext) -> dict[str, dict[int, Figure]]:
    """Figures of each metric code for each village: a query or two per metric, whatever the villages."""
    return {code: _METRICS[code].compute(ctx) for code in sorted(set(codes)) if code in _METRICS}
