from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "xiangzhi.security"
    label = "security"
    verbose_name = "平安建设"

    def ready(self) -> None:
        from xiangzhi.core.registry import NavEntry, register_nav
        from xiangzhi.security import ledgers  # noqa: F401  (registers the ledgers)

        register_nav(NavEntry("平安建设", "security-home", order=30))
