"""Live readiness: for each village of a town and each star, which tasks are met, and why not.

Everything is read for all villages at once — the standard, one aggregate query per metric, the
evidence, vetoes, plans and applications — so a town's matrix costs the same number of
queries whatever the number of villages. The village page is the same computation for one village.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from xiangzhi.core.models import OrgLevel, OrgUnit
from xiangzhi.stars.choices import ApplicationStatus, IndicatorType, TaskStatus
from xiangzhi.stars.metrics import Figure, MetricContext, Period, Villages, compute_figures
from xiangzhi.stars.models import (
    Comparison,
    StarApplication,
    StarDefinition,
    StarEvidence,
    StarPlan,
    StarStandard,
    StarTarget,
    StarTask,
    VetoEvent,
)


@dataclass
class TaskState:
    task: StarTask
    status: str
    figure: Figure | None = None
    evidence: int = 0
    value: Decimal | None = None  # the latest figure the village declared for a manual task

    @property
    def status_label(self) -> str:
        return TaskStatus(self.status).label

    @property
    def met(self) -> bool:
        return self.status == TaskStatus.MET


@dataclass
class StarState:
    definition: StarDefinition
    tasks: list[TaskState]
    vetoes: list[str] = field(default_factory=list)
    planned: bool = False
    awarded: bool = False
    application: StarApplication | None = None
    missing_first: list[str] = field(default_factory=list)  # capstone: stars still to earn first

    @property
    def star(self) -> str:
        return self.definition.star

    @property
    def tasks_met(self) -> int:
        return sum(1 for t in self.tasks if t.met)

    @property
    def complete(self) -> bool:
        return all(t.met for t in self.tasks)

    @property
    def ready(self) -> bool:
        return self.complete and not self.vetoes and not self.missing_first

    @property
    def projected(self) -> bool:
        """Held at the end of the year if judged on today's ledgers: held and not vetoed, or
        planned and ready."""
        return not self.vetoes and (self.awarded or (self.planned and self.ready))


@dataclass
class VillageReadiness:
    village: OrgUnit
    stars: list[StarState]
    planned_level: int = 0
    awarded_level: int = 0

    @property
    def projected_level(self) -> int:
        return sum(1 for s in self.stars if s.projected)

    def star(self, name: str) -> StarState | None:
        return next((s for s in self.stars if s.star == name), None)


@dataclass
class TownReadiness:
    town: OrgUnit
    year: int
    standard: StarStandard | None
    villages: list[VillageReadiness]
    target: StarTarget | None = None

    def _share(self, levels) -> float | None:
        if not self.villages:
            return None
        return sum(1 for level in levels if level >= 3) / len(self.villages)

    @property
    def projected_share(self) -> float | None:
        return self._share(v.projected_level for v in self.villages)

    @property
    def planned_share(self) -> float | None:
        return self._share(v.planned_level for v in self.villages)

    @property
    def awarded_share(self) -> float | None:
        return self._share(v.awarded_level for v in self.villages)

    def count_at_level(self, level: int, which: str = "projected") -> int:
        return sum(1 for v in self.villages if getattr(v, f"{which}_level") == level)


def visible_villages(town: OrgUnit, user) -> list[OrgUnit]:
    units = (
        OrgUnit.objects.visible_to(user).active().filter(level=OrgLevel.VILLAGE, path__startswith=town.path)
    )
    return list(units.order_by("path"))


def town_readiness(town: OrgUnit, year: int, user, *, villages=None, today: dt.date | None = None):
    """Readiness of ``villages`` (default: every village of ``town`` the user sees) for ``year``."""
    villages = visible_villages(town, user) if villages is None else villages
    standard = StarStandard.objects.in_force(town, year)
    target = StarTarget.objects.visible_to(user).filter(town=town, year=year).first()
    result = TownReadiness(town, year, standard, [], target)
    if standard is None or not villages:
        result.villages = [VillageReadiness(v, []) for v in villages]
        return result
    definitions = list(standard.stars.prefetch_related("tasks", "veto_rules").order_by("order", "pk"))
    ctx = MetricContext(Villages(villages), Period(year, today or timezone.localdate()), user)
    facts = _Facts.load(ctx, standard, definitions)
    result.villages = [_village(village, definitions, facts) for village in villages]
    return result


@dataclass
class _Facts:
    figures: dict
    evidence: dict
    vetoes: dict
    plans: dict
    applications: dict

    @classmethod
    def load(cls, ctx: MetricContext, standard, definitions) -> _Facts:
        codes = [t.metric for d in definitions for t in d.tasks.all() if t.metric]
        codes += [r.metric for d in definitions for r in d.veto_rules.all() if r.metric]
        pks, year, user = ctx.villages.pks, ctx.period.year, ctx.user
        return cls(
            figures=compute_figures(codes, ctx),
            evidence=_evidence(user, pks, year, standard),
            vetoes=_veto_events(user, pks, year),
            plans=_lists(StarPlan, user, pks, year),
            applications={
                (a.org_id, a.star): a
                for a in StarApplication.objects.visible_to(user).filter(org_id__in=pks, year=year)
            },
        )


def _lists(model, user, pks, year) -> dict[int, list[str]]:
    rows = model.objects.visible_to(user).filter(org_id__in=pks, year=year).values_list("org_id", "stars")
    return {org_id: model._meta.get_field("stars").to_python(stars) for org_id, stars in rows}


def _evidence(user, pks, year, standard) -> dict[tuple[int, int], tuple[int, Decimal | None]]:
    """(village, task) → (pieces of evidence, latest declared value)."""
    rows = (
        StarEvidence.objects.visible_to(user)
        .filter(org_id__in=pks, year=year, task__star__standard=standard)
        .order_by("created_at", "pk")
        .values_list("org_id", "task_id", "value")
    )
    found: dict[tuple[int, int], tuple[int, Decimal | None]] = {}
    for org_id, task_id, value in rows:
        count, latest = found.get((org_id, task_id), (0, None))
        found[(org_id, task_id)] = (count + 1, value if value is not None else latest)
    return found


def _veto_events(user, pks, year) -> dict[tuple[int, str], list[str]]:
    found: dict[tuple[int, str], list[str]] = defaultdict(list)
    events = VetoEvent.objects.visible_to(user).filter(org_id__in=pks, year=year).order_by("occurred_on")
    for event in events:
        found[(event.org_id, event.star)].append(f"{event.get_kind_display()}：{event.description}")
    return found


def _awarded(village_pk: int, definitions, facts: _Facts) -> list[str]:
    """The stars 定星 awarded the village this year. Readiness is read for a year whose standard
    is in force, a year of the platform's own cycle: its applications are the awards, whatever
    a 评星结果 record might say (stars/cycle_years.py)."""
    applications = (facts.applications.get((village_pk, d.star)) for d in definitions)
    return [a.star for a in applications if a is not None and a.status == ApplicationStatus.AWARDED]


def _village(village: OrgUnit, definitions, facts: _Facts) -> VillageReadiness:
    planned = facts.plans.get(village.pk, [])
    awarded = _awarded(village.pk, definitions, facts)
    states = [
        StarState(
            definition=d,
            tasks=[_task_state(village.pk, t, facts) for t in d.tasks.all()],
            vetoes=_vetoes(village.pk, d, facts),
            planned=d.star in planned,
            awarded=d.star in awarded,
            application=facts.applications.get((village.pk, d.star)),
        )
        for d in definitions
    ]
    for state in states:
        if state.definition.requires_all_others:
            state.missing_first = [o.star for o in states if o is not state and not (o.awarded or o.ready)]
    return VillageReadiness(village, states, len(planned), len(awarded))


def _vetoes(village_pk: int, definition: StarDefinition, facts: _Facts) -> list[str]:
    found = list(facts.vetoes.get((village_pk, definition.star), []))
    for rule in definition.veto_rules.all():
        figure = facts.figures.get(rule.metric, {}).get(village_pk) if rule.metric else None
        if figure is not None and figure.value > 0:
            found.append(f"{rule.title}（{figure.text}）")
    return found


def _task_state(village_pk: int, task: StarTask, facts: _Facts) -> TaskState:
    evidence, value = facts.evidence.get((village_pk, task.pk), (0, None))
    if task.metric:
        figure = facts.figures.get(task.metric, {}).get(village_pk)
        if figure is None or not passes(task, figure.value):
            status = TaskStatus.NOT_MET
        elif task.evidence_required and not evidence:
            status = TaskStatus.NEEDS_EVIDENCE
        else:
            status = TaskStatus.MET
        return TaskState(task, status, figure, evidence, value)
    return TaskState(task, _manual_status(task, evidence, value), None, evidence, value)


def _manual_status(task: StarTask, evidence: int, value: Decimal | None) -> str:
    """A task no ledger can judge is met on the village's own evidence (and declared figure)."""
    if not evidence:
        return TaskStatus.NEEDS_EVIDENCE
    if task.indicator_type == IndicatorType.BOOL:
        return TaskStatus.MET
    if value is None:
        return TaskStatus.NEEDS_EVIDENCE
    return TaskStatus.MET if passes(task, value) else TaskStatus.NOT_MET


def passes(task: StarTask, value) -> bool:
    if task.indicator_type == IndicatorType.BOOL:
        return value is True
    if task.threshold is None or isinstance(value, bool):
        return False
    if task.comparison == Comparison.AT_MOST:
        return value <= task.threshold
    return value >= task.threshold
