"""The Word report: prose in the four sections, headline figures, Chinese fonts, no personal data."""

import io
import shutil
import subprocess
import zipfile

import pytest
from docx import Document

from tests.reports.builders import D, hazard, household, inspection
from xiangzhi.reports.docx_template import SHIPPED_TEMPLATE, TEMPLATE_FILENAME, build_template
from xiangzhi.reports.period import Period
from xiangzhi.reports.render import render_report
from xiangzhi.reports.scope import ReportScope

pytestmark = pytest.mark.django_db

SECTIONS = ["一、党建引领", "二、经济发展", "三、乡村振兴", "四、平安建设"]


def _records(world) -> list:
    homes = [household(world.grid, D(2022, 1, 1), size=3) for _ in range(2)]
    found = inspection(world.grid, D(2023, 5, 1), person_times=6)
    for _ in range(3):
        hazard(found, status="已销号", rectified=D(2023, 5, 3))
    return homes


def _docx(world) -> bytes:
    return render_report(ReportScope(world.town, Period.of_year(2023)), "docx").content


def _text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_docx_has_the_title_the_four_sections_and_the_headline_figures(world):
    _records(world)
    text = _text(_docx(world))
    assert "宁郭镇2023年工作情况报告" in text
    for title in SECTIONS:
        assert title in text
    assert "全镇动态更新困难和特殊群体家庭共2户6人" in text
    assert "全年出动6人次" in text and "发现安全隐患3处" in text and "整改率100%" in text


def test_section_titles_use_the_heading_style_and_the_placeholders_are_filled(world):
    document = Document(io.BytesIO(_docx(world)))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == SECTIONS
    assert not any("{{" in p.text for p in document.paragraphs)
    assert document.paragraphs[-1].text.endswith("日")  # the date line of the template


def test_the_styles_set_an_east_asian_font(world):
    styles = zipfile.ZipFile(io.BytesIO(_docx(world))).read("word/styles.xml").decode()
    assert 'w:eastAsia="FangSong"' in styles and 'w:eastAsia="SimHei"' in styles
    fonts = zipfile.ZipFile(io.BytesIO(_docx(world))).read("word/fontTable.xml").decode()
    assert 'w:altName w:val="Noto Serif CJK SC"' in fonts


def test_no_personal_data_is_in_the_report(world):
    homes = _records(world)
    text = _text(_docx(world))
    for home in homes:
        assert home.head_name not in text
        assert home.head_id_number not in text and home.head_id_number[-4:] not in text


def test_an_administrator_template_in_the_data_dir_is_used_without_code(world, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    build_template(tmp_path / TEMPLATE_FILENAME)
    custom = Document(str(tmp_path / TEMPLATE_FILENAME))
    custom.paragraphs[0].insert_paragraph_before("某某镇人民政府（公文头）")
    custom.save(str(tmp_path / TEMPLATE_FILENAME))
    assert Document(io.BytesIO(_docx(world))).paragraphs[0].text == "某某镇人民政府（公文头）"


def test_the_shipped_template_is_what_the_builder_writes(tmp_path):
    build_template(tmp_path / "fresh.docx")
    shipped, fresh = Document(str(SHIPPED_TEMPLATE)), Document(str(tmp_path / "fresh.docx"))
    assert [p.text for p in shipped.paragraphs] == [p.text for p in fresh.paragraphs]
    assert [s.name for s in shipped.styles] == [s.name for s in fresh.styles]


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None, reason="无 LibreOffice"
)
def test_libreoffice_renders_the_chinese_text(world, tmp_path):
    _records(world)
    source = tmp_path / "report.docx"
    source.write_bytes(_docx(world))
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "report.pdf"), "-"], check=True, capture_output=True, text=True
    ).stdout
    flat = "".join(text.split())
    assert "宁郭镇2023年工作情况报告" in flat
    assert "困难和特殊群体家庭共2户6人" in flat
    fonts = subprocess.run(["pdffonts", str(tmp_path / "report.pdf")], capture_output=True, text=True).stdout
    assert "CJK" in fonts
