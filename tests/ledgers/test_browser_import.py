"""Import in the browser: upload → a preview with every row error and nothing written → confirm →
records written with history by the uploading user; the error workbook; scope of village cadres."""

import io
import os
import time
from pathlib import Path

import openpyxl
import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.ledgers.support import HOUSEHOLD_HEADERS, NOTHING, counts, household, valid_id, write_xlsx
from xiangzhi.care.models import Household
from xiangzhi.core.ledgers import jobs
from xiangzhi.core.ledgers.jobs import MAX_ERRORS_KEPT, progress_key
from xiangzhi.core.models import ImportJob, JobStatus, User
from xiangzhi.core.pii.sealed import write_sealed

pytestmark = pytest.mark.django_db

GOOD = [household(), household(户编号="NG-002", 户主身份证号=valid_id(2), 所属村="村1", 网格=None)]


def _upload(client, tmp_path, rows, ledger="households"):
    path = write_xlsx(tmp_path / "upload.xlsx", HOUSEHOLD_HEADERS, rows)
    upload = SimpleUploadedFile("困难群体台账.xlsx", path.read_bytes())
    return client.post(reverse("ledger-import", args=[ledger]), {"file": upload}, follow=True)


def test_a_clean_file_is_previewed_then_imported_on_confirmation(client_for, world, tmp_path):
    client = client_for("town_admin")

    preview = _upload(client, tmp_path, GOOD)

    html = preview.content.decode()
    assert "校验通过（未写入）：共 2 行，新增 2" in html
    assert "确认导入" in html
    assert counts() == NOTHING
    checked = ImportJob.objects.get()
    confirmed = client.post(reverse("import-confirm", args=[checked.pk]), follow=True)
    assert "导入完成：共 2 行，新增 2" in confirmed.content.decode()
    record = Household.objects.get(household_no="NG-001")
    entry = record.history.get()
    assert (entry.history_user, entry.history_change_reason) == (
        world.users["town_admin"],
        "导入 困难群体台账.xlsx",
    )


def test_confirming_twice_shows_the_one_import_again(client_for, world, tmp_path):
    client = client_for("town_admin")
    _upload(client, tmp_path, GOOD)
    checked = ImportJob.objects.get()
    first = client.post(reverse("import-confirm", args=[checked.pk]))

    second = client.post(reverse("import-confirm", args=[checked.pk]), follow=True)

    assert second.redirect_chain[-1][0] == first.url
    assert "导入完成：共 2 行，新增 2" in second.content.decode()
    assert ImportJob.objects.filter(dry_run=False).count() == 1
    assert Household.objects.count() == 2


def test_a_bad_file_shows_every_row_error_and_writes_nothing(client_for, world, tmp_path):
    client = client_for("town_admin")
    rows = [
        *GOOD,
        household(户编号="NG-3", 户主身份证号=valid_id(3), 所属村="外村", 网格=None),
        household(户编号="NG-4", 户主身份证号=valid_id(4), 纳入日期="明天"),
    ]

    response = _upload(client, tmp_path, rows)

    html = response.content.decode()
    assert "发现 2 处错误，未写入任何数据" in html
    assert "第 4 行 [所属村] 外村: 不是宁郭镇的村" in html
    assert "第 5 行 [纳入日期] 明天: 日期格式无法识别" in html
    assert "确认导入" not in html
    assert counts() == NOTHING
    job = ImportJob.objects.get()
    assert client.post(reverse("import-confirm", args=[job.pk])).status_code == 404
    assert counts() == NOTHING


def test_the_error_workbook_marks_the_bad_rows(client_for, world, tmp_path):
    client = client_for("town_admin")
    _upload(client, tmp_path, [GOOD[0], household(户编号="NG-2", 家庭人口="两口")])
    job = ImportJob.objects.get()

    response = client.get(reverse("import-errors", args=[job.pk]))

    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][-1] == "错误"
    assert rows[2][0] == "NG-2"
    assert rows[2][-1] == "第 3 行 [家庭人口] 两口: 应为整数，如 3"
    assert set(rows[1]) == {None}  # the row without an error is left out


def test_the_error_workbook_marks_every_bad_row_beyond_those_the_page_lists(client_for, world, tmp_path):
    client = client_for("town_admin")
    bad = MAX_ERRORS_KEPT + 20
    rows = [household(户编号=f"NG-{n}", 户主身份证号=valid_id(n), 家庭人口="两口") for n in range(bad)]
    _upload(client, tmp_path, rows)
    job = ImportJob.objects.get()
    assert (job.error_count, len(job.errors)) == (bad, MAX_ERRORS_KEPT)

    response = client.get(reverse("import-errors", args=[job.pk]))

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    marked = [r[-1] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(marked) == bad and all(note and "家庭人口" in note for note in marked)
    assert marked[-1].startswith(f"第 {bad + 1} 行")


def test_a_village_cadre_cannot_import_rows_of_another_village(client_for, world, tmp_path):
    client = client_for("village_cadre")  # of 桥湾村; GOOD[1] belongs to 村1

    response = _upload(client, tmp_path, GOOD)

    assert "第 3 行 [所属村] 村1: 无权导入该单位的数据" in response.content.decode()
    assert counts() == NOTHING


def test_a_village_cadre_imports_rows_of_their_own_village(client_for, world, tmp_path):
    client = client_for("village_cadre")
    _upload(client, tmp_path, [GOOD[0]])

    client.post(reverse("import-confirm", args=[ImportJob.objects.get().pk]))

    assert Household.objects.get().history.get().history_user == world.users["village_cadre"]


def test_a_file_that_is_not_a_ledger_fails_in_one_line(client_for, world):
    client = client_for("town_admin")
    upload = SimpleUploadedFile("照片.xlsx", b"\x89PNG\r\n\x1a\n" + bytes(500))

    response = client.post(reverse("ledger-import", args=["households"]), {"file": upload}, follow=True)

    assert "文件格式无法识别" in response.content.decode()
    assert ImportJob.objects.get().status == JobStatus.FAILED
    assert "Traceback" not in response.content.decode()


def test_an_oversized_upload_is_refused_on_the_form(client_for, world, settings):
    settings.XIANGZHI_IMPORT_LIMITS = {"max_bytes": 1000}
    client = client_for("town_admin")

    response = client.post(
        reverse("ledger-import", args=["households"]), {"file": SimpleUploadedFile("h.csv", b"x" * 1001)}
    )

    assert "文件过大" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_running_import_shows_its_progress_and_can_be_left_and_found_again(client_for, world):
    client = client_for("town_admin")
    job = ImportJob.objects.create(
        ledger="households",
        town=world.town,
        user=world.users["town_admin"],
        filename="大文件.xlsx",
        stored_path="/nonexistent",
        dry_run=False,
        status=JobStatus.RUNNING,
    )
    cache.set(progress_key(job.pk), 4000)

    page = client.get(reverse("import-job", args=[job.pk])).content.decode()
    poll = client.get(reverse("import-job", args=[job.pk]), headers={"HX-Request": "true"}).content.decode()
    upload_page = client.get(reverse("ledger-import", args=["households"])).content.decode()

    assert "已处理 4000 行" in page and "<progress" in page
    assert poll.startswith('<div id="import-status"') and 'hx-trigger="every 1s"' in poll
    assert "大文件.xlsx" in upload_page
    cache.delete(progress_key(job.pk))


def test_above_town_level_the_import_asks_for_a_town_first(client, world, tmp_path):
    admin = User.objects.create_superuser("root", password="not-used-9-long")
    client.force_login(admin)  # the superuser starts at the root of the org tree (the county)
    listing = client.get(reverse("ledger-list", args=["households"]))
    assert reverse("ledger-import", args=["households"]) not in listing.content.decode()

    answer = _upload(client, tmp_path, GOOD)

    assert answer.redirect_chain[-1][0] == reverse("ledger-list", args=["households"])
    assert "请先在页面顶部切换到要导入的乡镇或村" in answer.content.decode()
    assert not ImportJob.objects.exists()
    assert counts() == NOTHING

    client.post(reverse("org-switch"), {"org": world.town.pk})
    listing = client.get(reverse("ledger-list", args=["households"]))
    assert reverse("ledger-import", args=["households"]) in listing.content.decode()


def _age(path, days: int) -> None:
    old = time.time() - days * 86400
    os.utime(path, (old, old))


def test_a_checked_file_never_confirmed_and_an_error_workbook_are_deleted_after_a_week(
    client_for, world, tmp_path
):
    client = client_for("town_admin")
    _upload(client, tmp_path, [household(户编号="NG-1", 家庭人口="两口")])  # keeps its error workbook
    _upload(client, tmp_path, GOOD)  # keeps its file for 确认导入
    stale_files = list(jobs.upload_dir().iterdir())
    assert len(stale_files) == 2
    for path in stale_files:
        _age(path, jobs.UPLOAD_KEEP.days + 1)

    _upload(client, tmp_path, GOOD)

    assert not any(path.exists() for path in stale_files)
    fresh = ImportJob.objects.order_by("-created_at").first()
    assert os.path.exists(fresh.stored_path)


def test_a_file_a_queued_import_still_reads_is_kept_however_old(client_for, world, tmp_path, settings):
    settings.XIANGZHI_JOBS = "worker"  # nothing runs the job: it stays queued
    client = client_for("town_admin")
    _upload(client, tmp_path, GOOD)
    queued = ImportJob.objects.get()
    _age(queued.stored_path, jobs.UPLOAD_KEEP.days + 1)

    assert jobs.purge_stale_uploads() == 0
    assert os.path.exists(queued.stored_path)


def test_confirming_a_check_whose_file_expired_asks_for_a_new_upload(client_for, world, tmp_path):
    client = client_for("town_admin")
    _upload(client, tmp_path, GOOD)
    checked = ImportJob.objects.get()
    os.remove(checked.stored_path)

    response = client.post(reverse("import-confirm", args=[checked.pk]), follow=True)

    assert "检查结果已过期" in response.content.decode()
    assert ImportJob.objects.count() == 1 and Household.objects.count() == 0


def test_something_else_in_the_upload_directory_never_stops_an_upload(client_for, world, tmp_path):
    stray = jobs.upload_dir() / "backup"
    stray.mkdir()
    _age(stray, jobs.UPLOAD_KEEP.days + 1)

    response = _upload(client_for("town_admin"), tmp_path, GOOD)

    assert "校验通过（未写入）" in response.content.decode()
    assert stray.is_dir()


def test_a_confirmed_import_that_finds_errors_offers_its_error_workbook(client_for, world, tmp_path):
    client = client_for("town_admin")
    _upload(client, tmp_path, GOOD)
    checked = ImportJob.objects.get()
    # The data changed between the check and 确认导入: stand-in, the file now holds a bad row.
    changed = write_xlsx(tmp_path / "changed.xlsx", HOUSEHOLD_HEADERS, [household(家庭人口="两口")])
    Path(checked.stored_path).unlink()
    write_sealed(Path(checked.stored_path), [changed.read_bytes()])

    confirmed = client.post(reverse("import-confirm", args=[checked.pk]), follow=True)
    real = ImportJob.objects.get(dry_run=False)
    workbook = client.get(reverse("import-errors", args=[real.pk]))

    assert "下载标注错误的表格" in confirmed.content.decode()
    assert workbook.status_code == 200
    marked = openpyxl.load_workbook(io.BytesIO(workbook.content)).worksheets[0]["M2"].value
    assert "家庭人口" in marked
    assert Household.objects.count() == 0
