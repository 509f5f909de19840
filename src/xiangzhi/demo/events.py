"""活动 demo: the lectures, briefings, review meetings, volunteer days, publicity and drills of 2023.

Article figures (2023, to mid-year): 专题大讲堂10期; 宣讲会30余场 (32); 书记讲评会6期; 文明志愿服务活动
6期; 宣传活动18次 with 宣传资料1万余份 (10,440); 安全演练12场; 安全宣讲8次, with the 宣传册48000余册
(48,200) handed out at them; plus the 镇党委书记's "七一" Party lecture.
"""

import datetime as dt

from xiangzhi.demo.common import Place, bulk, spread
from xiangzhi.events.models import Event, EventKind

FIRST, LAST = dt.date(2023, 1, 6), dt.date(2023, 6, 29)

# (kind, how many, code, title, held by the town?, participants, materials per event)
SERIES = [
    (EventKind.LECTURE, 10, "DJT", "“学习二十大、奋进新征程”专题大讲堂第{n}期", True, 120, 0),
    (EventKind.BRIEFING, 32, "XJ", "党的二十大精神宣讲会（{village}）", False, 45, 0),
    (EventKind.REVIEW_MEETING, 6, "PJ", "“五星”支部创建书记讲评会第{n}期", True, 40, 0),
    (EventKind.VOLUNTEER, 6, "ZY", "新时代文明实践站志愿服务暨主题党日（{village}）", False, 35, 0),
    (EventKind.PUBLICITY, 18, "XC", "禁毒反诈防溺亡宣传活动（{village}）", False, 80, 580),
    (EventKind.DRILL, 12, "YL", "安全应急演练（{village}）", False, 60, 0),
    (EventKind.SAFETY_TALK, 8, "AX", "安全教育“三进”宣讲（{village}）", False, 150, 6025),
    (EventKind.SITE_REVIEW, 2, "GM", "人居环境逐村观摩评比（第{n}轮）", True, 60, 0),
]
VOLUNTEER_VILLAGES = ("大驾村", "桥湾村", "宁郭村", "北田塘村", "黄庄村", "姜毛庄村")


def load(place: Place) -> None:
    events = [event for series in SERIES for event in _series(place, *series)]
    events.append(
        Event(
            event_no="QT-2023-01",
            kind=EventKind.OTHER,
            title="镇党委书记“七一”讲党课",
            held_on=dt.date(2023, 6, 30),
            org=place.town,
            town=place.town,
            participants=200,
        )
    )
    bulk(Event, events)


def _series(place: Place, kind, count, code, title, by_town, participants, materials):
    for index in range(count):
        if kind == EventKind.VOLUNTEER:
            village = place.village(VOLUNTEER_VILLAGES[index])
        else:
            village = place.cycle(index * 5)
        yield Event(
            event_no=f"{code}-2023-{index + 1:02d}",
            kind=kind,
            title=title.format(n=index + 1, village=village.name),
            held_on=spread(FIRST, LAST, index, count),
            org=place.town if by_town else village,
            town=place.town,
            participants=participants + index % 7 * 5,
            materials=_materials(materials, index),
        )


def _materials(per_event: int, index: int) -> int | None:
    """Leaflets per event, alternating a little around the mean (18 × 580 = 10,440; 8 × 6,025 = 48,200)."""
    if not per_event:
        return None
    return per_event + (40 if index % 2 else -40)
