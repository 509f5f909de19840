from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "xiangzhi.events"
    label = "events"
    verbose_name = "活动"
