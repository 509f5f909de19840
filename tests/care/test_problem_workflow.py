"""A problem moves 待办理 → 办理中 → 已解决 (or straight to 已解决) through named services, with
history, an audit event and a Chinese refusal for every move that is not allowed."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.care import support
from xiangzhi.care.models import Problem, ProblemStatus
from xiangzhi.care.services import problem_resolve, problem_start
from xiangzhi.core.history import history_entries
from xiangzhi.core.models import AuditEvent
from xiangzhi.core.services.records import StaleRecordError

pytestmark = pytest.mark.django_db

YESTERDAY = timezone.localdate() - dt.timedelta(days=1)


@pytest.fixture
def problem(world):
    return support.problems(support.households(world.grid, 1))[0]


def _fresh(problem) -> Problem:
    return Problem.objects.get(pk=problem.pk)


def _start(problem, user):
    return problem_start(problem=_fresh(problem), acting_user=user, expected_version=_fresh(problem).version)


def _resolve(problem, user, *, result="已协调维修", on=YESTERDAY):
    fresh = _fresh(problem)
    return problem_resolve(
        problem=fresh, acting_user=user, expected_version=fresh.version, resolved_on=on, result=result
    )


def test_a_problem_is_started_then_resolved_with_history_and_events(world, problem):
    cadre = world.users["village_cadre"]

    _start(problem, cadre)
    _resolve(problem, cadre, result=" 已协调维修 ")

    stored = _fresh(problem)
    assert (stored.status, stored.resolved_on, stored.result, stored.version) == (
        ProblemStatus.RESOLVED,
        YESTERDAY,
        "已协调维修",
        3,
    )
    entries = history_entries(stored)
    assert [(e.user, e.reason) for e in entries[:2]] == [(cadre, "办结"), (cadre, "开始办理")]
    kinds = list(AuditEvent.objects.filter(object_id=str(problem.pk)).values_list("kind", "detail"))
    assert sorted(kinds) == sorted(
        [
            ("problem.started", {"from": "待办理", "to": "办理中"}),
            ("problem.resolved", {"from": "办理中", "to": "已解决"}),
        ]
    )


def test_a_problem_may_be_resolved_straight_away(world, problem):
    _resolve(problem, world.users["grid_worker"])

    assert _fresh(problem).status == ProblemStatus.RESOLVED


@pytest.mark.parametrize(
    ("moves", "forbidden", "message"),
    [
        (["start"], "start", "问题当前为「办理中」，不能改为「办理中」"),
        (["resolve"], "start", "问题当前为「已解决」，不能改为「办理中」"),
        (["resolve"], "resolve", "问题当前为「已解决」，不能改为「已解决」"),
    ],
)
def test_forbidden_moves_are_refused_in_chinese_and_change_nothing(world, problem, moves, forbidden, message):
    user = world.users["village_cadre"]
    for move in moves:
        (_start if move == "start" else _resolve)(problem, user)
    before = _fresh(problem)

    with pytest.raises(ValidationError) as refused:
        (_start if forbidden == "start" else _resolve)(
            problem, user, **({} if forbidden == "start" else {"on": YESTERDAY})
        )

    assert refused.value.messages == [message]
    after = _fresh(problem)
    assert (after.status, after.version, after.resolved_on) == (
        before.status,
        before.version,
        before.resolved_on,
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"result": "  "}, "请填写办理结果"),
        ({"on": dt.date(2023, 2, 1)}, "解决日期不能早于提出日期"),
        ({"on": timezone.localdate() + dt.timedelta(days=1)}, "解决日期不能晚于今天"),
    ],
)
def test_resolving_needs_a_result_and_a_sensible_date(world, problem, kwargs, message):
    with pytest.raises(ValidationError) as refused:
        _resolve(problem, world.users["village_cadre"], **kwargs)

    assert refused.value.messages == [message]
    assert _fresh(problem).status == ProblemStatus.OPEN


def test_a_move_based_on_a_stale_copy_is_refused(world, problem):
    stale = _fresh(problem)
    _start(problem, world.users["village_cadre"])

    with pytest.raises(StaleRecordError):
        problem_resolve(
            problem=stale,
            acting_user=world.users["grid_worker"],
            expected_version=stale.version,
            resolved_on=YESTERDAY,
            result="已维修",
        )
    assert _fresh(problem).status == ProblemStatus.IN_PROGRESS


# ---- through the pages


def test_the_problem_page_offers_the_next_moves(client_for, world, problem):
    client = client_for("grid_worker")
    url = reverse("ledger-detail", args=["problems", problem.pk])

    open_page = client.get(url).content.decode()
    _start(problem, world.users["village_cadre"])
    started_page = client.get(url).content.decode()

    assert "开始办理" in open_page and "办结" in open_page
    assert "开始办理" not in started_page and "办结" in started_page


def test_starting_and_resolving_through_the_pages(client_for, world, problem):
    client = client_for("grid_worker")

    client.post(reverse("care-problem-start", args=[problem.pk]), {"version": 1})
    response = client.post(
        reverse("care-problem-resolve", args=[problem.pk]),
        {"version": 2, "resolved_on": YESTERDAY.isoformat(), "result": "已维修"},
    )

    assert response.status_code == 302
    assert _fresh(problem).status == ProblemStatus.RESOLVED
    assert _fresh(problem).history.first().history_user == world.users["grid_worker"]


def test_resolving_without_a_result_on_the_page_shows_the_reason(client_for, problem):
    response = client_for("grid_worker").post(
        reverse("care-problem-resolve", args=[problem.pk]),
        {"version": 1, "resolved_on": YESTERDAY.isoformat(), "result": " "},
    )

    assert response.status_code == 200
    assert "请填写办理结果" in response.content.decode() or "这个字段是必填项" in response.content.decode()
    assert _fresh(problem).status == ProblemStatus.OPEN


def test_a_forbidden_move_on_the_page_is_a_message_not_an_error_page(client_for, problem):
    client = client_for("grid_worker")
    client.post(reverse("care-problem-start", args=[problem.pk]), {"version": 1})

    response = client.post(reverse("care-problem-start", args=[problem.pk]), {"version": 2}, follow=True)

    assert response.status_code == 200
    assert "问题当前为「办理中」，不能改为「办理中」" in response.content.decode()


def test_a_start_with_a_stale_version_on_the_page_says_so(client_for, problem):
    client = client_for("grid_worker")

    response = client.post(reverse("care-problem-start", args=[problem.pk]), {"version": 7}, follow=True)

    assert "该记录已被他人修改" in response.content.decode()
    assert _fresh(problem).status == ProblemStatus.OPEN


def test_a_start_without_a_version_is_refused_politely(client_for, problem):
    response = client_for("grid_worker").post(
        reverse("care-problem-start", args=[problem.pk]), {}, follow=True
    )

    assert "请求无效，请刷新后重试" in response.content.decode()
    assert _fresh(problem).status == ProblemStatus.OPEN
