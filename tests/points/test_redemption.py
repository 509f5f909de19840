"""积分超市: a redemption spends a person's balance and can never take it below zero."""

import datetime as dt
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.points.factories import make_point_entry
from xiangzhi.core.models import AuditEvent
from xiangzhi.points import services
from xiangzhi.points.models import Redemption
from xiangzhi.points.selectors import person_balance
from xiangzhi.points.services import point_entry_reverse, redemption_create

pytestmark = pytest.mark.django_db


def _redeem(world, points_spent, person_name="王五", village=None, user="village_cadre"):
    return redemption_create(
        village=village or world.village,
        person_name=person_name,
        item="洗衣粉",
        points_spent=points_spent,
        redeemed_on=dt.date(2023, 7, 1),
        acting_user=world.users[user],
    )


def test_a_redemption_within_the_balance_is_recorded(world):
    make_point_entry(world.village, points=10)
    make_point_entry(world.village, points=-2)

    redemption = _redeem(world, 8)

    assert person_balance(world.village, "王五") == 0
    assert redemption.history.get().history_user == world.users["village_cadre"]
    event = AuditEvent.objects.get(kind="points.redeemed")
    assert event.detail == {"balance_before": 8, "points_spent": 8}


def test_a_redemption_beyond_the_balance_is_refused_and_writes_nothing(world):
    make_point_entry(world.village, points=10)
    _redeem(world, 6)

    with pytest.raises(ValidationError, match="当前积分余额 4 分，不足以兑换 5 分"):
        _redeem(world, 5)
    assert Redemption.objects.count() == 1
    assert person_balance(world.village, "王五") == 4


def test_points_of_another_village_or_person_do_not_pay(world):
    make_point_entry(world.village2, points=50)
    make_point_entry(world.village, points=50, person_name="赵六")

    with pytest.raises(ValidationError, match="余额 0 分"):
        _redeem(world, 1)


def test_a_reversed_entry_no_longer_pays(world):
    entry = make_point_entry(world.village, points=10)
    point_entry_reverse(entry=entry, reason="错登", acting_user=world.users["village_cadre"])

    with pytest.raises(ValidationError, match="余额 0 分"):
        _redeem(world, 1)


@pytest.mark.parametrize("points_spent", [0, -3])
def test_a_redemption_spends_a_positive_number_of_points(world, points_spent):
    make_point_entry(world.village, points=10)

    with pytest.raises(ValidationError, match="消耗积分应为正整数"):
        _redeem(world, points_spent)


def test_redemptions_are_kept_per_village(world):
    make_point_entry(world.village, points=10)

    with pytest.raises(ValidationError, match="请选择一个村"):
        _redeem(world, 1, village=world.grid, user="town_admin")


def test_the_balance_is_read_under_a_row_lock(world):
    make_point_entry(world.village, points=10)

    with CaptureQueriesContext(connection) as queries:
        _redeem(world, 1)

    sql = [q["sql"] for q in queries.captured_queries]
    lock = next(
        i for i, s in enumerate(sql) if "points_pointaccount" in s and s.lstrip().startswith("SELECT")
    )
    balance = next(i for i, s in enumerate(sql) if "SUM(" in s and "points_pointentry" in s)
    assert lock < balance
    if connection.features.has_select_for_update:
        assert any("FOR UPDATE" in s and "points_pointaccount" in s for s in sql)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrent transactions need PostgreSQL")
def test_two_simultaneous_redemptions_cannot_overspend(world, monkeypatch):
    make_point_entry(world.village, points=10)
    real_balance = services.person_balance

    def slow_balance(*args):
        # Widen the window between reading the balance and writing the redemption, so that
        # without the lock both transactions would read 10 and both would spend 8.
        balance = real_balance(*args)
        time.sleep(0.3)
        return balance

    monkeypatch.setattr(services, "person_balance", slow_balance)
    barrier = threading.Barrier(2)
    outcomes = []

    def redeem():
        try:
            barrier.wait()
            _redeem(world, 8)
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=redeem) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["ok", "refused"]
    assert person_balance(world.village, "王五") == 2


def test_redeeming_from_the_page(world, client_for):
    make_point_entry(world.village, points=10)
    client = client_for("village_cadre")
    url = reverse("points-redeem", args=[world.village.pk])

    refused = client.post(
        url, {"person_name": "王五", "item": "毛巾", "points_spent": 11, "redeemed_on": "2023-07-01"}
    )
    assert refused.status_code == 200
    assert "不足以兑换" in refused.content.decode()
    assert not Redemption.objects.exists()

    done = client.post(
        url, {"person_name": "王五", "item": "毛巾", "points_spent": 10, "redeemed_on": "2023-07-01"}
    )
    assert done.status_code == 302
    assert person_balance(world.village, "王五") == 0


def test_another_villages_cadre_cannot_redeem(world, client_for):
    make_point_entry(world.village2, points=10)

    response = client_for("village_cadre").post(
        reverse("points-redeem", args=[world.village2.pk]),
        {"person_name": "王五", "item": "毛巾", "points_spent": 1, "redeemed_on": "2023-07-01"},
    )

    assert response.status_code == 404
    assert not Redemption.objects.exists()
