"""Build the demo site. Idempotent: a second run creates nothing and changes nothing."""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from home.demo import PARTS
from home.demo.utils import DemoContext


class Command(BaseCommand):
    help = "Loads realistic Czech demo content for a fictional ORP (safe to run repeatedly)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-index", action="store_true", help="Skip rebuilding the search index."
        )

    def handle(self, *args, **options):
        ctx = DemoContext(stdout=self.stdout)
        for part in PARTS:
            with transaction.atomic():
                part.load(ctx)
        if not options["no_index"] and ctx.created:
            call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"Demo content ready ({ctx.created} new objects)."))
