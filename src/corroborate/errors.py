"""One root exception for the whole engine.

Every message says what went wrong, where (file, line, URL) and what to do about it.
"""

from __future__ import annotations


class CorroborateError(Exception):
    """Root of every error Corroborate raises on purpose."""


class InputError(CorroborateError):
    """An input file, line or URL cannot be used; the batch goes on without it."""

    def __init__(self, path: str, problem: str, hint: str = "") -> None:
        self.path = path
        self.problem = problem
        self.hint = hint
        super().__init__(self.reason)

    @property
    def reason(self) -> str:
        """The message stored in ``rejected``: the problem and what to do."""
        return f"{self.problem}; {self.hint}" if self.hint else self.problem

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class StoreError(CorroborateError):
    """The store cannot be opened, migrated or written."""


class ConfigError(CorroborateError):
    """A command-line option or setting is invalid."""
