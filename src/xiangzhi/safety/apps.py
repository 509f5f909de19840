from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "xiangzhi.safety"
    label = "safety"
    verbose_name = "安全生产"

    def ready(self) -> None:
        from xiangzhi.core.registry import NavEntry, register_nav
        from xiangzhi.safety import ledgers  # noqa: F401  (registers the ledgers)

        register_nav(NavEntry("安全生产", "safety-home", order=20))
