"""A star standard as a JSON document: read, check everything, then write all of it or nothing.

The document mirrors the models (see standards/example-2023.json). Unknown keys are refused
rather than ignored, so a misspelt "threshhold" is reported instead of silently dropped.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from xiangzhi.stars.choices import StarName
from xiangzhi.stars.models import StarDefinition, StarStandard, StarTask, VetoRule

MAX_FILE_BYTES = 1024 * 1024
# The document is five levels deep (standard > stars > star > tasks > task); a little room for
# more, never the thousands of levels that would exhaust the parser's recursion.
MAX_DEPTH = 8
# No field of a standard needs more digits (a year, a sequence number, a threshold); a longer
# number is a mistake, and one of thousands of digits would be refused by int() itself.
MAX_NUMBER_CHARS = 20

_HEADER = {"year", "label", "issuer", "doc_no", "is_example", "notice_working_days", "stars"}
_STAR = {"star", "order", "description", "is_capstone", "requires_all_others", "tasks", "veto_rules"}
_TASK = {
    "seq",
    "area",
    "title",
    "indicator_type",
    "unit",
    "comparison",
    "threshold",
    "evidence_required",
    "metric",
}
_VETO = {"title", "metric"}


class StandardFileError(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class ParsedStar:
    definition: StarDefinition
    tasks: list[StarTask] = field(default_factory=list)
    vetoes: list[VetoRule] = field(default_factory=list)


@dataclass
class ParsedStandard:
    standard: StarStandard
    stars: list[ParsedStar]


def read_document(raw: bytes) -> dict:
    if len(raw) > MAX_FILE_BYTES:
        raise StandardFileError(["文件超过 1 MB，不像是创星标准文件"])
    try:
        document = json.loads(
            raw.decode("utf-8-sig"),
            parse_int=_bounded(int),
            parse_float=_bounded(_finite_float),
            parse_constant=_no_constant,
        )
    except UnicodeDecodeError:
        raise StandardFileError(["文件不是 UTF-8 编码的 JSON 文本"]) from None
    except json.JSONDecodeError as error:
        raise StandardFileError([f"JSON 格式错误：第 {error.lineno} 行第 {error.colno} 列附近"]) from None
    except RecursionError:
        raise StandardFileError([_TOO_DEEP]) from None
    if not isinstance(document, dict):
        raise StandardFileError(["文件最外层应为一个对象（{…}）"])
    if _depth(document) > MAX_DEPTH:
        raise StandardFileError([_TOO_DEEP])
    return document


_TOO_DEEP = f"文件嵌套层数过多（超过 {MAX_DEPTH} 层），不像是创星标准文件"


def _bounded(convert):
    def parse(text: str):
        if len(text) > MAX_NUMBER_CHARS:
            raise StandardFileError([f"数值过大：{text[:10]}…（共 {len(text)} 位）"])
        return convert(text)

    return parse


def _finite_float(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):  # 1e999 parses as infinity
        raise StandardFileError([f"数值过大：{text}"])
    return number


def _no_constant(name: str):
    raise StandardFileError([f"不是有效的数值：{name}"])


def _depth(value, level: int = 1) -> int:
    """Nesting depth of a parsed document; stops counting past the limit."""
    if level > MAX_DEPTH or not isinstance(value, dict | list):
        return level
    children = value.values() if isinstance(value, dict) else value
    return max((_depth(child, level + 1) for child in children), default=level)


class _Checker:
    def __init__(self):
        self.problems: list[str] = []

    def keys(self, where: str, data, allowed: set[str]) -> bool:
        if not isinstance(data, dict):
            self.problems.append(f"{where}：应为一个对象（{{…}}）")
            return False
        unknown = sorted(set(data) - allowed)
        if unknown:
            self.problems.append(f"{where}：不认识的字段 {'、'.join(unknown)}")
        return True

    def flag(self, where: str, data: dict, key: str) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            self.problems.append(f"{where} [{key}]：应为 true 或 false")
            return False
        return value

    def model(self, where: str, instance, exclude: list[str]) -> None:
        try:
            instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                label = _label(instance, name)
                self.problems.extend(f"{where} [{label}]：{m}" for m in messages)


def _label(instance, name: str) -> str:
    try:
        return str(instance._meta.get_field(name).verbose_name)
    except Exception:
        return name


def _decimal(value):
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return value  # full_clean names the field and says it is not a number


def parse_document(document: dict, org) -> ParsedStandard:
    check = _Checker()
    check.keys("标准", document, _HEADER)
    standard = StarStandard(
        org=org,
        year=document.get("year"),
        label=document.get("label", ""),
        issuer=document.get("issuer", ""),
        doc_no=document.get("doc_no", ""),
        is_example=check.flag("标准", document, "is_example"),
        notice_working_days=document.get("notice_working_days", 5),
    )
    check.model("标准", standard, exclude=[])
    stars = document.get("stars")
    if not isinstance(stars, list):
        check.problems.append("标准 [stars]：应列出五颗星")
        stars = []
    parsed = [_star(check, index, data) for index, data in enumerate(stars, start=1)]
    parsed = [p for p in parsed if p is not None]
    _check_star_set(check, [p.definition.star for p in parsed])
    if check.problems:
        raise StandardFileError(check.problems)
    return ParsedStandard(standard, parsed)


def _star(check: _Checker, index: int, data) -> ParsedStar | None:
    where = f"第 {index} 颗星"
    if not check.keys(where, data, _STAR):
        return None
    where = f"{where}「{data.get('star', '')}」"
    definition = StarDefinition(
        star=data.get("star", ""),
        order=data.get("order", index),
        description=data.get("description", ""),
        is_capstone=check.flag(where, data, "is_capstone"),
        requires_all_others=check.flag(where, data, "requires_all_others"),
    )
    check.model(where, definition, exclude=["standard"])
    star = ParsedStar(definition)
    seqs = set()
    for number, task_data in enumerate(_listed(check, where, data, "tasks"), start=1):
        task_where = f"{where} 第 {number} 项任务"
        if check.keys(task_where, task_data, _TASK):
            task = _task(task_data, number)
            task.evidence_required = check.flag(task_where, task_data, "evidence_required")
            check.model(task_where, task, exclude=["star"])
            if isinstance(task.seq, int):
                if task.seq in seqs:
                    check.problems.append(f"{task_where} [序号]：与本星另一项任务的序号重复")
                seqs.add(task.seq)
            star.tasks.append(task)
    for number, veto_data in enumerate(_listed(check, where, data, "veto_rules"), start=1):
        veto_where = f"{where} 第 {number} 项否决事项"
        if check.keys(veto_where, veto_data, _VETO):
            veto = VetoRule(title=veto_data.get("title", ""), metric=veto_data.get("metric") or "")
            check.model(veto_where, veto, exclude=["star"])
            star.vetoes.append(veto)
    return star


def _listed(check: _Checker, where: str, data: dict, key: str) -> list:
    value = data.get(key) or []
    if isinstance(value, list):
        return value
    check.problems.append(f"{where} [{key}]：应为一个列表（[…]）")
    return []


def _task(data: dict, number: int) -> StarTask:
    return StarTask(
        seq=data.get("seq", number),
        area=data.get("area", ""),
        title=data.get("title", ""),
        indicator_type=data.get("indicator_type", "bool"),
        unit=data.get("unit", ""),
        comparison=data.get("comparison", "gte"),
        threshold=_decimal(data.get("threshold")),
        metric=data.get("metric") or "",
    )


def _check_star_set(check: _Checker, names: list[str]) -> None:
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        check.problems.append(f"标准：{'、'.join(repeated)} 出现了不止一次")
    missing = [n for n in StarName.values if n not in names]
    if missing:
        check.problems.append(f"标准：缺少 {'、'.join(missing)}（五颗星都要列出）")


def document_of(standard: StarStandard) -> dict:
    """A standard as the same JSON document, to copy it to a new year or download it."""
    return {
        "year": standard.year,
        "label": standard.label,
        "issuer": standard.issuer,
        "doc_no": standard.doc_no,
        "is_example": standard.is_example,
        "notice_working_days": standard.notice_working_days,
        "stars": [_star_document(d) for d in standard.stars.prefetch_related("tasks", "veto_rules")],
    }


def _star_document(definition: StarDefinition) -> dict:
    return {
        "star": definition.star,
        "order": definition.order,
        "description": definition.description,
        "is_capstone": definition.is_capstone,
        "requires_all_others": definition.requires_all_others,
        "tasks": [
            {
                "seq": t.seq,
                "area": t.area,
                "title": t.title,
                "indicator_type": t.indicator_type,
                "unit": t.unit,
                "comparison": t.comparison,
                "threshold": None if t.threshold is None else float(t.threshold),
                "evidence_required": t.evidence_required,
                "metric": t.metric,
            }
            for t in definition.tasks.all()
        ],
        "veto_rules": [{"title": r.title, "metric": r.metric} for r in definition.veto_rules.all()],
    }
