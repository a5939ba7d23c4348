"""Import a Plone site's export (collective.exportimport or plone.exportimport)."""

import logging

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kpss_pages.plone.importer import find_parent, import_plone, resolve_type_map
from kpss_pages.plone.sources import PloneImportError

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Import a Plone site's export: collective.exportimport's JSON file or its directory of "
        "one file per item, or plone.exportimport's directory. Pages, files, images, links "
        "and old addresses; safe to run again (items are tied to their Plone UID)."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="The export: a JSON file or a directory.")
        parser.add_argument(
            "--parent",
            default="",
            help="The page (ID or address such as /kpss/) to import under; the site's home "
            "page by default.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would happen, write nothing."
        )
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="TYPE=app.Model",
            help="Map a Plone type to a page type (or document, image, redirect, skip), "
            "e.g. --map Folder=kpss_core.SectionPage. Repeatable.",
        )
        parser.add_argument(
            "--old-url",
            action="append",
            default=[],
            help="The old site's public address (e.g. https://www.mesto.cz), so that absolute "
            "links to it become internal links. Repeatable.",
        )
        parser.add_argument("--report", help="Write the report to this CSV or JSON file.")

    def handle(self, source, parent, dry_run, map, old_url, report, **options):
        try:
            type_map = resolve_type_map(map)
        except ValueError as error:
            raise CommandError(str(error)) from error
        parent_page = find_parent(parent)
        if parent_page is None:
            raise CommandError(
                _("The parent page “%(parent)s” does not exist.") % {"parent": parent or "/"}
            )
        try:
            result = import_plone(
                source, parent_page, type_map=type_map, old_urls=old_url, dry_run=dry_run
            )
        except PloneImportError as error:
            raise CommandError(
                _("%(error)s The database was not changed.") % {"error": error}
            ) from error
        except Exception as error:
            # An export must never end in a traceback; the transaction rolled back.
            logger.exception("Plone import failed")
            raise CommandError(
                _("The import failed unexpectedly (%(error)s). The database was not changed.")
                % {"error": str(error)[:200]}
            ) from error
        for line in result.table():
            self.stdout.write(line)
        if report:
            try:
                result.write(report)
            except OSError as error:
                raise CommandError(
                    _("The report cannot be written: %(error)s") % {"error": error}
                ) from error
