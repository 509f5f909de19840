"""A page's ?year= is read by one parser with one range; a bad year shows the default and says so."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from xiangzhi.reports.period import MAX_YEAR, MIN_YEAR


def _shown(client, url: str, query: str):
    response = client.get(f"{url}?{query}")
    return response.context["year"], [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize(
    ("query", "year", "notice"),
    [
        ("year=2019", 2019, None),
        ("year=1900", 1900, None),
        ("year=2100", 2100, None),
        ("year=abc", "this", "年度「abc」无效（应为 1900–2100 之间的年份），已显示 {this} 年"),
        ("year=1899", "this", "年度「1899」无效（应为 1900–2100 之间的年份），已显示 {this} 年"),
        ("year=²", "this", "年度「²」无效（应为 1900–2100 之间的年份），已显示 {this} 年"),
        ("year=", "this", None),
    ],
)
def test_the_stars_home_year(client_for, query, year, notice):
    this = timezone.localdate().year
    shown, notices = _shown(client_for("town_admin"), reverse("stars-home"), query)
    assert shown == (this if year == "this" else year)
    assert notices == ([notice.format(this=this)] if notice else [])


def test_the_safety_home_shows_this_year_for_a_future_one(client_for):
    this = timezone.localdate().year
    shown, notices = _shown(client_for("town_admin"), reverse("safety-home"), f"year={this + 1}")
    assert (shown, notices) == (this, [])


def test_reports_parse_years_in_the_same_range():
    assert (MIN_YEAR, MAX_YEAR) == (1900, 2100)
