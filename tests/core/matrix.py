"""Matrix cases of core pages added after tests/matrix.py's CORE_CASES (to move there when convenient)."""

from tests.matrix import Case, register_cases

register_cases(
    {
        # Any signed-in user changes their own password; there is no object to scope.
        "password-change": Case(),
    }
)
