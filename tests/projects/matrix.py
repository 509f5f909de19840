"""Permission-matrix cases of the 基础设施 pages beyond the generic ledger pages."""

from tests.matrix import Case, Target, register_cases
from tests.projects.factories import make_project
from tests.world import PERSONAS
from xiangzhi.core.models import OrgLevel
from xiangzhi.core.roles import Capability
from xiangzhi.projects.models import ProjectType


def _project(world, location, variant):
    record = make_project(world.orgs[location])
    return Target({"pk": record.pk}, {"version": record.version}, record.org)


def _project_type(world, location, variant):
    # A town's own type: only those who manage that town may edit it (shared types: the superuser).
    town = world.orgs[location].unit_at_level(OrgLevel.TOWN)
    return Target({"pk": ProjectType.objects.create(name="冷库", town=town).pk}, {}, town)


def _type_admins_only(world, persona, target):
    user = world.users[persona]
    if not user.can(Capability.MANAGE_ORG, world.orgs[PERSONAS[persona][1]]):
        return 403  # not an administrator at all: refused before the type is looked up
    # The type of a town the administrator does not look at is not on their list.
    return 200 if user.can(Capability.MANAGE_ORG, target.org) else 404


register_cases(
    {
        "projects-home": Case(),
        "projects-village-matrix": Case(),
        "projects-project-start": Case(target=_project, capability=Capability.EDIT),
        "projects-project-complete": Case(target=_project, capability=Capability.EDIT),
        "projects-types": Case(capability=Capability.MANAGE_ORG, checked_at="current"),
        "projects-type-edit": Case(target=_project_type, expect=_type_admins_only),
    }
)
