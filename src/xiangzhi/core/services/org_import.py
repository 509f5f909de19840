"""``xiangzhi import orgs FILE``: load an org tree from Excel, all or nothing.

Refused with the row named: a code repeated in the file, an unknown parent, a cycle, a level
under a level it may not sit under (a village under a grid), or an attempt to move or re-level an
existing unit (moving units changes who sees what, so it is done in the UI, one unit at a time).
"""

from dataclasses import dataclass

from django.db import transaction

from xiangzhi.core.ledgers.importer import ImportReport
from xiangzhi.core.models import OrgLevel, OrgUnit
from xiangzhi.core.models.orgs import LEVEL_BY_LABEL, parent_level_error
from xiangzhi.core.tabular import Column, RowError, Sheet, parse_rows, read_rows, write_rows
from xiangzhi.core.tabular.normalise import display_value

ORG_SHEET = Sheet(
    name="orgs",
    title="组织机构",
    key=("code",),
    columns=(
        Column("编码", "code", required=True, example="410811101201", max_length=32),
        Column("名称", "name", required=True, example="桥湾村", max_length=100),
        Column("层级", "level", required=True, kind="choice", choices=tuple(LEVEL_BY_LABEL), example="村"),
        Column("上级编码", "parent", example="410811101", help="顶级单位留空"),
    ),
)
_HEADERS = {c.field: c.header for c in ORG_SHEET.columns}


@dataclass
class _Row:
    number: int
    code: str
    name: str
    level: str
    parent: str | None
    raw: dict


def import_orgs(source, filename: str, *, dry_run: bool = False) -> ImportReport:
    reader = read_rows(source, filename, ORG_SHEET)
    report = ImportReport("orgs", filename, dry_run, warnings=list(reader.warnings))
    rows: dict[str, _Row] = {}
    for parsed in parse_rows(reader, ORG_SHEET):
        report.total += 1
        report.errors.extend(parsed.errors)
        if not parsed.errors:
            v = parsed.values
            level = LEVEL_BY_LABEL[v["level"]]
            rows[v["code"]] = _Row(parsed.number, v["code"], v["name"], level, v.get("parent"), parsed.raw)
    existing = _existing_units(rows)
    for row in rows.values():
        report.errors.extend(_check_row(row, rows, existing))
    report.errors.extend(_cycles(rows))
    report.errors.sort(key=lambda e: e.row)
    if report.ok:
        with transaction.atomic():
            _write(rows, existing, report)
            if dry_run:
                transaction.set_rollback(True)
    return report


def _error(row: _Row, field: str, reason: str) -> RowError:
    return RowError(row.number, _HEADERS[field], display_value(row.raw.get(field)), reason)


def _existing_units(rows: dict[str, _Row]) -> dict[str, OrgUnit]:
    codes = set(rows) | {r.parent for r in rows.values() if r.parent}
    return {u.code: u for u in OrgUnit.objects.filter(code__in=codes)}


def _check_row(row: _Row, rows, existing) -> list[RowError]:
    if row.parent and row.parent not in rows and row.parent not in existing:
        return [_error(row, "parent", "上级编码不存在（既不在文件中，也不在系统中）")]
    if row.parent == row.code:
        return [_error(row, "parent", "上级不能是自己")]
    parent_level = None
    if row.parent:
        parent_level = rows[row.parent].level if row.parent in rows else existing[row.parent].level
    message = parent_level_error(row.level, parent_level)
    if message:
        return [_error(row, "level", message)]
    current = existing.get(row.code)
    if current is not None:
        current_parent = current.get_parent()
        if current.level != row.level or (current_parent.code if current_parent else None) != row.parent:
            return [_error(row, "code", "该编码的单位已存在，导入不能改变它的层级或上级")]
    return []


def _cycles(rows: dict[str, _Row]) -> list[RowError]:
    errors, cleared = [], set()
    for start in rows:
        seen: list[str] = []
        code = start
        while code in rows and code not in cleared:
            if code in seen:
                loop = seen[seen.index(code) :]
                errors.extend(
                    _error(rows[c], "parent", "上级关系形成循环：" + " → ".join([*loop, code]))
                    for c in loop
                    if c == start
                )
                break
            seen.append(code)
            code = rows[code].parent
        else:
            cleared.update(seen)
    return errors


def _write(rows: dict[str, _Row], existing: dict[str, OrgUnit], report: ImportReport) -> None:
    units = dict(existing)
    for row in _parents_first(rows):
        unit = units.get(row.code)
        if unit is not None:
            if unit.name != row.name:
                unit.name = row.name
                unit._change_reason = f"导入 {report.filename}"
                unit.save()
                report.updated += 1
            else:
                report.unchanged += 1
            continue
        fields = {"code": row.code, "name": row.name, "level": row.level}
        parent = units.get(row.parent) if row.parent else None
        if parent is not None:
            parent.refresh_from_db()
        units[row.code] = (
            OrgUnit.objects.add_child(parent, fields) if parent else OrgUnit.objects.add_root(fields)
        )
        report.created += 1


def _parents_first(rows: dict[str, _Row]) -> list[_Row]:
    ordered, placed = [], set()

    def place(row: _Row) -> None:
        if row.code in placed:
            return
        if row.parent in rows:
            place(rows[row.parent])
        placed.add(row.code)
        ordered.append(row)

    for row in rows.values():
        place(row)
    return ordered


def export_orgs(town: OrgUnit, out) -> None:
    units = OrgUnit.objects.active().filter(path__startswith=town.path).order_by("path")
    by_path = {u.path: u.code for u in units}
    parent = town.get_parent()

    def parent_code(unit: OrgUnit) -> str | None:
        if unit.pk == town.pk:
            return parent.code if parent else None
        return by_path.get(unit.path[: -OrgUnit.steplen])

    rows = (
        {"code": u.code, "name": u.name, "level": OrgLevel(u.level).label, "parent": parent_code(u)}
        for u in units
    )
    write_rows(ORG_SHEET, rows, out)
