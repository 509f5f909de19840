"""Permission-matrix cases of the safety pages (the generic ledger pages come with the factories)."""

import datetime as dt

from tests.matrix import Case, Target, register_cases
from tests.safety.factories import make_hazard, make_photo
from xiangzhi.core.roles import Capability
from xiangzhi.safety.models import HazardStatus


def _hazard_in(status: str, **values):
    def target(world, location, variant):
        hazard = make_hazard(world.orgs[location], status=status, **values)
        return Target({"pk": hazard.pk}, {"version": hazard.version}, hazard.org)

    return target


def _photo(world, location, variant):
    photo = make_photo(make_hazard(world.orgs[location]))
    return Target({**variant, "pk": photo.pk}, {}, photo.hazard.org)


_RECTIFIED = {"rectified_on": dt.date(2023, 7, 18)}

register_cases(
    {
        "safety-home": Case(),
        "safety-hazards-overdue": Case(),
        "safety-hazard-start": Case(
            method="POST", target=_hazard_in(HazardStatus.PENDING), capability=Capability.EDIT, success=302
        ),
        "safety-hazard-rectify": Case(
            target=_hazard_in(HazardStatus.IN_PROGRESS), capability=Capability.EDIT
        ),
        "safety-hazard-recheck": Case(
            target=_hazard_in(HazardStatus.RECTIFIED, **_RECTIFIED), capability=Capability.EDIT
        ),
        "safety-hazard-photo-add": Case(target=_hazard_in(HazardStatus.PENDING), capability=Capability.EDIT),
        "safety-photo": Case(target=_photo, variants=({"size": "full"}, {"size": "thumb"})),
    }
)
