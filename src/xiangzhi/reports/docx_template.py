"""The Word template of the work report: page set-up, styles with Chinese fonts, and placeholders.

The shipped ``templates_docx/report.docx`` is written by this module (``xiangzhi report_template``);
an administrator may edit it in Word — letterhead, fonts, margins, the styles named below — and put
it at ``<XIANGZHI_DATA_DIR>/report_template.docx``, where the report picks it up without code.

Placeholders in the template's paragraphs (also in headers and footers): {{标题}} {{副标题}}
{{单位}} {{期间}} {{日期}}, and {{正文}}, the paragraph replaced by the report's sections.

Styles the report uses (Word's built-in names, so Word shows them under their Chinese names):
Title, Subtitle, Heading 1, Normal, Caption, Table Grid. Fonts follow GB/T 9704 practice for
government documents: 黑体 headings, 仿宋 body, 宋体 tables. The East-Asian font is set on every
style (w:eastAsia), and the font table names Noto CJK fonts as alternatives, so LibreOffice on a
machine without the Windows fonts still renders Chinese.

An administrator's template that python-docx cannot open raises ``TemplateUnreadable``, which names
the file and how to restore the shipped one, instead of an error deep inside python-docx.
"""

import datetime as dt
import io
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor

SHIPPED_TEMPLATE = Path(__file__).parent / "templates_docx" / "report.docx"
TEMPLATE_FILENAME = "report_template.docx"

BODY_PLACEHOLDER = "{{正文}}"
AUTHOR = "xiangzhi"
TEMPLATE_TITLE = "工作报告模板"
LATIN_FONT = "Times New Roman"
# (East-Asian font on Windows, its stand-in where that font is missing)
SONG = ("SimSun", "Noto Serif CJK SC")
FANGSONG = ("FangSong", "Noto Serif CJK SC")
HEI = ("SimHei", "Noto Sans CJK SC")

# style name: (fonts, size in pt, bold, alignment)
STYLES = {
    "Normal": (FANGSONG, 16, False, WD_ALIGN_PARAGRAPH.JUSTIFY),
    "Title": (HEI, 22, False, WD_ALIGN_PARAGRAPH.CENTER),
    "Subtitle": (FANGSONG, 14, False, WD_ALIGN_PARAGRAPH.CENTER),
    "Heading 1": (HEI, 16, False, WD_ALIGN_PARAGRAPH.LEFT),
    "Caption": (HEI, 14, False, WD_ALIGN_PARAGRAPH.CENTER),
    "Table Grid": (SONG, 12, False, None),
}


class TemplateUnreadable(Exception):
    """The administrator's template cannot be used: unreadable, or not a Word (.docx) file."""

    def __init__(self, path: Path, reason: str):
        self.path = path
        self.reason = reason
        self.message = (
            f"报告模板 {path} {reason}。删除该文件即恢复自带模板，"
            f"或用 xiangzhi report_template --out {path} 重新生成后再修改"
        )
        super().__init__(self.message)

    @property
    def public_message(self) -> str:
        """For a web user: the file by its name only, as the server's paths are no user's business."""
        return (
            f"无法生成 Word 报告：数据目录中的报告模板 {TEMPLATE_FILENAME} {self.reason}。"
            "请联系系统管理员删除该文件（即恢复自带模板）或换成有效的模板。"
        )


def template_path() -> Path:
    """The administrator's template when there is one, else the shipped one.

    Anything under the template's name counts as one (a directory, a dangling link): the
    administrator meant to replace the shipped template, and is told why it is not used.
    """
    custom = Path(settings.DATA_DIR) / TEMPLATE_FILENAME
    return custom if custom.exists() or custom.is_symlink() else SHIPPED_TEMPLATE


def load_template():
    """The template a report is written into, opened; an administrator's that cannot be is named."""
    path = template_path()
    if path == SHIPPED_TEMPLATE:
        return Document(str(path))
    if not path.is_file():
        raise TemplateUnreadable(path, "不是文件（是目录，或是指向不存在文件的链接）")
    try:
        content = path.read_bytes()
    except OSError as error:
        raise TemplateUnreadable(path, f"无法读取（{error.strerror}）") from error
    try:
        return Document(io.BytesIO(content))
    except Exception as error:
        # A hand-edited file fails in python-docx as BadZipFile, KeyError, ValueError or an XML
        # error, depending on how it is broken: to its administrator each means "not a .docx".
        raise TemplateUnreadable(path, "不是有效的 Word（.docx）文件") from error


def set_properties(document, title: str) -> None:
    """The document's own metadata, in place of python-docx's defaults (creator "python-docx",
    created 2013-12-23, no title), which Word and file managers show as this document's."""
    properties = document.core_properties
    # An administrator's template brings its own (草稿, last printed 2020 …): none is this report's.
    for name in ("subject", "keywords", "category", "content_status", "identifier", "version"):
        setattr(properties, name, "")
    properties._element._remove_lastPrinted()  # python-docx sets dates only: the element goes
    properties.title = title
    properties.author = properties.last_modified_by = AUTHOR
    properties.comments = ""  # python-docx's "generated by python-docx", or the template's own
    properties.created = properties.modified = dt.datetime.now(dt.UTC)  # written as UTC ("Z")
    properties.revision = 1
    _drop_thumbnail(document)


def _drop_thumbnail(document) -> None:
    """The preview picture of the package is python-docx's (or the template's), not this document's.

    Dropping its relationship drops the part: a package is saved as the parts its relationships reach.
    """
    relationships = document.part.package.rels
    for key in [key for key, rel in relationships.items() if rel.reltype == RT.THUMBNAIL]:
        del relationships[key]


def build_template(out: Path | BinaryIO) -> None:
    """Write the shipped template to a path or a binary file."""
    document = Document()
    _page_setup(document)
    for name, (fonts, size, bold, alignment) in STYLES.items():
        _style(document.styles[name], fonts, size, bold, alignment)
    _body_spacing(document.styles["Normal"])
    _font_table(document)
    for text, style in (("{{标题}}", "Title"), ("{{副标题}}", "Subtitle"), (BODY_PLACEHOLDER, "Normal")):
        document.add_paragraph(text, style=style)
    for text in ("{{单位}}", "{{日期}}"):
        closing = document.add_paragraph(text, style="Normal")
        closing.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _page_number_footer(document)
    set_properties(document, TEMPLATE_TITLE)
    document.save(out)


def _page_setup(document) -> None:
    """A4 with the margins of GB/T 9704 (党政机关公文格式)."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)


def _style(style, fonts: tuple[str, str], size: int, bold: bool, alignment) -> None:
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    set_east_asian_font(style.element.get_or_add_rPr(), fonts[0])
    if alignment is not None:
        style.paragraph_format.alignment = alignment
    if style.name == "Title":
        _drop_border(style)


def set_east_asian_font(rpr, east_asian: str) -> None:
    """Explicit fonts on a run or style; theme fonts would otherwise win over them."""
    fonts = rpr.get_or_add_rFonts()
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:hint"), "eastAsia")
    _chinese_language(rpr)


def _chinese_language(rpr) -> None:
    """Mark East-Asian text as Simplified Chinese, so a fallback font uses the SC glyph forms."""
    for lang in rpr.findall(qn("w:lang")):
        rpr.remove(lang)
    rpr.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="zh-CN" w:eastAsia="zh-CN"/>'))


def _drop_border(style) -> None:
    ppr = style.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)


def _body_spacing(style) -> None:
    """Fixed 28-point lines and a two-character first-line indent, as government reports are set."""
    paragraph = style.paragraph_format
    paragraph.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph.line_spacing = Pt(28)
    paragraph.space_after = Pt(0)
    paragraph.first_line_indent = Pt(32)


def _font_table(document) -> None:
    """Name a Noto CJK alternative for each Chinese font (w:altName), for machines without it."""
    part = _part(document, "/word/fontTable.xml")
    root = parse_xml(part.blob)
    for name, alternative in {SONG, FANGSONG, HEI}:
        for existing in root.findall(qn("w:font")):
            if existing.get(qn("w:name")) == name:
                root.remove(existing)
        root.append(
            parse_xml(
                f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{alternative}"/>'
                '<w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>'
            )
        )
    part._blob = _serialise(root)


def _part(document, partname: str):
    for part in document.part.package.iter_parts():
        if part.partname == partname:
            return part
    raise LookupError(partname)


def _serialise(element) -> bytes:
    from lxml import etree

    return etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page_number_footer(document) -> None:
    footer = document.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("— ")
    footer._p.append(
        parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>')
    )
    footer.add_run(" —")
