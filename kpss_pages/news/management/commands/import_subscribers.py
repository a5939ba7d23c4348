"""Import subscribers from the old site's CSV (e-mail; consent date; consent source)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from kpss_pages.news.importing import UnreadableFile, import_subscribers


class Command(BaseCommand):
    help = (
        "Importuje odběratele z CSV (e-mail, datum souhlasu, zdroj souhlasu). Bez souhlasu "
        "dostanou e-mail k potvrzení odběru."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--dry-run", action="store_true", help="Jen vypsat, nic neukládat.")

    def handle(self, *args, path, dry_run=False, **options):
        with translation.override(settings.LANGUAGE_CODE):
            try:
                with open(path, "rb") as f:
                    data = f.read()
            except FileNotFoundError:
                raise CommandError(
                    _("The file %(path)s does not exist.") % {"path": path}
                ) from None
            except OSError:
                raise CommandError(_("Cannot read the file %(path)s.") % {"path": path}) from None
            try:
                report = import_subscribers(data, dry_run=dry_run)
            except UnreadableFile as exc:
                raise CommandError(str(exc)) from None
            for line, email, message, _ok in report.rows:
                self.stdout.write(
                    _("Line %(line)s: %(email)s: %(message)s")
                    % {"line": line, "email": email or "—", "message": message}
                )
            summary = _(
                "Confirmed with earlier consent: %(confirmed)s, to confirm by e-mail: "
                "%(invited)s, errors: %(errors)s"
            ) % {
                "confirmed": report.confirmed,
                "invited": report.invited,
                "errors": len(report.errors),
            }
            if dry_run:
                summary += " " + _("(check only, nothing saved)")
            self.stdout.write(summary)
