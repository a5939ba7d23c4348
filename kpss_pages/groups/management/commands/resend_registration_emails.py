"""Queue again the e-mails of working groups whose sending failed (run from cron): each
exactly as it was queued, of the same kind, to the same person."""

from django.core.management.base import BaseCommand

from kpss_pages.core.mail import resume
from kpss_pages.core.models import OutgoingEmail
from kpss_pages.groups.emails import GROUP_KINDS


class Command(BaseCommand):
    help = (
        "Znovu zařadí k odeslání e-maily k registracím na setkání a k žádostem o členství, "
        "jejichž odeslání selhalo."
    )

    def handle(self, *args, **options):
        failed = OutgoingEmail.objects.filter(
            kind__in=GROUP_KINDS, state=OutgoingEmail.State.FAILED
        )
        count = resume(failed)
        self.stdout.write(f"Znovu zařazeno e-mailů: {count}")
