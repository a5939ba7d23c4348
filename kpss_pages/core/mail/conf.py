"""Settings of the outbox, with the defaults a host site gets when it sets none."""

from datetime import timedelta

from django.conf import settings

DEFAULTS = {
    # Attempts per e-mail before it is marked failed (staff can resume it).
    "KPSS_EMAIL_MAX_ATTEMPTS": 6,
    # Pause after the first failed attempt; it doubles after each further one.
    "KPSS_EMAIL_RETRY_SECONDS": 300,
    # The longest pause between two attempts.
    "KPSS_EMAIL_RETRY_MAX_SECONDS": 6 * 3600,
    # An e-mail "being sent" for longer than this was left by a killed worker: it is
    # attempted again. Must be well above EMAIL_TIMEOUT (one message's sending time).
    "KPSS_EMAIL_RECLAIM_SECONDS": 600,
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])


def max_attempts():
    return max(1, int(get("KPSS_EMAIL_MAX_ATTEMPTS")))


def reclaim_after():
    return timedelta(seconds=get("KPSS_EMAIL_RECLAIM_SECONDS"))


def retry_delay(attempts):
    """The pause after ``attempts`` failed attempts: 5, 10, 20, 40 … minutes, capped."""
    seconds = get("KPSS_EMAIL_RETRY_SECONDS") * 2 ** max(0, attempts - 1)
    return timedelta(seconds=min(seconds, get("KPSS_EMAIL_RETRY_MAX_SECONDS")))
