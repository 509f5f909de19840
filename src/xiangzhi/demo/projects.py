"""基础设施 demo: the 2022 works the article lists, and what is under construction in 2023.

Article figures (2022): 村道大修 in 9 villages (石庄村 among them), 8.9 km; 背街小巷硬化 3.2 km, more
than half of the villages done; 污水管网 done in 7 villages, under construction in 6; drainage for
200多万元: 幸福河 dredged 1,500余米, in-village ditches 7,500 m, new drainage channels 张庄村–邱庄村
2,200 m and 宁郭村–蒋沟河 3,400 m. Also 桥湾村's 党群服务中心 (2022), the 大驾/黄庄 综治中心 (20万元,
2023) and 姜毛庄村's 250万元 cold store (under construction).

Which report shows which figure: the 2022 report — completed in 2022 — shows the road, lane,
sewer and drainage works; "在建" counts by status, so every report shows the 6 sewer villages.
"""

import datetime as dt
from decimal import Decimal

from xiangzhi.demo.common import Place, bulk
from xiangzhi.projects.models import Project, ProjectStatus

DONE, BUILDING = ProjectStatus.COMPLETED, ProjectStatus.IN_PROGRESS

ROAD_REPAIRS = {  # village: metres — 9 villages, 8,900 m
    "石庄村": 1200, "宁郭村": 950, "邱庄村": 1100, "东尚村": 800, "大驾村": 1050,
    "黄庄村": 900, "张庄村": 1000, "马村": 850, "南睢村": 1050,
}  # fmt: skip
LANES = {  # village: metres — 10 of 18 villages, 3,200 m
    "宁郭村": 350, "邱庄村": 300, "大驾村": 280, "黄庄村": 320, "桥湾村": 360,
    "北官庄村": 290, "张庄村": 310, "大李村": 330, "小李村": 340, "姜毛庄村": 320,
}  # fmt: skip
SEWERS_DONE = ("宁郭村", "桥湾村", "大驾村", "黄庄村", "北官庄村", "张庄村", "姜毛庄村")
SEWERS_BUILDING = ("邱庄村", "东尚村", "石庄村", "北田塘村", "马村", "大李村")
DITCHES = ("宁郭村", "张庄村", "邱庄村", "石庄村", "马村")  # 1,500 m each: 7,500 m

# (number, name, kind, village or None for the town, metres, 万元, status, started, completed)
SINGLE_PROJECTS = [
    (
        "XM-2022-D1",
        "幸福河河道疏通及河段升级改造",
        "河道疏通",
        None,
        1520,
        86,
        DONE,
        "2022-03-01",
        "2022-06-20",
    ),
    (
        "XM-2022-D3",
        "张庄村至邱庄村排涝河道",
        "排涝河道",
        "张庄村",
        2200,
        38,
        DONE,
        "2022-04-10",
        "2022-08-30",
    ),
    (
        "XM-2022-D4",
        "宁郭村至蒋沟河排涝河道",
        "排涝河道",
        "宁郭村",
        3400,
        52,
        DONE,
        "2022-04-10",
        "2022-09-30",
    ),
    (
        "XM-2022-Q1",
        "桥湾村党群服务中心提档升级",
        "其他",
        "桥湾村",
        None,
        35,
        DONE,
        "2022-03-15",
        "2022-07-01",
    ),
    ("XM-2023-Z1", "大驾村综治中心建设", "其他", "大驾村", None, 10, DONE, "2023-02-20", "2023-05-10"),
    ("XM-2023-Z2", "黄庄村综治中心建设", "其他", "黄庄村", None, 10, DONE, "2023-02-20", "2023-05-16"),
    ("XM-2023-L1", "姜毛庄村机械低温冷库", "其他", "姜毛庄村", None, 250, BUILDING, "2023-04-01", None),
    ("XM-2023-G1", "北田塘村乡村绿化", "绿化", "北田塘村", None, 18, BUILDING, "2023-03-12", None),
]


def load(place: Place) -> None:
    projects = [
        *_per_village(place, "DX", "村道大修", ROAD_REPAIRS, dt.date(2022, 9, 30)),
        *_per_village(place, "XX", "背街小巷硬化", LANES, dt.date(2022, 11, 15)),
        *_per_village(place, "WS", "污水管网", dict.fromkeys(SEWERS_DONE), dt.date(2022, 12, 10)),
        *_per_village(place, "WJ", "污水管网", dict.fromkeys(SEWERS_BUILDING), None),
        *_per_village(place, "PS", "排水沟疏通", dict.fromkeys(DITCHES, 1500), dt.date(2022, 7, 15)),
        *(_single(place, *row) for row in SINGLE_PROJECTS),
    ]
    bulk(Project, projects)


def _per_village(place: Place, prefix: str, kind: str, lengths: dict, completed: dt.date | None):
    for index, (name, metres) in enumerate(lengths.items()):
        done = completed is not None
        yield Project(
            project_no=f"XM-{prefix}-{index + 1:02d}",
            name=f"{name}{kind}工程",
            kind=kind,
            org=place.village(name),
            town=place.town,
            length_m=metres,
            investment_wan=Decimal(metres or 800) / 40 if kind != "排水沟疏通" else Decimal(13),
            status=ProjectStatus.COMPLETED if done else ProjectStatus.IN_PROGRESS,
            started_on=(completed or dt.date(2023, 4, 30)) - dt.timedelta(days=120 + index * 5),
            completed_on=completed - dt.timedelta(days=index * 3) if done else None,
        )


def _single(place, number, name, kind, village, metres, wan, status, started, completed) -> Project:
    return Project(
        project_no=number,
        name=name,
        kind=kind,
        org=place.village(village) if village else place.town,
        town=place.town,
        length_m=metres,
        investment_wan=wan,
        status=status,
        started_on=dt.date.fromisoformat(started),
        completed_on=dt.date.fromisoformat(completed) if completed else None,
    )
