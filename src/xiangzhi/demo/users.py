"""One demo user per role. DEMO DATA: the passwords are printed on purpose and are for the demo only."""

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from xiangzhi.core.models import OrgUnit, RoleAssignment, User
from xiangzhi.core.roles import Role


@dataclass(frozen=True)
class DemoLogin:
    username: str
    display_name: str
    role: str
    org_code: str


PASSWORD = "xiangzhi-demo-2023"

LOGINS = [
    DemoLogin("county", "区组织部审核员", Role.COUNTY_REVIEWER, "410811"),
    DemoLogin("leader", "区领导（只读）", Role.LEADER, "410811"),
    DemoLogin("town", "宁郭镇管理员", Role.TOWN_ADMIN, "410811101"),
    DemoLogin("qiaowan", "桥湾村干部", Role.VILLAGE_CADRE, "410811101210"),
    DemoLogin("grid", "桥湾村网格员", Role.GRID_WORKER, "41081110121001"),
]


def create_demo_users() -> None:
    orgs = {o.code: o for o in OrgUnit.objects.filter(code__in=[d.org_code for d in LOGINS])}
    # One hash for the one published demo password: hashing is deliberately slow (about half a
    # second each), and six identical hashes would only make the demo load slower.
    hashed = make_password(PASSWORD)
    for login in LOGINS:
        user = User.objects.create(username=login.username, display_name=login.display_name, password=hashed)
        RoleAssignment.objects.create(user=user, role=login.role, org=orgs[login.org_code])
    User.objects.create(
        username="admin", display_name="系统管理员", is_superuser=True, is_staff=True, password=hashed
    )


def login_lines() -> list[str]:
    lines = [f"  {d.username:<8} / {PASSWORD}   {d.display_name}" for d in LOGINS]
    lines.append(f"  {'admin':<8} / {PASSWORD}   系统管理员")
    return lines
