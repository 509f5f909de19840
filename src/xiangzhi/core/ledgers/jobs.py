"""Background imports from the browser: a job row, a file in the data dir, progress in the cache.

Progress goes to the cache, not the job row: the import holds one write transaction for its whole
length, and on SQLite a second connection could not write the row until it ends. The default
runner is a thread in the web process (the embedded server is one process); set
``XIANGZHI_JOBS=worker`` and run ``xiangzhi import_worker`` to process jobs in their own process.
"""

import json
import logging
import threading
import time
import uuid
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import OperationalError, close_old_connections
from django.utils import timezone

from xiangzhi.core.ledgers.declaration import get_ledger
from xiangzhi.core.ledgers.importer import import_file
from xiangzhi.core.models import ImportJob, JobStatus
from xiangzhi.core.tabular import FileRejected

logger = logging.getLogger(__name__)
# Errors kept on the job row for its page; all of them go to a file next to the upload, for the
# error workbook, which marks every bad row (as `xiangzhi import --errors` does).
MAX_ERRORS_KEPT = 500
# A checked file waits this long for its 确认导入 (and its error workbook), then it is deleted.
UPLOAD_KEEP = timedelta(days=7)
# How long a job waits its turn behind other writes (on SQLite, another import holds the one
# write lock to its end) before it is given up with a message naming the import in its way.
WAIT_FOR_OTHER_WRITES = timedelta(hours=1)
RETRY_EVERY_SECONDS = 1.0
ERRORS_SUFFIX = ".errors.json"


def upload_dir() -> Path:
    path = Path(settings.DATA_DIR) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def store_upload(uploaded) -> str:
    purge_stale_uploads()
    suffix = Path(uploaded.name).suffix.lower()[:8]
    path = upload_dir() / f"{uuid.uuid4().hex}{suffix}"
    with path.open("wb") as handle:
        for chunk in uploaded.chunks():
            handle.write(chunk)
    return str(path)


def purge_stale_uploads() -> int:
    """Delete uploaded files (and their error lists) older than UPLOAD_KEEP that no queued or
    running import still reads: a file checked but never confirmed would otherwise stay forever."""
    cutoff = (timezone.now() - UPLOAD_KEEP).timestamp()
    active = [JobStatus.QUEUED, JobStatus.RUNNING]
    in_use = set(ImportJob.objects.filter(status__in=active).values_list("stored_path", flat=True))
    removed = 0
    for path in upload_dir().iterdir():
        if str(path).removesuffix(ERRORS_SUFFIX) in in_use:
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
    mode = getattr(settings, "XIANGZHI_JOBS", "thread")
    if mode == "eager":
        run_job(job.pk)
    elif mode == "thread":
        threading.Thread(target=_run_in_thread, args=(job.pk,), daemon=True).start()
    # "worker": the import_worker command picks queued jobs up.


def _run_in_thread(job_id) -> None:
    try:
        run_job(job_id)
    finally:
        close_old_connections()


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
    ImportJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING)
    try:
        report = import_file(
            get_ledger(job.ledger),
            job.stored_path,
            job.filename,
            town=job.town,
            acting_user=job.user,
            dry_run=job.dry_run,
            progress=lambda rows: cache.set(progress_key(job.pk), rows, 3600),
        )
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
    errors = [{"row": e.row, "text": str(e)} for e in report.errors]
    if errors:
        _errors_file(job).write_text(json.dumps(errors, ensure_ascii=False), encoding="utf-8")
    _finish(
        job,
        JobStatus.DONE,
        total=report.total,
        created=report.created,
        updated=report.updated,
        unchanged=report.unchanged,
        error_count=len(report.errors),
        errors=errors[:MAX_ERRORS_KEPT],
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
    ImportJob.objects.filter(pk=job.pk).update(status=status, finished_at=timezone.now(), **values)
    # Kept while a page may still read it: a clean check for its 确认导入, and a file with row
    # errors (checked, or found at the confirmed import) for its error workbook. The purge
    # deletes those after UPLOAD_KEEP.
    still_read = status == JobStatus.DONE and (job.dry_run or values.get("error_count"))
    if not still_read:
        Path(job.stored_path).unlink(missing_ok=True)
        _errors_file(job).unlink(missing_ok=True)


def all_errors(job: ImportJob) -> list[dict]:
    """Every row error of a checked file ({"row", "text"}), not only those kept on the job row."""
    try:
        return json.loads(_errors_file(job).read_text(encoding="utf-8"))
    except (OSError, ValueError):  # a job checked before errors were kept in full
        return job.errors


def _errors_file(job: ImportJob) -> Path:
    return Path(f"{job.stored_path}{ERRORS_SUFFIX}")
