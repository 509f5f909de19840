"""`xiangzhi import_worker` (XIANGZHI_JOBS=worker): the web process only queues; the worker checks and
imports exactly as the in-process runner does, never runs a job twice, and stops when told to."""

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.ledgers.support import HOUSEHOLD_HEADERS, NOTHING, counts, household, run, valid_id, write_xlsx
from xiangzhi.care.models import Household
from xiangzhi.core.management.commands.import_worker import run_queued
from xiangzhi.core.models import ImportJob, JobStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker_mode(settings):
    settings.XIANGZHI_JOBS = "worker"


def _upload(client, tmp_path, rows):
    path = write_xlsx(tmp_path / "h.xlsx", HOUSEHOLD_HEADERS, rows)
    upload = SimpleUploadedFile("h.xlsx", path.read_bytes())
    return client.post(reverse("ledger-import", args=["households"]), {"file": upload}, follow=True)


def test_an_upload_waits_in_the_queue_until_the_worker_checks_it(client_for, world, tmp_path, worker_mode):
    client = client_for("town_admin")

    page = _upload(client, tmp_path, [household()]).content.decode()

    assert "排队中" in page
    job = ImportJob.objects.get()
    assert job.status == JobStatus.QUEUED
    assert run("import_worker", "--once").out.strip() == "已处理 1 个导入任务"
    job.refresh_from_db()
    assert (job.status, job.total, job.error_count) == (JobStatus.DONE, 1, 0)
    assert counts() == NOTHING  # a check writes nothing


def test_the_worker_imports_a_confirmed_file_as_the_uploading_user(client_for, world, tmp_path, worker_mode):
    client = client_for("village_cadre")
    _upload(client, tmp_path, [household(), household(户编号="NG-2", 户主身份证号=valid_id(2))])
    run("import_worker", "--once")

    client.post(reverse("import-confirm", args=[ImportJob.objects.get().pk]))
    run("import_worker", "--once")

    assert Household.objects.count() == 2
    assert {h.history.get().history_user for h in Household.objects.all()} == {world.users["village_cadre"]}
    assert ImportJob.objects.filter(dry_run=False).get().message.startswith("导入完成：共 2 行，新增 2")


def test_a_bad_file_fails_its_check_in_the_worker_with_the_row_errors(
    client_for, world, tmp_path, worker_mode
):
    client = client_for("town_admin")
    _upload(client, tmp_path, [household(所属村="外村", 网格=None)])

    run("import_worker", "--once")

    job = ImportJob.objects.get()
    assert job.error_count == 1
    assert job.errors[0]["text"] == "第 2 行 [所属村] 外村: 不是宁郭镇的村"
    assert "发现 1 处错误" in client.get(reverse("import-job", args=[job.pk])).content.decode()


def test_a_job_another_worker_has_claimed_is_not_run_again(client_for, world, tmp_path, worker_mode):
    _upload(client_for("town_admin"), tmp_path, [household()])
    ImportJob.objects.update(status=JobStatus.RUNNING)  # claimed by another worker

    assert run_queued() == 0
    assert ImportJob.objects.get().status == JobStatus.RUNNING


def test_a_stopping_worker_takes_no_new_job(client_for, world, tmp_path, worker_mode):
    _upload(client_for("town_admin"), tmp_path, [household()])
    stop = threading.Event()
    stop.set()

    assert run_queued(stop) == 0
    assert ImportJob.objects.get().status == JobStatus.QUEUED
