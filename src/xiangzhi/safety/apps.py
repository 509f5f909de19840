from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "xiangzhi.safety"
    label = "safety"
    verbose_name = "安全生产"
