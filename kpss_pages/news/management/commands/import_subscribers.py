"""Import subscribers from the old site's CSV (e-mail; consent date; consent source)."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

from kpss_pages.news.importing import import_subscribers


class Command(BaseCommand):
    help = (
        "Importuje odběratele z CSV (e-mail, datum souhlasu, zdroj souhlasu). Bez souhlasu "
        "dostanou e-mail k potvrzení odběru."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--dry-run", action="store_true", help="Jen vypsat, nic neukládat.")

    def handle(self, *args, path, dry_run=False, **options):
        with open(path, "rb") as f:
            data = f.read()
        with translation.override(settings.LANGUAGE_CODE):
            report = import_subscribers(data, dry_run=dry_run)
        for line, email, message, _ok in report.rows:
            self.stdout.write(f"Řádek {line}: {email or '—'}: {message}")
        self.stdout.write(
            f"Potvrzených se souhlasem: {report.confirmed}, k potvrzení e-mailem: "
            f"{report.invited}, chyb: {len(report.errors)}"
            + (" (zkouška, nic neuloženo)" if dry_run else "")
        )
