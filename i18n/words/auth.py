"""Words of the auth area (see `i18n.catalogue`)."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
}
