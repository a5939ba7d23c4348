"""Czech "before" in the admin: Wagtail writes how long ago something changed as
"%(time_period)s ago" → "před %(time_period)s" around Django's ``timesince``, whose Czech is
in the nominative ("před 1 minuta", "před 3 dny" by luck). After "před" Czech needs the
instrumental: "před 1 minutou", "před 2 hodinami", "před 5 dny". ``install_in_wagtail()``
gives Wagtail's admin tags a ``timesince`` with "time ago" forms (``npgettext`` with the
context "time ago": English keeps "1 minute ago")."""

from django.utils import timesince as django_timesince
from django.utils.translation import npgettext_lazy

TIME_AGO_STRINGS = {
    "year": npgettext_lazy("time ago", "%(num)d year", "%(num)d years", "num"),
    "month": npgettext_lazy("time ago", "%(num)d month", "%(num)d months", "num"),
    "week": npgettext_lazy("time ago", "%(num)d week", "%(num)d weeks", "num"),
    "day": npgettext_lazy("time ago", "%(num)d day", "%(num)d days", "num"),
    "hour": npgettext_lazy("time ago", "%(num)d hour", "%(num)d hours", "num"),
    "minute": npgettext_lazy("time ago", "%(num)d minute", "%(num)d minutes", "num"),
}


def timesince_ago(d, now=None, reversed=False, time_strings=None, depth=2):
    plain = django_timesince.timesince(d, now=now, reversed=reversed, depth=depth)
    if time_strings is not None or plain.startswith("0\xa0"):
        # Wagtail compares "0 minutes" with its own string to say "just now".
        return django_timesince.timesince(
            d, now=now, reversed=reversed, time_strings=time_strings, depth=depth
        )
    return django_timesince.timesince(
        d, now=now, reversed=reversed, time_strings=TIME_AGO_STRINGS, depth=depth
    )


def install_in_wagtail():
    from wagtail.admin.templatetags import wagtailadmin_tags

    wagtailadmin_tags.timesince = timesince_ago
