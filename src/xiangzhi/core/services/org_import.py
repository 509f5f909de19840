"""``xiangzhi import orgs FILE``: load an org tree from Excel, all or nothing.

Refused with the row named: a code repeated in the file, an unknown parent, a cycle, a level
under a level it may not sit under (a village under a grid), an attempt to move or re-level an
existing unit (moving units changes who sees what, so it is done in the UI, one unit at a time),
or a row that touches a deleted unit (it is restored from the trash first, deliberately).
"""

from dataclasses import dataclass

from django.db import transaction

from xiangzhi.core.ledgers.importer import ImportReport
from xiangzhi.core.models import OrgLevel, OrgUnit
from xiangzhi.core.models.orgs import LEVEL_BY_LABEL, parent_level_error
from xiangzhi.core.services.access import require_actor
from xiangzhi.core.tabular import Column, ExampleRow, RowError, Sheet, parse_rows, read_rows, write_rows
from xiangzhi.core.tabular.normalise import display_value

ORG_SHEET = Sheet(
    name="orgs",
    title="组织机构",
    key=("code",),
    columns=(
        # The demo's own 桥湾村: the example imported unchanged into the demo town changes nothing.
        Column("编码", "code", required=True, example="410811101210", max_length=32),
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


@dataclass
class _Existing:
    """Units already in the database that the file names, with each one's parent code."""

    units: dict[str, OrgUnit]
    parent_codes: dict[str, str | None]


def import_orgs(source, filename: str, *, acting_user, dry_run: bool = False) -> ImportReport:
    """Raises ``FileRejected`` for an unreadable file; row errors go in the report."""
    require_actor(acting_user)
    reader = read_rows(source, filename, ORG_SHEET)
    report = ImportReport("orgs", filename, dry_run, warnings=list(reader.warnings))
    rows, invalid = _parse(reader, report)
    existing = _existing_units(rows)
    for row in rows.values():
        report.errors.extend(_check_row(row, rows, invalid, existing))
    report.errors.extend(_cycles(rows))
    report.errors.extend(_repeated_names(rows, existing))
    report.errors.sort(key=lambda e: e.row)
    if report.ok:
        with transaction.atomic():
            _write(rows, existing, report, acting_user)
            if dry_run:
                transaction.set_rollback(True)
    return report


def _parse(reader, report: ImportReport) -> tuple[dict[str, "_Row"], set[str]]:
    """Valid rows by code, and the codes of rows with cell errors (their children are not blamed)."""
    rows: dict[str, _Row] = {}
    invalid: set[str] = set()
    for parsed in ExampleRow(reader.columns_found).noted(parse_rows(reader, ORG_SHEET), report.warnings):
        report.total += 1
        report.errors.extend(parsed.errors)
        v = parsed.values
        if parsed.errors:
            if v.get("code"):
                invalid.add(v["code"])
            continue
        level = LEVEL_BY_LABEL[v["level"]]
        rows[v["code"]] = _Row(parsed.number, v["code"], v["name"], level, v.get("parent"), parsed.raw)
    return rows, invalid


def _error(row: _Row, field: str, reason: str) -> RowError:
    return RowError(row.number, _HEADERS[field], display_value(row.raw.get(field)), reason)


def _existing_units(rows: dict[str, _Row]) -> _Existing:
    """Two queries whatever the file's size: the named units, then their parents."""
    codes = set(rows) | {r.parent for r in rows.values() if r.parent}
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=codes)}
    parent_paths = {u.path[: -OrgUnit.steplen] for u in units.values() if u.depth > 1}
    code_by_path = dict(OrgUnit.objects.filter(path__in=parent_paths).values_list("path", "code"))
    parent_codes = {code: code_by_path.get(u.path[: -OrgUnit.steplen]) for code, u in units.items()}
    return _Existing(units, parent_codes)


def _check_row(row: _Row, rows, invalid: set[str], existing: _Existing) -> list[RowError]:
    if row.parent == row.code:
        return [_error(row, "parent", "上级不能是自己")]
    parent = existing.units.get(row.parent) if row.parent not in rows else None
    if row.parent and row.parent not in rows and parent is None:
        if row.parent in invalid:
            return []  # the parent's own row is already reported
        return [_error(row, "parent", "上级编码不存在（既不在文件中，也不在系统中）")]
    if parent is not None and parent.deleted_at is not None:
        return [_error(row, "parent", "上级单位已删除，请先在回收站恢复")]
    parent_level = rows[row.parent].level if row.parent in rows else (parent.level if parent else None)
    message = parent_level_error(row.level, parent_level)
    if message:
        return [_error(row, "level", message)]
    return _check_existing(row, existing)


def _check_existing(row: _Row, existing: _Existing) -> list[RowError]:
    current = existing.units.get(row.code)
    if current is None:
        return []
    if current.level != row.level or existing.parent_codes[row.code] != row.parent:
        return [_error(row, "code", "该编码的单位已存在，导入不能改变它的层级或上级")]
    if current.deleted_at is not None:
        return [_error(row, "code", "该编码的单位已删除，请先在回收站恢复")]
    return []


def _repeated_names(rows: dict[str, _Row], existing: _Existing) -> list[RowError]:
    """Two units of one parent under one name: ledgers name villages and grids by name, so an
    import could not tell them apart. One query, for the units that already hold the file's names."""
    errors, first = [], {}
    for row in rows.values():
        earlier = first.setdefault((row.parent, row.name), row)
        if row.parent and earlier is not row:
            errors.append(_error(row, "name", f"与第 {earlier.number} 行属于同一上级且同名"))
    holders = OrgUnit.objects.active().filter(name__in={row.name for row in rows.values()})
    held = {
        (path[: -OrgUnit.steplen], name): code
        for code, name, path in holders.values_list("code", "name", "path")
    }
    for row in rows.values():
        parent = existing.units.get(row.parent)
        holder = held.get((parent.path, row.name)) if parent is not None else None
        if holder is not None and holder != row.code and holder not in rows:
            errors.append(_error(row, "name", f"上级单位下已有同名单位（编码 {holder}），村和网格不能重名"))
    return errors


def _cycles(rows: dict[str, _Row]) -> list[RowError]:
    """Rows whose chain of parents inside the file comes back to themselves."""
    errors, cleared = [], set()
    for start in rows:
        seen: list[str] = []
        code = start
        while code in rows and code not in cleared:
            if code in seen:
                loop = seen[seen.index(code) :]
                if start in loop and len(loop) > 1:  # a unit that is its own parent is reported apart
                    path = " → ".join([*loop[loop.index(start) :], *loop[: loop.index(start)], start])
                    errors.append(_error(rows[start], "parent", f"上级关系形成循环：{path}"))
                break
            seen.append(code)
            code = rows[code].parent
        else:
            cleared.update(seen)
    return errors


def _write(rows: dict[str, _Row], existing: _Existing, report: ImportReport, acting_user) -> None:
    """Create units parents-first, rename existing ones; each save leaves a history entry."""
    units = dict(existing.units)
    reason = f"导入 {report.filename}"
    for row in _parents_first(rows):
        unit = units.get(row.code)
        if unit is not None:
            if unit.name == row.name:
                report.unchanged += 1
                continue
            unit.name = row.name
            # Only the name: the copy was read before the transaction, its tree columns may be stale.
            _attribute(unit, acting_user, reason).save(update_fields=["name"])
            report.updated += 1
            continue
        unit = _attribute(OrgUnit(code=row.code, name=row.name, level=row.level), acting_user, reason)
        parent = units.get(row.parent) if row.parent else None
        if parent is None:
            units[row.code] = OrgUnit.objects.add_root(instance=unit)
        else:
            parent.refresh_from_db(fields=["numchild"])  # add_child counts on an up-to-date numchild
            units[row.code] = OrgUnit.objects.add_child(parent, instance=unit)
        report.created += 1


def _attribute(unit: OrgUnit, acting_user, reason: str) -> OrgUnit:
    unit._history_user = acting_user
    unit._change_reason = reason
    return unit


def _parents_first(rows: dict[str, _Row]) -> list[_Row]:
    ordered, placed = [], set()

    def place(row: _Row) -> None:
        if row.code in placed:
            return
        placed.add(row.code)
        if row.parent in rows:
            place(rows[row.parent])
        ordered.append(row)

    for row in rows.values():
        place(row)
    return ordered


def export_orgs(town: OrgUnit, out) -> None:
    """The town's live subtree plus its chain of ancestors, parents first.

    With the ancestors in the file, the export re-imports into an empty database as the same tree;
    over the database it came from it changes nothing.
    """
    ancestors = list(OrgUnit.objects.get_ancestors(town))
    subtree = OrgUnit.objects.active().filter(path__startswith=town.path).order_by("path")
    units = [*ancestors, *subtree]
    code_by_path = {u.path: u.code for u in units}
    rows = (
        {
            "code": u.code,
            "name": u.name,
            "level": OrgLevel(u.level).label,
            "parent": code_by_path.get(u.path[: -OrgUnit.steplen]),
        }
        for u in units
    )
    write_rows(ORG_SHEET, rows, out)
