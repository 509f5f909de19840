"""``xiangzhi import_worker``: run the browser's import jobs in a process of their own.

Used with ``XIANGZHI_JOBS=worker`` when the web server runs several processes (behind a proxy),
where an import thread inside one of them would be killed with it. Jobs are claimed with a
conditional update into one of the installation's import slots (core/ledgers/job_queue.py), so
several workers never run the same job, nor more jobs at once than XIANGZHI_IMPORT_CONCURRENCY.
"""

import signal
import threading

from django.db import close_old_connections, connection

from xiangzhi.core.ledgers.job_queue import claim_next
from xiangzhi.core.ledgers.jobs import run_job
from xiangzhi.core.management.base import XiangzhiCommand


class Command(XiangzhiCommand):
    help = "处理浏览器上传的导入任务（XIANGZHI_JOBS=worker 时使用）"

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="处理完当前排队的任务后退出")
        parser.add_argument("--interval", type=float, default=2.0, help="没有任务时的轮询间隔（秒）")

    def handle(self, *args, once: bool, interval: float, **options):
        stop = threading.Event()
        # SIGTERM (systemd, docker stop) ends the loop after the job in hand, like Ctrl+C would.
        previous = signal.signal(signal.SIGTERM, lambda signum, frame: stop.set())
        try:
            self._loop(stop, once, interval)
        finally:
            signal.signal(signal.SIGTERM, previous)

    def _loop(self, stop: threading.Event, once: bool, interval: float) -> None:
        while not stop.is_set():
            if not connection.in_atomic_block:  # (a test runs the command inside its transaction)
                close_old_connections()  # a long-lived process must not keep a dead connection
            ran = run_queued(stop)
            if ran:
                self.stdout.write(f"已处理 {ran} 个导入任务")
            if once:
                return
            if not ran:
                stop.wait(interval)


def run_queued(stop: threading.Event | None = None) -> int:
    """Run queued jobs, oldest first, while a slot of the installation is free (the limit holds
    for every worker and web process together); return how many this worker ran."""
    ran = 0
    while not (stop is not None and stop.is_set()):
        job = claim_next()
        if job is None:
            break
        run_job(job.pk)
        ran += 1
    return ran
