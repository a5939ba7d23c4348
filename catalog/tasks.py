"""Background work of the catalogue (django-tasks)."""

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.storage import default_storage
from django_tasks import task

from .importer import RegisterImportError, import_register


@task()
def import_register_file(path, area_codes, dry_run=False, user_id=None):
    """Import a register file uploaded in the admin; return the report lines. The uploaded
    copy is removed afterwards whatever happens."""
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    try:
        with default_storage.open(path, "rb") as fileobj:
            report = import_register(fileobj, set(area_codes), dry_run=dry_run, user=user)
        return list(report.lines())
    except RegisterImportError as error:
        return [str(error)]
    finally:
        default_storage.delete(path)


@task()
def render_catalogue_pdf():
    """Render the whole catalogue's PDF into the cache (see ``pdf_prerender``)."""
    from .pdf import render_whole_catalogue
    from .pdf_prerender import PENDING_KEY

    # cleared first: a change made while this renders queues the next render
    cache.delete(PENDING_KEY)
    return render_whole_catalogue()
