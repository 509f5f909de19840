"""The 平安建设 ledgers through the command line: messy workbooks in, exports back in unchanged,
and every cross-row rule refusing its row with nothing written (CONTRACT §2–§3)."""

import datetime as dt

import pytest

from tests.security.support import assert_reimport_changes_nothing, import_file, write_xlsx
from xiangzhi.security.models import Camera, CameraStatus, Dispute, DisputeStatus, PatrolTeam

pytestmark = pytest.mark.django_db

CAMERA_ROWS = [
    ["安装地点", "监控编号", "村", "状态", "安装日期", "备注"],
    ["  桥湾村村委会路口 ", "JK-００１", "桥湾村", "正常", dt.date(2022, 5, 10), "主路口"],
    ["北街", "JK-002", "桥湾", "", "2022/6/1", ""],
    ["南街", "JK-003", "410811101201", "故障", "2022年7月14日", ""],
    ["东街", "JK-004", "村1", "拆除", "2022.8.1", ""],
]


def test_messy_camera_workbook_is_imported(world, tmp_path):
    result = import_file("cameras", write_xlsx(tmp_path / "c.xlsx", CAMERA_ROWS, title="宁郭镇监控点位台账"))

    assert result.code == 0, result.err
    assert "新增 4" in result.out
    assert "备注" in result.err  # the unknown column is named in a warning
    first = Camera.objects.get(camera_no="JK-001")
    assert (first.location, first.installed_on, first.org) == (
        "桥湾村村委会路口",
        dt.date(2022, 5, 10),
        world.village,
    )
    assert Camera.objects.get(camera_no="JK-002").status == CameraStatus.WORKING  # blank → default
    assert Camera.objects.get(camera_no="JK-003").org == world.village2  # by village code
    assert Camera.objects.get(camera_no="JK-004").installed_on == dt.date(2022, 8, 1)


def test_camera_export_reimports_with_no_change(world, tmp_path):
    import_file("cameras", write_xlsx(tmp_path / "c.xlsx", CAMERA_ROWS))

    assert_reimport_changes_nothing("cameras", Camera, tmp_path)


def test_importing_the_same_camera_file_twice_changes_nothing(world, tmp_path):
    path = write_xlsx(tmp_path / "c.xlsx", CAMERA_ROWS)
    import_file("cameras", path)
    history = Camera.history.count()

    again = import_file("cameras", path)

    assert "未变 4" in again.out
    assert Camera.history.count() == history


def test_a_changed_status_updates_the_camera_and_leaves_history(world, tmp_path):
    import_file("cameras", write_xlsx(tmp_path / "c.xlsx", CAMERA_ROWS))
    changed = [["点位编号", "所属村", "位置", "状态"], ["JK-001", "桥湾村", "桥湾村村委会路口", "故障"]]

    result = import_file("cameras", write_xlsx(tmp_path / "d.xlsx", changed))

    camera = Camera.objects.get(camera_no="JK-001")
    assert "更新 1" in result.out
    assert camera.status == CameraStatus.FAULTY
    assert camera.installed_on == dt.date(2022, 5, 10)  # the absent column is left alone
    assert camera.history.first().status == CameraStatus.FAULTY


def test_a_camera_in_another_town_is_refused(world, tmp_path):
    rows = [["点位编号", "所属村", "位置"], ["JK-9", "外村", "外村路口"]]

    result = import_file("cameras", write_xlsx(tmp_path / "c.xlsx", rows))

    assert result.code == 1
    assert "第 2 行 [所属村] 外村: 不是宁郭镇的村" in result.err
    assert not Camera.objects.exists()


PATROL_ROWS = [
    ["巡逻队名称", "队伍编号", "所属村", "人数", "成立日期"],
    ["桥湾村夜间巡逻队", "XL-01", "桥湾村", "８", "2021-03-01"],
    ["村1巡逻队", "XL-02", "村1", 12.0, ""],
]


def test_messy_patrol_workbook_is_imported_and_reexported(world, tmp_path):
    result = import_file("patrols", write_xlsx(tmp_path / "p.xlsx", PATROL_ROWS, title="巡逻队台账"))

    assert result.code == 0, result.err
    team = PatrolTeam.objects.get(team_no="XL-01")
    assert (team.members_count, team.founded_on) == (8, dt.date(2021, 3, 1))
    assert PatrolTeam.objects.get(team_no="XL-02").founded_on is None
    assert_reimport_changes_nothing("patrols", PatrolTeam, tmp_path)


@pytest.mark.parametrize("count", ["0", "-3", "100000"])
def test_an_impossible_team_size_is_refused(world, tmp_path, count):
    rows = [["队伍编号", "所属村", "队伍名称", "队员人数"], ["XL-1", "桥湾村", "巡逻队", count]]

    result = import_file("patrols", write_xlsx(tmp_path / "p.xlsx", rows))

    assert result.code == 1
    assert "[队员人数]" in result.err and "队员人数应在 1 到 9999 之间" in result.err
    assert not PatrolTeam.objects.exists()


DISPUTE_HEADER = ["纠纷编号", "所属村", "登记日期", "纠纷类型", "简要情况", "调处状态", "化解日期"]
DISPUTE_ROWS = [
    ["状态", "简要情况", "纠纷编号", "村", "受理日期", "类型", "化解日期"],
    ["已化解", "宅基地边界争议", "JF-001", "桥湾村", "2023/4/3", "邻里纠纷", "2023年4月20日"],
    ["调处中", "土地流转费用", "JF-002", "村1", dt.date(2023, 5, 6), "", ""],
    ["已上报", "-涉及多村的水利纠纷", "JF-003", "桥湾村", "2023.6.1", "水利", ""],
]


def test_messy_dispute_workbook_sets_statuses_directly(world, tmp_path):
    result = import_file("disputes", write_xlsx(tmp_path / "d.xlsx", DISPUTE_ROWS, title="矛盾纠纷台账"))

    assert result.code == 0, result.err
    resolved = Dispute.objects.get(dispute_no="JF-001")
    assert (resolved.status, resolved.resolved_on) == (DisputeStatus.RESOLVED, dt.date(2023, 4, 20))
    assert resolved.registered_on == dt.date(2023, 4, 3)
    assert Dispute.objects.get(dispute_no="JF-003").status == DisputeStatus.ESCALATED
    assert Dispute.objects.get(dispute_no="JF-003").summary == "-涉及多村的水利纠纷"


def test_dispute_export_reimports_with_no_change(world, tmp_path):
    import_file("disputes", write_xlsx(tmp_path / "d.xlsx", DISPUTE_ROWS))

    assert_reimport_changes_nothing("disputes", Dispute, tmp_path)


@pytest.mark.parametrize(
    ("status", "resolved_on", "reason"),
    [
        ("已化解", "", "已化解的纠纷需填写化解日期"),
        ("已化解", "2023-04-01", "化解日期不能早于登记日期"),
        ("调处中", "2023-04-01", "化解日期不能早于登记日期"),
    ],
)
def test_dispute_cross_row_rules_refuse_the_whole_file(world, tmp_path, status, resolved_on, reason):
    rows = [
        DISPUTE_HEADER,
        ["JF-OK", "桥湾村", "2023-04-03", "", "一条没有问题的行", "调处中", ""],
        ["JF-BAD", "桥湾村", "2023-04-03", "", "宅基地边界争议", status, resolved_on],
    ]

    result = import_file("disputes", write_xlsx(tmp_path / "d.xlsx", rows))

    assert result.code == 1
    assert "第 3 行 [化解日期]" in result.err and reason in result.err
    assert "未写入任何数据" in result.err
    assert not Dispute.objects.exists()


def test_dry_run_writes_nothing(world, tmp_path):
    result = import_file("disputes", write_xlsx(tmp_path / "d.xlsx", DISPUTE_ROWS), "--dry-run")

    assert result.code == 0
    assert "校验通过" in result.out
    assert not Dispute.objects.exists()
