"""Export a ledger in its template layout (re-importable) and write blank templates."""

import io
from dataclasses import dataclass

from xiangzhi.core.ledgers.orgdir import OrgDirectory
from xiangzhi.core.pii.access import log_full_export
from xiangzhi.core.roles import Capability
from xiangzhi.core.tabular import write_rows, write_template


@dataclass(frozen=True)
class Reader:
    """Who an export is for: ``reveal`` is whether personal data goes out in full — the user's
    REVEAL_PII over the exported unit, or the server's operator on the command line (``user=None``).
    There is no default: every caller says which, so no path reveals by forgetting to ask."""

    user: object
    reveal: bool
    channel: str  # "web" or "cli", as the pii.exported event names it

    @classmethod
    def user_over(cls, user, unit) -> "Reader":
        """A signed-in user exporting ``unit``: full values only with REVEAL_PII over that unit."""
        return cls(user=user, reveal=user.can(Capability.REVEAL_PII, unit), channel="web")

    @classmethod
    def operator(cls) -> "Reader":
        """The command line: whoever runs it holds the server and its keys, so sees values in full."""
        return cls(user=None, reveal=True, channel="cli")


def export_records(ledger, records, out, *, root, reader: Reader) -> int:
    """Stream the records into ``out`` as an .xlsx in the same layout as the template; the number
    of records written.

    ``root`` is the org unit the export covers (names of villages and grids come from it). A file
    that holds at least one full personal value is logged as ``pii.exported``.
    """
    orgs = OrgDirectory(root)
    ordered = records.order_by(*ledger.key_fields).select_related(*ledger.select_related)
    personal = list(ledger.personal_columns) if reader.reveal else []
    tally = {"rows": 0, "with_personal_data": 0}

    def rows():
        for record in ordered.iterator(chunk_size=2000):
            row = ledger.to_export_row(record, orgs, reveal=reader.reveal)
            tally["rows"] += 1
            tally["with_personal_data"] += any(row.get(field) for field in personal)
            yield row

    write_rows(ledger.sheet, rows(), out)
    if tally["with_personal_data"]:
        log_full_export(
            user=reader.user,
            org=root,
            ledger_name=ledger.name,
            model=ledger.model,
            rows=tally["rows"],
            fields=personal,
            channel=reader.channel,
        )
    return tally["rows"]


def template_bytes(ledger) -> bytes:
    buffer = io.BytesIO()
    write_template(ledger.sheet, buffer)
    return buffer.getvalue()
