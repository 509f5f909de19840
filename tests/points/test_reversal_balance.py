"""A reversal (冲正) takes points back: it may not take back points already spent, so the balance
never goes below zero, even when the reversal and a redemption happen at the same moment."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tests.core.racing import racing
from tests.points.factories import make_point_entry
from xiangzhi.points.models import PointEntry, Redemption
from xiangzhi.points.selectors import person_balance
from xiangzhi.points.services import point_entry_reverse, redemption_create


def _reverse(world, entry):
    on, cadre = dt.date(2023, 6, 1), world.users["village_cadre"]
    return point_entry_reverse(entry=entry, reason="登记错人", reversed_on=on, acting_user=cadre)


def _redeem(world, points_spent):
    return redemption_create(
        village=world.village,
        person_name="王五",
        item="洗衣粉",
        points_spent=points_spent,
        redeemed_on=dt.date(2023, 7, 1),
        acting_user=world.users["village_cadre"],
    )


@pytest.mark.django_db
def test_reversing_points_already_redeemed_is_refused(world):
    entry = make_point_entry(world.village, points=50)
    _redeem(world, 50)

    with pytest.raises(ValidationError, match="当前积分余额 0 分，冲正这条 \\+50 分的记录后将为 -50 分"):
        _reverse(world, entry)

    assert person_balance(world.village, "王五") == 0
    assert not PointEntry.objects.filter(reverses=entry).exists()


@pytest.mark.django_db
def test_reversing_what_is_left_unspent_is_allowed(world):
    entry = make_point_entry(world.village, points=50)
    make_point_entry(world.village, points=30)
    _redeem(world, 30)

    _reverse(world, entry)

    assert person_balance(world.village, "王五") == 0


@pytest.mark.django_db
def test_reversing_a_deduction_gives_the_points_back_whatever_the_balance(world):
    deduction = make_point_entry(world.village, points=-5)
    make_point_entry(world.village, points=5)

    _reverse(world, deduction)

    assert person_balance(world.village, "王五") == 5


@pytest.mark.django_db(transaction=True)
def test_a_reversal_racing_a_redemption_never_overdraws(world, tmp_path):
    with racing(tmp_path) as race:
        for n in range(6):
            entry = make_point_entry(world.village, points=50)
            reversal, redemption = race.run(
                lambda entry=entry: _reverse(world, entry), lambda: _redeem(world, 50)
            )

            errors = [o.error for o in (reversal, redemption)]
            assert sum(error is None for error in errors) == 1, f"round {n}: {errors}"
            assert all(error is None or isinstance(error, ValidationError) for error in errors)
            assert person_balance(world.village, "王五") == 0
        assert Redemption.objects.count() + PointEntry.objects.filter(reverses__isnull=False).count() == 6
