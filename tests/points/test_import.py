"""The points ledger through the CLI: messy workbooks (negative 分值 included) and refusals."""

import datetime as dt

import pytest

from tests.events.support import export_file, import_file, read_xlsx, write_xlsx
from xiangzhi.points.models import PointEntry

pytestmark = pytest.mark.django_db

MESSY = [
    ["编号", "村", "姓名", "政治面貌", "日期", "积分项目", "积分"],
    ["JF-0001", "桥湾村", " 王五 ", "党员", "2023/5/20", "参加志愿服务", "５"],
    ["ＪＦ-0002", "桥湾", "王五", "党员", "2023年6月1日", "乱堆柴草", "－２"],
    ["JF-0003", "410811101201", "赵六", "群众", dt.date(2023, 7, 14), "美丽庭院", 10],
    ["JF-0004", "村1", "赵六", "群众", "2023.8.1", "不按规定焚烧秸秆", -5],
]


def test_messy_workbook_is_imported_with_negative_points(world, tmp_path):
    code, out, err = import_file("points", write_xlsx(tmp_path / "p.xlsx", MESSY, title="桥湾村积分台账"))

    assert code == 0, err
    assert "新增 4" in out
    first = PointEntry.objects.get(record_no="JF-0001")
    assert (first.org, first.person_name, first.identity, first.points) == (world.village, "王五", "党员", 5)
    deduction = PointEntry.objects.get(record_no="JF-0002")
    assert (deduction.entry_date, deduction.points) == (dt.date(2023, 6, 1), -2)
    assert PointEntry.objects.get(record_no="JF-0004").points == -5
    assert PointEntry.objects.get(record_no="JF-0003").org == world.village2


def test_export_reimports_with_no_change(world, tmp_path):
    import_file("points", write_xlsx(tmp_path / "p.xlsx", MESSY))
    exported = export_file("points", tmp_path / "export.xlsx")

    points = {row[0]: row[6] for row in read_xlsx(exported)[1:]}
    assert points["JF-0002"] == -2
    code, out, _ = import_file("points", exported)
    assert code == 0
    assert "新增 0，更新 0，未变 4" in out


HEADER = ["记录编号", "所属村", "姓名", "身份", "日期", "积分事项", "分值"]
GOOD = ["JF-1", "桥湾村", "王五", "群众", "2023-05-20", "参加志愿服务", 5]


@pytest.mark.parametrize(
    ("bad_row", "expected"),
    [
        (["JF-2", "外村", "王五", "群众", "2023-05-20", "志愿服务", 5], "[所属村] 外村: 不是宁郭镇的村"),
        (["JF-2", "宁郭镇", "王五", "群众", "2023-05-20", "志愿服务", 5], "[所属村] 宁郭镇: 不是宁郭镇的村"),
        (["JF-2", "桥湾村", "王五", "团员", "2023-05-20", "志愿服务", 5], "[身份] 团员: 不在允许的值中"),
        (["JF-2", "桥湾村", "王五", "群众", "2023-05-20", "志愿服务", "2.5"], "[分值] 2.5: 应为整数"),
        (
            ["JF-2", "桥湾村", "王五", "群众", "2023-05-20", "志愿服务", 1000000],
            "[分值] 1000000: 分值超出合理范围",
        ),
        (["JF-2", "桥湾村", "王五", "群众", "2023-05-20", "志愿服务", ""], "[分值] 空: 必填"),
        (["JF-1", "桥湾村", "王五", "群众", "2023-05-20", "志愿服务", 5], "[记录编号] JF-1: 与第 2 行重复"),
    ],
)
def test_a_bad_row_refuses_the_whole_file(world, tmp_path, bad_row, expected):
    code, _, err = import_file("points", write_xlsx(tmp_path / "bad.xlsx", [HEADER, GOOD, bad_row]))

    assert code == 1
    assert f"第 3 行 {expected}" in err
    assert not PointEntry.all_objects.exists()


def test_a_csv_in_gb18030_is_read(world, tmp_path):
    path = tmp_path / "p.csv"
    lines = [",".join(HEADER), "JF-9,桥湾村,王五,党员,2023-05-20,扣分,-3"]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("gb18030"))

    code, _, err = import_file("points", path)

    assert code == 0, err
    assert PointEntry.objects.get(record_no="JF-9").points == -3


def test_template_names_every_contract_header(world, tmp_path):
    from tests.events.support import cli

    code, _, _ = cli("template", "points", "--out", str(tmp_path / "t.xlsx"))

    assert code == 0
    assert read_xlsx(tmp_path / "t.xlsx")[0] == HEADER
