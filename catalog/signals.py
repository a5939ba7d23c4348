"""Side effects of saving catalogue data, connected in ``CatalogConfig.ready()``: every
change that moves the catalogue's version bumps the vocabulary generation (cached facets,
searches and PDFs become stale) and schedules the printed catalogue's pre-render."""

from django.db.models.signals import m2m_changed, post_delete, post_save


def connect():
    from taggit.models import Tag

    from .cache_version import bump_generation
    from .models import (
        AgeGroup,
        CapacityUnit,
        Municipality,
        Provider,
        RegisterTargetGroup,
        Service,
        ServiceForm,
        ServiceType,
        TargetGroup,
    )
    from .pdf_prerender import schedule

    vocabularies = (
        AgeGroup,
        CapacityUnit,
        Municipality,
        RegisterTargetGroup,
        ServiceForm,
        ServiceType,
        TargetGroup,
        Tag,
    )
    for model in vocabularies:
        post_save.connect(bump_generation, sender=model, dispatch_uid=f"catalog-gen-{model}")
        post_delete.connect(bump_generation, sender=model, dispatch_uid=f"catalog-gen-d-{model}")
    # which register groups belong to a planning group decides the planning-group facet
    planning_map = TargetGroup.register_groups.through
    m2m_changed.connect(
        bump_generation, sender=planning_map, dispatch_uid="catalog-gen-planning-map"
    )
    # every change that moves the version also renders the printed catalogue ahead of demand
    for model in (Service, Provider, *vocabularies):
        post_save.connect(schedule, sender=model, dispatch_uid=f"catalog-pdf-{model}")
        post_delete.connect(schedule, sender=model, dispatch_uid=f"catalog-pdf-d-{model}")
    m2m_changed.connect(schedule, sender=planning_map, dispatch_uid="catalog-pdf-planning-map")
