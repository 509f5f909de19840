from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "xiangzhi.projects"
    label = "projects"
    verbose_name = "基础设施项目"

    def ready(self) -> None:
        from xiangzhi.core.registry import NavEntry, register_nav
        from xiangzhi.projects import ledgers  # noqa: F401  (registers the ledger)

        register_nav(NavEntry("基础设施", "projects-home", order=50))
