from django.apps import AppConfig


class EconomyConfig(AppConfig):
    name = "xiangzhi.economy"
    label = "economy"
    verbose_name = "经济"

    def ready(self) -> None:
        from xiangzhi.core.registry import NavEntry, register_nav
        from xiangzhi.economy import ledgers  # noqa: F401  (registers the ledgers)

        register_nav(NavEntry("经济发展", "economy-home", order=80))
