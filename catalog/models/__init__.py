"""The catalogue's models: shared vocabularies, providers and services."""

from .history import CatalogLogEntry
from .imports import RegisterImport
from .providers import Provider
from .services import Service, ServiceContact, ServicePlace, TaggedService
from .vocabularies import (
    AgeGroup,
    CapacityUnit,
    Municipality,
    RegisterTargetGroup,
    ServiceForm,
    ServiceType,
    TargetGroup,
    VocabularyTerm,
)

__all__ = [
    "AgeGroup",
    "CapacityUnit",
    "CatalogLogEntry",
    "Municipality",
    "Provider",
    "RegisterImport",
    "RegisterTargetGroup",
    "Service",
    "ServiceContact",
    "ServiceForm",
    "ServicePlace",
    "ServiceType",
    "TaggedService",
    "TargetGroup",
    "VocabularyTerm",
]

from .pages import CatalogPage  # noqa: E402

__all__ += ["CatalogPage"]
