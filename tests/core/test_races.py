"""Two people (or a person and an import) changing the same thing at the same moment, on both
databases: nothing is lost, no version is written twice, nobody gets a server error, and whoever
loses is told so in Chinese. Each race runs a bounded number of rounds in real threads with their
own connections (tests/core/racing.py)."""

import datetime as dt
import time

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Count, F
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.core.racing import racing
from tests.points.factories import make_point_entry
from xiangzhi.core.ledgers import get_ledger, jobs
from xiangzhi.core.ledgers.importer import import_file
from xiangzhi.core.ledgers.locks import wait_for_other_imports
from xiangzhi.core.ledgers.writer import _Records
from xiangzhi.core.models import ImportJob, JobStatus, OrgLevel, OrgUnit
from xiangzhi.core.services import orgs as org_services
from xiangzhi.core.services.records import DeletedRecordError, record_delete, record_update
from xiangzhi.points.models import PointEntry

pytestmark = pytest.mark.django_db(transaction=True)

ROUNDS = 8
DELETED_MEANWHILE = "已被他人删除"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _live_children(unit: OrgUnit) -> list[str]:
    stored = OrgUnit.objects.get(pk=unit.pk)
    return sorted(OrgUnit.objects.get_children(stored).values_list("name", flat=True))


# -- org edit against the tree -----------------------------------------------------------------


def test_an_edit_from_a_stale_copy_keeps_the_grid_added_meanwhile(world):
    """The edit form's copy of the village was read before a grid was added under it."""
    stale = OrgUnit.objects.get(pk=world.village.pk)
    admin = world.users["town_admin"]
    org_services.org_create(
        acting_user=admin, parent=world.village, code="410811101200099", name="新网格", level=OrgLevel.GRID
    )

    org_services.org_update(acting_user=admin, unit=stale, name="桥湾新村", code=stale.code)
    org_services.org_create(
        acting_user=admin, parent=world.village, code="410811101200098", name="又一网格", level=OrgLevel.GRID
    )

    village = OrgUnit.objects.get(pk=world.village.pk)
    assert (village.name, village.numchild) == ("桥湾新村", 3)
    assert _live_children(village) == ["又一网格", "新网格", "村0网格"]


def test_an_edit_from_a_stale_copy_does_not_undo_a_delete(world):
    grid = OrgUnit.objects.get(pk=world.grid.pk)
    admin = world.users["town_admin"]
    org_services.org_delete(acting_user=admin, unit=OrgUnit.objects.get(pk=grid.pk))

    with pytest.raises(ValidationError) as refused:
        org_services.org_update(acting_user=admin, unit=grid, name="改名网格", code=grid.code)

    assert refused.value.messages == [
        "单位「村0网格」已被他人删除，修改未保存（管理员可在回收站恢复后再修改）"
    ]
    stored = OrgUnit.objects.get(pk=grid.pk)
    assert stored.deleted_at is not None and stored.name == "村0网格"


def test_no_unit_is_added_under_a_unit_deleted_meanwhile(world):
    admin = world.users["town_admin"]
    village = org_services.org_create(
        acting_user=admin, parent=world.town, code="410811101299", name="新村", level=OrgLevel.VILLAGE
    )  # the add form's copy, read before the delete
    org_services.org_delete(acting_user=admin, unit=OrgUnit.objects.get(pk=village.pk))

    with pytest.raises(ValidationError) as refused:
        org_services.org_create(
            acting_user=admin, parent=village, code="41081110129901", name="新网格", level=OrgLevel.GRID
        )

    assert refused.value.message_dict == {"parent": ["上级单位「新村」已被删除，不能在其下新建单位"]}
    assert OrgUnit.objects.get(pk=village.pk).numchild == 0


def test_org_edit_racing_grid_adds_keeps_every_grid(world, tmp_path):
    with racing(tmp_path) as race:
        admin = world.users["town_admin"]
        editor, adder = _client(admin), _client(admin)
        edit_url = reverse("org-edit", args=[world.village.pk])
        add_url = reverse("org-create", args=[world.village.pk])
        for n in range(ROUNDS):
            outcomes = race.run(
                lambda n=n: editor.post(edit_url, {"code": world.village.code, "name": f"桥湾村{n}"}),
                lambda n=n: adder.post(
                    add_url, {"code": f"41081110120001{n:02d}", "name": f"新网格{n}", "level": OrgLevel.GRID}
                ),
            )
            assert [o.error for o in outcomes] == [None, None]
            assert [o.value.status_code for o in outcomes] == [302, 302]

        village = OrgUnit.objects.get(pk=world.village.pk)
        assert village.name == f"桥湾村{ROUNDS - 1}"
        assert village.numchild == ROUNDS + 1
        assert _live_children(village) == sorted(["村0网格", *(f"新网格{n}" for n in range(ROUNDS))])
        page = editor.get(reverse("org-detail", args=[village.pk])).content.decode()
        assert all(f"新网格{n}" in page for n in range(ROUNDS))


def test_org_edit_racing_a_delete_never_undoes_it(world, tmp_path):
    with racing(tmp_path) as race:
        admin = world.users["town_admin"]
        editor, deleter = _client(admin), _client(admin)
        for n in range(ROUNDS):
            grid = org_services.org_create(
                acting_user=admin,
                parent=world.village,
                code=f"41081110120002{n:02d}",
                name=f"待删网格{n}",
                level=OrgLevel.GRID,
            )
            edited, deleted = race.run(
                lambda grid=grid: editor.post(
                    reverse("org-edit", args=[grid.pk]), {"code": grid.code, "name": f"{grid.name}改"}
                ),
                lambda grid=grid: deleter.post(reverse("org-delete", args=[grid.pk])),
            )
            assert (edited.error, deleted.error) == (None, None)
            assert deleted.value.status_code == 302
            # Edited first (302), refused as deleted (200 with the reason) or no longer found (404).
            assert edited.value.status_code in (302, 200, 404)
            if edited.value.status_code == 200:
                assert DELETED_MEANWHILE in edited.value.content.decode()
            assert OrgUnit.objects.filter(pk=grid.pk, deleted_at__isnull=False).exists(), f"round {n}"


# -- imports against imports and forms -----------------------------------------------------------

POINT_HEADERS = ["记录编号", "所属村", "姓名", "身份", "日期", "积分事项", "分值"]
IMPORT_ROWS = 300
STALE = "该记录已被他人修改"
MAY_1 = dt.date(2023, 5, 1)


def _points_file(path, day: int, rows: int = IMPORT_ROWS, item: str = "参加志愿服务"):
    """Entries dated 2023-05-``day``: the date is what two files differ in (the points of an entry
    on the books are fixed, Ledger.fixed_fields)."""
    lines = [",".join(POINT_HEADERS)]
    lines += [f"JF-{n:04d},桥湾村,王五,群众,2023-05-{day:02d},{item},1" for n in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return path


def _import(world, path, *, dry_run=False):
    return import_file(
        get_ledger("points"),
        path,
        path.name,
        town=world.town,
        acting_user=world.users["town_admin"],
        dry_run=dry_run,
    )


def _duplicate_versions() -> list[tuple[int, int]]:
    """(record id, version) written twice to the history of points entries: two writers each
    believed they made the same version."""
    history = PointEntry.history.model.objects.order_by()
    repeated = history.values("id", "version").annotate(n=Count("history_id")).filter(n__gt=1)
    return [(row["id"], row["version"]) for row in repeated]


def test_an_import_does_not_overwrite_a_record_saved_after_it_was_read(world, tmp_path, monkeypatch):
    _import(world, _points_file(tmp_path / "a.csv", 1, rows=3))
    read = _Records.existing

    def someone_saves_meanwhile(self, ledger, chunk):
        found = read(self, ledger, chunk)
        PointEntry.objects.filter(record_no="JF-0001").update(item="他人修改", version=F("version") + 1)
        return found

    monkeypatch.setattr(_Records, "existing", someone_saves_meanwhile)
    report = _import(world, _points_file(tmp_path / "b.csv", 2, rows=3))

    assert [str(error) for error in report.errors] == [
        "第 3 行 [记录编号] JF-0001: 该记录在本次导入读取后被他人修改，为免覆盖他人的修改，"
        "未写入任何数据；请核对该记录后重新导入"
    ]
    # All rolled back, the stand-in for the other save included: it ran on the import's connection.
    assert set(PointEntry.objects.values_list("entry_date", "item", "version")) == {
        (MAY_1, "参加志愿服务", 1)
    }


def test_imports_of_the_same_keys_take_turns(world, tmp_path):
    with racing(tmp_path) as race:
        for n in range(4):
            first = _points_file(tmp_path / f"a{n}.csv", 2 * n + 1)
            second = _points_file(tmp_path / f"b{n}.csv", 2 * n + 2)
            outcomes = race.run(
                lambda first=first: _import(world, first), lambda second=second: _import(world, second)
            )

            assert [o.error for o in outcomes] == [None, None], f"round {n}"
            reports = [o.value for o in outcomes]
            assert [r.errors for r in reports] == [[], []]
            # Each import changed every record: the second read what the first committed.
            written = sorted((r.created + r.updated, r.unchanged) for r in reports)
            assert written == [(IMPORT_ROWS, 0), (IMPORT_ROWS, 0)], f"round {n}"
            last = PointEntry.history.model.objects.latest("history_id").history_change_reason
            expected = 2 * n + 1 if last.endswith(first.name) else 2 * n + 2
            assert set(PointEntry.objects.values_list("entry_date", flat=True)) == {
                dt.date(2023, 5, expected)
            }
        assert _duplicate_versions() == []
        assert set(PointEntry.objects.values_list("version", flat=True)) == {8}


def test_checks_of_the_same_file_overlap_without_a_system_error(world, tmp_path):
    with racing(tmp_path) as race:
        _import(world, _points_file(tmp_path / "stored.csv", 1))
        path = _points_file(tmp_path / "check.csv", 2)
        for n in range(3):
            outcomes = race.run(
                lambda: _import(world, path, dry_run=True), lambda: _import(world, path, dry_run=True)
            )

            assert [o.error for o in outcomes] == [None, None], f"round {n}"
            assert [(o.value.ok, o.value.updated) for o in outcomes] == [(True, IMPORT_ROWS)] * 2
        assert set(PointEntry.objects.values_list("entry_date", "version")) == {(MAY_1, 1)}


def test_an_import_racing_a_form_loses_nobodys_edit(world, tmp_path, monkeypatch):
    read = _Records.existing

    def slow_read(self, ledger, chunk):
        found = read(self, ledger, chunk)
        time.sleep(0.2)  # the form's save falls between the import's read and its write
        return found

    with racing(tmp_path) as race:
        _import(world, _points_file(tmp_path / "stored.csv", 1))
        monkeypatch.setattr(_Records, "existing", slow_read)
        client = _client(world.users["village_cadre"])
        entry = PointEntry.objects.get(record_no="JF-0005")
        url = reverse("ledger-edit", args=["points", entry.pk])
        for n in range(4):
            version = PointEntry.objects.get(pk=entry.pk).version
            form = {
                "record_no": "JF-0005",
                "org": world.village.pk,
                "person_name": "王五",
                "identity": "群众",
                "entry_date": "2023-05-01",
                "item": f"表单修改{n}",  # the form cannot change the points of an entry on the books
                "points": 1,
                "version": version,
            }
            path = _points_file(tmp_path / f"import{n}.csv", 1, item=f"导入修改{n}")
            imported, edited = race.run(
                lambda path=path: _import(world, path), lambda form=form: client.post(url, form)
            )

            assert (imported.error, edited.error) == (None, None), f"round {n}"
            report, response = imported.value, edited.value
            stored = PointEntry.objects.get(pk=entry.pk).item
            if response.status_code == 200:  # the import saved first: the form is told, not written
                assert STALE in response.content.decode()
                assert report.ok and stored == f"导入修改{n}"
            else:
                assert response.status_code == 302
                if report.ok:  # the import read the record after the form's save
                    assert stored == f"导入修改{n}"
                else:  # the form saved between the import's read and its write
                    assert "被他人修改" in str(report.errors[0]) and stored == f"表单修改{n}"
        assert _duplicate_versions() == []


def test_a_browser_import_waits_its_turn_behind_a_long_import(world, tmp_path, monkeypatch):
    """On SQLite the long import holds the one write lock past the busy timeout; on PostgreSQL it
    holds the (town, ledger) import lock. Either way the job waits and then runs: no system error."""
    monkeypatch.setattr(jobs, "RETRY_EVERY_SECONDS", 0.2)
    path = _points_file(tmp_path / "queued.csv", 3, rows=5)
    with racing(tmp_path, busy_timeout=0.3) as race:
        job = ImportJob.objects.create(
            ledger="points",
            town=world.town,
            user=world.users["town_admin"],
            filename="queued.csv",
            stored_path=jobs.store_upload(SimpleUploadedFile("queued.csv", path.read_bytes())),
            dry_run=False,
        )

        def long_import():
            with transaction.atomic():
                wait_for_other_imports("points", world.town)
                PointEntry.objects.create(
                    org=world.village, town=world.town, record_no="JF-LONG", person_name="赵六",
                    identity="群众", entry_date="2023-05-20", item="美丽庭院", points=1,
                )  # fmt: skip
                time.sleep(1.5)

        def queued_job():
            time.sleep(0.3)  # the long import starts first
            jobs.run_job(job.pk)

        outcomes = race.run(long_import, queued_job)

        assert [o.error for o in outcomes] == [None, None]
        job.refresh_from_db()
        assert (job.status, job.created, job.message) == (
            JobStatus.DONE,
            5,
            "导入完成：共 5 行，新增 5，更新 0，未变 0",
        )
        assert PointEntry.objects.count() == 6


def test_a_job_given_up_after_waiting_names_the_import_in_its_way(world):
    admin, cadre = world.users["town_admin"], world.users["village_cadre"]
    running = ImportJob.objects.create(
        ledger="points",
        town=world.town,
        user=admin,
        filename="大文件.xlsx",
        stored_path="-",
        status=JobStatus.RUNNING,
    )
    waiting = ImportJob.objects.create(
        ledger="points", town=world.town, user=cadre, filename="小文件.xlsx", stored_path="-", dry_run=True
    )
    since = timezone.localtime(running.created_at)

    assert jobs.busy_message(waiting) == (
        f"town_admin 于 {since:%m-%d %H:%M} 开始的导入（大文件.xlsx）尚未完成，"
        "本次校验未写入任何数据，请等其完成后重试。"
    )


def test_two_forms_saving_the_same_record_one_is_told(world, tmp_path):
    with racing(tmp_path) as race:
        _import(world, _points_file(tmp_path / "stored.csv", 1, rows=1))
        entry = PointEntry.objects.get()
        url = reverse("ledger-edit", args=["points", entry.pk])
        first, second = _client(world.users["village_cadre"]), _client(world.users["town_admin"])
        for n in range(ROUNDS):
            version = PointEntry.objects.get(pk=entry.pk).version
            form = {"record_no": entry.record_no, "entry_date": "2023-05-20", "version": version}
            mine, theirs = {**form, "item": f"甲{n}"}, {**form, "item": f"乙{n}"}
            outcomes = race.run(lambda a=mine: first.post(url, a), lambda b=theirs: second.post(url, b))

            assert [o.error for o in outcomes] == [None, None], f"round {n}"
            codes = [o.value.status_code for o in outcomes]
            assert sorted(codes) == [200, 302], f"round {n}"
            loser = outcomes[codes.index(200)].value
            assert STALE in loser.content.decode()
            winner = ["甲", "乙"][codes.index(302)]
            assert PointEntry.objects.get(pk=entry.pk).item == f"{winner}{n}"
        assert PointEntry.objects.get(pk=entry.pk).version == ROUNDS + 1
        assert _duplicate_versions() == []


def test_a_save_of_a_record_deleted_meanwhile_is_refused_and_does_not_revive_it(world, tmp_path):
    _import(world, _points_file(tmp_path / "stored.csv", 1, rows=1))
    opened = PointEntry.objects.get()  # the copy an edit form was built from
    record_delete(PointEntry.objects.get(), acting_user=world.users["town_admin"])
    opened.item = "表单修改"

    with pytest.raises(DeletedRecordError) as refused:
        record_update(opened, acting_user=world.users["village_cadre"], expected_version=opened.version)

    assert refused.value.message == "该记录已被他人删除，您的修改尚未保存（管理员可在回收站恢复后再修改）。"
    stored = PointEntry.all_objects.get(pk=opened.pk)
    assert stored.deleted_at is not None and stored.item == "参加志愿服务"


def test_a_form_racing_a_delete_never_revives_the_record(world, tmp_path):
    with racing(tmp_path) as race:
        client = _client(world.users["village_cadre"])
        for n in range(ROUNDS):
            entry = make_point_entry(world.village, item=f"事项{n}")
            url = reverse("ledger-edit", args=["points", entry.pk])
            form = {"record_no": entry.record_no, "entry_date": "2023-05-20", "item": "表单修改"}
            form["version"] = entry.version
            edited, deleted = race.run(
                lambda form=form, url=url: client.post(url, form),
                lambda entry=entry: record_delete(entry, acting_user=world.users["town_admin"]),
            )

            assert (edited.error, deleted.error) == (None, None), f"round {n}"
            # Saved before the delete (302), refused (200, told why) or no longer found (404).
            assert edited.value.status_code in (302, 200, 404), f"round {n}"
            if edited.value.status_code == 200:
                page = edited.value.content.decode()
                assert "已被他人删除" in page or STALE in page
            assert PointEntry.all_objects.filter(pk=entry.pk, deleted_at__isnull=False).exists(), f"round {n}"
