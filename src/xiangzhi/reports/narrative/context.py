"""What every section of the written report needs to know besides its figures."""

from __future__ import annotations

from dataclasses import dataclass

from xiangzhi.reports.period import Period

# The last character of a unit's name decides how a report says "the whole unit".
_WHOLE = {"镇": "全镇", "乡": "全乡", "区": "全区", "县": "全县", "市": "全市", "道": "全街道"}


@dataclass(frozen=True)
class Context:
    report: dict
    period: Period

    @property
    def name(self) -> str:
        return self.report["town"]["name"]

    @property
    def whole(self) -> str:
        """全镇 / 全区 …, as in "全镇动态更新困难和特殊群体家庭共57户168人"."""
        return _WHOLE.get(self.name[-1:], "全域")

    @property
    def during(self) -> str:
        """全年 for a calendar year (the article's "今年以来" reads the same), else 本期."""
        return "全年" if self.period.is_calendar_year else "本期"

    @property
    def year(self) -> int:
        return self.period.year
