"""五星支部创建 demo: the town's 2023 targets, the villages' 2023 plans and their 2022 ratings.

Article figures: 2023年拟创"五星"支部1个,"四星"支部3个,"三星"以上村党支部占比67%. The plans
match DOMAIN §2.4's worked check: 67% of 18 villages is 12 villages at three stars or more, so
1 five-star + 3 four-star + 8 three-star, and the other 6 aim at two stars. 支部过硬星 is the
capstone (DOMAIN §2.2): only the five-star village plans it. 2023 has no results yet (the demo
stands at mid-2023); the 2022 ratings are there for comparison.
"""

import datetime as dt
from decimal import Decimal

from xiangzhi.demo.common import Place, bulk
from xiangzhi.stars.choices import StarName, stars_and_level
from xiangzhi.stars.models import StarPlan, StarResult, StarTarget

FIVE = ("桥湾村",)  # the 样板村 of the campaign
FOUR = ("大驾村", "北官庄村", "宁郭村")
THREE = ("张庄村", "姜毛庄村", "黄庄村", "北田塘村", "邱庄村", "石庄村", "东尚村", "马村")
# The four stars below the capstone, in the order villages take them up.
BASE_STARS = [StarName.ECOLOGY, StarName.CIVILITY, StarName.SAFETY, StarName.INDUSTRY]
RESULTS_2022 = {"桥湾村": 3, "大驾村": 3, "北官庄村": 2, "宁郭村": 2, "张庄村": 2, "姜毛庄村": 2}


def load(place: Place) -> None:
    bulk(StarTarget, [StarTarget(org=place.town, town=place.town, year=2023, five_star=1, four_star=3,
                                 three_plus_share=Decimal("0.67"))])  # fmt: skip
    bulk(StarPlan, [_plan(place, index, village) for index, village in enumerate(place.villages)])
    bulk(StarResult, [_result(place, index, village) for index, village in enumerate(place.villages)])


def planned_level(name: str) -> int:
    if name in FIVE:
        return 5
    if name in FOUR:
        return 4
    return 3 if name in THREE else 2


def stars_for(level: int, index: int) -> list[str]:
    """``level`` distinct stars in the province's order; 支部过硬星 only with all the others."""
    if level == 5:
        return list(StarName.values)
    chosen = {BASE_STARS[(index + offset) % len(BASE_STARS)] for offset in range(level)}
    return [star for star in StarName.values if star in chosen]


def _plan(place: Place, index: int, village) -> StarPlan:
    stars, level = stars_and_level(stars_for(planned_level(village.name), index))
    return StarPlan(org=village, town=place.town, year=2023, stars=stars, level=level)


def _result(place: Place, index: int, village) -> StarResult:
    stars, level = stars_and_level(stars_for(RESULTS_2022.get(village.name, 1), index))
    return StarResult(
        org=village, town=place.town, year=2022, stars=stars, level=level, rated_on=dt.date(2022, 12, 28)
    )
