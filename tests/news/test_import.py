from datetime import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from kpss_pages.core.models import OutgoingEmail
from kpss_pages.news.importing import import_subscribers
from kpss_pages.news.models import Subscriber

CSV = (
    "E-mail;Datum souhlasu;Zdroj souhlasu\n"
    "jana@example.org;2. 8. 2021;Formulář na starém webu obce Kopřivnice\n"
    "petr@example.org;;\n"
    "neni-adresa;1. 1. 2020;web\n"
    "jana@example.org;3. 3. 2022;web\n"
    "eva@example.org;31. 2. 2020;web\n"
    "olga@example.org;1. 1. 2020;\n"
    "stary@example.org;1. 1. 2020;web\n"
)


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1250"])
def test_import_with_consent_confirms_without_consent_invites_and_reports_the_rest(
    encoding, django_capture_on_commit_callbacks
):
    Subscriber.objects.create(email="stary@example.org", confirmed_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=False):
        report = import_subscribers(CSV.encode(encoding))
    jana = Subscriber.objects.get(email="jana@example.org")
    assert jana.is_confirmed and jana.consent_source == "Formulář na starém webu obce Kopřivnice"
    assert timezone.localtime(jana.consent_at).date() == datetime(2021, 8, 2).date()
    petr = Subscriber.objects.get(email="petr@example.org")
    assert not petr.is_confirmed and petr.consent_at is None
    assert OutgoingEmail.objects.get().to == "petr@example.org"  # the double opt-in e-mail
    assert OutgoingEmail.objects.get().kind == OutgoingEmail.Kind.SUBSCRIPTION_CONFIRM
    assert (report.confirmed, report.invited) == (1, 1)
    errors = {line: message for line, _email, message, _ok in report.errors}
    assert errors == {
        4: "Neplatná e-mailová adresa.",
        5: "Adresa je v souboru víckrát.",
        6: "Neznámé datum „31. 2. 2020“; použijte např. 2. 8. 2024.",
        7: "Souhlas potřebuje datum i zdroj.",
        8: "Adresa už odebírá; ponechána beze změny.",
    }
    assert Subscriber.objects.count() == 3


@pytest.mark.django_db
def test_import_comma_separated_dry_run_and_command(tmp_path, capsys):
    path = tmp_path / "odberatele.csv"
    path.write_text("a@example.org,2024-05-01,starý web\nb@example.org,,\n", encoding="utf-8")
    call_command("import_subscribers", str(path), "--dry-run")
    assert Subscriber.objects.count() == 0
    assert "Potvrzených se souhlasem: 1, k potvrzení e-mailem: 1, chyb: 0" in (
        capsys.readouterr().out
    )
    call_command("import_subscribers", str(path))
    assert Subscriber.objects.filter(confirmed_at__isnull=False).count() == 1
    assert Subscriber.objects.count() == 2


@pytest.mark.django_db
def test_import_writes_nothing_when_a_write_fails(monkeypatch):
    import kpss_pages.news.importing as importing

    def broken(subscriber):
        raise RuntimeError("outbox down")

    monkeypatch.setattr(importing, "queue_confirmation", broken)
    with pytest.raises(RuntimeError):
        import_subscribers(b"a@example.org;1. 1. 2020;web\nb@example.org;;\n")
    assert Subscriber.objects.count() == 0


@pytest.mark.django_db
def test_admin_import_screen_reports_per_row_and_needs_permission(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import UserFactory

    url = "/admin/zpravodaj/import-odberatelu/"
    client.force_login(UserFactory(username="bezprav", is_staff=True))
    assert client.get(url).status_code in (302, 403)
    client.force_login(UserFactory(username="spravce", is_superuser=True, is_staff=True))
    data = "e-mail;datum;zdroj\na@example.org;1. 1. 2020;starý web\nšpatně;;\n".encode("cp1250")
    page = client.post(
        url, {"file": SimpleUploadedFile("o.csv", data), "dry_run": "on"}
    ).content.decode()
    assert "Neplatná e-mailová adresa." in page and "nic neuloženo" in page
    assert Subscriber.objects.count() == 0
    page = client.post(url, {"file": SimpleUploadedFile("o.csv", data)}).content.decode()
    assert "Potvrzených s dřívějším souhlasem: 1" in page
    assert Subscriber.objects.get().consent_source == "starý web"


UNREADABLE = (
    "Soubor nelze přečíst jako text v kódování UTF-8 ani Windows-1250 (není to tabulka, "
    "nebo text v jiném kódování?). Uložte jej jako CSV v kódování UTF-8 a nahrajte znovu."
)
UNREADABLE_FILES = {
    # Excel's "Unicode text" saved without its byte order mark
    "utf-16-without-bom": "a@example.org;1. 1. 2020;web\n".encode("utf-16-le"),
    # an XLSX workbook (a ZIP archive) instead of its CSV export
    "xlsx": b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml",
    # neither UTF-8 nor Windows-1250 (0x98 is undefined there)
    "unknown-encoding": b"a@example.org;1. 1. 2020;web \x98\x81\n",
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(UNREADABLE_FILES))
def test_unreadable_file_gives_a_czech_message_from_the_command_and_the_admin(
    name, tmp_path, client
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management.base import CommandError

    from tests.factories import UserFactory

    data = UNREADABLE_FILES[name]
    path = tmp_path / "odberatele.csv"
    path.write_bytes(data)
    with pytest.raises(CommandError) as raised:
        call_command("import_subscribers", str(path))
    assert str(raised.value) == UNREADABLE
    client.force_login(UserFactory(username="spravce", is_superuser=True, is_staff=True))
    response = client.post(
        "/admin/zpravodaj/import-odberatelu/", {"file": SimpleUploadedFile("o.csv", data)}
    )
    assert response.status_code == 200
    assert UNREADABLE in response.content.decode()
    assert Subscriber.objects.count() == 0 and OutgoingEmail.objects.count() == 0


@pytest.mark.django_db
def test_broken_csv_and_missing_file_give_czech_messages(tmp_path):
    from django.core.management.base import CommandError

    from kpss_pages.news.importing import UnreadableFile

    unclosed = b'a@example.org;1. 1. 2020;"web\n' + b"x" * 200_000
    with pytest.raises(UnreadableFile, match="Soubor není platné CSV"):
        import_subscribers(unclosed)
    with pytest.raises(CommandError, match="Soubor .*neexistuje"):
        call_command("import_subscribers", str(tmp_path / "neni.csv"))
    assert Subscriber.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["cp1250", "utf-16"])
def test_czech_excel_files_are_read_correctly_from_the_command_and_the_admin(
    encoding, tmp_path, client, capsys
):
    """Czech Excel's CSV is Windows-1250; its "Unicode text" is UTF-16 with tabs."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import UserFactory

    delimiter = "\t" if encoding == "utf-16" else ";"
    rows = [
        ["E-mail", "Datum souhlasu", "Zdroj souhlasu"],
        ["zofie@example.org", "2. 8. 2021", "Přihláška na úřadě – Žďár"],
        ["radek@example.org", "", ""],
    ]
    data = "\r\n".join(delimiter.join(row) for row in rows).encode(encoding)
    path = tmp_path / "odberatele.csv"
    path.write_bytes(data)
    call_command("import_subscribers", str(path), "--dry-run")
    assert "Potvrzených se souhlasem: 1, k potvrzení e-mailem: 1, chyb: 0" in (
        capsys.readouterr().out
    )
    client.force_login(UserFactory(username="spravce", is_superuser=True, is_staff=True))
    page = client.post(
        "/admin/zpravodaj/import-odberatelu/", {"file": SimpleUploadedFile("o.csv", data)}
    ).content.decode()
    assert "Potvrzených s dřívějším souhlasem: 1" in page
    assert Subscriber.objects.get(email="zofie@example.org").consent_source == (
        "Přihláška na úřadě – Žďár"
    )
    assert not Subscriber.objects.get(email="radek@example.org").is_confirmed


RACE_CSV = (
    "E-mail;Datum souhlasu;Zdroj souhlasu\n"
    "jana@example.org;2. 8. 2021;starý web\n"
    "petr@example.org;;\n"
    "olga@example.org;1. 1. 2020;starý web\n"
).encode()


def _subscribe_during_the_import(monkeypatch, *emails):
    """Someone subscribes through the public form after the import has read the existing
    addresses and before it writes (what a parallel request can do)."""
    import kpss_pages.news.importing as importing

    checked = importing.existing_addresses

    def racing():
        found = checked()
        for email in emails:
            Subscriber.objects.create(email=email)
        return found

    monkeypatch.setattr(importing, "existing_addresses", racing)


@pytest.mark.django_db
def test_address_subscribed_during_the_import_is_reported_and_nothing_half_written(
    monkeypatch, django_capture_on_commit_callbacks
):
    _subscribe_during_the_import(monkeypatch, "petr@example.org", "olga@example.org")
    with django_capture_on_commit_callbacks(execute=False):
        report = import_subscribers(RACE_CSV)
    messages = {email: message for _line, email, message, _ok in report.rows}
    assert messages == {
        "jana@example.org": "Importováno jako potvrzený odběr (dřívější souhlas).",
        "petr@example.org": "Adresa už odebírá; ponechána beze změny.",
        "olga@example.org": "Adresa už odebírá; ponechána beze změny.",
    }
    assert (report.confirmed, report.invited, len(report.errors)) == (1, 0, 2)
    # The parallel subscriptions are left as they were: no consent, no second e-mail.
    olga = Subscriber.objects.get(email="olga@example.org")
    assert olga.consent_at is None and not olga.is_confirmed
    assert not OutgoingEmail.objects.exists()
    assert Subscriber.objects.count() == 3


@pytest.mark.django_db
def test_admin_import_reports_a_parallel_subscription_instead_of_failing(monkeypatch, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import UserFactory

    _subscribe_during_the_import(monkeypatch, "petr@example.org")
    client.force_login(UserFactory(username="spravce", is_superuser=True, is_staff=True))
    response = client.post(
        "/admin/zpravodaj/import-odberatelu/", {"file": SimpleUploadedFile("o.csv", RACE_CSV)}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Adresa už odebírá; ponechána beze změny." in page
    assert "Potvrzených s dřívějším souhlasem: 2, k potvrzení e-mailem: 0" in page
    assert set(Subscriber.objects.values_list("email", flat=True)) == {
        "jana@example.org",
        "petr@example.org",
        "olga@example.org",
    }
    assert not OutgoingEmail.objects.filter(to="petr@example.org").exists()


@pytest.mark.django_db
def test_subscriber_listing_links_the_import_for_those_who_may_add(client):
    from django.contrib.auth.models import Group, Permission

    from tests.factories import UserFactory

    listing_url = "/admin/snippets/kpss_news/subscriber/"
    import_url = "/admin/zpravodaj/import-odberatelu/"
    staff = UserFactory(username="redakce", is_staff=True)
    group = Group.objects.create(name="Zpravodaj")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_subscriber"),
    )
    staff.groups.add(group)
    client.force_login(staff)
    listing = client.get(listing_url)
    assert listing.status_code == 200
    assert f'href="{import_url}"' not in listing.content.decode()
    assert client.get(import_url).status_code in (302, 403)
    group.permissions.add(Permission.objects.get(codename="add_subscriber"))
    staff = type(staff).objects.get(pk=staff.pk)  # permissions are cached per user object
    client.force_login(staff)
    listing = client.get(listing_url).content.decode()
    assert f'href="{import_url}"' in listing and "Import z CSV" in listing
    screen = client.get(import_url)
    assert screen.status_code == 200
    assert "Import odběratelů" in screen.content.decode()


@pytest.mark.django_db
def test_subscriber_admin_shows_the_imported_consent(client):
    from tests.factories import UserFactory

    import_subscribers(
        "a@example.org;2. 8. 2021;Formulář na starém webu\nb@example.org;;\n".encode()
    )
    imported = Subscriber.objects.get(email="a@example.org")
    invited = Subscriber.objects.get(email="b@example.org")
    client.force_login(UserFactory(username="spravce", is_superuser=True, is_staff=True))
    base = "/admin/snippets/kpss_news/subscriber/"
    listing = client.get(base).content.decode()
    assert "Dřívější souhlas" in listing
    assert "2. 8. 2021, Formulář na starém webu" in listing
    inspect = client.get(f"{base}inspect/{imported.pk}/").content.decode()
    assert "2. 8. 2021" in inspect and "Formulář na starém webu" in inspect
    assert "Zdroj dřívějšího souhlasu" in inspect
    without = " ".join(client.get(f"{base}inspect/{invited.pk}/").content.decode().split())
    assert "<dt>Dřívější souhlas udělen</dt> <dd> — </dd>" in without
    assert "<dt>Zdroj dřívějšího souhlasu</dt> <dd> — </dd>" in without
    export = client.get(base, {"export": "csv"})
    body = b"".join(export.streaming_content).decode()
    header, *rows = body.lstrip("\ufeff").splitlines()
    assert header.endswith(";Dřívější souhlas udělen;Zdroj dřívějšího souhlasu")
    assert any(
        row.startswith("a@example.org;") and "Formulář na starém webu" in row for row in rows
    )
    edit = client.get(f"{base}edit/{imported.pk}/").content.decode()
    assert "2. 8. 2021" in edit and "Formulář na starém webu" in edit
    assert 'name="consent_source"' not in edit and 'name="consent_at"' not in edit
    # Saving the edit form keeps the consent (it is shown, not a field of the form).
    response = client.post(
        f"{base}edit/{imported.pk}/",
        {"email": "a@example.org", "all_news": "on", "confirmed_at": "2021-08-02 10:00"},
    )
    assert response.status_code == 302
    imported.refresh_from_db()
    assert imported.consent_source == "Formulář na starém webu" and imported.consent_at
