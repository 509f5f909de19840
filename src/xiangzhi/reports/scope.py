"""What a report reads: the records of one town (or of a county's towns) for one period.

Every read goes through ``ReportScope.records(Model)``. On the web it starts from
``Model.objects.visible_to(user)`` (the one scoping mechanism); the CLI and the benchmark run as
the server operator (``user=None``), who sees every record of the chosen unit.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.db.models.functions import Substr

from xiangzhi.core.models import OrgLevel, OrgUnit
from xiangzhi.reports.period import Period

REPORT_LEVELS = (OrgLevel.TOWN, OrgLevel.COUNTY)


@dataclass(frozen=True)
class ReportScope:
    unit: OrgUnit  # a town, or a county (its towns summed)
    period: Period
    user: object = None  # None: the server operator (CLI, benchmark)

    @property
    def is_county(self) -> bool:
        return self.unit.level == OrgLevel.COUNTY

    @property
    def start(self):
        return self.period.start

    @property
    def end(self):
        return self.period.end

    @property
    def in_period(self) -> tuple:
        """A ``__range`` value: first and last day of the period, both included."""
        return (self.period.start, self.period.end)

    def records(self, model) -> QuerySet:
        """The live records of ``model`` in the report's unit that the reader may see."""
        manager = model.objects
        queryset = manager.all() if self.user is None else manager.visible_to(self.user)
        return queryset.filter(self.in_unit())

    def in_unit(self, relation: str = "") -> Q:
        """Records (or, through ``relation``, related records) of the unit's town(s).

        Records carry their town: an indexed equality for a town, and for a county its towns as a
        subquery — no walk down the org tree. Repeating it on a joined table (a hazard's
        inspection) lets the database use that table's town index too.
        """
        if self.is_county:
            return Q(**{f"{relation}town__in": self._towns()})
        return Q(**{f"{relation}town": self.unit})

    def _towns(self) -> QuerySet:
        return OrgUnit.objects.filter(level=OrgLevel.TOWN, path__startswith=self.unit.path).values("pk")

    def orgs(self) -> QuerySet:
        units = OrgUnit.objects.active()
        if self.user is not None:
            units = units.visible_to(self.user)
        return units.filter(path__startswith=self.unit.path)

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
