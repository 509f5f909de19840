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
        _say_what_a_null_character_is()


def _say_what_a_null_character_is() -> None:
    """Django's zh-Hans catalogue renders "Null characters are not allowed." as 「不允许是用空字符串。」
    ("empty string"), which sends a user looking for a blank field. The validator reads its
    message from the class when none is given, so this one line fixes every text field's."""
    from django.core.validators import ProhibitNullCharactersValidator

    ProhibitNullCharactersValidator.message = "不能含有空字符（\\0，通常来自复制粘贴）"
