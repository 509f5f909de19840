"""Permission-matrix cases of the report pages: a town's report, and the county's (summed)."""

from tests.matrix import Case, Target, register_cases
from xiangzhi.core.roles import Capability

UNITS = ({"unit": "town"}, {"unit": "county"})


def _unit(world, location, variant):
    """The town of ``location`` (or the county): the unit whose subtree decides access."""
    place = world.orgs[location]
    unit = place.unit_at_level(variant["unit"])
    return Target({"code": unit.code}, {}, unit)


def _records(world, location, variant):
    target = _unit(world, location, variant)
    return Target({**target.kwargs, "ledger": "hazards"}, {}, target.org)


register_cases(
    {
        "reports-index": Case(capability=Capability.REPORT, checked_at="current"),
        "reports-report": Case(target=_unit, variants=UNITS, capability=Capability.REPORT),
        "reports-docx": Case(target=_unit, variants=UNITS, capability=Capability.REPORT),
        "reports-json": Case(target=_unit, variants=UNITS, capability=Capability.REPORT),
        # Following a figure needs no more than seeing the unit: the list itself is scoped.
        "reports-records": Case(target=_records, variants=UNITS, success=302),
    }
)
