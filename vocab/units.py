"""Unit types and the peer groups rankings are made within (codes only; labels in `i18n`)."""

from __future__ import annotations

from enum import Enum


class UnitType(str, Enum):
    DEPARTMENT = "department"
    WARD = "ward"
    COMMUNE = "commune"
    SPECIAL_ZONE = "special_zone"
    DISTRICT = "district"
    PUBLIC_SERVICE_UNIT = "public_service_unit"


class UnitGroup(str, Enum):
    """Peer groups for ranking (agencies are never ranked against communes)."""

    ALL = "all"
    DEPARTMENT = "department"
    WARD = "ward"
    COMMUNE = "commune"
    COMMUNE_LEVEL = "commune_level"

    @property
    def unit_types(self) -> tuple[str, ...]:
        return _GROUP_TYPES[self]


_GROUP_TYPES: dict[UnitGroup, tuple[str, ...]] = {
    UnitGroup.ALL: tuple(t.value for t in UnitType),
    UnitGroup.DEPARTMENT: (UnitType.DEPARTMENT.value, UnitType.PUBLIC_SERVICE_UNIT.value),
    UnitGroup.WARD: (UnitType.WARD.value,),
    # The special zone (Hoàng Sa) is commune-level and ranked with the xã.
    UnitGroup.COMMUNE: (UnitType.COMMUNE.value, UnitType.SPECIAL_ZONE.value),
    UnitGroup.COMMUNE_LEVEL: (UnitType.WARD.value, UnitType.COMMUNE.value, UnitType.SPECIAL_ZONE.value),
}


def group_of(unit_type: str) -> UnitGroup:
    """The narrowest ranking group of a unit type (district → ALL only)."""
    for group in (UnitGroup.DEPARTMENT, UnitGroup.WARD, UnitGroup.COMMUNE):
        if unit_type in group.unit_types:
            return group
    return UnitGroup.ALL
