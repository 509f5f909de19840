"""The building blocks of the written report, shared by the docx and the html renderers.

A paragraph is a list of parts: plain text, or a ``Figure`` (a number with its unit and the link
to the records behind it). The docx renderer prints figures as text; the html one as links.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from xiangzhi.reports.links import Link


@dataclass(frozen=True)
class Figure:
    value: int | float
    unit: str = ""
    link: Link | None = None
    # How the number is written, when not the plain value (8.9公里, 100%).
    shown: str | None = None

    @property
    def text(self) -> str:
        return (self.shown if self.shown is not None else number(self.value)) + self.unit


Part = str | Figure


@dataclass
class Paragraph:
    parts: list[Part]
    lead: str = ""  # a bold opening phrase, as in "民生保障。全镇……"

    @property
    def text(self) -> str:
        return self.lead + "".join(p if isinstance(p, str) else p.text for p in self.parts)


@dataclass
class Table:
    caption: str
    header: list[str]
    rows: list[list[Part]]


@dataclass
class Section:
    title: str
    blocks: list[Paragraph | Table] = field(default_factory=list)


@dataclass
class Narrative:
    title: str
    subtitle: str
    sections: list[Section]


class Sentence:
    """Clauses joined by "，" and closed by "。"; a clause whose figures are all zero is left out."""

    def __init__(self) -> None:
        self.clauses: list[list[Part]] = []

    def add(self, *parts: Part, always: bool = False) -> Sentence:
        figures = [p for p in parts if isinstance(p, Figure)]
        if always or any(f.value for f in figures):
            self.clauses.append(list(parts))
        return self

    def __bool__(self) -> bool:
        return bool(self.clauses)

    def parts(self) -> list[Part]:
        joined: list[Part] = []
        for index, clause in enumerate(self.clauses):
            if index:
                joined.append("，")
            joined.extend(clause)
        return [*joined, "。"] if joined else []


def number(value) -> str:
    """Numbers as a Chinese report writes them: 4357, 8.9, 56664 (no grouping, no trailing zeros)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return str(value)
    text = format(Decimal(str(value)).normalize(), "f")
    return text


def percent(share: float) -> str:
    """0.67 → 67%, 0.9871 → 98.71%."""
    return number(round(share * 100, 2)) + "%"


def length(metres) -> str:
    """Long lengths in 公里 (8900 → 8.9公里), short ones in 米."""
    if metres >= 1000:
        return number(round(metres / 1000, 2)) + "公里"
    return number(metres) + "米"


def joined(parts: list[list[Part]], separator: str = "、") -> list[Part]:
    out: list[Part] = []
    for index, chunk in enumerate(parts):
        if index:
            out.append(separator)
        out.extend(chunk)
    return out
