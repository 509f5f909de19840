"""``xiangzhi import_worker``: run the browser's import jobs in a process of their own.

Used with ``XIANGZHI_JOBS=worker`` when the web server runs several processes (behind a proxy),
where an import thread inside one of them would be killed with it. Jobs are claimed with a
conditional update, so several workers never run the same job.
"""

import time

from xiangzhi.core.ledgers.jobs import run_job
from xiangzhi.core.management.base import XiangzhiCommand
from xiangzhi.core.models import ImportJob, JobStatus


class Command(XiangzhiCommand):
    help = "处理浏览器上传的导入任务（XIANGZHI_JOBS=worker 时使用）"

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="处理完当前排队的任务后退出")
        parser.add_argument("--interval", type=float, default=2.0, help="没有任务时的轮询间隔（秒）")

    def handle(self, *args, once: bool, interval: float, **options):
        while True:
            ran = run_queued()
            if ran:
                self.stdout.write(f"已处理 {ran} 个导入任务")
            if once:
                return
            if not ran:
                time.sleep(interval)


def run_queued() -> int:
    """Run every job queued now, oldest first; return how many this worker ran."""
    ran = 0
    queued = ImportJob.objects.filter(status=JobStatus.QUEUED).order_by("created_at")
    for job_id in list(queued.values_list("pk", flat=True)):
        claim = ImportJob.objects.filter(pk=job_id, status=JobStatus.QUEUED)
        if claim.update(status=JobStatus.RUNNING):
            run_job(job_id)
            ran += 1
    return ran
