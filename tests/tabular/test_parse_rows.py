import types

from xiangzhi.core.tabular import Column, RawRow, Sheet, parse_rows, read_rows

from .builders import HEADERS, row, xlsx_bytes


def _parse(rows, sheet):
    return list(parse_rows(read_rows(xlsx_bytes([HEADERS, *rows]), "台账.xlsx", sheet), sheet))


def test_duplicate_key_in_the_file_names_the_first_row(sheet):
    parsed = _parse([row(), row(户编号="NG-002"), row(户编号=" NG-001 ")], sheet)
    assert [p.errors for p in parsed[:2]] == [[], []]
    assert [str(e) for e in parsed[2].errors] == ["第 4 行 [户编号] NG-001: 与第 2 行重复"]


def test_every_bad_cell_of_a_row_is_reported_not_just_the_first(sheet):
    parsed = _parse([row(家庭人口="三", 纳入日期="2023-02-30", 户主姓名="")], sheet)[0]
    assert [e.header for e in parsed.errors] == ["户主姓名", "家庭人口", "纳入日期"]
    assert parsed.values["persons"] is None
    assert parsed.values["village"] == "北官庄村"
    assert not parsed.ok


def test_raw_values_and_whole_row_are_kept_for_error_reporting(sheet):
    parsed = _parse([row(家庭人口="３")], sheet)[0]
    assert parsed.raw["persons"] == "３"
    assert parsed.values["persons"] == 3
    assert parsed.cells[0] == "NG-001"


def test_composite_key_duplicates_use_every_key_column():
    visits = Sheet(
        "visits",
        "走访记录",
        (
            Column("户编号", "household", required=True),
            Column("走访日期", "visited_on", required=True, kind="date"),
            Column("走访人", "visitor", required=True),
        ),
        key=("household", "visited_on", "visitor"),
    )
    rows = [
        RawRow(2, {"household": "NG-1", "visited_on": "2023-07-14", "visitor": "李四"}, []),
        RawRow(3, {"household": "NG-1", "visited_on": "2023/7/14", "visitor": "李四"}, []),
        RawRow(4, {"household": "NG-1", "visited_on": "2023/7/15", "visitor": "李四"}, []),
    ]
    parsed = list(parse_rows(rows, visits))
    assert [len(p.errors) for p in parsed] == [0, 1, 0]
    assert parsed[1].errors[0].header == "户编号+走访日期+走访人"
    assert parsed[1].errors[0].reason == "与第 2 行重复"


def test_parse_rows_is_a_lazy_generator(sheet):
    consumed = []

    def rows():
        for number in (2, 3):
            consumed.append(number)
            yield RawRow(number, dict(zip(["code"], [f"NG-{number}"], strict=True)), [])

    parsed = parse_rows(rows(), Sheet("s", "s", (Column("户编号", "code"),), key=("code",)))
    assert isinstance(parsed, types.GeneratorType)
    assert next(parsed).values == {"code": "NG-2"}
    assert consumed == [2]
