"""The report in each of its formats: json (CONTRACT §4), docx and a standalone html page."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone

from xiangzhi.reports.narrative import build_narrative
from xiangzhi.reports.render_docx import render_docx
from xiangzhi.reports.scope import ReportScope
from xiangzhi.reports.selectors import build_report

FORMATS = ("json", "docx", "html")
CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
}


@dataclass
class Rendered:
    content: bytes
    filename: str
    content_type: str


def render_report(scope: ReportScope, fmt: str, report: dict | None = None) -> Rendered:
    report = report if report is not None else build_report(scope)
    filename = f"{scope.unit.name}{scope.period.label()}工作报告.{fmt}"
    if fmt == "json":
        content = report_json(report).encode()
    else:
        narrative = build_narrative(report, scope.period)
        if fmt == "docx":
            content = render_docx(narrative, _fields(scope))
        else:
            content = render_to_string("reports/document.html", {"narrative": narrative}).encode()
    return Rendered(content, filename, CONTENT_TYPES[fmt])


def report_json(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def _fields(scope: ReportScope) -> dict[str, str]:
    today = timezone.localdate()
    return {
        "单位": scope.unit.name,
        "期间": scope.period.label(),
        "日期": f"{today.year}年{today.month}月{today.day}日",
    }
