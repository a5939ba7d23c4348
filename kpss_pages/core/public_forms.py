"""Protection shared by every form that the public sends without an account (meeting
registration, membership application, subscription, comments on the plan, surveys):
a honeypot field that people never see and a rate limit per client address."""

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _


def honeypot_field():
    """A text field hidden by the ``hp-field`` CSS class: bots fill it, people do not."""
    field = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    field.is_honeypot = True  # the shared field template hides it (includes/forms/field.html)
    return field


def client_ip(request):
    """The client's address; behind a reverse proxy, from the header the proxy sets
    (CLIENT_IP_HEADER, e.g. HTTP_X_FORWARDED_FOR: its last entry is the one the trusted
    proxy added, earlier ones can be forged by the client)."""
    header = settings.CLIENT_IP_HEADER
    if header and request.META.get(header):
        return request.META[header].split(",")[-1].strip()[:64]
    return request.META.get("REMOTE_ADDR", "unknown")


def rate_limited(request, scope, limit, window=600):
    """Count one submission of ``scope`` from this client; True once more than ``limit``
    arrived within ``window`` seconds. The cache is shared by all workers (Redis)."""
    key = f"kpss:rate:{scope}:{client_ip(request)}"
    if cache.add(key, 1, window):
        return 1 > limit
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, window)
        count = 1
    return count > limit
