"""Wagtail's "… ago" in the admin in correct Czech (issue 14 item 7): after "před" the
instrumental, "před 1 minutou", not "před 1 minuta"."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation
from wagtail.admin.templatetags.wagtailadmin_tags import timesince_last_update, timesince_simple


@pytest.mark.parametrize(
    ("ago", "czech"),
    [
        (timedelta(seconds=10), "právě teď"),
        (timedelta(minutes=1, seconds=5), "před 1\xa0minutou"),
        (timedelta(minutes=3, seconds=5), "před 3\xa0minutami"),
        (timedelta(minutes=7, seconds=5), "před 7\xa0minutami"),
        (timedelta(hours=2, minutes=1), "před 2\xa0hodinami"),
        (timedelta(days=1, hours=1), "před 1\xa0dnem"),
        (timedelta(days=5, hours=1), "před 5\xa0dny"),
        (timedelta(days=15), "před 2\xa0týdny"),
        (timedelta(days=400), "před 1\xa0rokem"),
    ],
)
def test_time_ago_in_czech(ago, czech):
    with translation.override("cs"):
        assert timesince_simple(timezone.now() - ago) == czech


def test_last_update_of_an_older_change():
    with translation.override("cs"):
        assert timesince_last_update(timezone.now() - timedelta(days=3, hours=1)) == "před 3\xa0dny"


def test_english_unchanged():
    with translation.override("en"):
        assert (
            timesince_simple(timezone.now() - timedelta(minutes=1, seconds=5)) == "1\xa0minute ago"
        )
