"""Set Wagtail's default Site record (host name and port) from BASE_URL, the site's one
public address, so that Wagtail's own links and request routing agree with the e-mails,
calendars and feeds. Run after the first ``migrate`` and whenever BASE_URL changes."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from wagtail.models import Site

from kpss_pages.core.public_url import base_url, site_address


class Command(BaseCommand):
    help = "Set the default Wagtail site's host name and port from BASE_URL."

    def handle(self, *args, **options):
        hostname, port = site_address()
        if not hostname:
            raise CommandError(_("BASE_URL has no host name: %(url)s") % {"url": base_url()})
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError(_("There is no default site. Create one in the admin first."))
        if (site.hostname, site.port) == (hostname, port):
            self.stdout.write(
                _("The default site already has the address %(url)s.") % {"url": base_url()}
            )
            return
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])
        self.stdout.write(
            self.style.SUCCESS(
                _("The default site now has the address %(url)s.") % {"url": base_url()}
            )
        )
