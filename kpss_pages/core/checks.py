"""System checks of the shared base."""

from django.conf import settings
from django.core.checks import Error, Warning, register

from .mail import conf


@register()
def outbox_reclaim_timeout(app_configs, **kwargs):
    """A reclaim timeout shorter than one message's sending time would make a second
    worker send an e-mail that the first one is still sending."""
    reclaim = conf.get("KPSS_EMAIL_RECLAIM_SECONDS")
    timeout = getattr(settings, "EMAIL_TIMEOUT", None) or 0
    if timeout and reclaim < 2 * timeout:
        return [
            Warning(
                f"KPSS_EMAIL_RECLAIM_SECONDS ({reclaim}) should be at least twice "
                f"EMAIL_TIMEOUT ({timeout}).",
                hint="Otherwise a slow mail server may receive some e-mails twice.",
                id="kpss_core.W001",
            )
        ]
    return []


@register(deploy=True)
def public_address(app_configs, **kwargs):
    """BASE_URL is the site's one public address (``public_url``); in production it must be
    the real https address, and Wagtail's default Site record must agree with it, or the
    admin's links and the routing of requests would use another host than the e-mails."""
    from .public_url import base_url, site_address

    errors = []
    hostname, port = site_address()
    if not base_url().startswith("https://") or hostname in LOCAL_HOSTS:
        errors.append(
            Error(
                f"BASE_URL ({base_url()}) is not the site's public https address.",
                hint="Set BASE_URL, e.g. BASE_URL=https://kpss.mesto.cz: every link in "
                "e-mails, calendars, feeds and exports is built from it.",
                id="kpss_core.E001",
            )
        )
    site = _default_site()
    if site is not None and (site.hostname, site.port) != (hostname, port):
        errors.append(
            Error(
                f"The default site's address ({site.hostname}:{site.port}) differs from "
                f"BASE_URL ({base_url()}).",
                hint="Run `manage.py sync_site_address` to set the Site record from BASE_URL.",
                id="kpss_core.E002",
            )
        )
    return errors


LOCAL_HOSTS = {"", "localhost", "127.0.0.1", "::1", "[::1]"}


def _default_site():
    """The default Site, or None before ``migrate`` (the check runs before it in the README)."""
    from django.db import DatabaseError, connection
    from wagtail.models import Site

    try:
        if Site._meta.db_table not in connection.introspection.table_names():
            return None
        return Site.objects.filter(is_default_site=True).first()
    except DatabaseError:
        return None
