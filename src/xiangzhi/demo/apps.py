from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "xiangzhi.demo"
    label = "demo"
    verbose_name = "演示数据"
