from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "xiangzhi.core"
    label = "core"
    verbose_name = "基础"

    def ready(self) -> None:
        from xiangzhi.core.registry import NavEntry, register_nav
        from xiangzhi.core.roles import Capability

        register_nav(NavEntry("首页", "home", order=0))
        register_nav(NavEntry("组织机构", "org-list", order=900))
        register_nav(NavEntry("用户管理", "user-list", order=910, capability=Capability.MANAGE_ORG))
        register_nav(NavEntry("回收站", "trash", order=920, capability=Capability.RESTORE))
