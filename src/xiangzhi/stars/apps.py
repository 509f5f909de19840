from django.apps import AppConfig


class StarsConfig(AppConfig):
    name = "xiangzhi.stars"
    label = "stars"
    verbose_name = "五星支部创建"

    def ready(self) -> None:
        from xiangzhi.core.registry import NavEntry, register_nav
        from xiangzhi.stars import ledgers, metrics  # noqa: F401  (register the ledgers and metrics)

        register_nav(NavEntry("五星支部", "stars-home", order=5))

        from xiangzhi.stars.services.standard_trash import register_standard_parts

        register_standard_parts()
