"""Import the national register of social services (MPSV open data, rpss.json)."""

import logging

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from catalog.importer import RegisterImportError, area_codes_for, import_register

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Import services with a facility or reach in the chosen area from the register's "
        "open-data file rpss.json. Without --municipality/--orp the area is every municipality "
        "of the catalogue that has a register code."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to rpss.json")
        parser.add_argument(
            "--municipality",
            action="append",
            default=[],
            help="Municipality: slug in the catalogue, register code (Obec/588296) or number.",
        )
        parser.add_argument(
            "--orp",
            action="append",
            default=[],
            help="Administrative district (ORP) code as used in the register's reach (Orp/…).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Print the changes, write nothing."
        )

    def handle(self, file, municipality, orp, dry_run, **options):
        try:
            codes = area_codes_for(municipality, orp)
            with open(file, "rb") as fileobj:
                report = import_register(fileobj, codes, dry_run=dry_run)
        except OSError as error:
            raise CommandError(
                _("The file cannot be opened: %(error)s") % {"error": error}
            ) from error
        except RegisterImportError as error:
            raise CommandError(
                _("%(error)s The database was not changed.") % {"error": error}
            ) from error
        except Exception as error:
            # A file must never end in a traceback; the transaction rolled back.
            logger.exception("register import failed")
            raise CommandError(
                _("The import failed unexpectedly. The database was not changed.")
            ) from error
        for line in report.lines():
            self.stdout.write(line)
