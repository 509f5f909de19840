# Registers the matrix cases of core pages newer than tests/matrix.py's CORE_CASES.
from tests.core import matrix  # noqa: F401
