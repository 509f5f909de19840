"""The pixel limit of uploaded pictures (hazard photos, star evidence), checked before decoding.

A photo's memory cost is its pixel count, not its file size: a 49-megapixel JPEG of a few MB
decodes to hundreds of MB. Pillow reads only the header in ``Image.open``, so the declared size
is known before a single pixel is decoded.
"""

from django.conf import settings

DEFAULT_MAX_MEGAPIXELS = 40


def max_pixels() -> int:
    return int(getattr(settings, "XIANGZHI_IMAGE_MAX_MEGAPIXELS", DEFAULT_MAX_MEGAPIXELS)) * 1_000_000


def pixel_problem(name: str, width: int, height: int) -> str | None:
    """The Chinese message refusing a ``width`` × ``height`` picture, or None when it is allowed."""
    if width * height <= max_pixels():
        return None
    return _refusal(name, f"{width}×{height}，约 {width * height / 1_000_000:.0f} 百万像素")


def bomb_refusal(name: str) -> str:
    """The message for a picture so large that Pillow refuses even to open it (a decompression
    bomb, far over any limit of ours), whose size is therefore not known."""
    return _refusal(name, "远超上限")


def _refusal(name: str, size: str) -> str:
    return (
        f"「{name}」像素过大（{size}，上限 {max_pixels() // 1_000_000} 百万像素），"
        "请在手机上调低拍照分辨率或缩小图片后再上传"
    )
