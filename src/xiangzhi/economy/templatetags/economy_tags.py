from decimal import Decimal

from django import template

from xiangzhi.core.ledgers.display import format_value

register = template.Library()


@register.filter
def decimal_text(value) -> str:
    """12.5000 → 12.5 (the stored scale is an artefact of the column, not a figure's precision)."""
    if value is None:
        return ""
    return format_value(value if isinstance(value, Decimal) else Decimal(str(value)))
