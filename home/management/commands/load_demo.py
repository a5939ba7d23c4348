"""Build the demo site. Idempotent: a second run creates nothing and changes nothing."""

import importlib

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from home.demo_utils import DemoContext


class Command(BaseCommand):
    help = "Loads realistic Czech demo content for a fictional ORP (safe to run repeatedly)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-index", action="store_true", help="Skip rebuilding the search index."
        )

    def handle(self, *args, **options):
        ctx = DemoContext(stdout=self.stdout)
        # Each app with a `demo` module contributes, in INSTALLED_APPS order, so the
        # home page and vocabularies exist before the pages that use them.
        for app_config in apps.get_app_configs():
            try:
                module = importlib.import_module(f"{app_config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{app_config.name}.demo":
                    raise
                continue
            with transaction.atomic():
                module.load(ctx)
        if not options["no_index"] and ctx.created:
            call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"Demo content ready ({ctx.created} new objects)."))
