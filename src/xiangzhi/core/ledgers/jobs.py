"""Background imports from the browser: a job row, a file in the data dir, progress in the cache.

The uploaded file is sealed (encrypted under the field key, mode 0600, core/pii/sealed.py) and kept
only while an import still needs it: a clean check keeps it for its 确认导入, everything else
deletes it the moment the job ends. A job with row errors keeps its error workbook instead,
sealed too, holding only the rows with an error. Both go after UPLOAD_KEEP at the latest.

Progress goes to the cache, not the job row: the import holds one write transaction for its whole
length, and on SQLite a second connection could not write the row until it ends. The default
runner is a pool of threads in the web process (the embedded server is one process), at most
XIANGZHI_IMPORT_CONCURRENCY of them (job_queue.py holds the limit for the whole installation); set
``XIANGZHI_JOBS=worker`` and run ``xiangzhi import_worker`` to process jobs in their own process.
"""

import contextlib
import io
import json
import logging
import threading
import time
import uuid
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings
from django.core.cache import cache
from django.db import OperationalError, close_old_connections
from django.utils import timezone

from xiangzhi.core.ledgers import job_queue
from xiangzhi.core.ledgers.declaration import get_ledger
from xiangzhi.core.ledgers.importer import import_file, import_limits
from xiangzhi.core.models import ImportJob, JobStatus
from xiangzhi.core.pii.sealed import SealedFileError, read_sealed, write_sealed
from xiangzhi.core.tabular import FileRejected, read_rows, write_error_workbook

logger = logging.getLogger(__name__)
# Errors kept on the job row for its page; the error workbook marks every bad row (as
# `xiangzhi import --errors` does).
MAX_ERRORS_KEPT = 500
# A checked file waits this long for its 确认导入 (an error workbook for its download), then it is
# deleted.
UPLOAD_KEEP = timedelta(days=7)
# How long a job waits its turn behind other writes (on SQLite, another import holds the one
# write lock to its end) before it is given up with a message naming the import in its way.
WAIT_FOR_OTHER_WRITES = timedelta(hours=1)
RETRY_EVERY_SECONDS = 1.0
UPLOAD_SUFFIX = ".sealed"
ERRORS_SUFFIX = ".errors.sealed"


def upload_dir() -> Path:
    path = Path(settings.DATA_DIR) / "imports"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    # Also a directory an earlier version created with the default mode. Not ours to change (a
    # shared data dir)? The files in it are sealed and 0600 all the same: the upload goes on.
    with contextlib.suppress(OSError):
        path.chmod(0o700)
    return path


def store_upload(uploaded) -> str:
    purge_stale_uploads()
    path = upload_dir() / f"{uuid.uuid4().hex}{UPLOAD_SUFFIX}"
    write_sealed(path, uploaded.chunks())
    return str(path)


def open_upload(job: ImportJob) -> io.BytesIO:
    """The uploaded file of ``job``, decrypted in memory (its size is bounded by the upload limit)."""
    try:
        return io.BytesIO(read_sealed(Path(job.stored_path)))
    except FileNotFoundError:
        raise FileRejected(f"上传的文件已不在服务器上（只保留 {UPLOAD_KEEP.days} 天），请重新上传") from None
    except SealedFileError:
        logger.warning("import job %s: stored upload cannot be opened", job.pk, exc_info=True)
        raise FileRejected("上传的文件已损坏或无法解密，请重新上传") from None


def purge_stale_uploads() -> int:
    """Delete uploaded files and error workbooks older than UPLOAD_KEEP that no queued or running
    import still reads: a file checked but never confirmed would otherwise stay forever."""
    cutoff = (timezone.now() - UPLOAD_KEEP).timestamp()
    active = [JobStatus.QUEUED, JobStatus.RUNNING]
    in_use = set(ImportJob.objects.filter(status__in=active).values_list("stored_path", flat=True))
    removed = 0
    for path in upload_dir().iterdir():
        if str(path) in in_use:
            continue
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except OSError:  # purged by another process first, or not ours to delete: the upload goes on
            logger.warning("could not purge old upload %s", path, exc_info=True)
    return removed


def upload_expired(job: ImportJob) -> bool:
    """Whether the checked file of ``job`` is gone (purged after UPLOAD_KEEP)."""
    return not Path(job.stored_path).exists()


def progress_key(job_id) -> str:
    return f"import-progress:{job_id}"


def read_progress(job: ImportJob) -> int:
    return cache.get(progress_key(job.pk), 0)


def enqueue(job: ImportJob) -> None:
    """Hand a queued job to the runner of this installation's mode."""
    if getattr(settings, "XIANGZHI_JOBS", "thread") == "eager":
        run_job(job.pk)
    else:
        wake()


def wake() -> None:
    """In thread mode, make sure this process has a runner taking queued jobs up (one queued by
    a process that has since exited, too). The worker mode's worker polls on its own."""
    if getattr(settings, "XIANGZHI_JOBS", "thread") == "thread":
        _pool.kick()


class _ThreadPool:
    """At most XIANGZHI_IMPORT_CONCURRENCY runner threads in this process; each takes queued jobs
    (of any process) as long as a slot of the installation is free, then ends."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._runners = 0

    def kick(self) -> None:
        with self._lock:
            if self._runners >= job_queue.concurrency():
                return
            self._runners += 1
        threading.Thread(target=self._run, name="xiangzhi-import", daemon=True).start()

    def _run(self) -> None:
        try:
            while (job := job_queue.claim_next()) is not None:
                run_job(job.pk)
        except Exception:  # the job itself never raises (run_job); this is the database failing
            logger.exception("import runner stopped")
        finally:
            with self._lock:
                self._runners -= 1
            # A job queued while this runner was ending found it still counted and started
            # none: look once more.
            try:
                again = job_queue.can_start_one()
            except Exception:
                logger.exception("import runner could not look at the queue")
                again = False
            close_old_connections()
            if again:
                self.kick()


_pool = _ThreadPool()


def run_job(job_id) -> None:
    """Run the job; while another write holds what it needs (SQLite's write lock, which an import
    holds to its end beyond the busy timeout, or a PostgreSQL deadlock), run it again a moment
    later: a collided attempt wrote nothing. Imports of one ledger and town wait for each other
    on PostgreSQL anyway (ledgers/locks.py), so two of them never end in a system error."""
    give_up_at = time.monotonic() + WAIT_FOR_OTHER_WRITES.total_seconds()
    while True:
        try:
            _run_job(job_id)
            return
        except OperationalError as error:
            if not _collided(error):
                raise
            if time.monotonic() >= give_up_at:
                job = ImportJob.objects.select_related("town").get(pk=job_id)
                _finish(job, JobStatus.FAILED, message=busy_message(job))
                return
            logger.info("import job %s waits for another write", job_id)
            time.sleep(RETRY_EVERY_SECONDS)


def _run_job(job_id) -> None:
    job = ImportJob.objects.select_related("town", "user").get(pk=job_id)
    if job.status == JobStatus.QUEUED:  # eager mode runs jobs without claiming a slot
        ImportJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=timezone.now())
    ledger = get_ledger(job.ledger)
    try:
        source = open_upload(job)
        report = import_file(
            ledger,
            source,
            job.filename,
            town=job.town,
            acting_user=job.user,
            dry_run=job.dry_run,
            progress=lambda rows: cache.set(progress_key(job.pk), rows, 3600),
        )
        if report.errors:
            _store_error_workbook(job, ledger, source, report.errors)
    except FileRejected as rejected:
        _finish(job, JobStatus.FAILED, message=rejected.message)
        return
    except Exception as error:
        if _collided(error):
            raise  # not a fault: run_job tries again
        # The user sees a plain message; the traceback goes to the server log only.
        logger.exception("import job %s failed", job.pk)
        _finish(job, JobStatus.FAILED, message="导入时发生系统错误，未写入任何数据。问题已记录。")
        return
    errors = [{"row": e.row, "text": str(e)} for e in report.errors[:MAX_ERRORS_KEPT]]
    _finish(
        job,
        JobStatus.DONE,
        total=report.total,
        created=report.created,
        updated=report.updated,
        unchanged=report.unchanged,
        error_count=len(report.errors),
        errors=errors,
        warnings=report.warnings,
        message=report.summary() if report.ok else f"发现 {len(report.errors)} 处错误，未写入任何数据",
    )


# SQLite's busy timeout ran out waiting for the write lock; PostgreSQL broke a deadlock or a lock
# wait ran past lock_timeout.
_SQLITE_BUSY = "database is locked"
_POSTGRES_LOCK_STATES = {"40P01", "55P03"}


def _collided(error: Exception) -> bool:
    if not isinstance(error, OperationalError):
        return False
    return _SQLITE_BUSY in str(error) or getattr(error.__cause__, "sqlstate", None) in _POSTGRES_LOCK_STATES


def busy_message(job: ImportJob) -> str:
    """The refusal of an import that waited too long, naming the import in its way."""
    step = "校验" if job.dry_run else "导入"
    other = (
        ImportJob.objects.filter(status=JobStatus.RUNNING, town=job.town)
        .exclude(pk=job.pk)
        .select_related("user")
        .order_by("created_at")
        .first()
    )
    if other is None:
        return f"与他人同时进行的保存或导入冲突，本次{step}未写入任何数据，请稍后重试。"
    who, since = other.user, timezone.localtime(other.created_at)
    return (
        f"{who} 于 {since:%m-%d %H:%M} 开始的导入（{other.filename}）尚未完成，"
        f"本次{step}未写入任何数据，请等其完成后重试。"
    )


def _finish(job: ImportJob, status: str, **values) -> None:
    ImportJob.objects.filter(pk=job.pk).update(status=status, slot=None, finished_at=timezone.now(), **values)
    # Only a clean check still needs its file, for its 确认导入; the purge deletes it after
    # UPLOAD_KEEP if that never comes. A file with errors lives on as its error workbook only.
    awaits_confirmation = status == JobStatus.DONE and job.dry_run and not values.get("error_count")
    if not awaits_confirmation:
        Path(job.stored_path).unlink(missing_ok=True)


def _store_error_workbook(job: ImportJob, ledger, source: io.BytesIO, errors) -> None:
    """The rows with an error and their messages, sealed while the upload is still at hand. The
    workbook itself is written per download: whether its personal cells are masked depends on
    who downloads it (core/pii: masked unless the reader may see them in full)."""
    source.seek(0)
    reader = read_rows(source, job.filename, ledger.sheet, import_limits())
    by_row: dict[int, list[str]] = {}
    for error in errors:
        by_row.setdefault(error.row, []).append(str(error))
    stored = {
        "headers": reader.headers,
        "header_row": reader.header_row,
        "field_positions": reader.field_positions,
        "rows": [[row.number, row.cells] for row in reader if row.number in by_row],
        "errors": {str(number): messages for number, messages in by_row.items()},
    }
    # Cells are what the file held: text, numbers, booleans, dates (kept as their ISO text).
    write_sealed(_error_workbook_path(job), [json.dumps(stored, ensure_ascii=False, default=str).encode()])


class _StoredRows:
    """The stored error rows, shaped as write_error_workbook reads a TableReader."""

    def __init__(self, stored: dict):
        self.headers, self.header_row = stored["headers"], stored["header_row"]
        self.field_positions = stored["field_positions"]
        self._rows = [SimpleNamespace(number=number, cells=cells) for number, cells in stored["rows"]]

    def __iter__(self):
        return iter(self._rows)


def read_error_workbook(job: ImportJob, *, masks) -> bytes | None:
    """The error workbook of ``job`` (.xlsx bytes), personal columns masked by ``masks`` (field ->
    mask; empty for a reader who may see them in full); None once it has been purged."""
    try:
        stored = json.loads(read_sealed(_error_workbook_path(job)))
    except FileNotFoundError:
        return None
    except SealedFileError:
        logger.warning("import job %s: error workbook cannot be opened", job.pk, exc_info=True)
        return None
    errors = {int(number): messages for number, messages in stored["errors"].items()}
    workbook = io.BytesIO()
    write_error_workbook(_StoredRows(stored), errors, workbook, masks=masks)
    return workbook.getvalue()


def _error_workbook_path(job: ImportJob) -> Path:
    return upload_dir() / f"{job.pk.hex}{ERRORS_SUFFIX}"
