"""Background import of an export uploaded in the admin (django-tasks)."""

import logging
import shutil
import tempfile
import zipfile
from dataclasses import asdict
from pathlib import Path, PurePosixPath

from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from .sources import PloneImportError

logger = logging.getLogger(__name__)

MAX_UNPACKED = 20 * 1024**3  # a zip bomb is refused, a real site's export fits


def unpack(upload, directory):
    """The export inside the uploaded file: the JSON file itself, or the export found in a
    zip (a JSON file, a numbered-files directory or a plone.exportimport directory)."""
    directory = Path(directory)
    if not zipfile.is_zipfile(upload):
        return upload
    with zipfile.ZipFile(upload) as archive:
        members = archive.infolist()
        if sum(m.file_size for m in members) > MAX_UNPACKED:
            raise PloneImportError(_("The zip file unpacks to more than 20 GB."))
        for member in members:
            name = PurePosixPath(member.filename)
            if name.is_absolute() or ".." in name.parts:
                raise PloneImportError(_("The zip file contains unsafe paths."))
        archive.extractall(directory)
    for metadata in sorted(directory.rglob("__metadata__.json"), key=lambda p: len(p.parts)):
        return metadata.parent.parent
    numbered = sorted(
        {p.parent for p in directory.rglob("*.json") if p.stem.isdecimal()},
        key=lambda p: len(p.parts),
    )
    if numbered:
        return numbered[0]
    files = sorted(directory.rglob("*.json"), key=lambda p: p.stat().st_size, reverse=True)
    if files:
        return files[0]
    raise PloneImportError(_("The zip file holds no Plone export."))


@task()
def import_plone_upload(path, import_id):
    """Import an uploaded export and keep the report in its PloneImport row. The uploaded
    copy and its unpacked files are removed afterwards whatever happens."""
    from .importer import import_plone
    from .models import PloneImport

    record = PloneImport.objects.filter(pk=import_id).first()
    if record is None or record.parent is None:
        default_storage.delete(path)
        return
    PloneImport.objects.filter(pk=record.pk).update(state=PloneImport.State.RUNNING)
    workdir = Path(tempfile.mkdtemp(prefix="kpss-plone-"))
    state, summary, rows = PloneImport.State.DONE, "", []
    try:
        local = workdir / "upload"
        with default_storage.open(path, "rb") as source, open(local, "wb") as target:
            shutil.copyfileobj(source, target)
        export = unpack(local, workdir / "export")
        if export == local:
            export = local.rename(workdir / "Plone.json")
        report = import_plone(
            export, record.parent.specific, dry_run=record.dry_run, progress=record.set_progress
        )
        summary = "\n".join(report.table()[-2 if report.dry_run else -1 :])
        rows = [dict(asdict(row), action=report.label(row.action)) for row in report.rows]
    except PloneImportError as error:
        state = PloneImport.State.FAILED
        summary = _("%(error)s The database was not changed.") % {"error": error}
    except Exception:
        logger.exception("Plone import %s failed", record.pk)
        state = PloneImport.State.FAILED
        summary = _("The import failed unexpectedly. The database was not changed.")
    finally:
        default_storage.delete(path)
        shutil.rmtree(workdir, ignore_errors=True)
    PloneImport.objects.filter(pk=record.pk).update(
        state=state, summary=summary, report=rows, finished_at=timezone.now()
    )
