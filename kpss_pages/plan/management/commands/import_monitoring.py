"""Import a year of monitoring of a plan from CSV (the same format as the admin import)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kpss_pages.plan.models import PlanPage
from kpss_pages.plan.yearly import parse_csv, save_year


class Command(BaseCommand):
    help = "Imports the monitoring of one year from CSV; all rows or nothing."

    def add_arguments(self, parser):
        parser.add_argument("plan", help="ID or slug of the plan page")
        parser.add_argument("year", type=int)
        parser.add_argument("csv_file")

    def handle(self, *args, **options):
        ref = options["plan"]
        plans = (
            PlanPage.objects.filter(pk=int(ref))
            if ref.isdigit()
            else PlanPage.objects.filter(slug=ref)
        )
        plan = plans.first()
        if plan is None:
            raise CommandError(_("Plan “%(plan)s” does not exist.") % {"plan": ref})
        year = options["year"]
        if not plan.start_year - 1 <= year <= plan.end_year + 1:
            raise CommandError(
                _("Year %(year)s is outside the plan's period %(period)s.")
                % {"year": year, "period": plan.period}
            )
        try:
            raw = Path(options["csv_file"]).read_bytes()
        except OSError as exc:
            raise CommandError(_("Cannot read the file: %(error)s") % {"error": exc}) from exc
        rows, errors = parse_csv(plan, raw)
        if errors:
            raise CommandError(
                _("Nothing was imported. Correct these rows and try again:")
                + "\n"
                + "\n".join(errors)
            )
        saved = save_year(year, rows)
        self.stdout.write(
            _("Imported %(count)s rows of monitoring for %(year)s.")
            % {"count": saved, "year": year}
        )
