"""Every workflow rule on every path that writes: the page, the import, the service.

One literal table: (rule, path) -> what the user is told. A refused write changes nothing: the
ledger's records, their history rows and the audit events are counted before and after. A
second table lists writes the same rules must let through (a monthly re-import catching up).
"""

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.events.factories import make_action_item
from tests.factories import make_problem
from tests.projects.factories import make_project
from tests.safety.factories import make_hazard
from tests.security.factories import make_dispute
from xiangzhi.care.services import problem_start
from xiangzhi.core.ledgers import get_ledger
from xiangzhi.core.ledgers.importer import import_file
from xiangzhi.core.ledgers.orgdir import OrgDirectory
from xiangzhi.core.models import AuditEvent
from xiangzhi.events.services import action_item_done
from xiangzhi.projects.services import project_start
from xiangzhi.safety.services import hazard_recheck_pass, hazard_start
from xiangzhi.security.services import dispute_escalate

pytestmark = pytest.mark.django_db

RECTIFIER_CLOSES = "销号须由整改登记人以外的人员复查，本人不能为自己登记的整改销号"

# (rule, path, the message the user sees). An import names the row, column and value.
REFUSED = [
    ("problem_resolved_goes_back", "form", "问题当前为「已解决」，不能改为「办理中」"),
    (
        "problem_resolved_goes_back",
        "import",
        "第 2 行 [办理状态] 办理中: 问题当前为「已解决」，不能改为「办理中」",
    ),
    ("problem_resolved_goes_back", "service", "问题当前为「已解决」，不能改为「办理中」"),
    ("hazard_rectified_goes_back", "form", "隐患当前为「已整改」，不能开始整改"),
    (
        "hazard_rectified_goes_back",
        "import",
        "第 2 行 [整改状态] 待整改: 隐患当前为「已整改」，不能改为「待整改」",
    ),
    ("hazard_rectified_goes_back", "service", "隐患当前为「已整改」，不能开始整改"),
    ("hazard_closed_by_its_rectifier", "form", RECTIFIER_CLOSES),
    (
        "hazard_closed_by_its_rectifier",
        "import",
        "第 2 行 [整改状态] 已销号: 销号须由整改登记人以外的人员复查，本人不能为自己登记的整改销号",
    ),
    ("hazard_closed_by_its_rectifier", "service", RECTIFIER_CLOSES),
    (
        "hazard_closed_naming_its_rectifier",
        "import",
        "第 2 行 [复查人] village_cadre: 复查人不能是在平台上登记该隐患整改的人员",
    ),
    ("hazard_closed_by_its_responsible", "form", "复查人不能是该隐患的整改责任人"),
    (
        "hazard_closed_by_its_responsible",
        "import",
        "第 2 行 [复查人] village_cadre: 复查人不能是该隐患的整改责任人",
    ),
    ("hazard_closed_by_its_responsible", "service", "复查人不能是该隐患的整改责任人"),
    (
        "hazard_closed_without_rechecker",
        "import",
        "第 2 行 [复查人] 空: 销号须填写复查人",
    ),
    ("dispute_settled_moves_again", "form", "纠纷当前为「已化解」，不能改为「已上报」"),
    (
        "dispute_settled_moves_again",
        "import",
        "第 2 行 [调处状态] 调处中: 纠纷当前为「已化解」，不能改为「调处中」",
    ),
    ("dispute_settled_moves_again", "service", "纠纷当前为「已化解」，不能改为「已上报」"),
    ("project_completed_goes_back", "form", "项目当前为「已完工」，不能改为「在建」"),
    (
        "project_completed_goes_back",
        "import",
        "第 2 行 [项目状态] 在建: 项目当前为「已完工」，不能改为「在建」",
    ),
    ("project_completed_goes_back", "service", "项目当前为「已完工」，不能改为「在建」"),
    ("action_item_done_twice", "form", "该事项当前为「已办结」，不能办结"),
    ("action_item_done_twice", "service", "该事项当前为「已办结」，不能办结"),
]

# (rule, path, the state the record is in afterwards).
ACCEPTED = [
    ("problem_catches_up", "import", "已解决"),
    ("hazard_closed_by_someone_else", "form", "已销号"),
    ("hazard_closed_by_someone_else", "import", "已销号"),
    ("hazard_closed_by_someone_else", "service", "已销号"),
    ("hazard_rectified_catches_up", "import", "已整改"),
]

ON = dt.date(2023, 7, 20)


@dataclass
class Scene:
    """A stored record, the persona who acts on it and what each path sends."""

    record: object
    actor: str
    # The changed sheet values of the import row (by Column.field), the page and its POST data.
    row: dict
    page: tuple[str, dict] | None
    service: object  # callable(record, user)
    state: str = "status"


def _stored(record, **values):
    type(record).all_objects.filter(pk=record.pk).update(**values)
    record.refresh_from_db()
    return record


def _hazard(world, **values):
    return _stored(make_hazard(world.grid), rectified_on=dt.date(2023, 7, 18), **values)


def _recheck_page(hazard):
    data = {"version": hazard.version, "result": "pass", "rechecked_on": ON.isoformat(), "note": ""}
    return reverse("safety-hazard-recheck", args=[hazard.pk]), data


def _recheck(hazard, user):
    hazard_recheck_pass(hazard=hazard, acting_user=user, expected_version=hazard.version, rechecked_on=ON)


def _problem_page(problem):
    data = {
        "version": problem.version,
        "problem_no": problem.problem_no,
        "org": problem.org_id,
        "household": "",
        "raised_on": "2023-03-01",
        "category": "",
        "description": problem.description,
        "status": "办理中",
        "resolved_on": "2023-03-20",
        "result": "已维修",
    }
    return reverse("ledger-edit", args=["problems", problem.pk]), data


def _closing(rechecker):
    return {"status": "已销号", "rechecker": rechecker, "rechecked_on": ON}


def scene(rule: str, world) -> Scene:
    users = world.users
    if rule in ("problem_resolved_goes_back", "problem_catches_up"):
        problem = make_problem(world.grid)
        if rule == "problem_catches_up":
            return Scene(problem, "village_cadre", {"status": "已解决", "resolved_on": ON}, None, None)
        problem = _stored(problem, status="已解决", resolved_on=dt.date(2023, 3, 20), result="已维修")
        return Scene(
            problem,
            "village_cadre",
            {"status": "办理中"},
            _problem_page(problem),
            lambda p, u: problem_start(problem=p, acting_user=u, expected_version=p.version),
        )
    if rule == "hazard_rectified_goes_back":
        hazard = _hazard(world, status="已整改")
        page = (reverse("safety-hazard-start", args=[hazard.pk]), {"version": hazard.version})
        return Scene(
            hazard,
            "village_cadre",
            {"status": "待整改"},
            page,
            lambda h, u: hazard_start(hazard=h, acting_user=u, expected_version=h.version),
        )
    if rule == "hazard_rectified_catches_up":
        hazard = make_hazard(world.grid)
        return Scene(hazard, "village_cadre", {"status": "已整改", "rectified_on": ON}, None, None)
    if rule == "hazard_closed_by_its_rectifier":
        hazard = _hazard(world, status="已整改", rectified_by=users["village_cadre"])
        return Scene(hazard, "village_cadre", _closing("孙七"), _recheck_page(hazard), _recheck)
    if rule == "hazard_closed_naming_its_rectifier":
        hazard = _hazard(world, status="已整改", rectified_by=users["village_cadre"])
        return Scene(hazard, "town_admin", _closing("village_cadre"), None, None)
    if rule == "hazard_closed_by_its_responsible":
        hazard = _hazard(world, status="已整改", responsible="village_cadre")
        return Scene(hazard, "village_cadre", _closing("village_cadre"), _recheck_page(hazard), _recheck)
    if rule == "hazard_closed_without_rechecker":
        hazard = _hazard(world, status="整改中")
        return Scene(hazard, "town_admin", {"status": "已销号", "rectified_on": ON}, None, None)
    if rule == "hazard_closed_by_someone_else":
        hazard = _hazard(world, status="已整改", rectified_by=users["grid_worker"])
        return Scene(hazard, "village_cadre", _closing("village_cadre"), _recheck_page(hazard), _recheck)
    if rule == "dispute_settled_moves_again":
        dispute = make_dispute(world.grid, status="已化解", resolved_on=dt.date(2023, 4, 20))
        page = reverse("security-dispute-escalate", args=[dispute.pk])
        return Scene(
            dispute,
            "village_cadre",
            {"status": "调处中"},
            (page, {"version": dispute.version, "escalated_on": "2023-05-01", "note": ""}),
            lambda d, u: dispute_escalate(
                dispute=d, acting_user=u, expected_version=d.version, escalated_on=dt.date(2023, 5, 1)
            ),
        )
    if rule == "project_completed_goes_back":
        project = make_project(
            world.grid, status="已完工", started_on=dt.date(2023, 3, 1), completed_on=dt.date(2023, 9, 30)
        )
        page = reverse("projects-project-start", args=[project.pk])
        return Scene(
            project,
            "village_cadre",
            {"status": "在建"},
            (page, {"version": project.version, "started_on": "2023-03-01"}),
            lambda p, u: project_start(
                project=p, acting_user=u, expected_version=p.version, started_on=dt.date(2023, 3, 1)
            ),
        )
    if rule == "action_item_done_twice":
        item = make_action_item(world.grid, done_on=dt.date(2023, 6, 20))
        page = reverse("events-action-item-done", args=[item.pk])
        return Scene(
            item,
            "village_cadre",
            {},
            (page, {"version": item.version, "done_on": "2023-07-02"}),
            lambda i, u: action_item_done(
                item=i, acting_user=u, expected_version=i.version, done_on=dt.date(2023, 7, 2)
            ),
            state="done_on",
        )
    raise AssertionError(rule)


LEDGER_OF = {"Problem": "problems", "Hazard": "hazards", "Dispute": "disputes", "Project": "projects"}


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "、".join(value)
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _import(world, tmp_path: Path, scene: Scene):
    """The record's exported row with the scene's changes, imported by the scene's persona."""
    ledger = get_ledger(LEDGER_OF[type(scene.record).__name__])
    values = {**ledger.to_row(scene.record, OrgDirectory(world.town)), **scene.row}
    path = tmp_path / f"{ledger.name}.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([column.header for column in ledger.sheet.columns])
        writer.writerow([_cell(values.get(column.field)) for column in ledger.sheet.columns])
    report = import_file(ledger, path, path.name, town=world.town, acting_user=world.users[scene.actor])
    return [str(error) for error in report.errors]


def _run(path: str, scene: Scene, world, client_for, tmp_path) -> str:
    """What the user is told: the page's text, the import's errors, or the service's refusal."""
    if path == "import":
        return "\n".join(_import(world, tmp_path, scene))
    if path == "form":
        url, data = scene.page
        return client_for(scene.actor).post(url, data, follow=True).content.decode()
    try:
        scene.service(scene.record, world.users[scene.actor])
    except ValidationError as refused:
        return "；".join(refused.messages)
    return ""


def _written(record) -> tuple[int, int, int]:
    model = type(record)
    return model.all_objects.count(), model.history.count(), AuditEvent.objects.count()


@pytest.mark.parametrize(("rule", "path", "told"), REFUSED, ids=[f"{r}-{p}" for r, p, _ in REFUSED])
def test_a_refused_move_is_named_and_writes_nothing(rule, path, told, world, client_for, tmp_path):
    setting = scene(rule, world)
    before = _written(setting.record)
    state = getattr(setting.record, setting.state)

    shown = _run(path, setting, world, client_for, tmp_path)

    assert told in shown
    assert _written(setting.record) == before
    setting.record.refresh_from_db()
    assert getattr(setting.record, setting.state) == state


@pytest.mark.parametrize(("rule", "path", "state"), ACCEPTED, ids=[f"{r}-{p}" for r, p, _ in ACCEPTED])
def test_an_allowed_move_is_written_with_its_history(rule, path, state, world, client_for, tmp_path):
    setting = scene(rule, world)
    records, history, _ = _written(setting.record)

    shown = _run(path, setting, world, client_for, tmp_path)

    setting.record.refresh_from_db()
    assert getattr(setting.record, setting.state) == state, shown
    assert _written(setting.record)[:2] == (records, history + 1)


def test_every_stored_hazard_closing_keeps_who_rechecked(world, client_for, tmp_path):
    setting = scene("hazard_closed_by_someone_else", world)

    _run("import", setting, world, client_for, tmp_path)

    setting.record.refresh_from_db()
    assert (setting.record.rechecker, setting.record.rechecked_on) == ("village_cadre", ON)
