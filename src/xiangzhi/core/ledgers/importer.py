"""Import a ledger file: stream, validate every row, upsert by key with history — all or nothing.

One pass over the file inside one transaction: rows are validated as they stream in and written
in chunks while the file is clean; after the first bad row the rest is only validated (so the
user sees every error at once) and the transaction is rolled back. Nothing of a bad file is
written, and memory stays flat however long the file is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction

from xiangzhi.core.ledgers.bulk import import_page_cache
from xiangzhi.core.ledgers.checks import FieldChecks, FreeTextMasks
from xiangzhi.core.ledgers.context import ImportContext, RowProblems
from xiangzhi.core.ledgers.declaration import Ledger
from xiangzhi.core.ledgers.locks import wait_for_other_imports
from xiangzhi.core.ledgers.moves import StoredStateGuard
from xiangzhi.core.ledgers.stored import StoredRecordGuard
from xiangzhi.core.ledgers.writer import ChunkWriter
from xiangzhi.core.tabular import ExampleRow, Limits, RowError, parse_rows, read_rows
from xiangzhi.core.tabular.normalise import display_value

PROGRESS_EVERY = 2000


@dataclass
class ImportReport:
    ledger: str
    filename: str
    dry_run: bool
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        verb = "校验通过（未写入）" if self.dry_run else "导入完成"
        return f"{verb}：共 {self.total} 行，新增 {self.created}，更新 {self.updated}，未变 {self.unchanged}"


class _Rollback(Exception):
    pass


def import_limits() -> Limits:
    """The size limits of a ledger file; ``settings.XIANGZHI_IMPORT_LIMITS`` (a dict of ``Limits``
    fields, e.g. ``{"max_rows": 50_000}``) overrides any of them for an installation."""
    return Limits(**getattr(settings, "XIANGZHI_IMPORT_LIMITS", {}))


def import_file(
    ledger: Ledger,
    source,
    filename: str,
    *,
    town,
    acting_user,
    dry_run: bool = False,
    limits: Limits | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Raises ``FileRejected`` for a file that cannot be read at all; row errors go in the report."""
    reader = read_rows(source, filename, ledger.sheet, limits or import_limits())
    report = ImportReport(ledger.name, filename, dry_run, warnings=list(reader.warnings))
    ctx = ImportContext(town=town, acting_user=acting_user, ledger=ledger.name)
    reason = f"导入 {filename}"
    try:
        with import_page_cache(), transaction.atomic():
            wait_for_other_imports(ledger.name, town)
            writer = ChunkWriter(ledger, ctx, report, acting_user=acting_user, reason=reason)
            parsed = parse_rows(reader, ledger.sheet, ledger.personal_columns)
            rows = ExampleRow(reader.columns_found).noted(parsed, report.warnings)
            _consume(ledger, rows, _Resolver(ledger, ctx), report, writer, progress)
            if report.ok:
                writer.flush()
            if not report.ok or dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return report


def _consume(ledger, rows, resolver, report, writer, progress) -> None:
    kept = None  # every row of a file has the same columns, so the same fields to keep
    for parsed in rows:
        report.total += 1
        if progress is not None and report.total % PROGRESS_EVERY == 0:
            progress(report.total)
        if parsed.errors:
            report.errors.extend(parsed.errors)
            continue
        fields = resolver.fields(parsed, report)
        if fields is not None and report.ok:
            if kept is None:
                kept = ledger.fields_from_absent_columns(parsed.values)
            writer.add(fields, kept=kept, number=parsed.number)


class _Resolver:
    """A parsed row as model fields, after the ledger's rules and the model's own field limits."""

    def __init__(self, ledger, ctx):
        self.ledger = ledger
        self.ctx = ctx
        self.checks = FieldChecks(ledger)
        self.masks = FreeTextMasks(ledger)
        self.stored = StoredRecordGuard(ledger, ctx)
        self.moves = StoredStateGuard(ledger, ctx)
        self.first_row: dict[Any, int] = {}

    def fields(self, parsed, report) -> dict[str, Any] | None:
        ledger = self.ledger
        try:
            fields = ledger.resolve(parsed.values, self.ctx)
            problems = [*ledger.validate(fields), *self.checks.problems(fields)]
            if not problems:
                problems = (
                    self._duplicate(fields, parsed)
                    or self.stored.problems(fields)
                    or self.moves.problems(fields)
                )
            if problems:
                raise RowProblems(problems)
        except RowProblems as exc:
            report.errors.extend(row_errors(ledger, parsed, exc.problems))
            return None
        report.warnings.extend(self.masks.warnings(fields, parsed.number))
        return fields

    def _duplicate(self, fields, parsed) -> list[tuple[str, str]]:
        """Rows naming one record in different words (桥湾 and 桥湾村, a village's code and its
        name) are duplicates too, though their text differs; the writer relies on never
        receiving a key twice."""
        key = self.ledger.key_of(fields)
        # A one-field key (most ledgers) is remembered bare: a tuple per row would be one more
        # long-lived object for the garbage collector to count and walk.
        first = self.first_row.setdefault(key[0] if len(key) == 1 else key, parsed.number)
        if first == parsed.number:
            return []
        return [(self.ledger.sheet.key[0], f"与第 {first} 行重复")]


def row_errors(ledger, parsed, problems: list[tuple[str, str]]) -> list[RowError]:
    """Problems named by field become ``第 N 行 [列名] 值: 原因`` errors on the user's columns,
    personal data masked as the ledger's model declares it."""
    sheet = ledger.sheet
    by_field = {column.field: column for column in sheet.columns}
    errors = []
    for field_name, reason in problems:
        column = by_field.get(field_name, sheet.columns[0])
        mask = ledger.personal_columns.get(column.field)
        shown = display_value(parsed.raw.get(column.field), column.kind, mask)
        errors.append(RowError(parsed.number, column.header, shown, reason))
    return errors
