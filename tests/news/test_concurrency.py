"""Subscriptions and the import at the same moment (PostgreSQL): one row per address, no
error page, nothing half-written."""

import threading
import time

import pytest
from django.db import connection, transaction

from kpss_pages.core.models import OutgoingEmail
from kpss_pages.news import views
from kpss_pages.news.importing import import_subscribers
from kpss_pages.news.models import Subscriber

# Real commits, so that the other connections see them (as in test_worker_killed.py).
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_import_meets_a_subscription_not_yet_committed():
    """The public form has inserted the address and not committed yet: the import does not
    see it, its insert waits for the other transaction and then reports the address as
    already subscribed, and writes the other rows."""
    inserted = threading.Event()
    errors = []

    def subscribe_through_the_form():
        try:
            with transaction.atomic():
                Subscriber.objects.create(email="soubeh@example.org")
                inserted.set()
                time.sleep(1)  # the import reads and tries to insert meanwhile
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            inserted.set()
            connection.close()

    thread = threading.Thread(target=subscribe_through_the_form)
    thread.start()
    assert inserted.wait(10)
    report = import_subscribers(
        b"soubeh@example.org;1. 1. 2020;web\nimport@example.org;1. 1. 2020;web\n"
    )
    thread.join()
    assert not errors
    messages = {email: message for _line, email, message, _ok in report.rows}
    assert messages["soubeh@example.org"] == "Adresa už odebírá; ponechána beze změny."
    assert (report.confirmed, report.invited) == (1, 0)
    soubeh = Subscriber.objects.get(email="soubeh@example.org")
    assert soubeh.consent_at is None  # the subscription as the form made it
    assert Subscriber.objects.get(email="import@example.org").consent_source == "web"


def test_parallel_subscriptions_of_one_address_store_one_subscriber():
    people = 8
    barrier = threading.Barrier(people)
    errors = []

    def subscribe():
        try:
            barrier.wait()
            views._subscribe(
                None,
                {
                    "email": "formular@example.org",
                    "all_news": True,
                    "target_groups": [],
                    "working_groups": [],
                },
            )
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=subscribe) for _ in range(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert Subscriber.objects.filter(email="formular@example.org").count() == 1
    confirmations = OutgoingEmail.objects.filter(
        to="formular@example.org", kind=OutgoingEmail.Kind.SUBSCRIPTION_CONFIRM
    )
    assert confirmations.count() == 1
