"""Permission-matrix cases of the economy pages (imported by tests/matrix_ledgers.py)."""

from tests.matrix import Case, register_cases

register_cases({"economy-home": Case()})
