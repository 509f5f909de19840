"""Record factories of this app's ledgers for the permission matrix (see tests/factories.py)."""

FACTORIES: dict = {}
