"""The one error type users see.

Raise `UserFacingError` (or a subclass) for a problem the user can act on: a file
that cannot be read, a period that does not exist, a name already taken. The CLI
prints its sentence and exits 1; a page shows it in an error box. Anything else
that escapes is a bug: it is logged with its traceback and the user gets the
generic "something went wrong", never a programming error dressed up as advice.

`message` is the Vietnamese sentence (the product's default language). A `key`
names the same sentence in the word catalogue (`i18n.catalogue`), formatted with
`params`, so the boundary can show it in English too; see `i18n.catalogue.error_text`.
"""

from __future__ import annotations


class UserFacingError(Exception):
    def __init__(self, message: str, *, key: str | None = None, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.key = key
        self.params = params

    def __str__(self) -> str:
        return self.message
