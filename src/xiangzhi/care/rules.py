"""Cross-field rules of the care ledgers, shared by import and the edit forms (CONTRACT §3)."""

import re

from xiangzhi.care.models import ProblemStatus

_PHONE = re.compile(r"^[0-9][0-9\-]{6,19}$")


def household_rules(fields: dict) -> list[tuple[str, str]]:
    problems = []
    enrolled, exited = fields.get("enrolled_on"), fields.get("exited_on")
    if enrolled and exited and exited < enrolled:
        problems.append(("exited_on", "退出日期不能早于纳入日期"))
    if fields.get("size") is not None and fields["size"] < 1:
        problems.append(("size", "家庭人口至少为1"))
    if fields.get("phone") and not _PHONE.match(fields["phone"]):
        problems.append(("phone", "联系电话格式不正确"))
    if exited and not fields.get("exit_reason"):
        problems.append(("exit_reason", "已退出的家庭需填写退出原因"))
    return problems


def problem_rules(fields: dict) -> list[tuple[str, str]]:
    problems = []
    status, resolved_on = fields.get("status"), fields.get("resolved_on")
    if status == ProblemStatus.RESOLVED and not resolved_on:
        problems.append(("resolved_on", "已解决的问题需填写解决日期"))
    if resolved_on and fields.get("raised_on") and resolved_on < fields["raised_on"]:
        problems.append(("resolved_on", "解决日期不能早于提出日期"))
    return problems
