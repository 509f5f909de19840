"""摘星: a veto event withdraws a held star at once, with history, and blocks the star for the year."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.stars import cycle
from tests.stars.cycle import YEAR
from xiangzhi.core.models import AuditEvent
from xiangzhi.stars.choices import ApplicationStatus as S
from xiangzhi.stars.choices import VetoKind
from xiangzhi.stars.models import StarResult, VetoRule
from xiangzhi.stars.readiness import town_readiness
from xiangzhi.stars.services.outcome import veto_record

pytestmark = pytest.mark.django_db

STAR = "平安法治星"


@pytest.fixture(autouse=True)
def _setup(simple_standard, full_plan):
    pass


def _veto(world, user="town_admin", star=STAR, **extra):
    fields = {
        "village": world.village,
        "year": YEAR,
        "star": star,
        "kind": VetoKind.CRIMINAL_CASE,
        "occurred_on": dt.date(2024, 3, 2),
        "description": "村内发生盗窃刑事案件",
        "acting_user": world.users[user],
        **extra,
    }
    return veto_record(**fields)


def test_a_criminal_case_withdraws_the_held_star_with_history(world):
    application = cycle.awarded(world, STAR)
    cycle.awarded(world, "文明幸福星")
    _veto(world, reference="XA-2024-01")
    result = StarResult.objects.get(org=world.village, year=YEAR)
    assert (result.stars, result.level) == (["文明幸福星"], 1)
    assert result.history.order_by("-history_id").first().history_change_reason.startswith("摘星：刑事案件")
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN
    assert "村内发生盗窃刑事案件" in application.withdraw_reason
    kinds = set(AuditEvent.objects.values_list("kind", flat=True))
    assert {"stars.veto_recorded", "stars.star_withdrawn"} <= kinds


def test_the_town_matrix_shows_the_withdrawal_at_once(world):
    cycle.awarded(world, STAR)
    before = town_readiness(world.town, YEAR, world.users["town_admin"]).villages[0].star(STAR)
    assert before.awarded and before.projected
    _veto(world)
    after = town_readiness(world.town, YEAR, world.users["town_admin"]).villages[0].star(STAR)
    assert not after.awarded
    assert not after.projected
    assert after.vetoes == ["刑事案件：村内发生盗窃刑事案件"]


def test_a_veto_blocks_the_award_of_a_star_on_notice(world):
    application = cycle.in_notice(world, STAR)
    _veto(world)
    application.refresh_from_db()
    with pytest.raises(ValidationError, match="触发否决事项"):
        cycle.award(world, application)


def test_a_vetoed_star_cannot_be_submitted(world):
    _veto(world)
    with pytest.raises(ValidationError, match="已被否决"):
        cycle.submit(world, STAR)


def test_a_manual_decision_names_its_veto_item(world, simple_standard):
    rule = VetoRule.objects.get(star__standard=simple_standard, star__star=STAR)
    event = _veto(world, rule=rule, kind=VetoKind.MANUAL, description="镇党委研究决定")
    assert event.rule == rule
    with pytest.raises(ValidationError, match="不属于「文明幸福星」"):
        _veto(world, rule=rule, star="文明幸福星")


@pytest.mark.parametrize("persona", ["village_cadre", "grid_worker", "county_reviewer", "outsider"])
def test_only_the_town_records_a_veto(world, persona):
    cycle.awarded(world, STAR)
    with pytest.raises(PermissionDenied):
        _veto(world, user=persona)
    assert StarResult.objects.get(org=world.village, year=YEAR).stars == [STAR]


def test_a_veto_needs_a_description(world):
    with pytest.raises(ValidationError, match="请填写情况说明"):
        _veto(world, description=" ")
