"""The installation's import queue: at most ``XIANGZHI_IMPORT_CONCURRENCY`` imports run at once.

An import holds its whole file in memory (calamine's copy of the sheet), so a burst of uploads
must wait rather than run side by side. The limit holds across every process of the installation
(web threads and ``xiangzhi import_worker`` processes alike) because the database enforces it: a
running job holds one of N numbered slots, and a unique constraint on (slot, while running) makes
a second claim of the same slot fail, whichever process makes it.
"""

import logging
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from xiangzhi.core.models import ImportJob, JobStatus

logger = logging.getLogger(__name__)
# A job still "running" after this long lost its process (a restart, a crash): the largest file
# allowed imports in minutes. Its transaction died with the process, so nothing was written.
STALE_AFTER = timedelta(hours=1)
STALE_MESSAGE = "导入中断（服务器重启或进程退出），未写入任何数据，请重新上传。"


def concurrency() -> int:
    return max(1, int(getattr(settings, "XIANGZHI_IMPORT_CONCURRENCY", 2)))


def claim_next() -> ImportJob | None:
    """Start the oldest queued job if a slot is free: it is then RUNNING and this caller's to
    run. None when nothing is queued or every slot is taken."""
    fail_stale_jobs()
    queued = ImportJob.objects.filter(status=JobStatus.QUEUED).order_by("created_at")
    for job_id in queued.values_list("pk", flat=True)[:20]:
        outcome = _claim(job_id)
        if outcome is _NO_SLOT:
            return None
        if outcome is _CLAIMED:
            return ImportJob.objects.get(pk=job_id)
        # another process claimed this job first: try the next one
    return None


_CLAIMED, _TAKEN_BY_OTHERS, _NO_SLOT = "claimed", "taken by others", "no slot"


def _claim(job_id) -> str:
    taken = set(_holding_slots().values_list("slot", flat=True))
    for slot in (n for n in range(concurrency()) if n not in taken):
        try:
            with transaction.atomic():
                claimed = ImportJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
                    status=JobStatus.RUNNING, slot=slot, started_at=timezone.now()
                )
        except IntegrityError:  # another process took this slot a moment ago: try the next
            continue
        return _CLAIMED if claimed else _TAKEN_BY_OTHERS
    return _NO_SLOT


def _holding_slots():
    return ImportJob.objects.filter(status=JobStatus.RUNNING, slot__isnull=False)


def can_start_one() -> bool:
    """Whether a queued job is waiting while a slot is free."""
    running = _holding_slots().count()
    return running < concurrency() and ImportJob.objects.filter(status=JobStatus.QUEUED).exists()


def jobs_ahead(job: ImportJob) -> int:
    """How many imports go before a queued ``job``: those running and those queued earlier."""
    earlier = ImportJob.objects.filter(status=JobStatus.QUEUED, created_at__lt=job.created_at)
    return _holding_slots().count() + earlier.count()


def fail_stale_jobs() -> int:
    """Fail jobs whose process died while running them, freeing their slots and their files."""
    cutoff = timezone.now() - STALE_AFTER
    # (A job started before start times were kept has none: its creation time is as good.)
    too_long = Q(started_at__lt=cutoff) | Q(started_at__isnull=True, created_at__lt=cutoff)
    stale = list(ImportJob.objects.filter(too_long, status=JobStatus.RUNNING))
    for job in stale:
        updated = ImportJob.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(
            status=JobStatus.FAILED, slot=None, finished_at=timezone.now(), message=STALE_MESSAGE
        )
        if updated:
            logger.warning("import job %s was running since %s: marked failed", job.pk, job.started_at)
            Path(job.stored_path).unlink(missing_ok=True)
    return len(stale)
