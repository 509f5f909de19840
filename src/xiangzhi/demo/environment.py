"""人居环境 demo: the 2023 courtyard ratings and the clean-up volumes of 2023.

Article figures: 创建"五美庭院"246家; 清理建筑垃圾1.5万余立方米, 生活垃圾2.5万余立方米. The article
says "全年" in its 2023 text, so the demo puts both in 2023: 15,300 m³ and 25,400 m³, recorded
village by village from January to June.
"""

import datetime as dt

from xiangzhi.demo.common import Place, bulk, person_name, spread
from xiangzhi.environment.models import Cleanup, CleanupKind, Courtyard, CourtyardRating

# (rating, how many courtyards) rated in 2023
RATINGS = [
    (CourtyardRating.FIVE_BEAUTIES, 246),
    (CourtyardRating.BEAUTIFUL, 62),
    (CourtyardRating.NOT_MET, 12),
]
# (kind, records, volume of the smaller and of the larger loads): 30×205 + 30×305 = 15,300 m³;
# 50×204 + 50×304 = 25,400 m³.
CLEANUPS = [(CleanupKind.CONSTRUCTION, 60, 205, 305), (CleanupKind.HOUSEHOLD, 100, 204, 304)]


def load(place: Place) -> None:
    bulk(Courtyard, list(_courtyards(place)))
    bulk(Cleanup, list(_cleanups(place)))


def _courtyards(place: Place):
    serial = 0
    for rating, count in RATINGS:
        for _ in range(count):
            village = place.cycle(serial)
            yield Courtyard(
                courtyard_no=f"TY-{serial + 1:03d}",
                org=village,
                town=place.town,
                owner_name=person_name(600 + serial),
                year=2023,
                rating=rating,
            )
            serial += 1


def _cleanups(place: Place):
    serial = 0
    for kind, records, small, large in CLEANUPS:
        for index in range(records):
            yield Cleanup(
                record_no=f"ZZ-2023-{serial + 1:03d}",
                org=place.cycle(index),
                town=place.town,
                cleaned_on=spread(dt.date(2023, 1, 4), dt.date(2023, 6, 29), index, records),
                kind=kind,
                volume_m3=small if index % 2 else large,
            )
            serial += 1
