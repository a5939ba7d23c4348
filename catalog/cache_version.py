"""One version for everything cached from the catalogue (facet blocks, search results, the
PDF): it changes when any service is saved, added or removed (newest ``updated`` and the
count, which also covers the importer's bulk writes) and when staff edit a vocabulary (a
generation counter bumped by signals, because vocabulary rows have no timestamps)."""

from django.core.cache import cache
from django.db.models import Count, Max
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

GENERATION_KEY = "catalog:vocabulary-generation"


def bump_generation(**kwargs):
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not in the cache yet (or evicted): any new value differs
        cache.set(GENERATION_KEY, 1, None)


def catalogue_version():
    from .models import Provider, Service

    services = Service.objects.aggregate(updated=Max("updated"), count=Count("pk"))
    providers = Provider.objects.aggregate(updated=Max("updated"))
    generation = cache.get_or_set(GENERATION_KEY, 0, None)
    # the date too: a service whose validity ends today leaves the catalogue tomorrow
    return (
        f"{generation}|{services['updated']}|{services['count']}|{providers['updated']}"
        f"|{timezone.localdate()}"
    )


def connect_signals():
    from taggit.models import Tag

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
