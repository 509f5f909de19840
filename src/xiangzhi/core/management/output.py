"""Files the commands write: all or nothing, and a Chinese reason when the system refuses one.

A file appears under its name only once it is complete: it is written to a hidden sibling and
renamed (``os.replace`` is atomic within one file system). So an export that fails half-way leaves
no half workbook, and an earlier file of the same name stays as it was. The atomicwrites package
did this but is archived; these few lines are cheaper than an unmaintained dependency.

The sibling is opened as ``open()`` would open the file itself, so a new file gets the same
permissions (the operator's umask); a file written again keeps its own. A symbolic link is
written through, as ``open()`` would: the sibling goes next to the file it points to, and the link
stays. A name that is a device or a pipe (/dev/null, a FIFO) has no file to replace: it is written
to directly, as renaming over it would replace the device node (or, as root, /dev/null itself)
with a regular file.
"""

import errno
import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO

from xiangzhi.core.management.base import EXIT_USAGE, CommandFailed

# Of a name, what the temporary sibling keeps: room for its dot, token and ".part" within the
# 255 bytes of a name, however many bytes a Chinese character takes.
_KEPT_OF_NAME = 60

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
    errno.ELOOP: "符号链接形成了循环",
}


def cannot_write(path, error: OSError) -> str:
    """The one-line message for a file the system would not let us write."""
    reason = _REASONS.get(error.errno) or error.strerror or str(error)
    return f"无法写入文件 {path}：{reason}"


def require_suffix(path: str, suffix: str, what: str) -> None:
    """Refuse an output name whose extension would mislabel the file (xlsx bytes in a .csv).

    An empty name is refused too (``--out ""`` is a slip, not a wish for the screen); a device or
    a pipe has no extension to mislabel.
    """
    if not path.strip():
        raise CommandFailed(f"文件名为空：请写出以 {suffix} 结尾的文件名", EXIT_USAGE)
    if Path(path).suffix.lower() != suffix and not _is_stream(Path(path)):
        raise CommandFailed(f"{what}为 {suffix} 文件，请用 {suffix} 结尾的文件名：{path}", EXIT_USAGE)


@contextmanager
def output_file(path) -> Iterator[BinaryIO]:
    """A binary handle whose content replaces ``path`` when the block ends without an error."""
    target = Path(path)
    if not target.name:  # "." or "..": a directory, which has no name of its own to replace
        raise CommandFailed(f"无法写入文件 {path}：{_REASONS[errno.EISDIR]}")
    if _is_stream(target):
        with _written_in_place(path, target) as handle:
            yield handle
        return
    with _written_atomically(path, _through_links(path, target)) as handle:
        yield handle


def _is_stream(target: Path) -> bool:
    """An existing device, pipe or socket (after links): nothing there can be replaced by a rename."""
    try:
        mode = os.stat(target).st_mode
    except (OSError, ValueError):  # missing, unreachable, or a name the system refuses
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _through_links(path, target: Path) -> Path:
    """The file a symbolic link points to (through a chain of them): that is what gets replaced."""
    try:
        linked = target.is_symlink()
    except OSError:  # a name too long, a directory not searchable …: open() names the reason
        return target
    if not linked:
        return target
    resolved = Path(os.path.realpath(target))
    if resolved.is_symlink():  # links that point at each other: open() would refuse it too
        raise CommandFailed(cannot_write(path, OSError(errno.ELOOP, os.strerror(errno.ELOOP))))
    return resolved


@contextmanager
def _written_in_place(path, target: Path) -> Iterator[BinaryIO]:
    try:
        handle = open(target, "wb")  # noqa: SIM115  (closed below, where its errors are reported)
    except OSError as error:
        raise CommandFailed(cannot_write(path, error)) from None
    try:
        with handle:
            yield handle
    except OSError as error:
        raise CommandFailed(cannot_write(path, error)) from None


@contextmanager
def _written_atomically(path, target: Path) -> Iterator[BinaryIO]:
    # The name is cut so that a name the system takes still makes a sibling name it takes.
    sibling = target.with_name(f".{target.name[:_KEPT_OF_NAME]}.{secrets.token_hex(4)}.part")
    try:
        handle = open(sibling, "xb")  # noqa: SIM115  (closed below, then renamed)
    except OSError as error:
        raise CommandFailed(cannot_write(path, error)) from None
    try:
        with handle:
            _keep_mode_of(target, handle)
            yield handle
        os.replace(handle.name, target)
    except OSError as error:
        _discard(handle.name)
        raise CommandFailed(cannot_write(path, error)) from None
    except BaseException:
        _discard(handle.name)
        raise


def _keep_mode_of(target: Path, handle) -> None:
    """A file written again keeps its permissions (an export with personal data kept at 600)."""
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except (OSError, ValueError):  # a new file: the umask's permissions, as open() gives it
        return
    os.chmod(handle.fileno(), mode)


def _discard(name: str) -> None:
    with suppress(FileNotFoundError):
        os.unlink(name)
