"""The work report as a Word document, written into the (replaceable) template."""

from __future__ import annotations

import io
import re

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH

from xiangzhi.reports.docx_template import (
    BODY_PLACEHOLDER,
    HEI,
    load_template,
    set_east_asian_font,
    set_properties,
)
from xiangzhi.reports.narrative import Figure, Narrative, Paragraph, Table

_PLACEHOLDER = re.compile(r"\{\{[^{}]+\}\}")


def render_docx(narrative: Narrative, fields: dict[str, str]) -> bytes:
    """``fields`` fills the template's placeholders: 标题, 副标题, 单位, 期间, 日期.

    Raises ``TemplateUnreadable`` when the administrator's template is not a Word file.
    """
    document = load_template()
    anchor = _body_anchor(document)
    for section in narrative.sections:
        _paragraph_before(anchor, document, section.title, "Heading 1")
        for block in section.blocks:
            if isinstance(block, Table):
                _table(document, anchor, block)
            else:
                _prose(document, anchor, block)
    values = {"标题": narrative.title, "副标题": narrative.subtitle, **fields}
    for paragraph in _all_paragraphs(document):
        _fill(paragraph, values)
    if anchor.text.strip() == BODY_PLACEHOLDER or not anchor.text.strip():
        anchor._p.getparent().remove(anchor._p)
    set_properties(document, narrative.title)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _body_anchor(document):
    """The {{正文}} paragraph; a template without one gets the sections at its end."""
    for paragraph in document.paragraphs:
        if BODY_PLACEHOLDER in paragraph.text:
            return paragraph
    return document.add_paragraph()


def _style(document, name: str):
    try:
        return document.styles[name]
    except KeyError:  # an administrator's template may lack it: Word's default then applies
        return None


def _paragraph_before(anchor, document, text: str, style: str):
    paragraph = anchor.insert_paragraph_before(text, style=_style(document, style))
    if style == "Heading 1":
        paragraph.paragraph_format.first_line_indent = 0
    return paragraph


def _prose(document, anchor, block: Paragraph) -> None:
    paragraph = anchor.insert_paragraph_before("", style=_style(document, "Normal"))
    if block.lead:
        lead = paragraph.add_run(block.lead)
        lead.bold = True
        set_east_asian_font(lead._r.get_or_add_rPr(), HEI[0])
    paragraph.add_run("".join(_text(part) for part in block.parts))


def _table(document, anchor, block: Table) -> None:
    caption = _paragraph_before(anchor, document, block.caption, "Caption")
    caption.paragraph_format.first_line_indent = 0
    table = document.add_table(rows=1, cols=len(block.header), style=_style(document, "Table Grid"))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, block.header, strict=True):
        _cell(cell, text, bold=True)
    for row in block.rows:
        cells = table.add_row().cells
        for index, (cell, part) in enumerate(zip(cells, row, strict=True)):
            _cell(cell, _text(part), align_right=index > 0)
    _column_widths(table, document)
    anchor._p.addprevious(table._tbl)


def _column_widths(table, document) -> None:
    """The first column (names) gets a third of the text width, the figures share the rest."""
    section = document.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    first = text_width // 3 if len(table.columns) > 2 else text_width // 2
    other = (text_width - first) // max(len(table.columns) - 1, 1)
    table.autofit = False
    for index, column in enumerate(table.columns):
        width = first if index == 0 else other
        column.width = width
        for cell in column.cells:
            cell.width = width


def _cell(cell, text: str, *, bold: bool = False, align_right: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.first_line_indent = 0
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if align_right else WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = bold


def _text(part) -> str:
    return part.text if isinstance(part, Figure) else part


def _all_paragraphs(document):
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            if not part.is_linked_to_previous:
                yield from part.paragraphs


def _fill(paragraph, values: dict[str, str]) -> None:
    """Replace {{名称}} placeholders. Word may split one across runs, so the paragraph's text is
    rebuilt in its first run when a placeholder is present (its formatting is kept)."""
    text = paragraph.text
    if "{{" not in text or BODY_PLACEHOLDER in text:
        return
    filled = _PLACEHOLDER.sub(lambda m: values.get(m.group(0)[2:-2].strip(), m.group(0)), text)
    if filled == text or not paragraph.runs:
        return
    paragraph.runs[0].text = filled
    for run in paragraph.runs[1:]:
        run.text = ""
