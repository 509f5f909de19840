"""Export a ledger in its template layout (re-importable) and write blank templates."""

import io

from xiangzhi.core.ledgers.orgdir import OrgDirectory
from xiangzhi.core.tabular import write_rows, write_template


def export_records(ledger, records, out, *, root, reveal: bool = True) -> None:
    """Stream the records into ``out`` as an .xlsx in the same layout as the template.

    ``root`` is the org unit the export covers (names of villages and grids come from it).
    """
    orgs = OrgDirectory(root)
    ordered = records.order_by(*ledger.key_fields).select_related(*ledger.select_related)
    rows = (ledger.to_export_row(r, orgs, reveal=reveal) for r in ordered.iterator(chunk_size=2000))
    write_rows(ledger.sheet, rows, out)


def template_bytes(ledger) -> bytes:
    buffer = io.BytesIO()
    write_template(ledger.sheet, buffer)
    return buffer.getvalue()
