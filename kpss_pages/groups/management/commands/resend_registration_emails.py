"""Queue again the registration e-mails whose sending failed (run from cron)."""

from django.core.management.base import BaseCommand

from kpss_pages.groups.models import Registration
from kpss_pages.groups.services import _enqueue
from kpss_pages.groups.tasks import MAX_ATTEMPTS, send_registration_email

KIND = {"confirmed": "confirmed", "waitlist": "waitlist"}


class Command(BaseCommand):
    help = "Znovu odešle e-maily k registracím, jejichž odeslání selhalo."

    def handle(self, *args, **options):
        failed = Registration.objects.filter(
            email_status=Registration.EmailStatus.FAILED,
            email_attempts__lt=MAX_ATTEMPTS,
            purged_at__isnull=True,
        ).exclude(status=Registration.Status.CANCELLED)
        count = 0
        for registration in failed:
            _enqueue(send_registration_email, registration.pk, KIND[registration.status])
            count += 1
        self.stdout.write(f"Znovu zařazeno e-mailů: {count}")
