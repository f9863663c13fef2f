from .bills import Bill, BillImport
from .buildings import Building, BuildingComplex
from .catalogs import PropertyType, UseType
from .collaborators import (
    CollaboratorInvitation,
    ConcientizedCollaborator,
    GestorAccreditation,
    InvitationUpload,
    ListValidation,
    ListValidationEvent,
)
from .common import ReviewStatus
from .energy import ClientNumber, Distributor, Meter
from .factors import ConversionFactor, GridFactor
from .institutions import Institution, Service
from .milestones import (
    InventoryObservation,
    InventoryRatification,
    InventorySnapshot,
    InventoryUnlock,
    MilestoneCalendar,
)
from .monthly import MonthlyConsumption
from .scope import AggregateInformation, ConsumptionJustification, ScopeDefinition
from .territory import Comuna, Province, Region
from .units import (
    EnergySource,
    Unit,
    UnitArea,
    UnitAssignment,
    UnitEnergySource,
    UnitFloor,
    unit_filter,
)

__all__ = [
    "ConversionFactor",
    "GridFactor",
    "MonthlyConsumption",
    "BillImport",
    "ListValidationEvent",
    "ListValidation",
    "InvitationUpload",
    "CollaboratorInvitation",
    "AggregateInformation",
    "Bill",
    "ClientNumber",
    "Distributor",
    "Meter",
    "Building",
    "BuildingComplex",
    "Comuna",
    "ConcientizedCollaborator",
    "ConsumptionJustification",
    "EnergySource",
    "GestorAccreditation",
    "Institution",
    "InventoryObservation",
    "InventoryRatification",
    "InventorySnapshot",
    "InventoryUnlock",
    "MilestoneCalendar",
    "PropertyType",
    "Province",
    "Region",
    "ReviewStatus",
    "ScopeDefinition",
    "Service",
    "Unit",
    "UnitArea",
    "UnitAssignment",
    "UnitEnergySource",
    "UnitFloor",
    "UseType",
    "unit_filter",
]
