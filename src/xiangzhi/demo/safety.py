"""安全生产 demo: 120 premises, 819 inspection visits with 4,357 person-times, 309 hazards all rectified.

Article figures (2023, "全年"): 出动4357人次, 排查…819家次, 发现安全隐患309处, 目前已经全部整改完毕.
Inspections run from January to June 2023; each found hazard was rectified within its deadline,
most already closed (销号), the latest ones rectified and waiting for closure.
"""

import datetime as dt

from xiangzhi.demo.common import Place, bulk, person_name, spread
from xiangzhi.safety.models import (
    Hazard,
    HazardCategory,
    HazardGrade,
    HazardStatus,
    Inspection,
    Premises,
    PremisesKind,
)

INSPECTIONS, PERSON_TIMES, HAZARDS = 819, 4357, 309
# (kind, subtype, how many): enterprises, the 九小场所 and other business premises.
PREMISES = [
    (PremisesKind.ENTERPRISE, "加工企业", 24),
    (PremisesKind.NINE_SMALL, "小商店", 22),
    (PremisesKind.NINE_SMALL, "小餐饮", 20),
    (PremisesKind.NINE_SMALL, "小作坊", 12),
    (PremisesKind.NINE_SMALL, "小美容洗浴", 8),
    (PremisesKind.NINE_SMALL, "小旅馆", 4),
    (PremisesKind.NINE_SMALL, "小学校/幼儿园", 6),
    (PremisesKind.OTHER, "沿街门店", 24),
]
# The sweep targeted street shops, household gas and ageing wiring (DOMAIN §6.2).
HAZARD_KINDS = [
    (HazardCategory.GAS, "燃气软管老化，未安装报警器"),
    (HazardCategory.WIRING, "电气线路老化、私拉乱接"),
    (HazardCategory.FIRE_EQUIPMENT, "灭火器过期或压力不足"),
    (HazardCategory.EXITS, "安全通道堆放杂物"),
    (HazardCategory.WIRING, "电动车室内充电"),
    (HazardCategory.GAS, "液化气瓶与灶具距离不足"),
    (HazardCategory.STRUCTURE, "违规搭建彩钢板房"),
]
AWAITING_CLOSURE = 20  # the latest hazards: rectified, not yet closed (销号)


def load(place: Place) -> None:
    premises = bulk(Premises, list(_premises(place)))
    inspections = bulk(Inspection, [_inspection(place, premises, index) for index in range(INSPECTIONS)])
    bulk(Hazard, [_hazard(place, inspections, index) for index in range(HAZARDS)])


def _premises(place: Place):
    serial = 0
    for kind, subtype, count in PREMISES:
        for _ in range(count):
            village = place.cycle(serial)
            yield Premises(
                premises_no=f"CS-{serial + 1:03d}",
                org=place.grid(village, serial),
                town=place.town,
                name=_premises_name(village, subtype, serial),
                kind=kind,
                subtype=subtype,
                address=f"{village.name}主街",
                manager=person_name(300 + serial),
            )
            serial += 1


def _premises_name(village, subtype: str, serial: int) -> str:
    """桥湾商店007号: the village, what kind of place it is, and a serial number (fictitious)."""
    kind = subtype.split("/")[0].removeprefix("小")
    return f"{village.name.removesuffix('村')}{kind}{serial + 1:03d}号"


def person_times(index: int) -> int:
    """5 or 6 inspectors per visit: 262 visits with 6 and 557 with 5 make 4,357 person-times."""
    extra = PERSON_TIMES - 5 * INSPECTIONS
    return 6 if index * extra // INSPECTIONS != (index + 1) * extra // INSPECTIONS else 5


def _inspection(place: Place, premises: list, index: int) -> Inspection:
    site = premises[index % len(premises)]
    return Inspection(
        inspection_no=f"PC-2023-{index + 1:04d}",
        premises=site,
        org=site.org,
        town=place.town,
        inspected_on=spread(dt.date(2023, 1, 3), dt.date(2023, 6, 28), index, INSPECTIONS),
        person_times=person_times(index),
        inspectors="镇安监办、村“两委”干部、网格员",
    )


def _hazard(place: Place, inspections: list, index: int) -> Hazard:
    # Spread the 309 hazards over the 819 visits: never two on one visit.
    inspection = inspections[index * INSPECTIONS // HAZARDS]
    category, description = HAZARD_KINDS[index % len(HAZARD_KINDS)]
    major = index % 100 == 50
    found = inspection.inspected_on
    closed = index < HAZARDS - AWAITING_CLOSURE
    return Hazard(
        hazard_no=f"YH-2023-{index + 1:03d}",
        inspection=inspection,
        org=inspection.org,
        town=place.town,
        category=category,
        description=description,
        grade=HazardGrade.MAJOR if major else HazardGrade.GENERAL,
        deadline=found + dt.timedelta(days=30 if major else 7),
        responsible=inspection.premises.manager,
        status=HazardStatus.CLOSED if closed else HazardStatus.RECTIFIED,
        rectified_on=found + dt.timedelta(days=1 + index % 6),
    )
