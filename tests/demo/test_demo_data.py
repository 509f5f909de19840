"""The demo data itself: fictitious people, valid ID numbers, history, and the demo label."""

import re

import pytest

from xiangzhi.care.models import Household, Member
from xiangzhi.core.demo_marker import is_demo_org
from xiangzhi.core.pii.idcard import validate_id_number
from xiangzhi.safety.models import Hazard

FICTITIOUS = re.compile(r"^[王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗]某[一二三四五六七八九十百零]+$")


def test_names_are_obviously_fictitious(demo_db):
    names = list(Household.objects.values_list("head_name", flat=True))
    names += list(Member.objects.values_list("name", flat=True))
    assert names and all(FICTITIOUS.match(name) for name in names)
    assert len(set(Household.objects.values_list("head_name", flat=True))) == Household.objects.count()


def test_id_numbers_are_valid_by_checksum_and_distinct(demo_db):
    numbers = [m.id_number for m in Member.objects.all()]
    # The checks an import applies: length, province, check digit (GB 11643) and birth date.
    assert all(validate_id_number(number) == number for number in numbers)
    assert len(set(numbers)) == len(numbers)


def test_every_demo_record_has_its_creation_in_the_history(demo_db):
    for model in (Household, Member, Hazard):
        assert model.history.filter(history_type="+").count() == model.objects.count()
        assert set(model.history.values_list("history_change_reason", flat=True)) == {"载入演示数据"}


def test_the_demo_town_is_labelled_as_demo_data(demo_db):
    assert is_demo_org(demo_db)


@pytest.mark.django_db
def test_the_demo_page_shows_the_banner(demo_db, client):
    from xiangzhi.core.models import User

    client.force_login(User.objects.get(username="town"))
    assert "演示数据" in client.get("/").content.decode()


@pytest.mark.django_db
def test_every_printed_demo_login_signs_in_with_the_printed_password(demo_db, client, settings):
    from django.conf import global_settings

    from xiangzhi.demo.users import LOGINS, PASSWORD

    # The demo was loaded (for the whole module) before the tests' fast hasher was set.
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS

    for username in [login.username for login in LOGINS] + ["admin"]:
        response = client.post("/login/", {"username": username, "password": PASSWORD})
        assert response.status_code == 302, username
        client.logout()
