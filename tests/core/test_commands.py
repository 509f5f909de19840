"""The CLI beside import/export: usage errors, the import worker, and serve's start-up checks."""

import socket

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.core.orgfiles import run_command
from tests.factories import fake_id_number
from xiangzhi.care.models import Household
from xiangzhi.core.ledgers import jobs
from xiangzhi.core.models import ImportJob, JobStatus

pytestmark = pytest.mark.django_db


def test_an_unknown_ledger_is_a_usage_error(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a,b\n", encoding="utf-8")
    code, _, err = run_command("import", "nonsense", str(path), "--town", "宁郭镇")
    assert code == 2
    assert "没有名为「nonsense」的台账" in err and "orgs" in err


def test_an_unknown_town_is_a_usage_error(world, tmp_path):
    code, _, err = run_command(
        "export", "households", "--town", "不存在镇", "--out", str(tmp_path / "o.xlsx")
    )
    assert code == 2
    assert "找不到乡镇「不存在镇」" in err


def test_a_ledger_import_needs_a_town(world, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("户编号\n", encoding="utf-8")
    code, _, err = run_command("import", "households", str(path))
    assert code == 2
    assert "--town" in err


def test_the_org_template_has_the_contract_headers(tmp_path):
    out = tmp_path / "orgs.xlsx"
    assert run_command("template", "orgs", "--out", str(out))[0] == 0
    book = openpyxl.load_workbook(out)
    headers = [c.value for c in next(book.worksheets[0].iter_rows(max_row=1))]
    assert [h.rstrip("*") for h in headers if h] == ["编码", "名称", "层级", "上级编码"]


def test_import_worker_runs_queued_jobs_once(world, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.XIANGZHI_JOBS = "worker"
    upload = SimpleUploadedFile(
        "households.csv",
        (
            "户编号,所属村,户主姓名,户主身份证号,家庭人口,类别,纳入日期\n"
            f"W-1,桥湾村,王五,{fake_id_number()},2,低保户,2023-03-01\n"
        ).encode(),
    )
    job = ImportJob.objects.create(
        ledger="households",
        town=world.town,
        user=world.users["town_admin"],
        filename="households.csv",
        stored_path=jobs.store_upload(upload),
        dry_run=False,
    )
    jobs.enqueue(job)  # queued only: the worker picks it up
    assert ImportJob.objects.get(pk=job.pk).status == JobStatus.QUEUED
    code, out, err = run_command("import_worker", "--once")
    assert code == 0, err
    assert "已处理 1 个导入任务" in out
    assert ImportJob.objects.get(pk=job.pk).status == JobStatus.DONE
    assert Household.objects.get(household_no="W-1").history.get().history_user == world.users["town_admin"]


def test_import_worker_with_nothing_queued_exits_quietly():
    code, out, _ = run_command("import_worker", "--once")
    assert (code, out) == (0, "")


def test_serve_refuses_a_port_in_use_in_one_chinese_line():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, _, err = run_command("serve", "--port", str(port))
    assert code == 2
    assert f"无法在 127.0.0.1:{port} 上启动" in err
    assert "Traceback" not in err
