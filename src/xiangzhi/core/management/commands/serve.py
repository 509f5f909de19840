"""``xiangzhi serve``: migrate, optionally load the demo town, and serve the app.

Waitress serves it: a production-grade pure-Python WSGI server that also runs on the Windows
servers common in township offices; Django's runserver is for development only.
"""

import argparse
import socket

from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.management import call_command

from xiangzhi.core.management.base import EXIT_USAGE, CommandFailed, XiangzhiCommand, migrate_database


class Command(XiangzhiCommand):
    help = "迁移数据库并启动网站（--demo 同时载入演示乡镇）"

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true", help="载入演示乡镇宁郭镇（若尚未载入）")
        parser.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1，只本机可访问）")
        parser.add_argument("--port", type=_within(1, 65535), default=8000, help="端口（默认 8000）")
        parser.add_argument("--threads", type=_within(1, 256), default=8, help="处理请求的线程数（默认 8）")

    def handle(self, *args, host, port, demo, threads, **options):
        _check_port_free(host, port)
        migrate_database()
        if isinstance(staticfiles_storage, ManifestFilesMixin):
            # Hashed file names need their manifest; building it here keeps "serve" the one step.
            call_command("collectstatic", interactive=False, verbosity=0)
        if demo:
            call_command("demo", if_absent=True, stdout=self.stdout)
        url_host = f"[{host}]" if ":" in host else host
        self.stdout.write(self.style.SUCCESS(f"乡治已启动：http://{url_host}:{port}/  （按 Ctrl+C 停止）"))
        self._serve(host, port, threads)

    def _serve(self, host: str, port: int, threads: int) -> None:
        from waitress import serve

        from xiangzhi.wsgi import application

        # Waitress handles Ctrl+C itself: it finishes the requests in hand and returns.
        serve(application, host=host, port=port, threads=threads, ident="xiangzhi")
        self.stdout.write("乡治已停止。")


def _within(low: int, high: int):
    """An argparse type: a whole number from ``low`` to ``high``, or a Chinese usage error."""

    def number(text: str) -> int:
        if not (text.isascii() and text.isdecimal()) or not low <= int(text) <= high:
            raise argparse.ArgumentTypeError(f"「{text}」无效：应为 {low}–{high} 的整数")
        return int(text)

    return number


def _check_port_free(host: str, port: int) -> None:
    """Say so in one line before migrating, instead of a traceback from deep inside waitress."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            message = f"无法在 {host}:{port} 上启动：{error.strerror}（端口已被占用？可用 --port 换一个）"
            raise CommandFailed(message, EXIT_USAGE) from None
