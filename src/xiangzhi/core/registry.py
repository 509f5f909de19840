"""Modules register their navigation entries here from their AppConfig.ready().

The core knows nothing of the domain apps; they plug themselves in.
"""

from dataclasses import dataclass

from xiangzhi.core.roles import Capability


@dataclass(frozen=True)
class NavEntry:
    label: str
    url_name: str
    order: int = 100
    capability: str = Capability.VIEW


_NAV: list[NavEntry] = []


def register_nav(entry: NavEntry) -> None:
    if entry not in _NAV:
        _NAV.append(entry)
        _NAV.sort(key=lambda e: e.order)


def nav_entries() -> list[NavEntry]:
    return list(_NAV)
