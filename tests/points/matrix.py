"""Permission-matrix cases of the points pages (imported by tests/matrix_ledgers.py)."""

from tests.matrix import Case, Target, register_cases
from tests.points.factories import make_point_entry, make_point_rule
from xiangzhi.core.models import OrgLevel
from xiangzhi.core.roles import Capability


def _village(world, location, variant):
    village = world.orgs[location].unit_at_level(OrgLevel.VILLAGE)
    return Target({"pk": village.pk}, {}, village)


def _rule(world, location, variant):
    rule = make_point_rule(world.orgs[location])
    return Target({"pk": rule.pk}, {}, rule.org)


def _entry(world, location, variant):
    entry = make_point_entry(world.orgs[location])
    return Target({"pk": entry.pk}, {}, entry.org)


register_cases(
    {
        "points-home": Case(),
        "points-village": Case(target=_village),
        "points-rule-add": Case(target=_village, capability=Capability.EDIT),
        "points-redeem": Case(target=_village, capability=Capability.EDIT),
        "points-rule-edit": Case(target=_rule, capability=Capability.EDIT),
        "points-entry-reverse": Case(target=_entry, capability=Capability.EDIT),
    }
)
