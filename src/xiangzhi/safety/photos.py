"""Uploaded hazard photos → clean JPEGs: checked with Pillow, EXIF (GPS included) removed, thumbnail.

Every photo is decoded and re-encoded, never stored as uploaded: that is what guarantees no
metadata survives (EXIF, XMP, comments all live outside the pixels) and that a file with an image
name but other content never reaches the storage. The EXIF orientation is applied to the pixels
first, so a portrait phone photo stays upright once its EXIF is gone.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image, ImageOps, UnidentifiedImageError

from xiangzhi.core.images import bomb_refusal, pixel_problem

# Formats phones and cameras produce that Pillow decodes without plugins.
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "BMP", "TIFF", "MPO"}
DEFAULT_MAX_MB = 10
LONG_EDGE = 2560
THUMB_EDGE = 320
MAX_PER_UPLOAD = 9


@dataclass(frozen=True)
class CleanPhoto:
    image: bytes
    thumbnail: bytes


def max_bytes() -> int:
    return int(getattr(settings, "XIANGZHI_PHOTO_MAX_MB", DEFAULT_MAX_MB)) * 1024 * 1024


def clean_photo(upload) -> CleanPhoto:
    """Validate an uploaded file and return it re-encoded; ValidationError in Chinese otherwise."""
    name = getattr(upload, "name", "") or "照片"
    if upload.size > max_bytes():
        raise ValidationError(f"「{name}」超过 {max_bytes() // (1024 * 1024)} MB，请压缩后再上传")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return _reencode(upload, name)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(bomb_refusal(name)) from None
    except UnidentifiedImageError:
        raise ValidationError(f"「{name}」不是可识别的图片（支持 JPG、PNG、WebP）") from None
    except (OSError, SyntaxError, ValueError):
        raise ValidationError(f"「{name}」图片已损坏，无法读取") from None


def _reencode(upload, name: str) -> CleanPhoto:
    upload.seek(0)
    with Image.open(upload) as opened:
        if opened.format not in ALLOWED_FORMATS:
            raise ValidationError(f"「{name}」的图片格式不受支持（支持 JPG、PNG、WebP）")
        # Refuse before decoding: a small file can declare gigapixels (a decompression bomb).
        problem = pixel_problem(name, *opened.size)
        if problem:
            raise ValidationError(problem)
        # A JPEG decodes straight at 1/2, 1/4 or 1/8 of its size when that still covers
        # LONG_EDGE: a 12-megapixel phone photo then costs a quarter of the memory.
        opened.draft(None, (LONG_EDGE, LONG_EDGE))
        picture = _flatten(ImageOps.exif_transpose(opened))
    picture.thumbnail((LONG_EDGE, LONG_EDGE))
    image = _jpeg(picture, quality=85)
    picture.thumbnail((THUMB_EDGE, THUMB_EDGE))
    return CleanPhoto(image=image, thumbnail=_jpeg(picture, quality=75))


def _flatten(picture: Image.Image) -> Image.Image:
    """RGB on white: JPEG has no alpha channel, and palette images would look wrong."""
    if picture.mode in ("RGBA", "LA", "P", "PA"):
        rgba = picture.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return picture.convert("RGB")


def _jpeg(picture: Image.Image, *, quality: int) -> bytes:
    # A fresh info dict: Pillow carries comments (and in some versions XMP) over from info.
    picture.info = {}
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=quality, optimize=True, exif=b"")
    return out.getvalue()
