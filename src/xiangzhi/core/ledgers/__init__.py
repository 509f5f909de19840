"""Ledgers: one declaration per ledger drives its import, export, template, list and filters."""

from xiangzhi.core.ledgers.declaration import Ledger, VillageLedger, all_ledgers, get_ledger, register_ledger

__all__ = ["Ledger", "VillageLedger", "all_ledgers", "get_ledger", "register_ledger"]
