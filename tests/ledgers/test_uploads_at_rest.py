"""An upload is not a second copy of the register: its bytes wait in the data dir sealed (mode
0600, in a 0700 directory) only while its check or import needs them, and the error workbook holds
the rows with an error only."""

import io
import stat
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.core.files.uploadedfile import InMemoryUploadedFile, SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.ledgers.support import HOUSEHOLD_HEADERS, household, valid_id, write_xlsx
from xiangzhi.care.models import Household
from xiangzhi.core.ledgers import jobs
from xiangzhi.core.models import ImportJob

pytestmark = pytest.mark.django_db

IDS = [valid_id(n) for n in range(1, 31)]
ROWS = [household(户编号=f"NG-{n:03d}", 户主身份证号=id_number) for n, id_number in enumerate(IDS, 1)]


def _upload(client, tmp_path, rows):
    path = write_xlsx(tmp_path / "upload.xlsx", HOUSEHOLD_HEADERS, rows)
    upload = SimpleUploadedFile("困难群体台账.xlsx", path.read_bytes())
    return client.post(reverse("ledger-import", args=["households"]), {"file": upload}, follow=True)


def _files_holding(ids: list[str]) -> dict[str, list[str]]:
    """Every file under the data dir that holds one of ``ids`` in plain text (UTF-8 or UTF-16)."""
    found = {}
    for path in Path(settings.DATA_DIR).rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            hits = [i for i in ids if i.encode() in data or i.encode("utf-16-le") in data]
            if hits:
                found[str(path)] = hits
    return found


def _modes() -> dict[str, int]:
    folder = jobs.upload_dir()
    return {path.name: stat.S_IMODE(path.stat().st_mode) for path in [folder, *folder.iterdir()]}


def test_a_checked_file_waits_sealed_and_is_gone_once_imported(client_for, world, tmp_path):
    client = client_for("town_admin")

    _upload(client, tmp_path, ROWS)

    checked = ImportJob.objects.get()
    assert _files_holding(IDS) == {}
    assert _modes() == {"imports": 0o700, Path(checked.stored_path).name: 0o600}
    client.post(reverse("import-confirm", args=[checked.pk]))
    assert Household.objects.count() == 30
    assert list(jobs.upload_dir().iterdir()) == []
    assert _files_holding(IDS) == {}


def test_a_file_with_errors_is_deleted_and_only_its_sealed_error_workbook_stays(client_for, world, tmp_path):
    client = client_for("town_admin")
    rows = [*ROWS[:5], household(户编号="NG-BAD", 户主身份证号=IDS[5], 家庭人口="两口"), *ROWS[6:]]

    _upload(client, tmp_path, rows)

    job = ImportJob.objects.get()
    assert _modes() == {"imports": 0o700, f"{job.pk.hex}.errors.sealed": 0o600}
    assert not Path(job.stored_path).exists()
    assert _files_holding(IDS) == {}
    response = client.get(reverse("import-errors", args=[job.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    cells = [value for row in sheet.iter_rows(values_only=True) for value in row if value is not None]
    assert [value for value in cells if value in IDS] == [IDS[5]]  # the bad row only
    assert "NG-BAD" in cells and "NG-001" not in cells


def test_a_refused_file_leaves_nothing_behind(client_for, world, tmp_path):
    client = client_for("town_admin")
    path = write_xlsx(tmp_path / "upload.xlsx", ["姓名", "身份证号"], [{"姓名": "张三", "身份证号": IDS[0]}])
    upload = SimpleUploadedFile("别的表.xlsx", path.read_bytes())

    page = client.post(reverse("ledger-import", args=["households"]), {"file": upload}, follow=True)

    assert "找不到表头" in page.content.decode()
    assert list(jobs.upload_dir().iterdir()) == []


def test_an_error_workbook_past_its_keep_asks_for_a_new_upload(client_for, world, tmp_path):
    client = client_for("town_admin")
    _upload(client, tmp_path, [household(家庭人口="两口")])
    job = ImportJob.objects.get()
    for path in jobs.upload_dir().iterdir():
        path.unlink()  # purged after UPLOAD_KEEP

    page = client.get(reverse("import-errors", args=[job.pk]), follow=True)

    assert "标注错误的表格已过期：只保留 7 天，请重新上传文件。" in page.content.decode()


def test_a_large_upload_is_never_spooled_to_the_temporary_directory(client_for, world, monkeypatch):
    kept_as = []
    real_store = jobs.store_upload

    def store(uploaded):
        kept_as.append(type(uploaded))
        return real_store(uploaded)

    monkeypatch.setattr(jobs, "store_upload", store)
    big = SimpleUploadedFile("h.csv", "户编号,所属村\n".encode() + b"x" * (3 * 1024 * 1024))  # over 2.5 MB

    client_for("town_admin").post(reverse("ledger-import", args=["households"]), {"file": big})

    assert kept_as == [InMemoryUploadedFile]


def test_the_upload_form_still_checks_its_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["town_admin"])
    upload = SimpleUploadedFile("h.csv", "户编号,所属村\n".encode())

    response = client.post(reverse("ledger-import", args=["households"]), {"file": upload})

    assert response.status_code == 403
    assert not ImportJob.objects.exists()
    url = reverse("ledger-import", args=["households"])
    token = client.get(url).cookies["csrftoken"].value
    upload = SimpleUploadedFile("h.csv", "户编号,所属村\n".encode())

    accepted = client.post(url, {"file": upload, "csrfmiddlewaretoken": token})

    assert accepted.status_code == 302
    assert ImportJob.objects.count() == 1
