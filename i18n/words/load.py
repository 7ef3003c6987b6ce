"""Words of the load area (see `i18n.catalogue`); one section file per area so parallel work never collides."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
}
