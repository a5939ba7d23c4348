"""One version for everything cached from the catalogue (facet blocks, search results, the
PDF): it changes when any service is saved, added or removed (newest ``updated`` and the
count, which also covers the importer's bulk writes) and when staff edit a vocabulary (a
generation counter bumped by signals, because vocabulary rows have no timestamps)."""

from django.core.cache import cache
from django.db.models import Count, Max
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
