from django.apps import AppConfig


class PointsConfig(AppConfig):
    name = "xiangzhi.points"
    label = "points"
    verbose_name = "积分制"

    def ready(self) -> None:
        from xiangzhi.core.registry import NavEntry, register_nav
        from xiangzhi.points import ledgers  # noqa: F401  (registers the ledger)

        register_nav(NavEntry("积分制", "points-home", order=70))
