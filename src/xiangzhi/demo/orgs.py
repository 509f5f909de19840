"""The demo org tree: 宁郭镇 with its 18 villages (DOMAIN.md §1), each with 2–4 grids.

DEMO DATA. Codes follow the shape of real administrative codes but are illustrative.
"""

from xiangzhi.core.models import OrgLevel, OrgUnit

TOWN_CODE = "410811101"
TOWN_NAME = "宁郭镇"

# The source lists 18 villages with one name garbled; 前进村 stands in for it (demo only).
VILLAGES = [
    "宁郭村",
    "邱庄村",
    "东尚村",
    "大驾村",
    "黄庄村",
    "石庄村",
    "北田塘村",
    "前进村",
    "张庄村",
    "桥湾村",
    "马村",
    "北官庄村",
    "大李村",
    "小李村",
    "杨梧槚村",
    "岳梧槚村",
    "南睢村",
    "姜毛庄村",
]


def grids_per_village(index: int) -> int:
    """2, 3 or 4 grids, varying by village so the demo is not uniform."""
    return 2 + index % 3


def build_org_tree() -> OrgUnit:
    province = OrgUnit.objects.add_root(dict(code="41", name="河南省", level=OrgLevel.PROVINCE))
    city = OrgUnit.objects.add_child(province, dict(code="4108", name="焦作市", level=OrgLevel.CITY))
    county = OrgUnit.objects.add_child(city, dict(code="410811", name="山阳区", level=OrgLevel.COUNTY))
    town = OrgUnit.objects.add_child(county, dict(code=TOWN_CODE, name=TOWN_NAME, level=OrgLevel.TOWN))
    for index, name in enumerate(VILLAGES):
        code = f"{TOWN_CODE}{201 + index:03d}"
        village = OrgUnit.objects.add_child(town, dict(code=code, name=name, level=OrgLevel.VILLAGE))
        for grid in range(1, grids_per_village(index) + 1):
            OrgUnit.objects.add_child(
                village, dict(code=f"{code}{grid:02d}", name=f"{name}第{grid}网格", level=OrgLevel.GRID)
            )
    # A second town in the county, so county users have something to switch between and
    # town users can be shown to see nothing of it.
    other = OrgUnit.objects.add_child(
        county, dict(code="410811102", name="示范镇（演示）", level=OrgLevel.TOWN)
    )
    OrgUnit.objects.add_child(other, dict(code="410811102201", name="示范村", level=OrgLevel.VILLAGE))
    return town
