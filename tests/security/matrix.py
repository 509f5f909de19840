"""Permission-matrix cases of the 平安建设 pages beyond the generic ledger pages."""

from tests.matrix import Case, Target, register_cases
from tests.security.factories import make_dispute
from xiangzhi.core.roles import Capability


def _dispute(world, location, variant):
    record = make_dispute(world.orgs[location])
    return Target({"pk": record.pk}, {"version": record.version}, record.org)


register_cases(
    {
        "security-home": Case(),
        "security-dispute-resolve": Case(target=_dispute, capability=Capability.EDIT),
        "security-dispute-escalate": Case(target=_dispute, capability=Capability.EDIT),
    }
)
