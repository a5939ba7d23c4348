"""The seat limit holds when many people register at the same moment (PostgreSQL)."""

import threading

import pytest
from django.db import connection

from kpss_pages.groups import registration as registration_logic
from kpss_pages.groups.models import Registration

from .conftest import make_group, make_meeting

pytestmark = pytest.mark.postgres


@pytest.fixture
def committed_index(django_db_setup, django_db_blocker):
    """Pages committed for real (other connections see them) and removed afterwards.

    Not pytest-django's ``transactional_db``: its flush would also wipe the data the
    migrations created (the page tree root, vocabularies) that later tests and the browser
    tests' demo rely on. Here only what the test created is deleted."""
    from wagtail.models import Page

    from kpss_pages.groups.models import WorkingGroupIndexPage

    with django_db_blocker.unblock():
        root = Page.get_first_root_node()
        index = WorkingGroupIndexPage(title="Skupiny – souběh", slug="skupiny-soubeh")
        root.add_child(instance=index)
        try:
            yield index
        finally:
            for page in Page.objects.descendant_of(index, inclusive=True).order_by("-depth"):
                page.delete()
            connection.close()


SEATS = 5
PEOPLE = 24


def test_parallel_registrations_never_exceed_the_seat_limit(committed_index):
    index = committed_index
    meeting = make_meeting(make_group(index), seat_limit=SEATS)
    barrier = threading.Barrier(PEOPLE)
    errors = []

    def register(n):
        try:
            barrier.wait()
            registration_logic.register(meeting, name=f"Osoba {n}", email=f"osoba{n}@example.org")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    confirmed = Registration.objects.filter(meeting=meeting, status="confirmed").count()
    waiting = Registration.objects.filter(meeting=meeting, status="waitlist").count()
    assert confirmed == SEATS
    assert waiting == PEOPLE - SEATS


def test_parallel_duplicates_store_one_registration(committed_index):
    index = committed_index
    meeting = make_meeting(make_group(index), seat_limit=SEATS)
    barrier = threading.Barrier(8)
    outcomes = []

    def register():
        try:
            barrier.wait()
            registration_logic.register(meeting, name="Stejná", email="stejna@example.org")
            outcomes.append("ok")
        except registration_logic.RegistrationError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=register) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["duplicate"] * 7 + ["ok"]
    assert Registration.objects.filter(meeting=meeting).count() == 1


def test_parallel_cancellations_promote_each_waiting_person_once(committed_index):
    index = committed_index
    meeting = make_meeting(make_group(index), seat_limit=3)
    people = [
        registration_logic.register(meeting, name=f"O{n}", email=f"o{n}@example.org")
        for n in range(6)
    ]
    confirmed = [p for p in people if p.status == "confirmed"]
    barrier = threading.Barrier(len(confirmed))

    def cancel(registration):
        try:
            barrier.wait()
            registration_logic.cancel(meeting, registration_logic.make_cancel_token(registration))
        finally:
            connection.close()

    threads = [threading.Thread(target=cancel, args=(r,)) for r in confirmed]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses = dict(meeting.registrations.values_list("email", "status"))
    assert [statuses[f"o{n}@example.org"] for n in range(6)] == ["cancelled"] * 3 + [
        "confirmed"
    ] * 3
