"""Display filters for Chinese users: dates as 2023年7月14日, money as 12.5万元.

Load with ``{% load xiangzhi_tags %}``. Every filter shows "—" for a missing value, so a
template never prints "None".
"""

import datetime
from decimal import Decimal, InvalidOperation

from django import template
from django.utils import timezone

register = template.Library()

EMPTY = "—"


@register.filter
def zh_date(value) -> str:
    """A date or datetime as "2023年7月14日" (datetimes in the local time zone first)."""
    if value in (None, ""):
        return EMPTY
    if isinstance(value, datetime.datetime):
        value = _local(value).date()
    if not isinstance(value, datetime.date):
        return str(value)
    return f"{value.year}年{value.month}月{value.day}日"


@register.filter
def zh_datetime(value) -> str:
    """A datetime as "2023年7月14日 09:05" in the local time zone."""
    if value in (None, ""):
        return EMPTY
    if not isinstance(value, datetime.datetime):
        return zh_date(value)
    value = _local(value)
    return f"{zh_date(value)} {value:%H:%M}"


@register.filter
def wan(value, unit: str = "元") -> str:
    """An amount as 万元: ``125000|wan`` → "12.5万元"; ``12.5|wan:"万元"`` when already in 万元.

    Up to two decimals, trailing zeros dropped, thousands grouped ("1,234.5万元").
    """
    if value in (None, ""):
        return EMPTY
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    if unit != "万元":
        amount /= 10000
    text = f"{amount.quantize(Decimal('0.01')):,.2f}".rstrip("0").rstrip(".")
    return f"{'0' if text in ('', '-0') else text}万元"


@register.filter
def repeat(value, times) -> str:
    """``"　"|repeat:2`` → two full-width spaces; used to indent the org switcher by depth."""
    try:
        return str(value) * max(int(times), 0)
    except (TypeError, ValueError):
        return ""


def _local(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value
