from django.apps import AppConfig


class EconomyConfig(AppConfig):
    name = "xiangzhi.economy"
    label = "economy"
    verbose_name = "经济"
