"""Writes of the management platform, one module per area; names re-exported here."""

from .accounts import (
    create_service_account,
    deactivate_service_account,
    grantable_roles,
    manageable_services,
    update_service_account,
)
from .buildings import create_building, update_building
from .locks import InventoryLocked, ensure_inventory_editable, inventory_lock
from .milestones import (
    add_observation,
    answer_observation,
    build_inventory_snapshot,
    ratify_inventory,
    start_inventory_snapshots,
    unlock_inventory,
)
from .scope import (
    UnitFlags,
    allowed_start_years,
    review_justification,
    review_scope,
    save_aggregate_information,
    save_consumption_justification,
    save_scope_justification,
    set_start_years,
    unit_flags,
)
from .units import (
    add_area,
    create_unit,
    deactivate_unit,
    parse_floors,
    reactivate_unit,
    remove_area,
    set_energy_source,
    update_unit,
)

__all__ = [
    "InventoryLocked",
    "UnitFlags",
    "add_area",
    "add_observation",
    "allowed_start_years",
    "answer_observation",
    "build_inventory_snapshot",
    "create_building",
    "create_service_account",
    "create_unit",
    "deactivate_service_account",
    "deactivate_unit",
    "ensure_inventory_editable",
    "grantable_roles",
    "inventory_lock",
    "manageable_services",
    "parse_floors",
    "ratify_inventory",
    "reactivate_unit",
    "remove_area",
    "review_justification",
    "review_scope",
    "save_aggregate_information",
    "save_consumption_justification",
    "save_scope_justification",
    "set_energy_source",
    "set_start_years",
    "start_inventory_snapshots",
    "unit_flags",
    "unlock_inventory",
    "update_building",
    "update_service_account",
    "update_unit",
]
