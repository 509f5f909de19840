"""--county: the same schema summed over the county's towns."""

import pytest
from django.utils import timezone

from tests.reports.builders import D, hazard, household, income, indicator, inspection, report, target
from xiangzhi.core.models import OrgLevel, OrgUnit

pytestmark = pytest.mark.django_db


def test_the_county_report_names_the_county_and_counts_all_its_villages(world):
    county = report(world.county)
    assert county["town"] == {"code": world.county.code, "name": world.county.name}
    assert county["villages"] == 3  # 2 in the town, 1 in the other town


def test_figures_are_summed_over_the_towns(world):
    household(world.grid, D(2022, 1, 1), size=3)
    household(world.other_grid, D(2022, 1, 1), size=4)
    hazard(inspection(world.grid, D(2023, 3, 1)), status="已整改", rectified=D(2023, 3, 2))
    hazard(inspection(world.other_grid, D(2023, 3, 1)))
    income(world.village, 2023, "12")
    income(world.other_village, 2023, "11")
    county = report(world.county)
    assert (county["care"]["households"], county["care"]["persons"]) == (2, 7)
    assert (county["safety"]["hazards_found"], county["safety"]["rectification_rate"]) == (2, 0.5)
    assert county["collective_economy"] == {"villages_at_least_10wan": ["桥湾村", "外村"], "total_wan": 23}


def test_the_county_target_share_is_weighted_by_the_towns_villages(world):
    target(world.town, 2023, five=1, four=2, share="0.50")  # 2 villages
    target(world.other_town, 2023, five=0, four=1, share="1.00")  # 1 village
    targets = report(world.county)["stars"]["targets"]
    assert targets == {"five_star": 1, "four_star": 3, "three_star_or_above_share": round(2 / 3, 4)}


def test_the_weights_are_the_towns_live_villages_only(world):
    """Grids below the villages and a deleted village weigh nothing."""
    target(world.town, 2023, five=1, four=2, share="0.50")  # 2 villages, one of them deleted below
    target(world.other_town, 2023, five=0, four=1, share="1.00")  # 1 village
    OrgUnit.objects.filter(pk=world.village2.pk).update(deleted_at=timezone.now())
    targets = report(world.county)["stars"]["targets"]
    assert targets["three_star_or_above_share"] == 0.75


def test_amounts_add_up_but_rates_of_different_towns_are_left_out(world):
    indicator(world.town, "规模以上工业增加值", "2023", "3000")
    indicator(world.other_town, "规模以上工业增加值", "2023", "1000")
    indicator(world.town, "固定资产投资同比增长", "2023", "8.2", unit="%")
    assert report(world.county)["indicators"] == [
        {"name": "规模以上工业增加值", "period": "2023", "value": 4000, "unit": "万元"}
    ]


def test_a_town_report_never_includes_another_town(world):
    household(world.other_grid, D(2022, 1, 1))
    other_county = OrgUnit.objects.add_root(dict(code="410899", name="别区", level=OrgLevel.COUNTY))
    far_town = OrgUnit.objects.add_child(
        other_county, dict(code="410899101", name="远镇", level=OrgLevel.TOWN)
    )
    far_village = OrgUnit.objects.add_child(far_town, dict(code="410899101201", name="远村", level="village"))
    household(far_village, D(2022, 1, 1))
    assert report(world.town)["care"]["households"] == 0
    assert report(world.county)["care"]["households"] == 1
