"""One guard for every form that the public sends without an account (meeting registration,
membership application, subscription, comments on the plan, surveys).

:func:`guard` checks a submission in one order and answers with a :class:`Verdict`:

1. **honeypot** – a field people never see (:func:`honeypot_field`); a bot that fills it gets
   exactly the answer of a successful submission (nothing is stored or sent), so it cannot
   tell that it was caught;
2. **rate limit** – every other submission counts against the client's address (behind a
   reverse proxy the one in ``CLIENT_IP_HEADER``); over the limit the form is shown again
   with a Czech message and status 429, nothing is validated into a side effect;
3. **validation** – errors show the form again with status 400.

The limits come from one setting, ``KPSS_PUBLIC_FORM_RATE_LIMITS``: a dict of scope →
``(submissions, seconds)``; scopes the site leaves out keep :data:`DEFAULT_RATE_LIMITS`.
"""

import logging
import math
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

logger = logging.getLogger(__name__)

#: scope → (submissions per client address, within this many seconds)
DEFAULT_RATE_LIMITS = {
    # A shared office or library PC may register several people for a meeting.
    "registration": (10, 600),
    "application": (5, 3600),
    "subscription": (10, 3600),
    "comment": (5, 600),
    "survey": (10, 600),
}

#: Sensible maximum lengths of free-text fields of public forms.
NAME_MAX_LENGTH = 200
EMAIL_MAX_LENGTH = 254
TEXT_MAX_LENGTH = 5000


def rate_limit(scope):
    """``(count, seconds)`` for ``scope`` from ``KPSS_PUBLIC_FORM_RATE_LIMITS`` or the default."""
    configured = getattr(settings, "KPSS_PUBLIC_FORM_RATE_LIMITS", None) or {}
    count, seconds = configured.get(scope) or DEFAULT_RATE_LIMITS[scope]
    return int(count), max(1, int(seconds))


def honeypot_field():
    """A text field hidden by the ``hp-field`` CSS class: bots fill it, people do not."""
    field = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    field.is_honeypot = True  # the shared field template hides it (includes/forms/field.html)
    return field


def client_ip(request):
    """The client's address; behind a reverse proxy, from the header the proxy sets
    (CLIENT_IP_HEADER, e.g. HTTP_X_FORWARDED_FOR: its last entry is the one the trusted
    proxy added, earlier ones can be forged by the client)."""
    header = getattr(settings, "CLIENT_IP_HEADER", "")
    if header and request.META.get(header):
        return request.META[header].split(",")[-1].strip()[:64]
    return request.META.get("REMOTE_ADDR", "unknown")


def count_submission(request, scope, key=""):
    """Count one submission of ``scope`` from this client; True once more than the limit
    arrived within the window. The cache is shared by all workers (Redis)."""
    limit, window = rate_limit(scope)
    cache_key = f"kpss:rate:{scope}:{key}:{client_ip(request)}"
    if cache.add(cache_key, 1, window):
        return 1 > limit
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.set(cache_key, 1, window)
        count = 1
    return count > limit


def too_many_message(scope):
    minutes = math.ceil(rate_limit(scope)[1] / 60)
    return ngettext(
        "Too many forms were sent from your address. Try again in %(minutes)d minute.",
        "Too many forms were sent from your address. Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


def honeypot_filled(form):
    for name, field in form.fields.items():
        if getattr(field, "is_honeypot", False) and form.data.get(form.add_prefix(name)):
            return True
    return False


@dataclass(frozen=True)
class Verdict:
    """What :func:`guard` decided; ``status`` is the HTTP status of the answer that shows
    the form again (a bot gets the success answer instead)."""

    outcome: str  # "accepted", "bot", "limited", "invalid"

    @property
    def accepted(self):
        return self.outcome == "accepted"

    @property
    def is_bot(self):
        return self.outcome == "bot"

    @property
    def status(self):
        return {"limited": 429, "invalid": 400}.get(self.outcome, 200)


def guard(request, form, scope, key=""):
    """Check a bound public form: honeypot → rate limit → validation (see the module).

    ``scope`` names the limit in ``KPSS_PUBLIC_FORM_RATE_LIMITS``; ``key`` counts
    separately within it (e.g. per survey)."""
    if honeypot_filled(form):
        logger.info("Honeypot of a public form (%s) filled; answered as a success.", scope)
        return Verdict("bot")
    if count_submission(request, scope, key):
        form.add_error(None, too_many_message(scope))
        request.kpss_form_error = True  # the page title says so (kpss/base.html)
        return Verdict("limited")
    if not form.is_valid():
        request.kpss_form_error = True
        return Verdict("invalid")
    return Verdict("accepted")
