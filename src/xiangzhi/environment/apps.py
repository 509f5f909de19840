from django.apps import AppConfig


class EnvironmentConfig(AppConfig):
    name = "xiangzhi.environment"
    label = "environment"
    verbose_name = "人居环境"
