from django.apps import AppConfig


class EnvironmentConfig(AppConfig):
    name = "xiangzhi.environment"
    label = "environment"
    verbose_name = "人居环境"

    def ready(self) -> None:
        from xiangzhi.core.registry import NavEntry, register_nav
        from xiangzhi.environment import ledgers  # noqa: F401  (registers the ledgers)

        register_nav(NavEntry("人居环境", "environment-home", order=40))
