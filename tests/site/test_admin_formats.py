"""Czech formats in the admin (issue 14 item 8): the date pickers write "3. 12. 2026" and
"9:00" in Prague time, never ISO or UTC, and read the same back."""

import datetime as dt
import re

import pytest
from django import forms
from django.conf import settings
from django.utils import timezone, translation
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput, AdminTimeInput

from kpss_pages.core.admin_formats import to_datetimepicker_format

NINE_IN_PRAGUE = dt.datetime(2026, 12, 3, 8, 0, tzinfo=dt.UTC)  # 9:00 CET


def test_reference_site_settings():
    assert settings.WAGTAIL_DATE_FORMAT == "%-d. %-m. %Y"
    assert settings.WAGTAIL_DATETIME_FORMAT == "%-d. %-m. %Y %-H:%M"
    assert settings.WAGTAIL_TIME_FORMAT == "%-H:%M"


def test_picker_format_knows_unpadded_directives():
    assert to_datetimepicker_format("%-d. %-m. %Y %-H:%M") == "j. n. Y G:i"
    assert to_datetimepicker_format("%d.%m.%Y %H:%M") == "d.m.Y H:i"  # Wagtail's own


def test_widgets_give_the_picker_czech_formats():
    assert AdminDateInput().get_config()["format"] == "j. n. Y"
    config = AdminDateTimeInput().get_config()
    assert (config["format"], config["formatTime"], config["dayOfWeekStart"]) == (
        "j. n. Y G:i",
        "G:i",
        1,
    )
    assert AdminTimeInput().get_config()["format"] == "G:i"


class MeetingTimes(forms.Form):
    start = forms.DateTimeField(widget=AdminDateTimeInput())
    day = forms.DateField(widget=AdminDateInput())
    time = forms.TimeField(widget=AdminTimeInput())


def test_fields_show_prague_time_in_czech_and_read_it_back():
    with translation.override("cs"), timezone.override("Europe/Prague"):
        form = MeetingTimes(
            initial={"start": NINE_IN_PRAGUE, "day": dt.date(2026, 12, 3), "time": dt.time(9, 0)}
        )
        html = str(form)
        assert re.search(r'value="3\. 12\. 2026 9:00"', html)
        assert re.search(r'value="3\. 12\. 2026"', html)
        assert re.search(r'value="9:00"', html)
        assert "2026-12-03" not in html and "08:00" not in html

        bound = MeetingTimes(
            data={"start": "3. 12. 2026 9:00", "day": "3. 12. 2026", "time": "9:00"}
        )
        assert bound.is_valid(), bound.errors
        assert bound.cleaned_data["start"] == NINE_IN_PRAGUE
        assert bound.cleaned_data["day"] == dt.date(2026, 12, 3)


@pytest.mark.django_db
def test_meeting_edit_form_shows_czech_local_time(admin_client):
    from kpss_pages.groups.models import WorkingGroupIndexPage
    from tests.factories import add_page, make_site
    from tests.groups.conftest import make_group, make_meeting

    index = add_page(make_site(), WorkingGroupIndexPage, title="Pracovní skupiny")
    meeting = make_meeting(make_group(index), start=NINE_IN_PRAGUE)
    response = admin_client.get(f"/admin/pages/{meeting.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="3. 12. 2026 9:00"' in html and 'value="3. 12. 2026 11:00"' in html
    assert "2026-12-03" not in html
