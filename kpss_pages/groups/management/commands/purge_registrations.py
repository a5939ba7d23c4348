"""Delete registrants' personal data N days after their meeting; the counts stay."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from kpss_pages.core.conf import kpss_settings
from kpss_pages.core.mail import forget
from kpss_pages.core.models import OutgoingEmail
from kpss_pages.groups.models import Registration


class Command(BaseCommand):
    help = "Smaže osobní údaje přihlášených na setkání po uplynutí doby uchování."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Počet dní po setkání (výchozí: KPSS_REGISTRATION_RETENTION_DAYS).",
        )

    def handle(self, *args, **options):
        days = options["days"]
        if days is None:
            days = kpss_settings.KPSS_REGISTRATION_RETENTION_DAYS
        if days < 0:
            raise CommandError("Počet dní nesmí být záporný.")
        cutoff = timezone.now() - timedelta(days=days)
        with transaction.atomic():
            due = Registration.objects.filter(meeting__end__lt=cutoff, purged_at__isnull=True)
            # The outbox keeps copies of their e-mails (address, name, cancellation link).
            forget(OutgoingEmail.objects.filter(registration__in=due))
            purged = due.update(
                name="",
                email="",
                organisation="",
                note="",
                purged_at=timezone.now(),
            )
        self.stdout.write(f"Anonymizováno registrací: {purged}")
