"""System checks of the shared base."""

from django.conf import settings
from django.core.checks import Warning, register

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
