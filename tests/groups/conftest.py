"""Builders for working groups and meetings, created through the page tree."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.utils import timezone

from catalog.models import TargetGroup
from kpss_pages.groups.models import (
    GroupMember,
    HarmonogramPage,
    MeetingPage,
    WorkingGroupIndexPage,
    WorkingGroupPage,
)
from tests.factories import add_page

PRAGUE = ZoneInfo("Europe/Prague")


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def index(home):
    return add_page(home, WorkingGroupIndexPage, title="Pracovní skupiny", slug="pracovni-skupiny")


def make_group(index, title="Pracovní skupina Senioři", slug="seniori", members=(), **fields):
    fields.setdefault("kind", WorkingGroupPage.Kind.TARGET_GROUP)
    if fields["kind"] == WorkingGroupPage.Kind.TARGET_GROUP and "target_group" not in fields:
        fields["target_group"] = TargetGroup.objects.get(slug="seniori")
    fields.setdefault("schedule_label", "CÍLOVÁ SKUPINA senioři")
    page = WorkingGroupPage(title=title, slug=slug, **fields)
    for order, member in enumerate(members):
        page.members.add(GroupMember(sort_order=order, **member))
    index.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_meeting(group, start=None, hours=2, slug=None, **fields):
    start = start or timezone.now() + timedelta(days=10)
    fields.setdefault("title", f"Setkání {start:%d. %m. %Y %H:%M}")
    fields.setdefault("room", "malá zasedací místnost radnice")
    fields.setdefault("address", "Náměstí Míru 1, Ostrov nad Vlčinou")
    return add_page(
        group,
        MeetingPage,
        slug=slug or f"setkani-{start:%Y%m%d%H%M%S%f}",
        start=start,
        end=start + timedelta(hours=hours),
        **fields,
    )


def prague(*args):
    return datetime(*args, tzinfo=PRAGUE)


@pytest.fixture
def group(index):
    return make_group(index)


@pytest.fixture
def meeting(group):
    return make_meeting(group, phase="proposal", seat_limit=2)


@pytest.fixture
def harmonogram(home):
    return add_page(home, HarmonogramPage, title="Harmonogram setkání", slug="harmonogram")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a callable and then its on-commit callbacks (the e-mail tasks), as after a
    real commit."""

    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run
