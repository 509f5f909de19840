"""A small org world with one persona per role, shared by the permission matrix and other tests.

county (县) ─ town ─ village (桥湾村) ─ grid
             │       └ village2 ─ grid2
             └ other_town ─ other_village ─ other_grid
"""

from dataclasses import dataclass, field

from xiangzhi.core.models import OrgLevel, OrgUnit, RoleAssignment, User
from xiangzhi.core.roles import Role

PASSWORD = "correct-horse-battery-9"


@dataclass
class World:
    orgs: dict[str, OrgUnit] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)

    def __getattr__(self, name):
        orgs = self.__dict__.get("orgs", {})
        if name in orgs:
            return orgs[name]
        raise AttributeError(name)


PERSONAS = {
    "grid_worker": (Role.GRID_WORKER, "grid"),
    "village_cadre": (Role.VILLAGE_CADRE, "village"),
    "town_admin": (Role.TOWN_ADMIN, "town"),
    "county_reviewer": (Role.COUNTY_REVIEWER, "county"),
    "leader": (Role.LEADER, "county"),
    "outsider": (Role.TOWN_ADMIN, "other_town"),
}


def build_world(villages: int = 2) -> World:
    world = World()
    county = OrgUnit.objects.add_root(dict(code="410811", name="山阳区", level=OrgLevel.COUNTY))
    town = OrgUnit.objects.add_child(county, dict(code="410811101", name="宁郭镇", level=OrgLevel.TOWN))
    world.orgs.update(county=county, town=town)
    for index in range(villages):
        village = OrgUnit.objects.add_child(
            town, dict(code=f"4108111012{index:02d}", name=f"村{index}", level=OrgLevel.VILLAGE)
        )
        grid = OrgUnit.objects.add_child(
            village, dict(code=f"4108111012{index:02d}01", name=f"村{index}网格", level=OrgLevel.GRID)
        )
        if index == 0:
            village.name = "桥湾村"
            village.save()
            world.orgs.update(village=village, grid=grid)
        elif index == 1:
            world.orgs.update(village2=village, grid2=grid)
    other_town = OrgUnit.objects.add_child(county, dict(code="410811102", name="外镇", level=OrgLevel.TOWN))
    other_village = OrgUnit.objects.add_child(
        other_town, dict(code="410811102201", name="外村", level=OrgLevel.VILLAGE)
    )
    other_grid = OrgUnit.objects.add_child(
        other_village, dict(code="41081110220101", name="外村网格", level=OrgLevel.GRID)
    )
    world.orgs.update(other_town=other_town, other_village=other_village, other_grid=other_grid)
    for org in world.orgs.values():
        org.refresh_from_db()
    for username, (role, org_key) in PERSONAS.items():
        user = User.objects.create_user(username=username, password=PASSWORD, display_name=username)
        RoleAssignment.objects.create(user=user, role=role, org=world.orgs[org_key])
        world.users[username] = user
    return world


# Who writes a ledger by hand where it is not the town's administrator: 评星结果 is the county's.
LEDGER_WRITERS = {"star_results": "county_reviewer"}


def ledger_writer(ledger: str) -> str:
    return LEDGER_WRITERS.get(ledger, "town_admin")
