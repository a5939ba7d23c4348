"""Background work of the catalogue (django-tasks)."""

import logging

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from .importer import RegisterImportError, import_register

logger = logging.getLogger(__name__)


@task()
def import_register_file(path, import_id):
    """Import a register file uploaded in the admin and keep the report in its
    RegisterImport row (shown on the import page). The uploaded copy is removed afterwards
    whatever happens."""
    from .models import RegisterImport

    record = RegisterImport.objects.filter(pk=import_id).first()
    if record is None:
        default_storage.delete(path)
        return []
    RegisterImport.objects.filter(pk=record.pk).update(state=RegisterImport.State.RUNNING)
    state = RegisterImport.State.DONE
    try:
        with default_storage.open(path, "rb") as fileobj:
            report = import_register(
                fileobj, set(record.area), dry_run=record.dry_run, user=record.user
            )
        lines = list(report.lines())
    except RegisterImportError as error:
        state = RegisterImport.State.FAILED
        lines = [_("%(error)s The database was not changed.") % {"error": error}]
    except Exception:
        # Kept for staff instead of a traceback nobody reads; the transaction rolled back.
        logger.exception("register import %s failed", record.pk)
        state = RegisterImport.State.FAILED
        lines = [_("The import failed unexpectedly. The database was not changed.")]
    finally:
        default_storage.delete(path)
    RegisterImport.objects.filter(pk=record.pk).update(
        state=state, report=lines, finished_at=timezone.now()
    )
    return lines


@task()
def render_catalogue_pdf():
    """Render the whole catalogue's PDF into the cache (see ``pdf_prerender``)."""
    from .pdf import render_whole_catalogue
    from .pdf_prerender import PENDING_KEY

    # cleared first: a change made while this renders queues the next render
    cache.delete(PENDING_KEY)
    return render_whole_catalogue()
