"""What a report reads: the records of one town (or of a county's towns) for one period.

Every read goes through ``ReportScope.records(Model)``. On the web it starts from
``Model.objects.visible_to(user)`` (the one scoping mechanism); the CLI and the benchmark read as
the system actor (``system_user()``), who sees every record of the chosen unit.

The report is compiled once per shape (reports/statement.py), so the unit and the period enter the
querysets as slots — ``scope.start``, ``scope.end``, ``scope.year``, ``scope.in_unit()`` — and
``bindings()`` gives their values for one report. What cannot be a slot (the unit's level and
depth, the reader's subtrees) makes up ``shape()``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS
from django.db.models import CharField, DateField, IntegerField, Q, QuerySet
from django.db.models.functions import Substr

from xiangzhi.core.models import OrgLevel, OrgUnit
from xiangzhi.core.scoping import scope_filter
from xiangzhi.reports.period import Period
from xiangzhi.reports.statement import Slot

REPORT_LEVELS = (OrgLevel.TOWN, OrgLevel.COUNTY)


@dataclass(frozen=True)
class ReportScope:
    unit: OrgUnit  # a town, or a county (its towns summed)
    period: Period
    user: object  # the reader: the signed-in user, or system_user() (CLI, benchmark); never None
    using = DEFAULT_DB_ALIAS  # the database the report reads (a class attribute, not a field)

    @property
    def is_county(self) -> bool:
        return self.unit.level == OrgLevel.COUNTY

    @property
    def start(self) -> Slot:
        return Slot("start", DateField())

    @property
    def end(self) -> Slot:
        return Slot("end", DateField())

    @property
    def year(self) -> Slot:
        """The year of yearly items (courtyards, collective income, stars): see ``Period.year``."""
        return Slot("year", IntegerField())

    @property
    def in_period(self) -> tuple:
        """A ``__range`` value: first and last day of the period, both included."""
        return (self.start, self.end)

    def bindings(self) -> dict:
        """The values of the slots for this report."""
        unit, period = self.unit, self.period
        dates = {"start": period.start, "end": period.end, "year": period.year}
        return {"unit": unit.pk, "path": unit.path, **dates}

    def shape(self) -> tuple:
        """What the compiled report depends on besides its slots (a cache key)."""
        reader = scope_filter(self.user, "org")
        return (self.using, self.unit.level, self.unit.depth, reader)

    def records(self, model) -> QuerySet:
        """The live records of ``model`` in the report's unit that the reader may see."""
        return model.objects.visible_to(self.user).filter(self.in_unit())

    def in_unit(self, relation: str = "") -> Q:
        """Records (or, through ``relation``, related records) of the unit's town(s).

        Records carry their town: an indexed equality for a town, and for a county its towns as a
        subquery — no walk down the org tree. Repeating it on a joined table (a hazard's
        inspection) lets the database use that table's town index too.
        """
        if self.is_county:
            return Q(**{f"{relation}town__in": self._towns()})
        return Q(**{f"{relation}town": Slot("unit", IntegerField())})

    def _towns(self) -> QuerySet:
        return OrgUnit.objects.filter(level=OrgLevel.TOWN, path__startswith=self._path).values("pk")

    @property
    def _path(self) -> Slot:
        return Slot("path", CharField())

    def orgs(self) -> QuerySet:
        return OrgUnit.objects.active().visible_to(self.user).filter(path__startswith=self._path)

    # The depth of villages below the unit (towns sit right under a county).
    @property
    def village_depth(self) -> int:
        return self.unit.depth + (2 if self.is_county else 1)

    def village_key(self, org_field: str = "org"):
        """An expression naming the village a record lies in (its org's path cut at village depth)."""
        return Substr(f"{org_field}__path", 1, self.village_depth * OrgUnit.steplen)

    def in_a_village(self, org_field: str = "org") -> Q:
        """Records that belong to a village or below it, not to the town itself."""
        return Q(**{f"{org_field}__depth__gte": self.village_depth})
