"""Files the commands write: all or nothing, and a Chinese reason when the system refuses one.

A file appears under its name only once it is complete: it is written to a hidden sibling and
renamed (``os.replace`` is atomic within one file system). So an export that fails half-way leaves
no half workbook, and an earlier file of the same name stays as it was. The atomicwrites package
did this but is archived; these few lines are cheaper than an unmaintained dependency.

The sibling is opened as ``open()`` would open the file itself, so it gets the same permissions
(the operator's umask).
"""

import errno
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO

from xiangzhi.core.management.base import EXIT_USAGE, CommandFailed

_REASONS = {
    errno.ENOENT: "目录不存在",
    errno.ENOTDIR: "路径中有一段不是目录",
    errno.EISDIR: "这是一个目录，请写出文件名",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.EROFS: "磁盘为只读",
    errno.ENOSPC: "磁盘空间已满",
    errno.EDQUOT: "磁盘配额已用完",
    errno.ENAMETOOLONG: "文件名太长",
}


def cannot_write(path, error: OSError) -> str:
    """The one-line message for a file the system would not let us write."""
    reason = _REASONS.get(error.errno) or error.strerror or str(error)
    return f"无法写入文件 {path}：{reason}"


def require_suffix(path: str, suffix: str, what: str) -> None:
    """Refuse an output name whose extension would mislabel the file (xlsx bytes in a .csv)."""
    if Path(path).suffix.lower() != suffix:
        raise CommandFailed(f"{what}为 {suffix} 文件，请用 {suffix} 结尾的文件名：{path}", EXIT_USAGE)


@contextmanager
def output_file(path) -> Iterator[BinaryIO]:
    """A binary handle whose content replaces ``path`` when the block ends without an error."""
    target = Path(path)
    if not target.name:  # "." or "..": a directory, which has no name of its own to replace
        raise CommandFailed(f"无法写入文件 {path}：{_REASONS[errno.EISDIR]}")
    sibling = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
    try:
        handle = open(sibling, "xb")  # noqa: SIM115  (closed below, then renamed)
    except OSError as error:
        raise CommandFailed(cannot_write(path, error)) from None
    try:
        with handle:
            yield handle
        os.replace(handle.name, target)
    except OSError as error:
        _discard(handle.name)
        raise CommandFailed(cannot_write(path, error)) from None
    except BaseException:
        _discard(handle.name)
        raise


def _discard(name: str) -> None:
    with suppress(FileNotFoundError):
        os.unlink(name)
