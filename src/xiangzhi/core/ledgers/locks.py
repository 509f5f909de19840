"""One import (or check of a file) at a time per town and ledger.

Two imports over the same keys that overlap would each read the records before the other wrote
them: the later one would compare its file with values already gone, and on PostgreSQL their row
locks, taken in file order, could deadlock. Serialised, the second reads what the first committed.

PostgreSQL: a transaction-level advisory lock on the pair (town, ledger), released by the commit
or rollback that ends the import; an import of another ledger or town does not wait. SQLite needs
nothing more: xiangzhi opens every transaction IMMEDIATE (settings), so the import, a check
included, holds the database's one write lock from its first statement to its end.
"""

from __future__ import annotations

import hashlib

from django.db import connections


def import_lock_key(ledger_name: str, town_pk: int) -> int:
    """A signed 64-bit key for the pair, the same in every process of the installation."""
    digest = hashlib.blake2b(f"xiangzhi-import:{town_pk}:{ledger_name}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def wait_for_other_imports(ledger_name: str, town, using: str = "default") -> None:
    """Inside the import's transaction, before it reads anything: wait until no other import of
    this ledger into this town is running, and keep the others waiting until this one ends."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [import_lock_key(ledger_name, town.pk)])
