from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "xiangzhi.reports"
    label = "reports"
    verbose_name = "工作报告"
