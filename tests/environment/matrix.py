"""Permission-matrix cases of the 人居环境 pages beyond the generic ledger pages."""

from tests.matrix import Case, register_cases

register_cases({"environment-home": Case()})
