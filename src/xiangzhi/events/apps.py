from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "xiangzhi.events"
    label = "events"
    verbose_name = "活动"

    def ready(self) -> None:
        from xiangzhi.core.registry import NavEntry, register_nav
        from xiangzhi.events import ledgers  # noqa: F401  (registers the ledger)

        register_nav(NavEntry("活动", "events-home", order=60))
