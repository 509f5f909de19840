"""An entry on the books is corrected by a reversing entry, never rewritten: not by its edit form
(the fields are disabled) and not by an import row with the same 记录编号 either — else a points
file could take a balance below zero after the points were spent."""

import pytest

from tests.events.support import import_file, write_xlsx
from xiangzhi.points.models import PointEntry

pytestmark = pytest.mark.django_db

HEADER = ["记录编号", "所属村", "姓名", "身份", "日期", "积分事项", "分值"]
ROW = ["JF-QA-001", "桥湾村", "测试张", "群众", "2023-12-01", "志愿服务", 50]
REFUSAL = "已入账的积分记录不能修改所属村、姓名、身份或分值；如有错误，请在记录页面使用「冲正」"

# (column changed, its new value, the column the error names)
CHANGES = [
    ("分值", 0, "分值"),
    ("姓名", "测试李", "姓名"),
    ("身份", "党员", "身份"),
    ("所属村", "村1", "所属村"),
]


@pytest.mark.parametrize(("column", "value", "named"), CHANGES)
def test_an_import_may_not_rewrite_a_fixed_field_of_a_stored_entry(world, tmp_path, column, value, named):
    assert import_file("points", write_xlsx(tmp_path / "a.xlsx", [HEADER, ROW]))[0] == 0
    stored = PointEntry.objects.get(record_no="JF-QA-001")
    changed = list(ROW)
    changed[HEADER.index(column)] = value

    code, _, err = import_file("points", write_xlsx(tmp_path / "b.xlsx", [HEADER, changed]))

    assert code == 1
    assert f"第 2 行 [{named}]" in err and REFUSAL in err
    again = PointEntry.objects.get(pk=stored.pk)
    assert (again.org_id, again.person_name, again.identity, again.points, again.version) == (
        stored.org_id,
        "测试张",
        "群众",
        50,
        stored.version,
    )
    assert again.history.count() == 1


def test_an_import_may_still_correct_the_date_and_the_item(world, tmp_path):
    import_file("points", write_xlsx(tmp_path / "a.xlsx", [HEADER, ROW]))
    corrected = [*ROW[:4], "2023-12-02", "参加志愿服务", 50]

    code, out, err = import_file("points", write_xlsx(tmp_path / "b.xlsx", [HEADER, corrected]))

    assert code == 0, err
    assert "更新 1" in out
    assert PointEntry.objects.get(record_no="JF-QA-001").item == "参加志愿服务"
