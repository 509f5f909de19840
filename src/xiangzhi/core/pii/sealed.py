"""Files sealed at rest: an uploaded ledger file (and its error workbook) waits in the data dir
encrypted, so that the directory never holds a second, plaintext copy of the register.

AES-256-GCM in 1 MiB segments (the STREAM construction): each segment has its own nonce, the
file's random 7-byte prefix + the segment's 4-byte counter + a flag byte marking the last
segment, so segments cannot be reordered, dropped or cut off without failing authentication.

File: ``XZS1`` + key id (4 bytes) + nonce prefix (7 bytes), then per segment its length
(4 bytes, big-endian) and ``ciphertext + tag``. The header is authenticated with every segment.

Key: derived with HKDF from ``settings.FIELD_ENCRYPTION_KEY`` under its own label, so the same
secret that protects ID numbers in the database protects them on disk, and no AES key is shared
between the two uses. The key id is the field key's, and retired keys in
``FIELD_ENCRYPTION_OLD_KEYS`` still open files sealed under them.
"""

from __future__ import annotations

import io
import os
import struct
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

from xiangzhi.core.pii.crypto import _derive

MAGIC = b"XZS1"
SEGMENT = 1 << 20
_PREFIX_BYTES = 7
_HEADER = struct.Struct(f">4s4s{_PREFIX_BYTES}s")
_LENGTH = struct.Struct(">I")
_TAG_BYTES = 16
_KEY_SETTINGS = {"FIELD_ENCRYPTION_KEY", "FIELD_ENCRYPTION_OLD_KEYS"}


class SealedFileError(ValueError):
    """A sealed file cannot be opened: not sealed, altered, cut off, or under an unknown key."""


def _file_key(secret: str, setting: str) -> tuple[bytes, AESGCM]:
    kid = _derive(secret, b"xiangzhi/field-encryption/key-id", 4, setting)
    return kid, AESGCM(_derive(secret, b"xiangzhi/file-encryption/aes-256-gcm", 32, setting))


@cache
def _keyring() -> tuple[tuple[bytes, AESGCM], dict[bytes, AESGCM]]:
    current = _file_key(settings.FIELD_ENCRYPTION_KEY, "FIELD_ENCRYPTION_KEY")
    keys = dict([current])
    for old in getattr(settings, "FIELD_ENCRYPTION_OLD_KEYS", []):
        kid, aead = _file_key(old, "FIELD_ENCRYPTION_OLD_KEYS")
        keys.setdefault(kid, aead)
    return current, keys


@receiver(setting_changed)
def _forget_keys(*, setting: str, **kwargs) -> None:
    if setting in _KEY_SETTINGS:
        _keyring.cache_clear()


def _nonce(prefix: bytes, counter: int, last: bool) -> bytes:
    return prefix + counter.to_bytes(4, "big") + (b"\x01" if last else b"\x00")


def _segments(chunks: Iterable[bytes]) -> Iterable[tuple[bytes, bool]]:
    """The data cut into SEGMENT-sized pieces, each with whether it is the last one."""
    buffer = bytearray()
    for chunk in chunks:
        buffer += chunk
        while len(buffer) > SEGMENT:  # ">": a full segment is only known not to be last later
            yield bytes(buffer[:SEGMENT]), False
            del buffer[:SEGMENT]
    yield bytes(buffer), True


def write_sealed(path: Path, chunks: Iterable[bytes]) -> None:
    """Encrypt ``chunks`` into a new file at ``path``, readable by its owner only (0600).

    The file is created exclusively: it never overwrites, and it never exists with another mode.
    """
    (kid, aead), _ = _keyring()
    prefix = os.urandom(_PREFIX_BYTES)
    header = _HEADER.pack(MAGIC, kid, prefix)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(header)
            for counter, (segment, last) in enumerate(_segments(chunks)):
                sealed = aead.encrypt(_nonce(prefix, counter, last), segment, header)
                handle.write(_LENGTH.pack(len(sealed)) + sealed)
    except BaseException:
        Path(path).unlink(missing_ok=True)  # a half-written file is no use to anyone
        raise


def read_sealed(path: Path) -> bytes:
    """The plaintext of a sealed file; FileNotFoundError when it is gone, SealedFileError if broken."""
    with open(path, "rb") as handle:
        header = handle.read(_HEADER.size)
        if len(header) != _HEADER.size or not header.startswith(MAGIC):
            raise SealedFileError("not a sealed file")
        _, kid, prefix = _HEADER.unpack(header)
        aead = _keyring()[1].get(kid)
        if aead is None:
            raise SealedFileError(f"sealed under key {kid.hex()}, which is not configured")
        return _open_segments(handle, aead, header, prefix)


def _open_segments(handle, aead: AESGCM, header: bytes, prefix: bytes) -> bytes:
    plain = io.BytesIO()
    counter = 0
    while True:
        length = handle.read(_LENGTH.size)
        if len(length) != _LENGTH.size:
            raise SealedFileError("cut off before its last segment")
        (size,) = _LENGTH.unpack(length)
        if not _TAG_BYTES <= size <= SEGMENT + _TAG_BYTES:
            raise SealedFileError("segment length out of range")
        sealed = handle.read(size)
        last = not handle.peek(1)  # nothing after it
        try:
            plain.write(aead.decrypt(_nonce(prefix, counter, last), sealed, header))
        except InvalidTag:
            raise SealedFileError(f"segment {counter} is corrupt, altered or out of place") from None
        if last:
            return plain.getvalue()
        counter += 1
