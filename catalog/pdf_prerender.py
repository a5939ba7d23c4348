"""Keeps the whole catalogue's PDF rendered ahead of demand: after any change the worker
renders it into the cache, so the first visitor after an edit or an import does not wait
for WeasyPrint (seconds for a town, over ten for a national-size catalogue).

Edits in a row share one render: a change queues the task only when none is waiting (a
cache flag the task clears when it starts), and the task runs a little after the change,
so it renders whatever the catalogue looks like by then."""

import logging
from datetime import timedelta

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from kpss_pages.core.conf import kpss_settings

logger = logging.getLogger(__name__)

PENDING_KEY = "catalog:pdf-prerender-pending"
# if the worker is down the flag expires, so later changes queue again
PENDING_SECONDS = 15 * 60


def schedule(**kwargs):
    """Signal receiver: queue a render once the change is committed (nothing for a rollback,
    such as an import's dry run)."""
    if kpss_settings.CATALOG_PDF_PRERENDER:
        transaction.on_commit(enqueue, robust=True)


def enqueue():
    from .tasks import render_catalogue_pdf

    if not cache.add(PENDING_KEY, 1, PENDING_SECONDS):
        return
    task = render_catalogue_pdf
    if task.get_backend().supports_defer:
        delay = timedelta(seconds=kpss_settings.CATALOG_PDF_PRERENDER_DELAY)
        task = task.using(run_after=timezone.now() + delay)
    try:
        task.enqueue()
    except Exception:  # the PDF is then rendered on the first request, as without the worker
        cache.delete(PENDING_KEY)
        logger.exception("Could not queue the catalogue PDF rendering")
