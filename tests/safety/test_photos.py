"""Hazard photos: images only, size limit, EXIF (GPS) stripped, thumbnail, default storage, scoped serving."""

import datetime as dt
import io
import re

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, resolve, reverse
from PIL import Image

from tests.safety.factories import jpeg_bytes, make_hazard
from xiangzhi.core.models import AuditEvent
from xiangzhi.safety.models import HazardPhoto
from xiangzhi.safety.services import hazard_photo_add

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def _camera_jpeg(size=(64, 48), orientation=None) -> bytes:
    """A JPEG as a phone writes it: camera make, GPS position, optionally an orientation tag."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (35.0, 14.0, 0.0), 3: "E", 4: (113.0, 13.0, 0.0)})
    if orientation:
        exif[ORIENTATION] = orientation
    return jpeg_bytes(size, exif=exif.tobytes())


def _upload(content: bytes, name="photo.jpg"):
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


@pytest.fixture
def hazard(world):
    return make_hazard(world.grid)


def _add(hazard, user, *uploads, kind="整改前"):
    return hazard_photo_add(hazard=hazard, acting_user=user, kind=kind, uploads=list(uploads))


def _media_files() -> list:
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_camera_exif_and_gps_are_removed(hazard, world):
    original = _camera_jpeg()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)  # the fixture really has GPS

    (photo,) = _add(hazard, world.users["grid_worker"], _upload(original))

    for stored in (photo.image, photo.thumbnail):
        with stored.open("rb") as handle:
            data = handle.read()
        assert b"Exif" not in data
        assert b"PhoneMaker" not in data
        assert not Image.open(io.BytesIO(data)).getexif()


def test_orientation_is_applied_before_exif_is_dropped(hazard, world):
    (photo,) = _add(hazard, world.users["grid_worker"], _upload(_camera_jpeg((64, 48), orientation=6)))

    with photo.image.open("rb") as handle:
        assert Image.open(handle).size == (48, 64)


def test_thumbnail_is_small_and_the_photo_is_kept_in_the_data_dir(hazard, world):
    (photo,) = _add(hazard, world.users["grid_worker"], _upload(jpeg_bytes((2000, 1000))))

    with photo.thumbnail.open("rb") as handle:
        assert max(Image.open(handle).size) == 320
    expected_dir = settings.MEDIA_ROOT / "safety" / "hazards" / str(hazard.town_id) / str(hazard.pk)
    assert sorted(p.parent for p in _media_files()) == [expected_dir, expected_dir]
    assert photo.uploaded_by == world.users["grid_worker"]


def test_png_with_transparency_is_stored_as_jpeg(hazard, world):
    out = io.BytesIO()
    Image.new("RGBA", (40, 40), (255, 0, 0, 0)).save(out, "PNG")

    (photo,) = _add(hazard, world.users["grid_worker"], _upload(out.getvalue(), "shot.png"))

    with photo.image.open("rb") as handle:
        assert Image.open(handle).format == "JPEG"


def test_a_file_that_is_not_an_image_is_refused(hazard, world):
    with pytest.raises(ValidationError, match=re.escape("「report.jpg」不是可识别的图片")):
        _add(hazard, world.users["grid_worker"], _upload(b"%PDF-1.4 not a photo", "report.jpg"))

    assert not HazardPhoto.objects.exists()
    assert not _media_files()


def test_a_photo_over_the_size_limit_is_refused_and_nothing_is_written(hazard, world, settings):
    settings.XIANGZHI_PHOTO_MAX_MB = 1
    big = _upload(jpeg_bytes((16, 16)) + b"\0" * (1024 * 1024))

    with pytest.raises(ValidationError, match="超过 1 MB"):
        _add(hazard, world.users["grid_worker"], _upload(jpeg_bytes()), big)

    assert not HazardPhoto.objects.exists()
    assert not _media_files()


def test_a_closed_hazard_takes_no_more_photos(world):
    hazard = make_hazard(world.grid, status="已销号", rectified_on=dt.date(2023, 7, 18))

    with pytest.raises(ValidationError, match="已销号的隐患不能再添加照片"):
        _add(hazard, world.users["grid_worker"], _upload(jpeg_bytes()))


def test_photos_go_to_the_configured_default_storage(hazard, world, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }

    (photo,) = _add(hazard, world.users["grid_worker"], _upload(jpeg_bytes()))

    assert default_storage.exists(photo.image.name)
    assert not _media_files()


def test_photo_is_served_to_users_who_may_see_the_hazard(hazard, world, client_for):
    (photo,) = _add(hazard, world.users["grid_worker"], _upload(jpeg_bytes()))

    response = client_for("village_cadre").get(reverse("safety-photo", args=[photo.pk, "thumb"]))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, max-age=3600"
    assert Image.open(io.BytesIO(b"".join(response.streaming_content))).size[0] <= 320


def test_photo_of_another_village_is_not_found(world, client_for):
    other = make_hazard(world.grid2)
    (photo,) = _add(other, world.users["town_admin"], _upload(jpeg_bytes()))

    response = client_for("village_cadre").get(reverse("safety-photo", args=[photo.pk, "full"]))

    assert response.status_code == 404


def test_photo_of_a_deleted_hazard_is_not_found(hazard, world, client_for):
    (photo,) = _add(hazard, world.users["grid_worker"], _upload(jpeg_bytes()))
    type(hazard).objects.filter(pk=hazard.pk).update(deleted_at="2023-08-01T00:00:00Z")

    response = client_for("town_admin").get(reverse("safety-photo", args=[photo.pk, "full"]))

    assert response.status_code == 404


def test_media_files_have_no_public_url(hazard, world):
    (photo,) = _add(hazard, world.users["grid_worker"], _upload(jpeg_bytes()))

    with pytest.raises(Resolver404):
        resolve(f"{settings.MEDIA_URL}{photo.image.name}")


def test_upload_page_adds_several_photos_at_once(hazard, world, client_for):
    client = client_for("grid_worker")
    files = [_upload(_camera_jpeg(), "a.jpg"), _upload(jpeg_bytes(), "b.jpg")]

    response = client.post(
        reverse("safety-hazard-photo-add", args=[hazard.pk]), {"kind": "整改前", "photos": files}
    )

    assert response.status_code == 302
    assert list(hazard.photos.values_list("kind", flat=True)) == ["整改前", "整改前"]
    event = AuditEvent.objects.get(kind="hazard.photo_added")
    assert (event.actor, event.detail["count"], event.detail["photo_kind"]) == (
        world.users["grid_worker"],
        2,
        "整改前",
    )


def test_upload_page_shows_why_a_file_was_refused(hazard, world, client_for):
    response = client_for("grid_worker").post(
        reverse("safety-hazard-photo-add", args=[hazard.pk]),
        {"kind": "整改前", "photos": [_upload(b"hello", "notes.jpg")]},
    )

    assert response.status_code == 200
    assert "「notes.jpg」不是可识别的图片" in response.content.decode()
    assert not hazard.photos.exists()


def _png(size) -> bytes:
    out = io.BytesIO()
    Image.new("1", size).save(out, "PNG")  # one bit a pixel: a 49-megapixel picture of a few kB
    return out.getvalue()


def test_a_photo_over_the_pixel_limit_is_refused_before_it_is_decoded(hazard, world):
    huge = _upload(_png((7000, 7000)), "全景.png")

    with pytest.raises(ValidationError) as caught:
        _add(hazard, world.users["grid_worker"], huge)

    assert caught.value.messages == [
        "「全景.png」像素过大（7000×7000，约 49 百万像素，上限 40 百万像素），"
        "请在手机上调低拍照分辨率或缩小图片后再上传"
    ]
    assert not HazardPhoto.objects.exists()
    assert not _media_files()


def test_the_pixel_limit_is_a_setting(hazard, world, settings):
    settings.XIANGZHI_IMAGE_MAX_MEGAPIXELS = 1

    with pytest.raises(ValidationError, match="上限 1 百万像素"):
        _add(hazard, world.users["grid_worker"], _upload(jpeg_bytes((1001, 1000))))

    (photo,) = _add(hazard, world.users["grid_worker"], _upload(jpeg_bytes((1000, 1000))))
    with photo.image.open("rb") as handle:
        assert Image.open(handle).size == (1000, 1000)


def test_a_large_jpeg_is_stored_at_the_long_edge_in_its_proportions(hazard, world):
    (photo,) = _add(hazard, world.users["grid_worker"], _upload(jpeg_bytes((6000, 4000))))

    with photo.image.open("rb") as handle:
        assert Image.open(handle).size == (2560, 1707)


def test_a_picture_pillow_would_not_even_open_is_refused_as_too_large(hazard, world):
    bomb = _upload(_png((10_000, 10_000)), "炸弹.png")  # 100 megapixels: over Pillow's own limit

    with pytest.raises(ValidationError) as caught:
        _add(hazard, world.users["grid_worker"], bomb)

    assert caught.value.messages == [
        "「炸弹.png」像素过大（远超上限，上限 40 百万像素），请在手机上调低拍照分辨率或缩小图片后再上传"
    ]
