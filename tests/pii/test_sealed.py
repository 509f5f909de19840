"""Sealed files: what goes in comes out, nothing of it is readable on disk, and any change, cut or
key mismatch is refused rather than read as something else."""

import os
import stat

import pytest

from xiangzhi.core.pii import sealed
from xiangzhi.core.pii.sealed import SealedFileError, read_sealed, write_sealed

ID_NUMBER = b"410802199001011232"


def test_what_is_sealed_reads_back_and_is_not_on_disk_in_plaintext(tmp_path):
    data = ID_NUMBER * 200_000  # 3.6 MB: four segments
    path = tmp_path / "upload"

    write_sealed(path, [data[:1000], data[1000:]])

    assert read_sealed(path) == data
    assert ID_NUMBER not in path.read_bytes()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    "size", [0, 1, sealed.SEGMENT - 1, sealed.SEGMENT, sealed.SEGMENT + 1, 2 * sealed.SEGMENT]
)
def test_every_length_round_trips(tmp_path, size):
    data = os.urandom(size)
    write_sealed(tmp_path / "f", [data])
    assert read_sealed(tmp_path / "f") == data


def test_an_existing_file_is_never_overwritten(tmp_path):
    (tmp_path / "f").write_bytes(b"kept")
    with pytest.raises(FileExistsError):
        write_sealed(tmp_path / "f", [b"new"])
    assert (tmp_path / "f").read_bytes() == b"kept"


def _sealed_bytes(tmp_path, data: bytes) -> bytearray:
    write_sealed(tmp_path / "f", [data])
    return bytearray((tmp_path / "f").read_bytes())


def _refused(tmp_path, raw: bytes, reason: str) -> None:
    (tmp_path / "g").write_bytes(raw)
    with pytest.raises(SealedFileError, match=reason):
        read_sealed(tmp_path / "g")


def test_an_altered_byte_is_refused(tmp_path):
    raw = _sealed_bytes(tmp_path, ID_NUMBER)
    raw[-1] ^= 1
    _refused(tmp_path, bytes(raw), "segment 0 is corrupt")


def test_a_file_cut_after_a_whole_segment_is_refused(tmp_path):
    raw = _sealed_bytes(tmp_path, os.urandom(sealed.SEGMENT + 10))
    first_segment_end = 15 + 4 + sealed.SEGMENT + 16
    _refused(tmp_path, bytes(raw[:first_segment_end]), "segment 0 is corrupt")


def test_a_file_cut_inside_a_length_is_refused(tmp_path):
    raw = _sealed_bytes(tmp_path, ID_NUMBER)
    _refused(tmp_path, bytes(raw[:17]), "cut off before its last segment")


def test_a_plaintext_file_is_refused(tmp_path):
    _refused(tmp_path, b"PK\x03\x04 a plain xlsx", "not a sealed file")


def test_a_file_sealed_under_a_retired_key_still_opens_and_an_unknown_key_does_not(tmp_path, settings):
    old = settings.FIELD_ENCRYPTION_KEY
    write_sealed(tmp_path / "f", [ID_NUMBER])
    settings.FIELD_ENCRYPTION_KEY = "n" * 48
    settings.FIELD_ENCRYPTION_OLD_KEYS = [old]
    assert read_sealed(tmp_path / "f") == ID_NUMBER

    settings.FIELD_ENCRYPTION_OLD_KEYS = []
    with pytest.raises(SealedFileError, match="not configured"):
        read_sealed(tmp_path / "f")
