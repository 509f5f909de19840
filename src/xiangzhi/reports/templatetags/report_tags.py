"""Rendering the parts of the written report: a figure is a link to the records it counts."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.html import format_html

from xiangzhi.reports.narrative import Figure

register = template.Library()


@register.simple_tag(takes_context=True)
def report_part(context, part):
    """Text as it is; a figure as a link when the page knows the report's unit (the web page),
    as plain emphasised text otherwise (the standalone html file)."""
    if not isinstance(part, Figure):
        return part
    unit = context.get("report_unit")
    if unit is None or part.link is None:
        return format_html('<span class="figure">{}</span>', part.text)
    url = reverse("reports-records", kwargs={"code": unit.code, "ledger": part.link.ledger})
    if part.link.params:
        url += "?" + urlencode(part.link.params)
    if not part.link.exact:
        title = "台账列表暂不支持按这一口径精确筛选，列表可能包含更多记录"
    else:
        title = "查看这些记录" if part.link.counts_records else "查看相关记录"
    return format_html('<a class="figure" href="{}" title="{}">{}</a>', url, title, part.text)
