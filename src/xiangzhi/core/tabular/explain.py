"""The rows of the template's 说明 sheet: what each column means and how to fill it in."""

from __future__ import annotations

from xiangzhi.core.tabular.columns import Column, Sheet

EXPLANATION_HEADERS = ("列名", "是否必填", "格式", "允许的值", "说明")

_FORMATS = {
    "text": "文本",
    "int": "整数，如 3",
    "decimal": "数字，可带小数，如 1234.5",
    "date": "日期：2023-07-14、2023/7/14、2023.7.14 或 2023年7月14日",
    "list": "可填多个，用 、 , ， ; ； / 或换行分隔",
    "percent": "百分比：67% 或 0.67",
    "choice": "从允许的值中选一个",
    "id_number": "18 位身份证号，末位 X 可小写；请把该列设为文本格式",
    "period": "期间：2023（年）、2023Q1（季度）、2023-03（月）或 2023H1（半年）",
}


def column_format(column: Column) -> str:
    text = _FORMATS[column.kind]
    if column.max_length:
        text += f"，不超过 {column.max_length} 个字"
    return text


def _notes(sheet: Sheet) -> list[tuple[str, ...]]:
    key = "+".join(sheet.column(name).header for name in sheet.key)
    return [
        (),
        ("填写须知",),
        ("必填列", "", "表头为红色的列必须填写"),
        ("唯一标识", "", f"{key}：已存在的记录会被更新，不会重复新增"),
        ("表头", "", "表头文字请勿修改；列的顺序可以调整，多余的列会被忽略"),
        ("示例行", "", "第 2 行是示例，导入前请删除或改成真实数据（原样留下时，导入会提示）"),
    ]


def explanation_rows(sheet: Sheet) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = [EXPLANATION_HEADERS]
    for column in sheet.columns:
        allowed = "、".join(column.choices)
        if column.default is not None:
            allowed += f"（不填默认为 {column.default}）"
        rows.append(
            (column.header, "是" if column.required else "否", column_format(column), allowed, column.help)
        )
    return rows + _notes(sheet)
