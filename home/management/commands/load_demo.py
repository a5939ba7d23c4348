"""Build the demo site. Idempotent: a second run creates nothing and changes nothing.

Never on a production site: the demo creates the accounts ``admin`` and ``charita`` with
the published password ``kpss-demo`` and fictional content. Without DEBUG (production
settings, or any server where DEBUG is off) the command refuses unless the settings allow
it (``KPSS_DEMO_ALLOWED``, set by the test settings) or ``--force-demo`` is given for a
throw-away demo server."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from home.demo import PARTS
from home.demo.utils import DemoContext


class Command(BaseCommand):
    help = "Loads realistic Czech demo content for a fictional ORP (safe to run repeatedly)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-index", action="store_true", help="Skip rebuilding the search index."
        )
        parser.add_argument(
            "--force-demo",
            action="store_true",
            help="Load the demo even though DEBUG is off (a throw-away demo server only: it "
            "creates accounts with the published password kpss-demo).",
        )

    def handle(self, *args, **options):
        allowed = settings.DEBUG or getattr(settings, "KPSS_DEMO_ALLOWED", False)
        if not allowed and not options["force_demo"]:
            raise CommandError(
                _(
                    "The demo is not loaded on a production site: it creates the accounts "
                    "admin and charita with the published password kpss-demo and fictional "
                    "content. DEBUG is off (settings %(module)s). For a throw-away demo "
                    "server, run the command with --force-demo."
                )
                % {"module": settings.SETTINGS_MODULE}
            )
        ctx = DemoContext(stdout=self.stdout)
        for part in PARTS:
            with transaction.atomic():
                part.load(ctx)
        if not options["no_index"] and ctx.created:
            call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"Demo content ready ({ctx.created} new objects)."))
