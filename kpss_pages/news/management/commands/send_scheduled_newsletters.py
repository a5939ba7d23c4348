"""Start the newsletter sends whose scheduled time has come (from cron, e.g. every 10
minutes): the safety net for a worker that was not running at that time."""

from django.core.management.base import BaseCommand

from kpss_pages.news.sending import start_due_sends


class Command(BaseCommand):
    help = "Zahájí rozesílání čísel zpravodaje, jejichž naplánovaný čas nastal."

    def handle(self, *args, **options):
        self.stdout.write(f"Zahájeno rozesílání čísel: {start_due_sends()}")
