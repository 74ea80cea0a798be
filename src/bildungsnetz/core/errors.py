"""The one error type services raise for rule violations and bad input."""


class DomainError(Exception):
    """A German, user-facing message, optionally naming the field it concerns."""

    def __init__(self, message: str, *, field: str | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message
