"""The events ledger through the CLI: messy workbooks in, export back out, bad rows refused."""

import datetime as dt

import pytest

from tests.events.support import export_file, import_file, read_xlsx, write_xlsx
from xiangzhi.events.models import Event

pytestmark = pytest.mark.django_db

MESSY = [
    ["编号", "活动类别", "活动名称", "日期", "举办单位", "参加人数", "发放资料", "备注"],
    ["ＨＤ-００１", "讲评会", " 书记讲评会第一期 ", "2023/3/15", "宁郭镇", "４５", "", "第一期"],
    ["HD-002", "专题大讲堂", "党的二十大精神宣讲", "2023年4月2日", "桥湾", 120, 300, ""],
    ["HD-003", "安全演练", "消防演练", dt.date(2023, 5, 6), "410811101201", " 30 ", "2,000", ""],
    ["HD-004", "宣传活动", "防诈骗宣传", "2023.7.14", "村1", 0, 10000, ""],
]


def test_messy_workbook_is_imported(world, tmp_path):
    code, out, err = import_file(
        "events", write_xlsx(tmp_path / "events.xlsx", MESSY, title="宁郭镇活动台账")
    )

    assert code == 0, err
    assert "新增 4" in out
    assert "备注" in err  # the unknown column is reported, not silently dropped
    meeting = Event.objects.get(event_no="HD-001")
    assert (meeting.org, meeting.kind, meeting.title) == (world.town, "讲评会", "书记讲评会第一期")
    assert (meeting.held_on, meeting.participants, meeting.materials) == (dt.date(2023, 3, 15), 45, None)
    assert Event.objects.get(event_no="HD-002").org == world.village
    drill = Event.objects.get(event_no="HD-003")
    assert (drill.org, drill.held_on, drill.participants, drill.materials) == (
        world.village2,
        dt.date(2023, 5, 6),
        30,
        2000,
    )


def test_importing_the_same_file_twice_changes_nothing(world, tmp_path):
    path = write_xlsx(tmp_path / "events.xlsx", MESSY)
    import_file("events", path)
    history_before = Event.history.count()

    code, out, _ = import_file("events", path)

    assert code == 0
    assert "新增 0，更新 0，未变 4" in out
    assert Event.history.count() == history_before


def test_export_reimports_with_no_change(world, tmp_path):
    import_file("events", write_xlsx(tmp_path / "events.xlsx", MESSY))
    exported = export_file("events", tmp_path / "export.xlsx")

    rows = read_xlsx(exported)
    units = {row[0]: row[4] for row in rows[1:]}
    assert units["HD-001"] == "宁郭镇"
    assert units["HD-002"] == "桥湾村"
    code, out, _ = import_file("events", exported)
    assert code == 0
    assert "新增 0，更新 0，未变 4" in out


def test_a_changed_row_updates_the_event_and_leaves_history(world, tmp_path):
    import_file("events", write_xlsx(tmp_path / "events.xlsx", MESSY))
    changed = [
        MESSY[0],
        ["HD-002", "专题大讲堂", "党的二十大精神宣讲（补录）", "2023-04-02", "桥湾村", 125, 300, ""],
    ]

    code, out, _ = import_file("events", write_xlsx(tmp_path / "changed.xlsx", changed))

    assert code == 0
    assert "更新 1" in out
    event = Event.objects.get(event_no="HD-002")
    assert (event.title, event.participants) == ("党的二十大精神宣讲（补录）", 125)
    assert event.history.count() == 2


HEADER = ["活动编号", "活动类型", "活动名称", "活动日期", "组织单位", "参与人数", "发放资料份数"]
GOOD = ["HD-100", "宣讲会", "政策宣讲", "2023-03-01", "桥湾村", 20, 50]


@pytest.mark.parametrize(
    ("bad_row", "expected"),
    [
        (["HD-101", "宣讲会", "政策宣讲", "2023-03-01", "外村", 20, 50], "[组织单位] 外村: 不是宁郭镇的村"),
        (["HD-101", "宣讲会", "政策宣讲", "2023-03-01", "外镇", 20, 50], "[组织单位] 外镇: 不是宁郭镇的村"),
        (
            ["HD-101", "座谈会", "政策宣讲", "2023-03-01", "桥湾村", 20, 50],
            "[活动类型] 座谈会: 不在允许的值中",
        ),
        (
            ["HD-101", "宣讲会", "政策宣讲", "2023-03-01", "桥湾村", -5, 50],
            "[参与人数] -5: 参与人数不能为负数",
        ),
        (
            ["HD-101", "宣讲会", "政策宣讲", "2023-02-30", "桥湾村", 20, 50],
            "[活动日期] 2023-02-30: 日期不存在",
        ),
        (
            ["HD-100", "宣讲会", "重复编号", "2023-03-01", "桥湾村", 20, 50],
            "[活动编号] HD-100: 与第 2 行重复",
        ),
        (["HD-101", "宣讲会", "", "2023-03-01", "桥湾村", 20, 50], "[活动名称] 空: 必填"),
    ],
)
def test_a_bad_row_refuses_the_whole_file(world, tmp_path, bad_row, expected):
    path = write_xlsx(tmp_path / "bad.xlsx", [HEADER, GOOD, bad_row])

    code, _, err = import_file("events", path)

    assert code == 1
    assert f"第 3 行 {expected}" in err
    assert "未写入任何数据" in err
    assert not Event.all_objects.exists()


def test_template_names_every_contract_header(world, tmp_path):
    from tests.events.support import cli

    code, _, _ = cli("template", "events", "--out", str(tmp_path / "t.xlsx"))

    assert code == 0
    assert read_xlsx(tmp_path / "t.xlsx")[0] == HEADER
