"""A standard's stars, tasks and veto items go to the recycle bin and come back from it (issue 14)."""

import json

import pytest
from django.urls import reverse

from tests.stars import cycle
from tests.stars.support import simple_document
from xiangzhi.core.models import system_user
from xiangzhi.stars.models import StarApplication, StarDefinition, StarStandard, StarTask, VetoRule
from xiangzhi.stars.services.standards import standard_load

pytestmark = pytest.mark.django_db


def _town_standard(world, **changes) -> StarStandard:
    return standard_load(
        raw=json.dumps(simple_document(cycle.YEAR, **changes)).encode(),
        org=world.town,
        acting_user=system_user(),
    )


def _task(standard, star: str) -> StarTask:
    return StarTask.objects.get(star__standard=standard, star__star=star)


def _reasons(part) -> list[str]:
    return list(part.history.order_by("history_id").values_list("history_change_reason", flat=True))


def test_a_deleted_task_stays_in_the_database_lists_in_the_trash_and_comes_back(world, client_for):
    task = _task(_town_standard(world), "产业兴旺星")
    client = client_for("town_admin")

    assert client.post(reverse("stars-task-delete", args=[task.pk])).status_code == 302

    stored = StarTask.all_objects.get(pk=task.pk)
    assert stored.deleted_at is not None
    assert not StarTask.objects.filter(pk=task.pk).exists()
    trash = client.get(reverse("trash"), {"ledger": "stars.startask"}).content.decode()
    assert "重点任务（1）" in trash and "1. 产业兴旺星任务" in trash
    history = client.get(reverse("record-history", args=["stars.startask", task.pk])).content.decode()
    assert "<strong>删除</strong>" in history
    restore = reverse("record-restore", args=["stars.startask", task.pk])
    assert client.post(restore).status_code == 302
    assert StarTask.objects.get(pk=task.pk).title == "产业兴旺星任务"
    assert _reasons(stored) == [None, "删除", "恢复"]


def test_a_deleted_veto_item_comes_back_from_the_trash(world, client_for):
    rule = VetoRule.objects.get(star__standard=_town_standard(world))
    client = client_for("town_admin")
    client.post(reverse("stars-veto-rule-delete", args=[rule.pk]))
    assert VetoRule.all_objects.get(pk=rule.pk).deleted_at is not None
    assert "发生刑事案件" in client.get(reverse("trash"), {"ledger": "stars.vetorule"}).content.decode()
    client.post(reverse("record-restore", args=["stars.vetorule", rule.pk]))
    assert VetoRule.objects.filter(pk=rule.pk).exists()


def test_a_task_under_review_cannot_be_deleted_and_the_message_names_the_application(
    world, client_for, full_plan
):
    standard = _town_standard(world)
    cycle.give_evidence(world, "生态宜居星")
    cycle.town_pass(world, cycle.submit(world, "生态宜居星"))
    definition = StarDefinition.objects.get(standard=standard, star="生态宜居星")
    client = client_for("town_admin")
    data = {"seq": 2, "title": "垃圾分类", "indicator_type": "bool", "comparison": "gte"}
    client.post(reverse("stars-task-add", args=[definition.pk]), data)
    added = StarTask.objects.get(star=definition, seq=2)  # no evidence: only the application keeps it

    response = client.post(reverse("stars-task-delete", args=[added.pk]), follow=True)

    assert StarTask.objects.filter(pk=added.pk).exists()
    assert "以下申报正按该标准评定，不能删除「2. 垃圾分类」：桥湾村2023年度生态宜居星申报（镇初审通过）" in (
        response.content.decode()
    )


def test_a_veto_item_of_a_star_under_review_cannot_be_deleted(world, client_for, full_plan):
    standard = _town_standard(world)
    cycle.give_evidence(world, "平安法治星")
    cycle.submit(world, "平安法治星")
    rule = VetoRule.objects.get(star__standard=standard)

    response = client_for("town_admin").post(reverse("stars-veto-rule-delete", args=[rule.pk]), follow=True)

    assert VetoRule.objects.filter(pk=rule.pk).exists()
    assert "以下申报正按该标准评定，不能删除「发生刑事案件」：桥湾村2023年度平安法治星申报（已自评申报）" in (
        response.content.decode()
    )


def test_replacing_an_unused_standard_puts_its_stars_in_the_trash(world, client_for):
    standard = _town_standard(world)
    old = StarDefinition.objects.get(standard=standard, star="产业兴旺星")
    old_task = _task(standard, "产业兴旺星")
    raw = json.dumps(simple_document(cycle.YEAR, label="修订标准")).encode()
    standard_load(raw=raw, org=world.town, replace=True, acting_user=world.users["town_admin"])

    assert StarDefinition.all_objects.filter(standard=standard).count() == 10
    assert StarDefinition.objects.filter(standard=standard).count() == 5
    moment = StarDefinition.all_objects.get(pk=old.pk).deleted_at
    assert StarTask.all_objects.get(pk=old_task.pk).deleted_at == moment
    client = client_for("town_admin")
    trash = client.get(reverse("trash"), {"ledger": "stars.stardefinition"}).content.decode()
    assert "星的定义（5）" in trash
    assert "重点任务（" not in trash  # the tasks went with their stars: the stars stand for them
    response = client.post(reverse("record-restore", args=["stars.stardefinition", old.pk]), follow=True)
    assert "该标准中已有「产业兴旺星」，不能再恢复一个" in response.content.decode()
    assert StarDefinition.all_objects.get(pk=old.pk).deleted_at is not None


def test_a_task_whose_number_was_taken_again_is_not_restored(world, client_for):
    standard = _town_standard(world)
    task = _task(standard, "产业兴旺星")
    client = client_for("town_admin")
    client.post(reverse("stars-task-delete", args=[task.pk]))
    definition = task.star
    data = {"seq": 1, "title": "新的任务", "indicator_type": "bool", "comparison": "gte"}
    assert client.post(reverse("stars-task-add", args=[definition.pk]), data).status_code == 302

    response = client.post(reverse("record-restore", args=["stars.startask", task.pk]), follow=True)

    assert "「产业兴旺星」已有序号为 1 的任务，请先修改那条任务的序号" in response.content.decode()
    assert StarTask.all_objects.get(pk=task.pk).deleted_at is not None


def test_the_trash_lists_standard_parts_only_to_who_keeps_the_standard(world, client_for):
    task = _task(_town_standard(world), "产业兴旺星")
    client_for("town_admin").post(reverse("stars-task-delete", args=[task.pk]))
    client = client_for("outsider")  # the administrator of another town
    assert "产业兴旺星任务" not in client.get(reverse("trash"), {"ledger": "stars.startask"}).content.decode()
    assert client.post(reverse("record-restore", args=["stars.startask", task.pk])).status_code == 404
    assert StarApplication.objects.count() == 0
