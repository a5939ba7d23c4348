"""Send the e-mails waiting in the outbox (from cron, e.g. every 10 minutes): the safety net
for a worker that is not running or a queue that could not be reached."""

from django.core.management.base import BaseCommand

from kpss_pages.core.mail.delivery import deliver_due
from kpss_pages.core.models import OutgoingEmail


class Command(BaseCommand):
    help = (
        "Odešle e-maily, které čekají ve frontě (a znovu zařadí ty, jejichž odesílání "
        "přerušil pád workeru)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit", type=int, default=None, help="Nejvýše tolik e-mailů v jednom běhu."
        )

    def handle(self, *args, limit=None, **options):
        report = deliver_due(limit=limit)
        waiting = OutgoingEmail.objects.filter(state=OutgoingEmail.State.PENDING).count()
        self.stdout.write(
            f"Odesláno: {report.sent}, nepodařilo se: {report.failed}, "
            f"znovu zařazeno po přerušení: {report.reclaimed}, čeká: {waiting}"
        )
        if report.server_down_until:
            self.stderr.write("Poštovní server je nedostupný; další pokus později.")
