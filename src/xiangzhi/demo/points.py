"""积分制 demo: 大驾村's points table and the points its Party members and villagers earned in 2023.

The article: 大驾村实行党员、群众积分管理制度 tied to volunteer service. The demo records 36 people
(12 Party members, 24 villagers) and their entries from January to June 2023.
"""

import datetime as dt

from xiangzhi.demo.common import Place, bulk, person_name, spread
from xiangzhi.points.models import Identity, PointEntry, PointRule

VILLAGE = "大驾村"
# The village's points table, as its 村民代表会议 adopted it: item and points (negative = deduction).
RULES = [
    ("参加志愿服务活动", 5),
    ("参加环境卫生整治", 3),
    ("参加主题党日活动", 2),
    ("评为“五美庭院”", 10),
    ("调解邻里纠纷", 4),
    ("门前乱堆乱放", -2),
]
PEOPLE, PARTY_MEMBERS, ENTRIES_PER_PERSON = 36, 12, 4


def load(place: Place) -> None:
    village = place.village(VILLAGE)
    bulk(
        PointRule,
        [PointRule(org=village, town=place.town, item=item, points=points) for item, points in RULES],
    )
    bulk(PointEntry, list(_entries(place, village)))


def _entries(place: Place, village):
    count = PEOPLE * ENTRIES_PER_PERSON
    for index in range(count):
        person = index % PEOPLE
        # Party members take part more often in 主题党日; everybody in volunteer days and clean-ups.
        item, points = RULES[(index // PEOPLE + person) % len(RULES)]
        yield PointEntry(
            record_no=f"JF-2023-{index + 1:04d}",
            org=village,
            town=place.town,
            person_name=person_name(800 + person),
            identity=Identity.PARTY_MEMBER if person < PARTY_MEMBERS else Identity.RESIDENT,
            entry_date=spread(dt.date(2023, 1, 8), dt.date(2023, 6, 25), index, count),
            item=item,
            points=points,
        )
