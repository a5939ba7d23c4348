"""Admin "Odchozí e-maily": read-only list with filters, what is stuck, resume sending."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.test import TestCase
from django.utils import timezone

from kpss_pages.core.mail import queue_email
from kpss_pages.core.models import OutgoingEmail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/admin/odchozi-emaily/"
State = OutgoingEmail.State


@pytest.fixture
def rows(settings):
    settings.KPSS_EMAIL_RECLAIM_SECONDS = 600
    made = {}
    for name, kind in (
        ("sent", "registration_confirmed"),
        ("failed", "meeting_cancelled"),
        ("interrupted", "newsletter_issue"),
        ("waiting", "subscription_confirm"),
    ):
        made[name] = queue_email(
            kind=kind,
            to=f"{name}@example.org",
            subject=f"Předmět {name}",
            body="Text",
            key=f"admin-test:{name}",
        )
    queued = datetime(2026, 8, 2, 9, 5, tzinfo=ZoneInfo("Europe/Prague"))
    OutgoingEmail.objects.update(created_at=queued)
    long_ago = timezone.now() - timedelta(hours=2)
    OutgoingEmail.objects.filter(pk=made["sent"].pk).update(
        state=State.SENT, sent_at=queued, attempts=1
    )
    OutgoingEmail.objects.filter(pk=made["failed"].pk).update(
        state=State.FAILED, attempts=6, last_error="SMTPServerDisconnected"
    )
    OutgoingEmail.objects.filter(pk=made["interrupted"].pk).update(
        state=State.SENDING, claimed_at=long_ago, attempts=1
    )
    OutgoingEmail.objects.filter(pk=made["waiting"].pk).update(next_attempt_at=long_ago)
    return made


def staff_with(*codenames):
    user = UserFactory(username="-".join(codenames) or "bez-prav", is_staff=True)
    group = Group.objects.create(name=f"g-{user.username}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in codenames:
        group.permissions.add(Permission.objects.get(codename=codename))
    user.groups.add(group)
    return user


def test_list_filters_czech_labels_and_dates(client, rows):
    client.force_login(UserFactory(username="spravce", is_superuser=True, is_staff=True))
    html = client.get(URL).content.decode()
    assert "Odchozí e-maily" in html
    for name in ("sent", "failed", "interrupted", "waiting"):
        assert f"{name}@example.org" in html
    assert "Zrušení setkání" in html and "Číslo zpravodaje" in html  # kinds in Czech
    assert "selhalo" in html and "odesílá se" in html  # states in Czech
    assert "2. 8. 2026, 9:05" in html  # Czech date and local time
    assert "3 e-maily uvízly" in html and "Pokračovat v rozesílání" in html
    failed_only = client.get(URL, {"state": "failed"}).content.decode()
    assert "failed@example.org" in failed_only and "sent@example.org" not in failed_only
    by_kind = client.get(URL, {"kind": "newsletter_issue"}).content.decode()
    assert "interrupted@example.org" in by_kind and "waiting@example.org" not in by_kind
    stuck = client.get(URL, {"stuck": "true"}).content.decode()
    assert "sent@example.org" not in stuck
    assert all(f"{n}@example.org" in stuck for n in ("failed", "interrupted", "waiting"))
    detail = client.get(f"{URL}inspect/{rows['failed'].pk}/").content.decode()
    assert "SMTPServerDisconnected" in detail and "Text" in detail


def test_nobody_adds_edits_or_deletes_rows(client, rows):
    client.force_login(UserFactory(username="spravce", is_superuser=True, is_staff=True))
    pk = rows["sent"].pk
    assert client.get(f"{URL}new/").status_code in (302, 403)
    assert client.get(f"{URL}edit/{pk}/").status_code in (302, 403)
    assert client.post(f"{URL}delete/{pk}/").status_code in (302, 403)
    assert OutgoingEmail.objects.filter(pk=pk).exists()
    assert f"{URL}new/" not in client.get(URL).content.decode()


def test_resume_sends_what_was_stuck(client, rows):
    client.force_login(staff_with("view_outgoingemail", "resume_outgoingemail"))
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(f"{URL}pokracovat/", follow=True)
    assert "3 e-maily jsou znovu zařazeny" in response.content.decode()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "failed@example.org",
        "interrupted@example.org",
        "waiting@example.org",
    ]
    assert set(OutgoingEmail.objects.values_list("state", flat=True)) == {State.SENT}
    assert "Nic neuvízlo" in client.get(URL).content.decode()


def test_permissions(client, rows):
    client.force_login(staff_with("view_outgoingemail"))
    assert URL in client.get("/admin/").content.decode()  # in the menu (Nastavení)
    html = client.get(URL).content.decode()
    assert "failed@example.org" in html and "Pokračovat v rozesílání" not in html
    assert client.post(f"{URL}pokracovat/").status_code in (302, 403)
    assert OutgoingEmail.objects.get(pk=rows["failed"].pk).state == State.FAILED
    client.force_login(staff_with())
    assert client.get(URL).status_code in (302, 403)
    assert URL not in client.get("/admin/").content.decode()
