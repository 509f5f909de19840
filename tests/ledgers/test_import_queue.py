"""Browser imports run through a bounded queue: at most XIANGZHI_IMPORT_CONCURRENCY at once in the
whole installation (threads of the web process and import workers alike), the others wait with
their place shown; a job whose process died frees its place."""

import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.ledgers.support import HOUSEHOLD_HEADERS, household, write_xlsx
from xiangzhi.core.ledgers import job_queue, jobs
from xiangzhi.core.management.commands.import_worker import run_queued
from xiangzhi.core.models import ImportJob, JobStatus


def _upload(client, tmp_path, name="h.xlsx"):
    path = write_xlsx(tmp_path / name, HOUSEHOLD_HEADERS, [household()])
    upload = SimpleUploadedFile(name, path.read_bytes())
    return client.post(reverse("ledger-import", args=["households"]), {"file": upload}, follow=True)


def _queue(client, tmp_path, count: int) -> list[ImportJob]:
    for n in range(count):
        _upload(client, tmp_path, f"h{n}.xlsx")
    return list(ImportJob.objects.order_by("created_at"))


@pytest.fixture
def queued_only(settings):
    settings.XIANGZHI_JOBS = "worker"  # nothing runs a job unless the test does
    settings.XIANGZHI_IMPORT_CONCURRENCY = 2
    return settings


@pytest.mark.django_db
def test_no_more_jobs_start_than_the_limit(client_for, world, tmp_path, queued_only):
    _queue(client_for("town_admin"), tmp_path, 3)

    claims = [job_queue.claim_next(), job_queue.claim_next(), job_queue.claim_next()]

    assert [job and job.filename for job in claims] == ["h0.xlsx", "h1.xlsx", None]
    assert list(ImportJob.objects.order_by("created_at").values_list("status", "slot")) == [
        ("running", 0),
        ("running", 1),
        ("queued", None),
    ]


@pytest.mark.django_db
def test_a_queued_import_shows_how_many_go_before_it(client_for, world, tmp_path, queued_only):
    client = client_for("town_admin")
    _, _, third = _queue(client, tmp_path, 3)
    job_queue.claim_next()

    page = client.get(reverse("import-job", args=[third.pk])).content.decode()

    assert "排队中，前面还有 2 个导入" in page  # one running, one queued before it


@pytest.mark.django_db
def test_a_finished_job_frees_its_slot_for_the_next(client_for, world, tmp_path, queued_only):
    settings = queued_only
    settings.XIANGZHI_IMPORT_CONCURRENCY = 1
    first, second = _queue(client_for("town_admin"), tmp_path, 2)
    assert job_queue.claim_next() == first

    assert run_queued() == 0  # the worker waits: the one slot is taken
    assert ImportJob.objects.get(pk=second.pk).status == JobStatus.QUEUED
    jobs.run_job(first.pk)

    assert run_queued() == 1
    assert list(ImportJob.objects.order_by("created_at").values_list("status", "slot")) == [
        ("done", None),
        ("done", None),
    ]


@pytest.mark.django_db
def test_a_job_whose_process_died_is_failed_and_frees_its_slot(
    client_for, world, tmp_path, queued_only, settings
):
    settings.XIANGZHI_IMPORT_CONCURRENCY = 1
    dead, waiting = _queue(client_for("town_admin"), tmp_path, 2)
    job_queue.claim_next()
    ImportJob.objects.filter(pk=dead.pk).update(started_at=timezone.now() - timedelta(hours=2))

    assert job_queue.claim_next() == waiting

    dead.refresh_from_db()
    assert (dead.status, dead.slot) == (JobStatus.FAILED, None)
    assert dead.message == "导入中断（服务器重启或进程退出），未写入任何数据，请重新上传。"
    assert not Path(dead.stored_path).exists()


@pytest.mark.django_db
def test_a_job_left_running_without_a_start_time_is_failed_too(client_for, world, tmp_path, queued_only):
    (left,) = _queue(client_for("town_admin"), tmp_path, 1)
    two_hours_ago = timezone.now() - timedelta(hours=2)
    ImportJob.objects.filter(pk=left.pk).update(status=JobStatus.RUNNING, created_at=two_hours_ago)

    assert job_queue.fail_stale_jobs() == 1

    assert ImportJob.objects.get(pk=left.pk).status == JobStatus.FAILED


def _runners() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "xiangzhi-import"]


@pytest.mark.django_db(transaction=True)
def test_the_web_process_runs_queued_imports_one_after_another_within_the_limit(
    client_for, world, tmp_path, settings, monkeypatch
):
    # One at a time: the test database (SQLite in memory, shared between threads) cannot take
    # two writing transactions at once; the limit of two is shown by the slot tests above.
    settings.XIANGZHI_JOBS = "worker"
    settings.XIANGZHI_IMPORT_CONCURRENCY = 1
    _queue(client_for("town_admin"), tmp_path, 4)
    running, most = set(), []
    lock = threading.Lock()
    real_import = jobs.import_file

    def observed_import(*args, **kwargs):
        with lock:
            running.add(threading.get_ident())
            most.append(len(running))
        try:
            return real_import(*args, **kwargs)
        finally:
            with lock:
                running.discard(threading.get_ident())

    monkeypatch.setattr(jobs, "import_file", observed_import)
    settings.XIANGZHI_JOBS = "thread"

    for _ in range(3):
        jobs.wake()  # as the job pages of waiting users do, every second
    deadline = time.monotonic() + 60
    while _runners() and time.monotonic() < deadline:  # the test's own queries would collide
        time.sleep(0.05)

    assert list(ImportJob.objects.values_list("status", flat=True)) == ["done"] * 4
    assert most == [1, 1, 1, 1]
