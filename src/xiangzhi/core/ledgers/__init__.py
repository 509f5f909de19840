"""Ledgers: one declaration per ledger drives its import, export, template, list and filters."""

from xiangzhi.core.ledgers.declaration import Ledger, all_ledgers, get_ledger, register_ledger

__all__ = ["Ledger", "all_ledgers", "get_ledger", "register_ledger"]
