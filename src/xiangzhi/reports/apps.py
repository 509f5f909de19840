from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "xiangzhi.reports"
    label = "reports"
    verbose_name = "工作报告"

    def ready(self) -> None:
        from xiangzhi.core.registry import NavEntry, register_nav
        from xiangzhi.core.roles import Capability

        register_nav(NavEntry("工作报告", "reports-index", order=90, capability=Capability.REPORT))
