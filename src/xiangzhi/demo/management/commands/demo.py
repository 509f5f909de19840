from xiangzhi.core.management.base import CommandFailed, XiangzhiCommand
from xiangzhi.demo.loader import demo_present, load_demo
from xiangzhi.demo.users import login_lines


class Command(XiangzhiCommand):
    help = "载入演示乡镇宁郭镇（2023年，演示数据）"
    requires_migrations_checks = True  # a set-up command, like serve: it migrates a fresh install

    def add_arguments(self, parser):
        parser.add_argument("--if-absent", action="store_true", help="已载入时跳过，只打印登录账号")

    def handle(self, *args, if_absent: bool, **options):
        if demo_present():
            if not if_absent:
                raise CommandFailed("演示乡镇宁郭镇已存在，未重复载入")
            self.stdout.write("演示乡镇宁郭镇已存在。")
        else:
            load_demo()
            self.stdout.write(self.style.SUCCESS("已载入演示乡镇宁郭镇（演示数据，均为虚构）。"))
        self.stdout.write("演示账号（用户名 / 密码）：")
        for line in login_lines():
            self.stdout.write(line)
