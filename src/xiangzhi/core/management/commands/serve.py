"""``xiangzhi serve``: migrate, optionally load the demo town, and serve the app.

Waitress serves it: a production-grade pure-Python WSGI server that also runs on the Windows
servers common in township offices; Django's runserver is for development only.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "迁移数据库并启动网站（--demo 同时载入演示乡镇）"

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true", help="载入演示乡镇宁郭镇（若尚未载入）")
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args, host, port, demo, threads, **options):
        call_command("migrate", interactive=False, verbosity=0)
        if demo:
            call_command("demo", if_absent=True, stdout=self.stdout)
        url_host = f"[{host}]" if ":" in host else host
        self.stdout.write(self.style.SUCCESS(f"乡治已启动：http://{url_host}:{port}/  （按 Ctrl+C 停止）"))
        self._serve(host, port, threads)

    def _serve(self, host: str, port: int, threads: int) -> None:
        from waitress import serve

        from xiangzhi.wsgi import application

        serve(application, host=host, port=port, threads=threads, ident="xiangzhi")
