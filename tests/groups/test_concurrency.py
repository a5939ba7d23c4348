"""The seat limit holds when many people register at the same moment (PostgreSQL)."""

import threading

import pytest
from django.db import connection

from kpss_pages.groups import services
from kpss_pages.groups.models import Registration

from .conftest import make_group, make_meeting

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SEATS = 5
PEOPLE = 24


def test_parallel_registrations_never_exceed_the_seat_limit(home):
    from kpss_pages.groups.models import WorkingGroupIndexPage
    from tests.factories import add_page

    index = add_page(home, WorkingGroupIndexPage, title="Skupiny", slug="skupiny")
    meeting = make_meeting(make_group(index), seat_limit=SEATS)
    barrier = threading.Barrier(PEOPLE)
    errors = []

    def register(n):
        try:
            barrier.wait()
            services.register(meeting, name=f"Osoba {n}", email=f"osoba{n}@example.org")
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


def test_parallel_duplicates_store_one_registration(home):
    from kpss_pages.groups.models import WorkingGroupIndexPage
    from tests.factories import add_page

    index = add_page(home, WorkingGroupIndexPage, title="Skupiny", slug="skupiny")
    meeting = make_meeting(make_group(index), seat_limit=SEATS)
    barrier = threading.Barrier(8)
    outcomes = []

    def register():
        try:
            barrier.wait()
            services.register(meeting, name="Stejná", email="stejna@example.org")
            outcomes.append("ok")
        except services.RegistrationError as exc:
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


def test_parallel_cancellations_promote_each_waiting_person_once(home):
    from kpss_pages.groups.models import WorkingGroupIndexPage
    from tests.factories import add_page

    index = add_page(home, WorkingGroupIndexPage, title="Skupiny", slug="skupiny")
    meeting = make_meeting(make_group(index), seat_limit=3)
    people = [services.register(meeting, name=f"O{n}", email=f"o{n}@example.org") for n in range(6)]
    confirmed = [p for p in people if p.status == "confirmed"]
    barrier = threading.Barrier(len(confirmed))

    def cancel(registration):
        try:
            barrier.wait()
            services.cancel(meeting, services.make_cancel_token(registration))
        finally:
            connection.close()

    threads = [threading.Thread(target=cancel, args=(r,)) for r in confirmed]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert [statuses[f"o{n}@example.org"] for n in range(6)] == ["cancelled"] * 3 + [
        "confirmed"
    ] * 3
