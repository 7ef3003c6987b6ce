"""The four evaluation levels and "not enough data" (codes; labels in `i18n.labels`)."""

from __future__ import annotations

from enum import Enum


class Level(str, Enum):
    EXCELLENT = "excellent"
    GOOD = "good"
    COMPLETED = "completed"
    NOT_COMPLETED = "not_completed"
    NO_DATA = "no_data"

    @property
    def order(self) -> int:
        return _ORDER[self.value]


_ORDER = {"excellent": 4, "good": 3, "completed": 2, "not_completed": 1, "no_data": 0}
