"""Reads of the points ledger: a person's balance, and the balances and ranking of a village."""

from dataclasses import dataclass

from django.db.models import Count, Max, Sum

from xiangzhi.core.models import OrgLevel, OrgUnit
from xiangzhi.core.roles import Capability
from xiangzhi.points.models import PointEntry, PointRule, Redemption


def person_balance(village: OrgUnit, person_name: str) -> int:
    """Points earned less points spent, read fresh (the redemption service calls it under lock)."""
    earned = PointEntry.objects.filter(org=village, person_name=person_name).aggregate(n=Sum("points"))["n"]
    spent = Redemption.objects.filter(org=village, person_name=person_name).aggregate(n=Sum("points_spent"))[
        "n"
    ]
    return (earned or 0) - (spent or 0)


@dataclass
class PersonBalance:
    name: str
    identity: str
    entries: int
    earned: int
    spent: int
    rank: int = 0

    @property
    def balance(self) -> int:
        return self.earned - self.spent


def village_balances(village: OrgUnit, user) -> list[PersonBalance]:
    """Everyone with an entry or a redemption in ``village``, ranked by points earned.

    Two grouped queries whatever the number of people. A person's 身份 is the one of their
    latest entry (a 群众 who joins the Party keeps one balance). Equal points share a rank.
    """
    people: dict[str, PersonBalance] = {}
    latest: dict[str, object] = {}
    grouped = (
        PointEntry.objects.visible_to(user)
        .filter(org=village)
        .order_by()
        .values("person_name", "identity")
        .annotate(n=Count("pk"), total=Sum("points"), last=Max("entry_date"))
    )
    for row in grouped:
        name = row["person_name"]
        person = people.setdefault(name, PersonBalance(name, row["identity"], 0, 0, 0))
        person.entries += row["n"]
        person.earned += row["total"] or 0
        if name not in latest or row["last"] > latest[name]:
            latest[name] = row["last"]
            person.identity = row["identity"]
    for name, spent in _spent_by_person(village, user).items():
        people.setdefault(name, PersonBalance(name, "", 0, 0, 0)).spent = spent
    return _ranked(people.values())


def _spent_by_person(village: OrgUnit, user) -> dict[str, int]:
    rows = (
        Redemption.objects.visible_to(user)
        .filter(org=village)
        .order_by()
        .values("person_name")
        .annotate(total=Sum("points_spent"))
    )
    return {row["person_name"]: row["total"] or 0 for row in rows}


def _ranked(people) -> list[PersonBalance]:
    ordered = sorted(people, key=lambda p: (-p.earned, p.name))
    for index, person in enumerate(ordered):
        same = index > 0 and ordered[index - 1].earned == person.earned
        person.rank = ordered[index - 1].rank if same else index + 1
    return ordered


@dataclass
class VillageTotals:
    village: OrgUnit
    people: int = 0
    entries: int = 0
    earned: int = 0
    spent: int = 0


def villages_overview(org: OrgUnit, user) -> list[VillageTotals]:
    """Per village under ``org``: people with entries, entries, points earned and spent."""
    villages = (
        OrgUnit.objects.visible_to(user).active().filter(level=OrgLevel.VILLAGE, path__startswith=org.path)
    )
    totals = {v.pk: VillageTotals(v) for v in villages.order_by("path")}
    entries = (
        PointEntry.objects.visible_to(user)
        .filter(org_id__in=totals)
        .order_by()
        .values("org_id")
        .annotate(people=Count("person_name", distinct=True), n=Count("pk"), total=Sum("points"))
    )
    for row in entries:
        line = totals[row["org_id"]]
        line.people, line.entries, line.earned = row["people"], row["n"], row["total"] or 0
    spent = Redemption.objects.visible_to(user).filter(org_id__in=totals).order_by().values("org_id")
    for row in spent.annotate(total=Sum("points_spent")):
        totals[row["org_id"]].spent = row["total"] or 0
    return list(totals.values())


def village_rules(village: OrgUnit, user):
    return PointRule.objects.visible_to(user).filter(org=village)


def recent_redemptions(village: OrgUnit, user, limit: int = 50):
    return Redemption.objects.visible_to(user).filter(org=village)[:limit]


def entry_detail_context(entry: PointEntry, request) -> dict:
    reversal = PointEntry.all_objects.visible_to(request.user).filter(reverses=entry).first()
    original = None
    if entry.reverses_id:
        original = PointEntry.all_objects.visible_to(request.user).filter(pk=entry.reverses_id).first()
    can_reverse = (
        request.user.can(Capability.EDIT, entry.org)
        and reversal is None
        and not entry.reverses_id
        and entry.points
    )
    return {"reversal": reversal, "original": original, "can_reverse": bool(can_reverse)}
