"""Helpers shared by the demo generators: fictitious people, dates, villages and bulk writes.

DEMO DATA. Every name is a surname plus 某 plus a number word (王某三, 李某十二): obviously not a
real person. ID numbers have the right shape and a valid GB 11643 check digit, and nothing else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from simple_history.utils import bulk_create_with_history
from stdnum.cn.ric import calc_check_digit

from xiangzhi.core.models import OrgLevel, OrgUnit, system_user

REASON = "载入演示数据"
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
_DIGITS = "零一二三四五六七八九"
DEMO_AREA_CODE = "410811"  # 山阳区's code shape; the numbers are fictitious all the same


def number_word(n: int) -> str:
    """1 → 一, 12 → 十二, 40 → 四十, 123 → 一百二十三: enough for demo names."""
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    middle = "" if not rest else ("零" if rest < 10 else "一" if rest < 20 else "")
    return _DIGITS[n // 100] + "百" + middle + (number_word(rest) if rest else "")


def person_name(n: int) -> str:
    """The n-th fictitious person (n ≥ 0): 王某一, 李某一 … 罗某一, 王某二 …"""
    return f"{SURNAMES[n % len(SURNAMES)]}某{number_word(n // len(SURNAMES) + 1)}"


def id_number(n: int, born: dt.date) -> str:
    """A fictitious 18-digit ID number with a valid check digit, unique for n < 1000."""
    body = f"{DEMO_AREA_CODE}{born:%Y%m%d}{n % 1000:03d}"
    return body + calc_check_digit(body + "?")  # stdnum expects a placeholder for the check digit


def spread(first: dt.date, last: dt.date, index: int, count: int) -> dt.date:
    """The index-th of ``count`` dates spread evenly from ``first`` to ``last`` (both included)."""
    if count <= 1:
        return first
    return first + dt.timedelta(days=(last - first).days * index // (count - 1))


@dataclass(frozen=True)
class Place:
    """Where demo records go: the town, its villages in order, and each village's grids."""

    town: OrgUnit
    villages: list[OrgUnit]
    grids: dict[int, list[OrgUnit]]

    @classmethod
    def of(cls, town: OrgUnit) -> Place:
        units = list(
            OrgUnit.objects.filter(path__startswith=town.path, depth__gt=town.depth).order_by("path")
        )
        villages = [u for u in units if u.level == OrgLevel.VILLAGE]
        grids = {
            v.pk: [u for u in units if u.level == OrgLevel.GRID and u.path.startswith(v.path)]
            for v in villages
        }
        return cls(town, villages, grids)

    def village(self, name: str) -> OrgUnit:
        return next(v for v in self.villages if v.name == name)

    def cycle(self, index: int) -> OrgUnit:
        """Village number ``index`` modulo the number of villages: spreads records over all of them."""
        return self.villages[index % len(self.villages)]

    def grid(self, village: OrgUnit, index: int) -> OrgUnit:
        grids = self.grids[village.pk]
        return grids[index % len(grids)] if grids else village


def bulk(model, objects: list) -> list:
    """Write demo records in bulk, each with its 'created' history entry (no per-row save())."""
    return bulk_create_with_history(
        objects, model, batch_size=500, default_user=system_user(), default_change_reason=REASON
    )
