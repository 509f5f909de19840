"""The economy home: each village's income for a year (≥ threshold highlighted) and indicators."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from tests.economy.factories import make_income, make_indicator
from tests.events.support import count_queries
from xiangzhi.economy.config import income_threshold_wan
from xiangzhi.economy.models import CollectiveIncome, Indicator
from xiangzhi.economy.periods import period_bounds
from xiangzhi.economy.selectors import indicator_table, indicators_within, village_incomes, villages_at_least

pytestmark = pytest.mark.django_db


def test_villages_at_or_above_ten_wan_are_the_strong_ones(world):
    make_income(world.village, year=2023, income_wan=Decimal("10"))
    make_income(world.village2, year=2023, income_wan=Decimal("9.9999"))

    rows = village_incomes(world.town, world.users["town_admin"], 2023)

    assert [(r.village.name, r.reaches_threshold) for r in rows] == [("桥湾村", True), ("村1", False)]
    assert list(
        villages_at_least(CollectiveIncome.objects.all(), 2023).values_list("org__name", flat=True)
    ) == ["桥湾村"]


def test_the_threshold_is_configuration(world, settings):
    make_income(world.village, year=2023, income_wan=Decimal("12"))
    settings.XIANGZHI_INCOME_THRESHOLD_WAN = "15"

    (first, _) = village_incomes(world.town, world.users["town_admin"], 2023)

    assert income_threshold_wan() == Decimal("15")
    assert first.reaches_threshold is False


def test_the_threshold_comes_from_the_environment_when_settings_are_silent(monkeypatch):
    monkeypatch.setenv("XIANGZHI_INCOME_THRESHOLD_WAN", "20")
    assert income_threshold_wan() == Decimal("20")
    monkeypatch.setenv("XIANGZHI_INCOME_THRESHOLD_WAN", "十万")
    with pytest.raises(ImproperlyConfigured):
        income_threshold_wan()


def test_the_home_highlights_strong_villages_and_lists_unreported_ones(world, client_for):
    make_income(world.village, year=2023, income_wan=Decimal("12.5000"))

    page = client_for("town_admin").get(reverse("economy-home"), {"year": 2023}).content.decode()

    assert '<span class="badge badge-ok">12.5</span>' in page
    assert "未填报" in page  # 村1 has no figure for 2023
    assert "收入达到 10 万元的村 <strong>1</strong> 个" in page


def test_a_village_cadre_sees_only_their_village(world, client_for):
    make_income(world.village, year=2023, income_wan=Decimal("12"))
    make_income(world.village2, year=2023, income_wan=Decimal("30"))

    page = client_for("village_cadre").get(reverse("economy-home"), {"year": 2023}).content.decode()

    assert "桥湾村" in page
    assert "村1" not in page


def test_indicators_are_laid_out_by_period_in_time_order(world):
    make_indicator(world.town, name="增加值", period="2023Q2", value=Decimal("800"))
    make_indicator(world.town, name="增加值", period="2023Q1", value=Decimal("726"))
    make_indicator(world.town, name="增速", period="2023Q1", value=Decimal("8.2"), unit="%")
    make_indicator(world.town, name="增加值", period="2023", value=Decimal("3000"))

    table = indicator_table(Indicator.objects.all(), "quarter")

    assert table.periods == [("2023Q1", "2023年第1季度"), ("2023Q2", "2023年第2季度")]
    assert table.rows == [
        ("增加值", "万元", [Decimal("726"), Decimal("800")]),
        ("增速", "%", [Decimal("8.2"), None]),
    ]


def test_indicators_within_a_period_are_those_wholly_inside_it(world):
    for period in ("2022", "2023", "2023Q1", "2023H2", "2023-12", "2024-01"):
        make_indicator(world.town, name=f"指标{period}", period=period)

    inside = indicators_within(Indicator.objects.all(), dt.date(2023, 1, 1), dt.date(2023, 12, 31))

    assert sorted(inside.values_list("period", flat=True)) == ["2023", "2023-12", "2023H2", "2023Q1"]


def test_the_home_shows_the_years_indicators(world, client_for):
    make_indicator(world.town, name="社会消费品零售总额", period="2023Q1", value=Decimal("56664"))
    make_indicator(world.town, name="旧指标", period="2021", value=Decimal("1"))

    page = client_for("village_cadre").get(reverse("economy-home"), {"year": 2023}).content.decode()
    assert "社会消费品零售总额" not in page  # a town figure: the village cadre does not see it

    page = (
        client_for("town_admin")
        .get(reverse("economy-home"), {"year": 2023, "kind": "quarter"})
        .content.decode()
    )
    assert "社会消费品零售总额" in page
    assert "56664" in page
    assert "旧指标" not in page


def _bulk(world, years: range, names: range) -> None:
    CollectiveIncome.objects.bulk_create(
        CollectiveIncome(org=village, town=world.town, year=year, income_wan=Decimal("3.5"))
        for year in years
        for village in (world.village, world.village2)
    )
    Indicator.objects.bulk_create(
        Indicator(
            name=f"指标{n}",
            period=period,
            value=Decimal(n),
            unit="万元",
            starts_on=period_bounds(period)[0],
            ends_on=period_bounds(period)[1],
            org=world.town,
            town=world.town,
        )
        for n in names
        for period in ("2023", "2023Q1", "2023-02", "2022")
    )


@pytest.mark.parametrize("page", ["economy-home", "collective_income", "indicators"])
def test_the_pages_query_count_does_not_grow_with_records(world, client_for, django_assert_num_queries, page):
    client = client_for("town_admin")
    url = reverse(page) if page == "economy-home" else reverse("ledger-list", args=[page])
    _bulk(world, range(2019, 2024), range(3))
    baseline = count_queries(client, url)

    _bulk(world, range(1950, 2019), range(3, 130))
    with django_assert_num_queries(baseline):
        client.get(url)


def test_the_indicator_list_shows_each_figure_with_its_unit(world, client_for):
    make_indicator(world.town, name="固定资产投资增速", period="2023Q1", value=Decimal("8.2000"), unit="%")

    page = client_for("town_admin").get(reverse("ledger-list", args=["indicators"])).content.decode()

    assert "8.2 %" in page
    assert "2023年第1季度" in page
