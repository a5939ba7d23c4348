"""A Plone Event under a working group becomes the group's meeting (start, end, room,
agenda), so it appears in the harmonogram and the calendars."""

from kpss_pages.groups.models import MeetingPage
from kpss_pages.news.models import ArticlePage
from tests.factories import add_page
from tests.groups.conftest import make_group

from .conftest import DEMO, run


def test_event_under_a_working_group_becomes_a_meeting(home):
    from kpss_pages.groups.models import WorkingGroupIndexPage

    index = add_page(home, WorkingGroupIndexPage, title="Skupiny", slug="skupiny")
    group = make_group(index)
    run(DEMO, "--parent", group.pk)
    meeting = MeetingPage.objects.get(slug="setkani-seniorske-skupiny")
    assert meeting.get_parent().pk == group.pk
    assert meeting.start.isoformat() == "2024-04-10T12:00:00+00:00"
    assert meeting.end.isoformat() == "2024-04-10T14:00:00+00:00"
    assert meeting.room == "Zasedací místnost radnice"
    assert "návrh opatření pro rok 2025" in meeting.agenda
    assert meeting.live
    assert not ArticlePage.objects.filter(slug="setkani-seniorske-skupiny").exists()
    # Run again: the same meeting, nothing new
    run(DEMO, "--parent", group.pk)
    assert MeetingPage.objects.count() == 1


def test_event_elsewhere_stays_an_article(home):
    run(DEMO)
    assert not MeetingPage.objects.exists()
    assert ArticlePage.objects.filter(slug="setkani-seniorske-skupiny").exists()
