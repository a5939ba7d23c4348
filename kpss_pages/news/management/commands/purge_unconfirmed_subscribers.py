from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from kpss_pages.core.conf import kpss_settings
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
        days = kpss_settings.NEWS_UNCONFIRMED_DAYS if days is None else days
        if days < 1:
            raise CommandError(_("The number of days must be at least 1."))
        cutoff = timezone.now() - timedelta(days=days)
        stale = Subscriber.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff)
        count = stale.count()
        stale.delete()
        self.stdout.write(_("Unconfirmed subscriptions deleted: %(count)s") % {"count": count})
