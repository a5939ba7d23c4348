from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from kpss_pages.news.models import Subscriber


class Command(BaseCommand):
    help = "Delete newsletter subscriptions not confirmed within NEWS_UNCONFIRMED_DAYS days."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Override NEWS_UNCONFIRMED_DAYS (whole days, at least 1).",
        )

    def handle(self, *args, days=None, **options):
        days = settings.NEWS_UNCONFIRMED_DAYS if days is None else days
        if days < 1:
            raise CommandError("Počet dní musí být alespoň 1.")
        cutoff = timezone.now() - timedelta(days=days)
        stale = Subscriber.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff)
        count = stale.count()
        stale.delete()
        self.stdout.write(f"Smazáno nepotvrzených přihlášek: {count}")
