"""The one exception type the core raises for a user-facing problem, with its exit code."""

from __future__ import annotations

EXIT_OK = 0
EXIT_RUNTIME = 1  # unreadable/unusable input, no result (search)
EXIT_USAGE = 2  # bad arguments: unknown option, missing path, ambiguous section


class KyivError(Exception):
    """A problem the user can act on: printed as one line on stderr, never as a traceback."""

    def __init__(self, message: str, exit_code: int = EXIT_RUNTIME) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
