from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "xiangzhi.care"
    label = "care"
    verbose_name = "六帮六助"

    def ready(self) -> None:
        from xiangzhi.care import ledgers  # noqa: F401  (registers the ledgers)
        from xiangzhi.core.registry import NavEntry, register_nav

        register_nav(NavEntry("六帮六助", "care-home", order=10))
