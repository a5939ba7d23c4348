"""Render the whole catalogue's PDF into the shared cache (e.g. from cron just after
midnight, when services whose validity ended yesterday leave the catalogue)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from catalog.pdf import render_whole_catalogue


class Command(BaseCommand):
    help = "Render the printable catalogue of services into the cache, unless it is there."

    def handle(self, **options):
        for title, size in render_whole_catalogue():
            name = title or _("Catalogue of social services")
            self.stdout.write(_("%(title)s: %(size)s kB") % {"title": name, "size": size // 1024})
