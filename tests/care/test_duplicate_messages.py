"""A duplicate key is named as the user typed it (身份证号), never as an internal field."""

import pytest
from django.urls import reverse

from tests.factories import make_household, make_member
from xiangzhi.care.models import Member

pytestmark = pytest.mark.django_db


def test_adding_a_member_whose_id_number_the_town_has_names_the_id_number(client_for, world):
    existing = make_member(world.grid)
    household = make_household(world.grid, household_no="NG-900")
    data = {"household": household.pk, "name": "王五", "id_number": existing.id_number, "relation": "子女"}

    response = client_for("town_admin").post(reverse("ledger-create", args=["members"]), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert "本乡镇已有身份证号相同的家庭成员：请修改身份证号，或编辑已有的那条记录。" in page
    assert "索引" not in page and "所属乡镇" not in page
    assert Member.objects.count() == 1


def test_a_key_held_by_a_deleted_member_names_the_id_number_too(client_for, world):
    existing = make_member(world.grid)
    existing.deleted_at = existing.updated_at
    existing.save()
    household = make_household(world.grid, household_no="NG-901")
    data = {"household": household.pk, "name": "王五", "id_number": existing.id_number, "relation": "子女"}

    page = client_for("town_admin").post(reverse("ledger-create", args=["members"]), data).content.decode()

    assert "回收站中有一条身份证号相同的已删除记录：请先恢复它，或修改身份证号。" in page
