"""Evidence: checked uploads kept under the data dir, served only through a scoped view, with history."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tests.safety.factories import jpeg_bytes
from xiangzhi.core.models import RoleAssignment, User
from xiangzhi.core.roles import Role
from xiangzhi.stars.models import StarEvidence, StarTask
from xiangzhi.stars.services import evidence as evidence_service
from xiangzhi.stars.services.evidence import evidence_add

pytestmark = pytest.mark.django_db

TITLE = "修订村规民约，红白理事会正常运转"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n"


@pytest.fixture
def task(town_example_standard):
    return StarTask.objects.get(star__standard=town_example_standard, title=TITLE)


def _upload_url(world, task):
    return reverse("stars-evidence-add", args=[world.village.pk, task.pk]) + "?year=2023"


def _post(client, world, task, **data):
    return client.post(_upload_url(world, task), {"year": 2023, **data})


def test_a_cadre_uploads_a_photo_that_only_people_in_scope_can_open(
    world, task, client_for, settings, client
):
    photo = SimpleUploadedFile("村规民约.jpg", jpeg_bytes(), content_type="image/jpeg")
    response = _post(client_for("village_cadre"), world, task, text="村民代表会议通过", file=photo)
    assert response.status_code == 302
    evidence = StarEvidence.objects.get()
    assert evidence.file.name.startswith(f"stars/evidence/{world.town.pk}/")
    assert (settings.MEDIA_ROOT / evidence.file.name).is_file()
    assert (evidence.file_name, evidence.org) == ("村规民约.jpg", world.village)
    url = reverse("stars-evidence-file", args=[evidence.pk])
    for persona in ("village_cadre", "town_admin", "county_reviewer"):
        client.force_login(world.users[persona])
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == evidence.file.open("rb").read()
    for persona in ("outsider", "grid_worker"):
        client.force_login(world.users[persona])
        assert client.get(url).status_code == 404


def test_documents_are_downloaded_not_shown(world, task, client_for):
    client = client_for("village_cadre")
    _post(client, world, task, file=SimpleUploadedFile("会议纪要.pdf", PDF, content_type="application/pdf"))
    response = client.get(reverse("stars-evidence-file", args=[StarEvidence.objects.get().pk]))
    assert response["Content-Disposition"].startswith("attachment")


def test_a_cadre_of_another_village_cannot_see_the_file(world, task, client):
    evidence = evidence_add(
        village=world.village, year=2023, task=task, acting_user=world.users["village_cadre"], text="说明"
    )
    neighbour = User.objects.create_user(username="cadre2", password="x" * 16)
    RoleAssignment.objects.create(user=neighbour, role=Role.VILLAGE_CADRE, org=world.village2)
    client.force_login(neighbour)
    assert client.get(reverse("stars-evidence-file", args=[evidence.pk])).status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("程序.exe", b"MZ\x90\x00", "只接受以下类型的文件"),
        ("照片.jpg", b"MZ\x90\x00not a jpeg", "文件内容与扩展名 .jpg 不符"),
        ("纪要.pdf", b"<html><script>", "文件内容与扩展名 .pdf 不符"),
    ],
)
def test_files_are_checked_by_their_content(world, task, client_for, name, content, message):
    response = _post(client_for("village_cadre"), world, task, file=SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not StarEvidence.all_objects.exists()


def test_a_file_over_the_limit_is_refused_and_leaves_nothing_behind(world, task, monkeypatch, settings):
    monkeypatch.setattr(evidence_service, "EVIDENCE_MAX_BYTES", 100)
    upload = SimpleUploadedFile("大图.jpg", jpeg_bytes((400, 300)), content_type="image/jpeg")
    with pytest.raises(ValidationError, match="文件超过"):
        evidence_add(
            village=world.village,
            year=2023,
            task=task,
            acting_user=world.users["village_cadre"],
            upload=upload,
        )
    assert not StarEvidence.all_objects.exists()
    assert not list((settings.MEDIA_ROOT).rglob("*.jpg"))


def test_empty_evidence_is_refused(world, task, client_for):
    response = _post(client_for("village_cadre"), world, task, text="  ")
    assert "至少一项" in response.content.decode()


def test_evidence_is_attached_by_the_village_not_by_a_grid_worker(world, task, client_for):
    # A grid worker's scope is their grid: the village's star page is out of it (404), like any unit.
    assert _post(client_for("grid_worker"), world, task, text="说明").status_code == 404
    assert _post(client_for("leader"), world, task, text="说明").status_code == 403
    assert not StarEvidence.objects.exists()


def test_a_task_of_another_standard_is_not_found(world, task, client_for, example_standard):
    other = StarTask.objects.filter(star__standard=example_standard).first()
    response = client_for("village_cadre").get(_upload_url(world, other))
    assert response.status_code == 404


def test_withdrawing_evidence_keeps_it_in_history(world, task, client_for):
    evidence = evidence_add(
        village=world.village, year=2023, task=task, acting_user=world.users["village_cadre"], text="说明"
    )
    client = client_for("village_cadre")
    response = client.post(reverse("stars-evidence-remove", args=[evidence.pk]))
    assert response.status_code == 302
    assert not StarEvidence.objects.exists()
    stored = StarEvidence.all_objects.get()
    assert [h.history_change_reason for h in stored.history.order_by("history_id")] == [
        "上传佐证材料",
        "撤回佐证材料",
    ]


def test_a_picture_over_the_pixel_limit_is_refused_and_leaves_nothing(world, task, client_for, settings):
    settings.XIANGZHI_IMAGE_MAX_MEGAPIXELS = 1
    picture = SimpleUploadedFile("会场.jpg", jpeg_bytes((1200, 1000)), content_type="image/jpeg")

    response = _post(client_for("village_cadre"), world, task, file=picture)

    assert response.status_code == 200
    assert (
        "「会场.jpg」像素过大（1200×1000，约 1 百万像素，上限 1 百万像素），"
        "请在手机上调低拍照分辨率或缩小图片后再上传"
    ) in response.content.decode()
    assert not StarEvidence.all_objects.exists()
    assert not list((settings.MEDIA_ROOT).rglob("*.jpg"))


def test_a_picture_pillow_would_not_even_open_is_refused_as_too_large(world, task, client_for):
    out = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(out, "PNG")  # 100 megapixels in a few kB

    response = _post(
        client_for("village_cadre"), world, task, file=SimpleUploadedFile("会场.png", out.getvalue())
    )

    assert "「会场.png」像素过大（远超上限，上限 40 百万像素）" in response.content.decode()
    assert not StarEvidence.all_objects.exists()
