"""Editing a household on its form: categories as check boxes, personal data never put back into the
page, and two people editing at once — the second save is refused and nothing is overwritten."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.care import support
from tests.ledgers.support import FULL_ID, valid_id
from xiangzhi.care.models import Household
from xiangzhi.core.history import history_entries

pytestmark = pytest.mark.django_db


@pytest.fixture
def household(world):
    return support.households(world.grid, 1, categories=["低保户", "独居老人"], phone="13912345678")[0]


def _form_data(household, **changes) -> dict:
    data = {
        "version": household.version,
        "household_no": household.household_no,
        "org": household.org_id,
        "head_name": household.head_name,
        "head_id_number": "",
        "phone": "",
        "size": household.size,
        "categories": household.categories,
        "helper": household.helper,
        "enrolled_on": household.enrolled_on.isoformat(),
        "exited_on": "",
        "exit_reason": "",
    }
    data.update(changes)
    return data


def _edit_url(household) -> str:
    return reverse("ledger-edit", args=["households", household.pk])


def _logged_in(world, persona) -> Client:
    client = Client()
    client.force_login(world.users[persona])
    return client


def test_the_edit_page_shows_masks_not_the_stored_id_number_or_phone(world, household):
    html = _logged_in(world, "town_admin").get(_edit_url(household)).content.decode()

    assert not FULL_ID.search(html)
    assert "13912345678" not in html
    assert f'placeholder="410802********{household.head_id_number[-4:]}"' in html
    assert 'placeholder="139****5678"' in html


def test_categories_are_check_boxes_of_the_allowed_values(world, household):
    html = _logged_in(world, "town_admin").get(_edit_url(household)).content.decode()

    assert html.count('type="checkbox" name="categories"') == 8
    assert "[&#x27;" not in html  # no Python list syntax in an input


def test_saving_without_retyping_personal_data_keeps_it(world, household):
    client = _logged_in(world, "town_admin")

    response = client.post(_edit_url(household), _form_data(household, size=4, categories=["低保户"]))

    assert response.status_code == 302
    stored = Household.objects.get(pk=household.pk)
    assert (stored.size, stored.categories) == (4, ["低保户"])
    assert (stored.head_id_number, stored.phone) == (household.head_id_number, "13912345678")


def test_a_corrected_id_number_replaces_the_old_one_and_its_index(world, household):
    new_id = valid_id(321)

    _logged_in(world, "town_admin").post(
        _edit_url(household), _form_data(household, head_id_number=new_id.lower())
    )

    stored = Household.objects.get(pk=household.pk)
    assert (stored.head_id_number, stored.head_id_number_last4) == (new_id, new_id[-4:])
    assert Household.objects.filter(head_id_number_index=stored.head_id_number_index).get() == stored


def test_a_wrong_id_number_on_the_form_is_refused_in_chinese(world, household):
    response = _logged_in(world, "town_admin").post(
        _edit_url(household), _form_data(household, head_id_number="410802198001011230")
    )

    assert response.status_code == 200
    assert "身份证号校验位错误" in response.content.decode()
    assert Household.objects.get(pk=household.pk).version == 1


def test_the_form_applies_the_import_rules(world, household):
    response = _logged_in(world, "town_admin").post(
        _edit_url(household), _form_data(household, exited_on="2022-01-01", exit_reason="迁出")
    )

    assert "退出日期不能早于纳入日期" in response.content.decode()
    assert Household.objects.get(pk=household.pk).exited_on is None


def test_two_people_editing_the_same_household_the_second_save_is_refused(world, household):
    cadre, admin = _logged_in(world, "village_cadre"), _logged_in(world, "town_admin")
    cadre.get(_edit_url(household))
    admin.get(_edit_url(household))  # both opened version 1

    first = cadre.post(_edit_url(household), _form_data(household, size=4))
    second = admin.post(_edit_url(household), _form_data(household, helper="赵六"))

    assert first.status_code == 302
    assert second.status_code == 200
    assert "该记录已被他人修改，请刷新后重新编辑（您的修改尚未保存）。" in second.content.decode()
    stored = Household.objects.get(pk=household.pk)
    assert (stored.size, stored.helper, stored.version) == (4, "帮扶人甲", 2)
    assert [e.user for e in history_entries(stored)] == [world.users["village_cadre"]]


def test_after_reloading_the_second_person_can_save(world, household):
    cadre, admin = _logged_in(world, "village_cadre"), _logged_in(world, "town_admin")
    cadre.post(_edit_url(household), _form_data(household, size=4))
    reloaded = Household.objects.get(pk=household.pk)

    response = admin.post(_edit_url(household), _form_data(reloaded, helper="赵六"))

    assert response.status_code == 302
    stored = Household.objects.get(pk=household.pk)
    assert (stored.size, stored.helper, stored.version) == (4, "赵六", 3)


def test_an_import_between_opening_and_saving_also_makes_the_save_stale(world, household, tmp_path):
    from tests.ledgers.support import HOUSEHOLD_HEADERS, import_cli, write_xlsx

    admin = _logged_in(world, "town_admin")
    admin.get(_edit_url(household))
    row = {
        "户编号": household.household_no, "所属村": "桥湾村", "网格": "村0网格", "户主姓名": "改名",
        "户主身份证号": household.head_id_number, "家庭人口": 2, "类别": "低保户", "纳入日期": "2023-01-05",
    }  # fmt: skip
    assert import_cli("households", write_xlsx(tmp_path / "h.xlsx", HOUSEHOLD_HEADERS, [row])).code == 0

    response = admin.post(_edit_url(household), _form_data(household, helper="赵六"))

    assert "该记录已被他人修改" in response.content.decode()
    assert Household.objects.get(pk=household.pk).head_name == "改名"
