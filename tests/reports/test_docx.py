"""The Word report: prose in the four sections, headline figures, Chinese fonts, no personal data."""

import datetime as dt
import io
import shutil
import subprocess
import zipfile

import openpyxl
import pytest
from docx import Document

from tests.reports.builders import D, hazard, household, inspection
from xiangzhi.core.models import system_user
from xiangzhi.reports.docx_template import (
    SHIPPED_TEMPLATE,
    TEMPLATE_FILENAME,
    TemplateUnreadable,
    build_template,
)
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
    return render_report(ReportScope(world.town, Period.of_year(2023), system_user()), "docx").content


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


def _no_thumbnail(content: bytes) -> bool:
    package = zipfile.ZipFile(io.BytesIO(content))
    return not any("thumbnail" in name for name in package.namelist()) and b"thumbnail" not in (
        package.read("_rels/.rels") + package.read("[Content_Types].xml")
    )


def test_the_docx_metadata_is_the_reports_own_not_python_docxs(world):
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    content = _docx(world)
    properties = Document(io.BytesIO(content)).core_properties
    assert properties.title == "宁郭镇2023年工作情况报告"  # the title the document itself shows
    assert (properties.author, properties.last_modified_by) == ("xiangzhi", "xiangzhi")
    assert properties.comments == ""
    assert before <= properties.created == properties.modified <= before + dt.timedelta(minutes=1)
    assert b"python-docx" not in zipfile.ZipFile(io.BytesIO(content)).read("docProps/core.xml")
    assert _no_thumbnail(content)


def test_the_shipped_template_has_our_metadata_and_no_thumbnail(tmp_path):
    build_template(tmp_path / "fresh.docx")
    for template in (SHIPPED_TEMPLATE, tmp_path / "fresh.docx"):
        properties = Document(str(template)).core_properties
        assert (properties.title, properties.author, properties.comments) == ("工作报告模板", "xiangzhi", "")
        assert properties.created.year >= 2025
        assert _no_thumbnail(template.read_bytes())


def test_the_thumbnail_of_an_administrator_template_is_not_carried_into_the_report(world, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    Document().save(str(tmp_path / TEMPLATE_FILENAME))  # python-docx's own, with its thumbnail
    assert not _no_thumbnail((tmp_path / TEMPLATE_FILENAME).read_bytes())
    assert _no_thumbnail(_docx(world))


def test_an_administrator_templates_own_properties_are_not_the_reports(world, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    template = Document()
    template.core_properties.content_status = "草稿"
    template.core_properties.subject = "旧主题"
    template.core_properties.last_printed = dt.datetime(2020, 1, 1)
    template.save(str(tmp_path / TEMPLATE_FILENAME))
    properties = Document(io.BytesIO(_docx(world))).core_properties
    assert (properties.content_status, properties.subject, properties.last_printed) == ("", "", None)


@pytest.mark.parametrize("kind", ["directory", "dangling link"])
def test_a_template_name_that_is_not_a_file_is_named(world, settings, tmp_path, kind):
    settings.DATA_DIR = tmp_path
    if kind == "directory":
        (tmp_path / TEMPLATE_FILENAME).mkdir()
    else:
        (tmp_path / TEMPLATE_FILENAME).symlink_to(tmp_path / "gone.docx")
    with pytest.raises(TemplateUnreadable, match="不是文件"):
        _docx(world)


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("notes.txt", "not a Word document")
    return out.getvalue()


def _xlsx() -> bytes:
    out = io.BytesIO()
    openpyxl.Workbook().save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "content", [b"garbage\n", b"", _zip(), _xlsx()], ids=["text", "empty", "zip", "xlsx"]
)
def test_a_broken_administrator_template_is_named_with_how_to_restore_the_shipped_one(
    world, settings, tmp_path, content
):
    settings.DATA_DIR = tmp_path
    (tmp_path / TEMPLATE_FILENAME).write_bytes(content)
    with pytest.raises(TemplateUnreadable) as caught:
        _docx(world)
    message = caught.value.message
    assert f"报告模板 {tmp_path / TEMPLATE_FILENAME} 不是有效的 Word（.docx）文件" in message
    assert "删除该文件即恢复自带模板" in message and "xiangzhi report_template --out" in message


def test_a_broken_template_is_a_clear_message_on_the_web_not_a_server_error_page(
    world, settings, tmp_path, client_for
):
    settings.DATA_DIR = tmp_path
    (tmp_path / TEMPLATE_FILENAME).write_bytes(b"garbage\n")
    response = client_for("town_admin").get(f"/reports/{world.town.code}/report.docx?year=2023")
    assert response.status_code == 500
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert f"报告模板 {TEMPLATE_FILENAME} 不是有效的 Word（.docx）文件" in text
    assert str(tmp_path) not in text  # the server's paths are not shown to web users


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
