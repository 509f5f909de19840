"""平安建设 demo: 雪亮工程 cameras, night patrol teams and the disputes of 2023.

Article figures: 54 cameras at the villages' main crossroads; 19 village night patrol teams with
160 members. Each village has 3 cameras (one more was removed, 拆除, and no longer counts); each
village has a team and 宁郭村, the town seat, a second one. The article gives no dispute figures:
the demo registers 16 disputes in the first half of 2023, 15 resolved.
"""

import datetime as dt

from xiangzhi.demo.common import Place, bulk, spread
from xiangzhi.security.models import Camera, CameraStatus, Dispute, DisputeStatus, PatrolTeam

CAMERA_SPOTS = ("村口路口", "主街十字路口", "村委会门前")
PATROL_MEMBERS = 160
DISPUTES = [
    ("邻里纠纷", "宅前排水引发邻里矛盾"),
    ("土地纠纷", "承包地边界争议"),
    ("婚姻家庭", "赡养老人费用分担分歧"),
    ("宅基地", "翻建房屋占用通道"),
    ("合同纠纷", "农机作业费用结算争议"),
    ("邻里纠纷", "饲养家禽影响邻居生活"),
    ("劳务纠纷", "务工工资结算争议"),
    ("土地纠纷", "流转土地租金支付延迟"),
]


def load(place: Place) -> None:
    bulk(Camera, list(_cameras(place)))
    bulk(PatrolTeam, list(_teams(place)))
    bulk(Dispute, [_dispute(place, index) for index in range(16)])


def _cameras(place: Place):
    for index, village in enumerate(place.villages):
        for spot_index, spot in enumerate(CAMERA_SPOTS):
            serial = index * len(CAMERA_SPOTS) + spot_index
            yield Camera(
                camera_no=f"SX-{serial + 1:03d}",
                org=village,
                town=place.town,
                location=f"{village.name}{spot}",
                # A few early cameras have no recorded installation date: they still count.
                installed_on=None
                if serial % 17 == 0
                else spread(dt.date(2021, 5, 1), dt.date(2022, 12, 1), serial, 54),
                status=CameraStatus.FAULTY if serial == 20 else CameraStatus.WORKING,
            )
    seat = place.village("宁郭村")
    yield Camera(
        camera_no="SX-055",
        org=seat,
        town=place.town,
        location="宁郭村老供销社门口（已拆除）",
        installed_on=dt.date(2019, 6, 1),
        status=CameraStatus.REMOVED,
    )


def team_sizes(teams: int) -> list[int]:
    """Members per team adding up to 160: the first teams have one member more."""
    base, extra = divmod(PATROL_MEMBERS, teams)
    return [base + (1 if index < extra else 0) for index in range(teams)]


def _teams(place: Place):
    villages = [*place.villages, place.village("宁郭村")]
    for index, (village, size) in enumerate(zip(villages, team_sizes(len(villages)), strict=True)):
        second = index == len(place.villages)
        yield PatrolTeam(
            team_no=f"XL-{index + 1:02d}",
            org=village,
            town=place.town,
            name=f"{village.name}夜间巡逻{'二' if second else '一'}队",
            members_count=size,
            founded_on=None if index == 3 else spread(dt.date(2022, 3, 1), dt.date(2023, 2, 1), index, 19),
        )


def _dispute(place: Place, index: int) -> Dispute:
    kind, summary = DISPUTES[index % len(DISPUTES)]
    registered = spread(dt.date(2023, 1, 6), dt.date(2023, 6, 22), index, 16)
    resolved = index != 15
    return Dispute(
        dispute_no=f"JF-2023-{index + 1:02d}",
        org=place.cycle(index * 7),
        town=place.town,
        registered_on=registered,
        kind=kind,
        summary=summary,
        status=DisputeStatus.RESOLVED if resolved else DisputeStatus.MEDIATING,
        resolved_on=registered + dt.timedelta(days=2 + index % 10) if resolved else None,
    )
