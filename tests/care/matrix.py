"""Matrix cases of the care pages that are not generic ledger pages (imported by tests/matrix_ledgers.py)."""

from tests.factories import RECORD_FACTORIES
from tests.matrix import Case, Target, register_cases
from xiangzhi.core.roles import Capability

REVEAL_VARIANTS = (
    {"ledger": "households", "field": "head_id_number"},
    {"ledger": "households", "field": "phone"},
    {"ledger": "members", "field": "id_number"},
)


def _revealable(world, location, variant):
    record = RECORD_FACTORIES[variant["ledger"]](world.orgs[location])
    if variant["field"] == "phone":
        type(record).objects.filter(pk=record.pk).update(phone="13900001111")
    return Target({**variant, "pk": record.pk}, {}, record.org)


register_cases(
    {
        "care-reveal": Case(
            method="POST",
            target=_revealable,
            variants=REVEAL_VARIANTS,
            capability=Capability.REVEAL_PII,
        ),
    }
)
