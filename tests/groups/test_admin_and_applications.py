"""Membership applications and the organisers' admin: registrations, CSV, delete guard."""

import csv
import io

import pytest
from django.core import mail

from kpss_pages.groups import registration as registration_logic
from kpss_pages.groups.models import GroupMember, MeetingPage, MembershipApplication, Registration

from .conftest import make_meeting

pytestmark = pytest.mark.django_db

APPLICATION = {
    "name": "Božena Zájemcová",
    "email": "bozena@example.org",
    "organisation": "Spolek Vlčina",
    "category": "user",
    "motivation": "Pečuji o maminku.",
    "public_name_consent": "on",
    "consent": "on",
    "website": "",
}


def apply(client, committed, group, **overrides):
    return committed(client.post, group.url + "prihlaska/", {**APPLICATION, **overrides})


def test_application_is_stored_and_confirmed_by_email(client, committed, group):
    group.contact_email = "vedouci@example.org"
    group.save_revision().publish()
    response = apply(client, committed, group)
    assert response.status_code == 302
    application = MembershipApplication.objects.get()
    assert application.group.pk == group.pk and application.category == "user"
    assert sorted(m.to[0] for m in mail.outbox) == ["bozena@example.org", "vedouci@example.org"]
    page = client.get(response["Location"])
    assert "přihláška byla odeslána" in page.content.decode()


def test_application_errors_keep_input(client, committed, group):
    response = apply(client, committed, group, category="", consent="", email="x")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Pečuji o maminku." in html and 'value="Božena Zájemcová"' in html
    assert "Bez souhlasu nemůžeme přihlášku zpracovat" in html
    assert not MembershipApplication.objects.exists()
    bot = apply(client, committed, group, website="spam")
    assert bot.status_code == 302 and not MembershipApplication.objects.exists()


def test_coordinator_invites_then_approves_creating_member(admin_client, client, committed, group):
    meeting = make_meeting(group)
    apply(client, committed, group)
    application = MembershipApplication.objects.get()
    mail.outbox.clear()
    edit_url = f"/admin/kpss-groups/applications/edit/{application.pk}/"
    assert admin_client.get(edit_url).status_code == 200
    response = committed(
        admin_client.post,
        edit_url,
        {"action": "invite", "invited_to": "", "coordinator_note": "Těšíme se."},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "invited"
    assert application.invited_to_id == meeting.pk  # the group's next meeting
    assert "Pozvánka" in mail.outbox[-1].subject and "Těšíme se." in mail.outbox[-1].body
    committed(
        admin_client.post,
        edit_url,
        {"action": "approve", "invited_to": meeting.pk, "coordinator_note": ""},
    )
    application.refresh_from_db()
    assert application.status == "approved"
    member = GroupMember.objects.get(group=group, name="Božena Zájemcová")
    assert application.member == member
    assert member.category == "user" and member.public_name_consent
    assert "Vítejte" in mail.outbox[-1].subject
    # The member survives the next publish of the group page (created through a revision).
    group.refresh_from_db()
    group.get_latest_revision_as_object().save_revision().publish()
    assert GroupMember.objects.filter(group=group, name="Božena Zájemcová").exists()
    assert "Božena Zájemcová" in client.get(group.url).content.decode()


def test_application_edit_screen_shows_the_applicants_details(admin_client, group):
    application = MembershipApplication.objects.create(
        group=group,
        name="Božena Zájemcová",
        email="bozena@example.org",
        organisation="Spolek Vlčina",
        category="user",
        motivation="Pečuji o maminku.\nChci pomoci.",
        public_name_consent=True,
    )
    response = admin_client.get(f"/admin/kpss-groups/applications/edit/{application.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    details = html[html.index('id="applicant-details-heading"') : html.index('id="w-editor-form"')]
    assert 'id="applicant-details-heading">Údaje o žádosti</h2>' in html
    for expected in (
        group.title,
        "Božena Zájemcová",
        "bozena@example.org",
        "Spolek Vlčina",
        "Uživatel sociálních služeb",  # the stakeholder category
        "Pečuji o maminku.<br>Chci pomoci.",
        "<dt>Souhlasí se zveřejněním jména</dt>\n        <dd>Ano</dd>",
        "<dt>Stav</dt>\n        <dd>Nová</dd>",
    ):
        assert expected in details, expected
    assert 'name="action"' in html  # the actions right below the details
    application.public_name_consent = False
    application.save()
    html = admin_client.get(f"/admin/kpss-groups/applications/edit/{application.pk}/")
    assert "<dd>Ne</dd>" in html.content.decode()


def test_coordinator_declines(admin_client, client, committed, group):
    apply(client, committed, group)
    application = MembershipApplication.objects.get()
    committed(
        admin_client.post,
        f"/admin/kpss-groups/applications/edit/{application.pk}/",
        {"action": "decline", "coordinator_note": ""},
    )
    application.refresh_from_db()
    assert application.status == "declined"
    assert not GroupMember.objects.filter(name="Božena Zájemcová").exists()
    assert "přihláška" in mail.outbox[-1].subject.lower()


def test_registrations_listing_csv_export(admin_client, meeting):
    registration_logic.register(
        meeting, name="Eva Zvídavá", email="eva@example.org", organisation="Klub"
    )
    registration_logic.register(meeting, name="Jiří Aktivní", email="jiri@example.org")
    listing = admin_client.get("/admin/kpss-groups/registrations/", {"meeting": meeting.pk})
    assert "Eva Zvídavá" in listing.content.decode()
    export = admin_client.get("/admin/kpss-groups/registrations/", {"export": "csv"})
    assert export.status_code == 200
    content = (
        b"".join(export.streaming_content).decode("utf-8-sig")
        if export.streaming
        else export.content.decode("utf-8-sig")
    )
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert len(rows) == 3
    assert any("eva@example.org" in row for row in rows)


def test_registrations_show_and_filter_the_state_of_their_email(admin_client, meeting, settings):
    """The e-mail column comes from the outbox (the registration's latest e-mail)."""
    from kpss_pages.core.mail.delivery import deliver_due

    registration_logic.register(meeting, name="Eva Doručená", email="eva@example.org")
    deliver_due()
    settings.EMAIL_BACKEND = "tests.mail_backends.DownBackend"
    settings.KPSS_EMAIL_MAX_ATTEMPTS = 1
    registration_logic.register(meeting, name="Jan Nedoručený", email="jan@example.org")
    deliver_due()
    registration_logic.register(meeting, name="Bez Adresy", email="", staff=True)
    url = "/admin/kpss-groups/registrations/"
    html = admin_client.get(url).content.decode()
    assert "Stav e-mailu" in html
    assert "Odesláno" in html and "Odeslání selhalo" in html and "Bez e-mailu" in html
    failed = admin_client.get(url, {"email_status": "failed"}).content.decode()
    assert "Jan Nedoručený" in failed and "Eva Doručená" not in failed
    sent = admin_client.get(url, {"email_status": "sent"}).content.decode()
    assert "Eva Doručená" in sent and "Jan Nedoručený" not in sent


def test_organiser_adds_person_by_hand_with_seat_logic(admin_client, committed, meeting):
    for n in range(2):
        registration_logic.register(meeting, name=f"P{n}", email=f"p{n}@example.org")
    response = committed(
        admin_client.post,
        "/admin/kpss-groups/registrations/new/",
        {
            "meeting": meeting.pk,
            "name": "Ručně Přidaný",
            "email": "",
            "organisation": "",
            "note": "telefonicky",
        },
    )
    assert response.status_code == 302
    added = Registration.objects.get(name="Ručně Přidaný")
    assert added.added_by_staff and added.status == "waitlist"


def test_deleting_meeting_with_registrations_needs_confirmation(admin_client, meeting):
    registration_logic.register(meeting, name="Eva", email="eva@example.org")
    url = f"/admin/pages/{meeting.pk}/delete/"
    page = admin_client.get(url)
    assert "Ano, smazat setkání i s přihláškami" in page.content.decode()
    admin_client.post(url, {})
    assert MeetingPage.objects.filter(pk=meeting.pk).exists()
    admin_client.post(url, {"confirm_registrations": "yes"})
    assert not MeetingPage.objects.filter(pk=meeting.pk).exists()


def test_meeting_without_registrations_uses_normal_delete(admin_client, meeting):
    page = admin_client.get(f"/admin/pages/{meeting.pk}/delete/")
    assert "Ano, smazat setkání i s přihláškami" not in page.content.decode()


def test_meeting_edit_page_links_to_its_registrations(admin_client, meeting):
    html = admin_client.get(f"/admin/pages/{meeting.pk}/edit/").content.decode()
    assert f"/admin/kpss-groups/registrations/?meeting={meeting.pk}" in html


def test_bulk_delete_of_meetings_with_registrations_needs_confirmation(admin_client, meeting):
    registration_logic.register(meeting, name="Eva", email="eva@example.org")
    parent = meeting.get_parent()
    url = f"/admin/bulk/wagtailcore/page/delete/?id={meeting.pk}&childOf={parent.pk}"
    response = admin_client.post(url, {})
    assert "Ano, smazat setkání i s přihláškami" in response.content.decode()
    assert MeetingPage.objects.filter(pk=meeting.pk).exists()
    admin_client.post(url, {"confirm_registrations": "yes"})
    assert not MeetingPage.objects.filter(pk=meeting.pk).exists()


def test_deleting_the_group_above_registered_meetings_also_asks(admin_client, meeting):
    registration_logic.register(meeting, name="Eva", email="eva@example.org")
    group = meeting.get_parent()
    page = admin_client.get(f"/admin/pages/{group.pk}/delete/")
    assert "Ano, smazat setkání i s přihláškami" in page.content.decode()


def test_application_email_failure_keeps_application_and_is_retried(
    client, committed, group, settings
):
    """Both e-mails of a new application (to the applicant and the notice to the group)
    wait in the outbox when the server is down, and go out on the next run."""
    from django.core.management import call_command
    from django.utils import timezone

    from kpss_pages.core.models import OutgoingEmail

    group.contact_email = "vedouci@example.org"
    group.save_revision().publish()
    settings.EMAIL_BACKEND = "tests.mail_backends.DownBackend"
    assert apply(client, committed, group).status_code == 302
    application = MembershipApplication.objects.get()
    rows = OutgoingEmail.objects.filter(membership_application=application)
    assert sorted(rows.values_list("kind", "state")) == [
        ("application_notice", "pending"),
        ("application_received", "pending"),
    ]
    assert all(row.attempts <= 1 and "SMTP down" in row.last_error for row in rows if row.attempts)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    rows.update(next_attempt_at=timezone.now())
    committed(call_command, "send_queued_emails")
    assert sorted(m.to[0] for m in mail.outbox) == ["bozena@example.org", "vedouci@example.org"]
    assert set(rows.values_list("state", flat=True)) == {"sent"}


def test_admin_screens_render(admin_client, group, meeting, committed, client):
    apply(client, committed, group)
    application = MembershipApplication.objects.get()
    index = group.get_parent()
    for url in (
        f"/admin/pages/add/kpss_groups/workinggrouppage/{index.pk}/",
        f"/admin/pages/add/kpss_groups/meetingpage/{group.pk}/",
        f"/admin/pages/{group.pk}/edit/",
        f"/admin/pages/{meeting.pk}/edit/",
        "/admin/kpss-groups/registrations/",
        "/admin/kpss-groups/registrations/new/",
        "/admin/kpss-groups/applications/",
        f"/admin/kpss-groups/applications/inspect/{application.pk}/",
        "/admin/kpss-groups/series/",
    ):
        assert admin_client.get(url).status_code == 200, url


def test_editor_creates_meeting_in_admin_and_bad_times_are_refused(admin_client, group):
    url = f"/admin/pages/add/kpss_groups/meetingpage/{group.pk}/"
    data = {
        "title": "Mimořádné setkání",
        "slug": "mimoradne",
        "start": "2031-05-02 09:00",
        "end": "2031-05-02 08:00",
        "room": "malá zasedací místnost radnice",
        "address": "Náměstí Míru 1",
        "phase": "other",
        "agenda": (
            '{"blocks":[{"key":"a","text":"Program","type":"unstyled","depth":0,'
            '"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}'
        ),
        "is_public": "on",
        "seat_limit": "10",
        "registration_deadline": "",
        "minutes_document": "",
        "documents-count": "0",
        "cancel_reason": "",
        "action-publish": "1",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Setkání musí skončit až po svém začátku" in response.content.decode()
    data["end"] = "2031-05-02 11:00"
    response = admin_client.post(url, data)
    assert response.status_code == 302
    meeting = MeetingPage.objects.get(slug="mimoradne")
    assert meeting.live and meeting.seat_limit == 10


def test_organiser_cancelling_in_admin_promotes_the_waitlist(admin_client, committed, meeting):
    people = [
        registration_logic.register(meeting, name=f"P{n}", email=f"p{n}@example.org")
        for n in range(3)
    ]
    assert people[2].status == "waitlist"
    url = f"/admin/kpss-groups/registrations/edit/{people[0].pk}/"
    data = {
        "meeting": meeting.pk,
        "name": "P0",
        "email": "p0@example.org",
        "organisation": "",
        "note": "",
        "status": "cancelled",
    }
    assert committed(admin_client.post, url, data).status_code == 302
    people[2].refresh_from_db()
    assert people[2].status == "confirmed"
    assert mail.outbox[-1].to == ["p2@example.org"]
