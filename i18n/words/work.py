"""Words of the work area (see `i18n.catalogue`)."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
}
