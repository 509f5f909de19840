from django.apps import AppConfig


class StarsConfig(AppConfig):
    name = "xiangzhi.stars"
    label = "stars"
    verbose_name = "五星支部创建"
